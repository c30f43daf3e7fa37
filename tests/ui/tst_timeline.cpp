// Time travel in the desktop lab: with the cursor on an earlier round, the run shows that round's state (the hash, the
// agents, the inspector's table, the deal network as of it and the round's own messages), exactly what a straight
// run has at that round, while the run itself stays where it is; the timeline's keys move the cursor and Live follows
// the newest round again; the charts mark events and the cursor; the message log shows the past round. Run files
// open, replay and verify (or say where they differ), a malformed one changes nothing, and a saved run verifies.
#include "builtinscenarios.h"
#include "chartspanel.h"
#include "comparewindow.h"
#include "controllertesting.h"
#include "dealgraphview.h"
#include "dealnetwork.h"
#include "eventsmodel.h"
#include "forkdialog.h"
#include "kindeditor.h"
#include "messagefilterproxy.h"
#include "messagelogdock.h"
#include "messagelogmodel.h"
#include "roundmarkers.h"
#include "run.h"
#include "runfileactions.h"
#include "scenariodocument.h"
#include "simulationcontroller.h"
#include "timeline.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QValueAxis>

using namespace haggle;
using namespace haggle::ui;

using haggle::ui::testing::startOver;
using haggle::ui::testing::step;

namespace {

// The run starts over as a branch of `base` at `round` under `edited`, and has replayed to the fork.
bool startFork(Run& branch, const Scenario& base, int round, const Scenario& edited)
{
    QSignalSpy started(&branch, &Run::startedOver);
    branch.fork(base, round, edited);
    return started.wait(30000) && QTest::qWaitFor([&] { return branch.newestRound() == round; }, 30000);
}

// The cursor on `round`, and the worker's answer taken in.
bool seek(Run& run, int round)
{
    QSignalSpy shown(&run, &Run::shownChanged);
    run.setCursor(round);
    return QTest::qWaitFor([&] { return run.showsPast() && run.shown().round == round; }, 30000);
}

// The trust-fall market with a cheater injected at round 12 and a price shock over rounds 5-8.
Scenario eventful()
{
    Scenario s = lab::builtinScenario("trust-fall-always");
    s.rounds = 40;
    s.events.push_back(strategyEvent(12, s.agents[1].id, { "cheater", { { "cheat_probability", 1.0 } }, 0.3 }));
    s.events.push_back(scenarioEvent("price-shock", 5, 8, {}, { { "gpu", 2.0 } }));
    return s;
}

// What a straight run has after `round` rounds, and in that round.
struct Straight {
    std::uint64_t hash = 0;
    std::vector<double> netWorth;
    std::vector<std::pair<AgentIndex, double>> table; // agent 0's
    lab::DealNetwork network;
    std::vector<Message> messages; // round `round`'s
};

Straight straightRun(const Scenario& scenario, int round)
{
    Straight out;
    auto run = makeRun(scenario);
    out.network.reset(run->agentCount());
    while (run->round() < round) {
        run->step();
        out.network.add(run->lastEvents().deals);
    }
    out.hash = run->stateHash();
    for (AgentIndex i = 0; i < run->agentCount(); ++i)
        out.netWorth.push_back(run->agentStatus(i).netWorth);
    out.table = run->reputationTable(0);
    out.messages = run->lastEvents().messages;
    return out;
}

// Run file actions on a run and a document of the test's, errors collected.
struct RunFiles {
    ScenarioDocument doc;
    Run run;
    QStringList errors;
    RunFileActions actions { nullptr, &doc,
        { [this] { return &run; }, [this] { run.reset(doc.scenario()); },
            [this](const QString& title, const QString& text) { errors << title + u'|' + text; } } };
};

} // namespace

class TestTimeline : public QObject {
    Q_OBJECT

private slots:
    void aPastRoundIsTheStraightRunsRound()
    {
        const Scenario s = eventful();
        Run run;
        run.setFocus(0);
        QVERIFY(startOver(run, s));
        QVERIFY(step(run, 30));
        for (int round : { 3, 6, 12, 13, 29 }) {
            QVERIFY(seek(run, round));
            const Straight truth = straightRun(s, round);
            const SimulationSnapshot& shown = run.shown();
            QVERIFY(run.pastError().isEmpty());
            QCOMPARE(shown.stateHash, truth.hash);
            QCOMPARE(shown.agents.size(), truth.netWorth.size());
            for (std::size_t i = 0; i < truth.netWorth.size(); ++i)
                QCOMPARE(shown.agents[i].netWorth, truth.netWorth[i]);
            QCOMPARE(shown.focus.agent, 0);
            QVERIFY(shown.focus.reputationTable == truth.table);
            QVERIFY(run.shownNetwork().edges() == truth.network.edges() || [&] {
                // The network's volumes are rebuilt from units: compare what the graph draws.
                const auto& a = run.shownNetwork().edges();
                const auto& b = truth.network.edges();
                if (a.size() != b.size())
                    return false;
                for (std::size_t k = 0; k < a.size(); ++k) {
                    if (a[k].a != b[k].a || a[k].b != b[k].b || a[k].deals != b[k].deals
                        || a[k].defaults != b[k].defaults || a[k].lastRound != b[k].lastRound)
                        return false;
                }
                return true;
            }());
            QCOMPARE(shown.newMessages.size(), truth.messages.size());
            for (std::size_t k = 0; k < truth.messages.size(); ++k) {
                QCOMPARE(shown.newMessages[k].round, round);
                QVERIFY(shown.newMessages[k].message == truth.messages[k]);
            }
            // The run itself stays where it is.
            QCOMPARE(run.newestRound(), 30);
            QCOMPARE(run.latest().round, 30);
        }
        // Playing on leaves the cursor where it is; Live follows again.
        QVERIFY(step(run, 5));
        QCOMPARE(run.cursor(), 29);
        QVERIFY(run.showsPast());
        QSignalSpy shown(&run, &Run::shownChanged);
        run.setCursor(run.newestRound());
        QVERIFY(run.followsNewest());
        QVERIFY(!run.showsPast());
        QCOMPARE(shown.count(), 1);
        QCOMPARE(run.shown().round, 35);
    }

    void roundZeroIsTheStart()
    {
        Run run;
        QVERIFY(startOver(run, eventful()));
        QVERIFY(step(run, 10));
        QVERIFY(seek(run, 0));
        QVERIFY(run.shownNetwork().edges().empty());
        QVERIFY(run.shown().newMessages.empty());
        QCOMPARE(run.shown().stateHash, makeRun(eventful())->stateHash());
    }

    void theTimelinesKeysMoveTheCursor()
    {
        Run run;
        Timeline timeline;
        timeline.setRun(&run);
        QVERIFY(startOver(run, eventful()));
        QVERIFY(step(run, 25));
        QCOMPARE(timeline.slider()->maximum(), 25);
        QCOMPARE(timeline.slider()->value(), 25);
        QVERIFY(timeline.status()->text().startsWith(QStringLiteral("Live")));
        timeline.slider()->setFocus();
        QTest::keyClick(timeline.slider(), Qt::Key_Left);
        QCOMPARE(run.cursor(), 24);
        QTest::keyClick(timeline.slider(), Qt::Key_PageDown); // a slider's Page Down goes back a page
        QCOMPARE(run.cursor(), 14);
        QTest::keyClick(timeline.slider(), Qt::Key_Home);
        QCOMPARE(run.cursor(), 0);
        timeline.stepBy(7);
        QCOMPARE(run.cursor(), 7);
        // Answers to the rounds passed on the way (24, 14, 0) may arrive first: wait for round 7's.
        QVERIFY(QTest::qWaitFor([&] { return run.showsPast() && run.shown().round == 7; }, 30000));
        QCOMPARE(timeline.slider()->value(), 7);
        QVERIFY(timeline.status()->text().startsWith(QStringLiteral("Round 7 of 25")));
        timeline.goLive();
        QVERIFY(run.followsNewest());
        QCOMPARE(timeline.slider()->value(), 25);
        // The events are marked: the injection and the shock.
        QCOMPARE(timeline.strip()->marks().size(), std::size_t(2));
    }

    void chartsMarkEventsAndTheCursor()
    {
        Run run;
        ChartsPanel charts;
        charts.resize(900, 700);
        charts.setRun(&run);
        QVERIFY(startOver(run, eventful()));
        QVERIFY(step(run, 20));
        charts.refresh();
        const RoundMarkers* price = charts.markers(QStringLiteral("price-per-round"));
        QVERIFY(price);
        QVERIFY(price->applies());
        QCOMPARE(charts.cursorRound(), -1);
        charts.setCursorRound(9);
        QCOMPARE(charts.cursorRound(), 9);
    }

    void theMessageLogShowsThePastRound()
    {
        Run run;
        MessageLogDock log;
        log.setRun(&run);
        QVERIFY(startOver(run, eventful()));
        QVERIFY(step(run, 20));
        const auto live = log.model()->rowCount();
        QVERIFY(seek(run, 4));
        const Straight truth = straightRun(eventful(), 4);
        QCOMPARE(log.proxy()->rowCount(), qsizetype(truth.messages.size()));
        run.setCursor(run.newestRound());
        QCOMPARE(log.proxy()->sourceModel(), log.model());
        QCOMPARE(log.model()->rowCount(), live);
    }

    // A branch started from round 20 of the run with Alice turning cheater at 25 too: the same rounds up to 24 (state
    // hashes), its own from 25, and its timeline seeks either side of the fork.
    void aForkBranchesAtItsRound()
    {
        const Scenario base = eventful();
        Scenario edited = base;
        edited.events.push_back(
            strategyEvent(25, base.agents[0].id, { "cheater", { { "cheat_probability", 1.0 } }, 0.3 }));
        const auto straight = makeRun(base);
        std::vector<std::uint64_t> original;
        while (straight->round() < 30) {
            straight->step();
            original.push_back(straight->stateHash());
        }
        Run branch;
        std::vector<std::uint64_t> hashes;
        branch.controller()->setRecordStateHashes(true);
        connect(&branch, &Run::snapshotChanged, this, [&](const SimulationSnapshot& s) {
            hashes.insert(hashes.end(), s.newStateHashes.begin(), s.newStateHashes.end());
        });
        QVERIFY(startFork(branch, base, 20, edited));
        QCOMPARE(branch.forkRound(), 20);
        QVERIFY(branch.scenario() == edited);
        QVERIFY(step(branch, 10));
        QCOMPARE(hashes.size(), std::size_t(30));
        for (std::size_t r = 0; r < 24; ++r)
            QCOMPARE(hashes[r], original[r]);
        QVERIFY(hashes[24] != original[24]);
        QVERIFY(seek(branch, 18));
        QCOMPARE(branch.shown().stateHash, original[17]);
        QVERIFY(seek(branch, 27));
        QCOMPARE(branch.shown().stateHash, hashes[26]);
        QVERIFY(branch.pastError().isEmpty());
    }

    // The fork dialog edits what a fork can continue under, and refuses what it cannot run, naming it.
    void theForkDialogEditsTheBranch()
    {
        const Scenario base = eventful();
        ForkDialog dialog(base, 20);
        QVERIFY(dialog.edited() == base); // nothing changed yet
        dialog.addEvent();
        QCOMPARE(dialog.edited().events.size(), base.events.size() + 1);
        QCOMPARE(dialog.edited().events.back().round, 21);
        QCOMPARE(dialog.edited().events.back().strategy.type, std::string("cheater"));
        // A strategy changed from the fork on.
        auto* combo = qobject_cast<QComboBox*>(dialog.strategiesTable()->cellWidget(0, 1));
        QVERIFY(combo);
        combo->setCurrentText(QStringLiteral("greedy"));
        QCOMPARE(dialog.edited().agents[0].strategy.type, std::string("greedy"));
        QVERIFY(dialog.edited().agents[0].strategy.params.empty());
        // Another reputation model.
        dialog.reputationEditor()->chooser()->setCurrentIndex(
            dialog.reputationEditor()->chooser()->findData(QStringLiteral("beta")));
        QCOMPARE(dialog.edited().reputation.model, std::string("beta"));
        auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        // An event the run cannot have (after its last round) is named and blocks the branch.
        QVERIFY(dialog.eventsModel()->setData(
            dialog.eventsModel()->index(int(base.events.size()), EventsModel::RoundColumn), base.rounds + 5));
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog.findChild<QLabel*>(QString(), Qt::FindChildrenRecursively) != nullptr);
        dialog.removeEvent(int(base.events.size()));
        QVERIFY(ok->isEnabled());
        // The edit forks a run: the branch runs under it from round 20.
        Run branch;
        QVERIFY(startFork(branch, base, 20, dialog.edited()));
        QVERIFY(step(branch, 2));
        QCOMPARE(branch.latest().round, 22);
    }

    // The compare view: a chart per run on shared axes, one cursor, the differences by agent, exported with the
    // provenance of every run.
    void theCompareViewSetsRunsSideBySide()
    {
        const Scenario base = eventful();
        Scenario edited = base;
        edited.events.push_back(
            strategyEvent(12, base.agents[0].id, { "cheater", { { "cheat_probability", 1.0 } }, 0.3 }));
        Run original;
        QVERIFY(startOver(original, base));
        QVERIFY(step(original, 40)); // ahead of the branch
        Run branch;
        QVERIFY(startFork(branch, base, 10, edited));
        QVERIFY(step(branch, 5)); // round 15

        CompareWindow compare;
        compare.resize(1000, 700);
        compare.setRuns({ { &original, QStringLiteral("Original") }, { &branch, QStringLiteral("Branch") } });
        QVERIFY(compare.chartKinds().contains(QStringLiteral("reputation")));
        QVERIFY(!compare.chartKinds().contains(QStringLiteral("price-convergence"))); // over deals, not rounds
        compare.setChartKind(QStringLiteral("reputation"));
        compare.show();
        QVERIFY(QTest::qWaitForWindowExposed(&compare));
        compare.refresh();
        QCOMPARE(compare.chartCount(), 2);
        // Shared axes: the same ranges on both charts.
        const auto axis = [&](int i, Qt::Orientation o) {
            return qobject_cast<QValueAxis*>(compare.chartView(i)->chart()->axes(o).front());
        };
        QCOMPARE(axis(0, Qt::Horizontal)->min(), axis(1, Qt::Horizontal)->min());
        QCOMPARE(axis(0, Qt::Horizontal)->max(), axis(1, Qt::Horizontal)->max());
        QCOMPARE(axis(0, Qt::Vertical)->max(), axis(1, Qt::Vertical)->max());
        QCOMPARE(axis(1, Qt::Horizontal)->tickInterval(), axis(0, Qt::Horizontal)->tickInterval()); // the same step
        // The table: every agent, then the market's figures, then the cheaters' isolation rounds (Alice cheats in the
        // branch); the difference columns are branch minus original.
        QTableWidget* table = compare.table();
        QCOMPARE(table->columnCount(), 4);
        const auto rowOf = [table](const QString& label) {
            for (int row = 0; row < table->rowCount(); ++row) {
                if (table->item(row, 0)->text() == label)
                    return row;
            }
            return -1;
        };
        const double a = original.latest().agents[0].netWorth;
        const double b = branch.latest().agents[0].netWorth;
        QCOMPARE(table->item(0, 3)->text(), QString::number(b - a, 'f', 2));
        QVERIFY(a != b); // Alice cheated in the branch
        QCOMPARE(rowOf(QStringLiteral("Deals (all)")), int(base.agents.size()));
        // The mean unit price is over every deal: each round's mean weighted by its deals.
        const int price = rowOf(QStringLiteral("Mean unit price"));
        QVERIFY(price > 0);
        double paid = 0.0, deals = 0.0;
        for (const RoundSummary& r : original.chartData().input().rounds) {
            paid += r.meanUnitPrice.value_or(0.0) * r.deals;
            deals += r.deals;
        }
        QVERIFY(deals > 0);
        QCOMPARE(table->item(price, 1)->text(), QString::number(paid / deals, 'f', 3));
        const int isolation
            = rowOf(QStringLiteral("%1 isolated from round").arg(QString::fromStdString(base.agents[0].id)));
        QVERIFY(isolation > price);
        QVERIFY(table->item(isolation, 1)->text().isEmpty()); // honest in the original: never isolated
        // One cursor on both: the charts' line, and every run's views at that round.
        compare.setCursorRound(15);
        QCOMPARE(original.cursor(), 15);
        QCOMPARE(branch.cursor(), 15);
        QVERIFY(!original.followsNewest());
        QTRY_VERIFY(original.showsPast() && original.shown().round == 15);
        // Every run's deal graph, as of the cursor.
        QVERIFY(compare.chartKinds().size() > 1 && !compare.chartKinds().contains(CompareWindow::DealGraphs));
        compare.setChartKind(CompareWindow::DealGraphs);
        QVERIFY(compare.showsDealGraphs());
        QCOMPARE(compare.chartCount(), 2);
        QCOMPARE(compare.chartView(0), nullptr);
        QVERIFY(compare.dealGraph(0) && compare.dealGraph(1));
        QCOMPARE(compare.dealGraph(1)->agentCount(), int(base.agents.size()));
        QTRY_VERIFY(compare.dealGraph(0)->drawnEdgeCount() > 0);
        QCOMPARE(original.cursor(), 15); // a new view kind keeps the cursor
        compare.setCursorRound(0);
        QVERIFY(original.followsNewest() && branch.followsNewest());
        // Exports.
        QTemporaryDir dir;
        QVERIFY(compare.exportPng(dir.filePath(QStringLiteral("c.png"))));
        const QImage image(dir.filePath(QStringLiteral("c.png")));
        QVERIFY(!image.isNull());
        QCOMPARE(image.text(QStringLiteral("Run-2-Name")), QStringLiteral("Branch"));
        QVERIFY(!image.text(QStringLiteral("Run-2-Scenario-Hash")).isEmpty());
        QVERIFY(compare.exportSvg(dir.filePath(QStringLiteral("c.svg"))));
        QVERIFY(compare.exportCsv(dir.filePath(QStringLiteral("c.csv"))));
        QFile csv(dir.filePath(QStringLiteral("c.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray text = csv.readAll();
        QVERIFY(text.startsWith("# Software: Haggle "));
        QVERIFY(text.contains("\nAgent,Original,Branch,\xce\x94 Branch\n")); // Δ, in UTF-8
        // The original started over: the shared rounds narrow to what the runs hold now.
        compare.setChartKind(QStringLiteral("reputation"));
        const double rounds = axis(0, Qt::Horizontal)->max(); // the original's 40
        QVERIFY(startOver(original, base));
        QVERIFY(step(original, 5));
        compare.refresh();
        QVERIFY(axis(0, Qt::Horizontal)->max() < rounds);
        QCOMPARE(axis(0, Qt::Horizontal)->max(), axis(1, Qt::Horizontal)->max());
    }

    // --- Run files ------------------------------------------------------------------------------------------------

    void aRunFileOpensReplaysAndVerifies()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.haggle-run"));
        const lab::RunFile recorded = lab::recordRun(eventful(), HAGGLE_VERSION, 25);
        lab::saveRunFile(path.toStdString(), recorded);

        RunFiles f;
        auto& [doc, run, errors, actions] = f;
        QSignalSpy verified(&actions, &RunFileActions::verified);
        QVERIFY(actions.openRun(path));
        QVERIFY(verified.wait(30000));
        QVERIFY(errors.isEmpty());
        QCOMPARE(verified.last().at(0).toBool(), true);
        QVERIFY(verified.last().at(1).toString().contains(QStringLiteral("identical, 25 rounds")));
        QCOMPARE(actions.verifiedRounds(), 25);
        QVERIFY(doc.scenario() == recorded.scenario);
        QCOMPARE(run.newestRound(), 25);
        // The run has its timeline: any round of it can be shown.
        QVERIFY(seek(run, 11));
        QCOMPARE(run.shown().stateHash, recorded.hashes[10]);
    }

    void anAlteredRunFileSaysWhereItDiffers()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("altered.haggle-run"));
        lab::RunFile recorded = lab::recordRun(eventful(), HAGGLE_VERSION, 20);
        recorded.hashes[6] ^= 0xff;
        lab::saveRunFile(path.toStdString(), recorded);
        RunFiles f;
        auto& [doc, run, errors, actions] = f;
        QSignalSpy verified(&actions, &RunFileActions::verified);
        QVERIFY(actions.openRun(path));
        QVERIFY(verified.wait(30000));
        QCOMPARE(verified.last().at(0).toBool(), false);
        QCOMPARE(actions.firstDifference(), 7);
        QVERIFY(verified.last().at(1).toString().contains(QStringLiteral("differs at round 7")));
    }

    void aMalformedRunFileChangesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.haggle-run"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "haggle-run", "version": 1, "haggle": "x"})");
        file.close();
        RunFiles f;
        auto& [doc, run, errors, actions] = f;
        doc.loadBuiltin(QStringLiteral("handshake"));
        const Scenario before = doc.scenario();
        QVERIFY(!actions.openRun(path));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.front().contains(QStringLiteral("bad.haggle-run")), qPrintable(errors.front()));
        QVERIFY2(errors.front().contains(QStringLiteral("scenario")), qPrintable(errors.front()));
        QVERIFY(doc.scenario() == before);
    }

    void aSavedRunVerifies()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("saved.haggle-run"));
        RunFiles f;
        auto& [doc, run, errors, actions] = f;
        QVERIFY(!actions.saveRunTo(path)); // no run yet
        QVERIFY(startOver(run, eventful()));
        QVERIFY(step(run, 12));
        QSignalSpy saved(&actions, &RunFileActions::saved);
        QVERIFY(actions.saveRunTo(path));
        QVERIFY(saved.wait(30000));
        const lab::RunFile file = lab::loadRunFile(path.toStdString());
        QCOMPARE(file.rounds(), 12);
        QCOMPARE(file.haggleVersion, std::string(HAGGLE_VERSION));
        QVERIFY(file.scenario == eventful());
        QCOMPARE(file.parts.size(), std::size_t(12));
        QVERIFY(lab::verifyRun(file, HAGGLE_VERSION).identical);
    }
};

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
