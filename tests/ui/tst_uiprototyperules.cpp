// The desktop lab under the prototype rules (docs/prototype-rules.md): a built-in prototype scenario opens, runs to
// the end with the prototype's published numbers and the same per-round state hashes as a headless makeRun(); the
// Scenario dock's Rules box switches a scenario's rules as one undoable edit and the editors follow the rules'
// catalogs; a scenario the other rules cannot run is kept, with its problems listed by JSON path.
#include "agentsdock.h"
#include "agenttablemodel.h"
#include "builtinscenarios.h"
#include "dealgraphview.h"
#include "inspectordock.h"
#include "kindeditor.h"
#include "mainwindow.h"
#include "marketrun.h"
#include "messagelogdock.h"
#include "messagelogmodel.h"
#include "prototype/protocatalog.h"
#include "roundsummarymodel.h"
#include "run.h"
#include "scenariobanner.h"
#include "scenariodock.h"
#include "scenariodocument.h"
#include "simulationcontroller.h"

#include <QAbstractItemDelegate>
#include <QComboBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

using namespace haggle;
using namespace haggle::ui;

namespace {

const QString TrustFall = QStringLiteral("prototype-trust-fall");

void quiet(MainWindow& w)
{
    w.askToSave = [](const QString&) { return QMessageBox::Discard; };
    w.showError = [](const QString&, const QString&) {};
}

bool waitForRound(MainWindow& w, int round, int timeoutMs = 10000)
{
    QSignalSpy spy(w.controller(), &SimulationController::snapshot);
    while (w.controller()->round() != round) {
        if (!spy.wait(timeoutMs))
            return false;
    }
    return true;
}

// Chooses the rules in the dock's box as a user does (the box's activated() signal).
void chooseRules(ScenarioDock* dock, std::string_view rules)
{
    QComboBox* box = dock->rulesBox();
    const int index = box->findData(QString::fromUtf8(rules.data(), qsizetype(rules.size())));
    QVERIFY(index >= 0);
    box->setCurrentIndex(index);
    emit box->activated(index);
}

QStringList strategyChoices(MainWindow& w)
{
    QTableView* view = w.agentsDock()->view();
    const QModelIndex cell = view->model()->index(0, AgentTableModel::StrategyColumn);
    QStyleOptionViewItem option;
    std::unique_ptr<QWidget> editor(view->itemDelegateForIndex(cell)->createEditor(view->viewport(), option, cell));
    auto* combo = qobject_cast<QComboBox*>(editor.get());
    QStringList names;
    if (combo) {
        for (int i = 0; i < combo->count(); ++i)
            names.append(combo->itemData(i).toString());
    }
    return names;
}

} // namespace

class TestPrototypeRules : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void theExamplesListsThePrototypeScenarios()
    {
        MainWindow w;
        quiet(w);
        QStringList examples;
        for (QAction* a : w.findChildren<QAction*>())
            examples.append(a->text());
        for (const char* key : { "prototype-convergence", "prototype-rush-hour", "prototype-trust-fall" }) {
            const Scenario s = lab::builtinScenario(key);
            QCOMPARE(QString::fromStdString(s.rules), QStringLiteral("prototype"));
            QVERIFY2(examples.contains(QString::fromStdString(s.name)), key);
        }
    }

    void trustFallRunsToThePrototypesNumbersWithTheCliHashes()
    {
        MainWindow w;
        quiet(w);
        std::vector<std::uint64_t> hashes;
        bool onePerRound = true;
        connect(w.controller(), &SimulationController::snapshot, this, [&](const SimulationSnapshot& s) {
            onePerRound = onePerRound && s.newStateHashes.size() == s.newRounds.size();
            hashes.insert(hashes.end(), s.newStateHashes.begin(), s.newStateHashes.end());
        });
        w.controller()->setRecordStateHashes(true); // from the next reset on
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(TrustFall);
        QVERIFY(reset.wait(10000));
        const Scenario& scenario = w.controller()->scenario();
        QCOMPARE(QString::fromStdString(scenario.rules), QStringLiteral("prototype"));
        QVERIFY(w.windowTitle().contains(QStringLiteral("(prototype rules)")));
        QCOMPARE(w.runRulesText(), QStringLiteral("Run: Prototype rules"));
        QVERIFY(w.scenarioBanner()->text().contains(QStringLiteral("prototype rules")));
        QCOMPARE(w.scenarioDock()->rulesBox()->currentData().toString(), QStringLiteral("prototype"));

        // Mallory is selected: the inspector's reputation table and deals come from the prototype's run.
        const int mallory = int(*scenario.indexOf("cheater_mallory"));
        w.selectAgent(mallory);
        // A few rounds one at a time, the rest at full speed.
        for (int r = 1; r <= 3; ++r) {
            w.controller()->step(1);
            QVERIFY(waitForRound(w, r));
        }
        w.setSpeed(0);
        w.controller()->run();
        QVERIFY(waitForRound(w, scenario.rounds, 30000));
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller()->isRunning(), 5000);
        QVERIFY(w.controller()->isFinished());

        // The prototype's published exp3 numbers.
        const SimulationSnapshot& last = w.controller()->latest();
        QCOMPARE(int(last.agents.size()), 6);
        QCOMPARE(last.agents[std::size_t(mallory)].budget, 220.0);
        QCOMPARE(last.agents[std::size_t(mallory)].holdings.gpu, 105.0);
        QVERIFY(last.agents[std::size_t(mallory)].deals > 0);
        QCOMPARE(last.focus.agent, mallory);
        QVERIFY(!last.focus.reputationTable.empty());
        QVERIFY(!last.focus.recentDeals.empty());
        QCOMPARE(last.reputationAware, 5);

        // Per round, the hashes of a headless run of the same scenario (what haggle-cli run --hashes prints).
        auto headless = makeRun(lab::builtinScenario(TrustFall.toStdString()));
        std::vector<std::uint64_t> expected;
        while (!headless->finished()) {
            headless->step();
            expected.push_back(headless->stateHash());
        }
        QVERIFY(onePerRound);
        QCOMPARE(hashes.size(), expected.size());
        QVERIFY(hashes == expected);
        QCOMPARE(last.stateHash, expected.back());

        // The views have the run: the rounds table, the agents' live columns, the message log.
        QTRY_COMPARE_WITH_TIMEOUT(w.roundsModel()->rowCount(), scenario.rounds, 5000);
        QVERIFY(w.agentsDock()->model()->hasLive());
        QVERIFY(w.messageLogDock()->model()->rowCount() > 0);
        w.refreshViews();
        // Only the agent asked checks trust under these rules: the graph's legend says what "cut off" means then.
        QVERIFY(w.dealGraph()->legend()->content().askedOnly);

        // Reset starts over at round 0 under the same rules, with the same hashes again.
        hashes.clear();
        w.resetRun();
        QTRY_COMPARE_WITH_TIMEOUT(w.controller()->round(), 0, 5000);
        w.controller()->step(5);
        QVERIFY(waitForRound(w, 5));
        QVERIFY(std::equal(hashes.begin(), hashes.end(), expected.begin()));
        QCOMPARE(hashes.size(), std::size_t(5));
    }

    void switchingRulesIsUndoableAndTheEditorsFollow()
    {
        MainWindow w;
        quiet(w);
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(QStringLiteral("trust-fall-always")); // Haggle's trust fall, which the prototype can run too
        QVERIFY(reset.wait(10000));
        ScenarioDocument* doc = w.document();
        const Scenario haggleRules = doc->scenario();
        QCOMPARE(QString::fromStdString(haggleRules.rules), QStringLiteral("haggle"));
        QCOMPARE(w.runRulesText(), QStringLiteral("Run: Haggle's rules"));
        QVERIFY(strategyChoices(w).contains(QStringLiteral("fair")));
        QVERIFY(!strategyChoices(w).contains(QStringLiteral("llm-fallback")));
        QVERIFY(!w.scenarioDock()->rulesBox()->toolTip().isEmpty());

        chooseRules(w.scenarioDock(), PrototypeRules);
        QCOMPARE(QString::fromStdString(doc->scenario().rules), QStringLiteral("prototype"));
        QCOMPARE(doc->undoStack()->count(), 1);
        QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Switch to Prototype rules"));
        QVERIFY(doc->isModified());
        QVERIFY(w.scenarioDock()->rulesProblems().isEmpty());
        QVERIFY(w.windowTitle().contains(QStringLiteral("(prototype rules)")));
        QVERIFY(w.pendingChangesShown()); // applies from the next Reset
        QCOMPARE(w.runRulesText(), QStringLiteral("Run: Haggle's rules"));
        // The strategy chooser and the mechanism chooser offer the prototype's catalogs.
        QStringList prototypeStrategies;
        for (const auto& info : prototype::strategyCatalog().infos())
            prototypeStrategies.append(QString::fromUtf8(info.name.data(), qsizetype(info.name.size())));
        QCOMPARE(strategyChoices(w), prototypeStrategies);
        QVERIFY(prototypeStrategies.contains(QStringLiteral("adaptive-cheater")));
        QVERIFY(w.scenarioDock()->mechanismEditor()->chooser()->findData(QStringLiteral("random-partner")) >= 0);

        // Reset: the same scenario runs under the prototype rules.
        QSignalSpy again(w.controller(), &SimulationController::resetDone);
        w.resetRun();
        QVERIFY(again.wait(10000));
        QCOMPARE(w.runRulesText(), QStringLiteral("Run: Prototype rules"));
        QVERIFY(w.dealGraph()->legend()->content().askedOnly);
        w.controller()->step(10);
        QVERIFY(waitForRound(w, 10));
        auto headless = makeRun(doc->scenario());
        headless->run(10);
        QCOMPARE(w.controller()->latest().stateHash, headless->stateHash());

        // Undo and redo, as with every other field.
        doc->undoStack()->undo();
        QCOMPARE(doc->scenario(), haggleRules);
        QCOMPARE(w.scenarioDock()->rulesBox()->currentData().toString(), QStringLiteral("haggle"));
        QVERIFY(!doc->isModified());
        QVERIFY(!strategyChoices(w).contains(QStringLiteral("llm-fallback")));
        QVERIFY(w.scenarioDock()->mechanismEditor()->chooser()->findData(QStringLiteral("random-partner")) < 0);
        doc->undoStack()->redo();
        QCOMPARE(QString::fromStdString(doc->scenario().rules), QStringLiteral("prototype"));
        QCOMPARE(w.scenarioDock()->rulesBox()->currentData().toString(), QStringLiteral("prototype"));
    }

    void aScenarioTheOtherRulesCannotRunIsKept()
    {
        MainWindow w;
        quiet(w);
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(TrustFall);
        QVERIFY(reset.wait(10000));
        ScenarioDocument* doc = w.document();
        const Scenario before = doc->scenario();

        // Haggle's rules have no random-partner mechanism, transfer settlement or ledger model.
        chooseRules(w.scenarioDock(), HaggleRules);
        QCOMPARE(doc->scenario(), before);
        QCOMPARE(doc->undoStack()->count(), 0);
        QVERIFY(!doc->isModified());
        QCOMPARE(w.scenarioDock()->rulesBox()->currentData().toString(), QStringLiteral("prototype"));
        const QString problems = w.scenarioDock()->rulesProblems();
        QVERIFY2(problems.contains(QStringLiteral("mechanism.type")), qPrintable(problems));
        QVERIFY2(problems.contains(QStringLiteral("settlement.type")), qPrintable(problems));
        QVERIFY2(problems.contains(QStringLiteral("reputation.model")), qPrintable(problems));
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("cannot run")));

        // Each fix shortens the list; when nothing is left, the switch goes through.
        Scenario fixed = doc->scenario();
        fixed.mechanism = { "bilateral", {} };
        QVERIFY(doc->setSettings(fixed, QStringLiteral("Change the mechanism")));
        QVERIFY(!w.scenarioDock()->rulesProblems().contains(QStringLiteral("mechanism.type")));
        QVERIFY(w.scenarioDock()->rulesProblems().contains(QStringLiteral("settlement.type")));

        // A Haggle-only market constant stops a switch to the prototype rules, by path.
        QSignalSpy opened(w.controller(), &SimulationController::resetDone);
        w.openExample(QStringLiteral("trust-fall-always"));
        QVERIFY(opened.wait(10000));
        Scenario richer = doc->scenario();
        richer.market.jobValue = 2.0;
        QVERIFY(doc->setSettings(richer, QStringLiteral("Set job value to 2")));
        const Scenario edited = doc->scenario();
        QVERIFY(!w.scenarioDock()->switchRules(QStringLiteral("prototype")));
        QCOMPARE(doc->scenario(), edited);
        QVERIFY(w.scenarioDock()->rulesProblems().contains(QStringLiteral("market.job_value")));
        QCOMPARE(w.scenarioDock()->rulesBox()->currentData().toString(), QStringLiteral("haggle"));
        // Undo the job value: the problem is gone, and so is the list.
        doc->undoStack()->undo();
        QVERIFY(w.scenarioDock()->rulesProblems().isEmpty());
    }
};

QTEST_MAIN(TestPrototypeRules)
#include "tst_uiprototyperules.moc"
