// A run of the desktop lab: it steps its scenario on its own worker and accumulates the round table, the deal
// network and the charts' buffers; its cursor follows the newest round and clamps; a reset clears it all; views
// follow the run they are given; and two runs alive side by side give, round by round, the state hashes of each
// alone and of the golden file.
#include "../determinism/goldenhashes.h"
#include "builtinscenarios.h"
#include "chartspanel.h"
#include "controllertesting.h"
#include "messagelogdock.h"
#include "messagelogmodel.h"
#include "roundsummarymodel.h"
#include "run.h"
#include "simulationcontroller.h"

#include <QSignalSpy>
#include <QTest>

using namespace haggle;
using namespace haggle::ui;

using haggle::ui::testing::startOver;
using haggle::ui::testing::step;
using haggle::ui::testing::waitForRound;

namespace {

// Every per-round state hash a run's snapshots carry, in order.
struct Hashes {
    std::vector<std::uint64_t> values;
    bool onePerRound = true;

    explicit Hashes(Run& run)
    {
        run.controller()->setRecordStateHashes(true);
        QObject::connect(&run, &Run::snapshotChanged, &run, [this](const SimulationSnapshot& s) {
            onePerRound = onePerRound && s.newStateHashes.size() == s.newRounds.size();
            values.insert(values.end(), s.newStateHashes.begin(), s.newStateHashes.end());
        });
    }
};

const golden::GoldenRun& goldenRun(const std::string& scenario)
{
    static const auto runs = golden::readGoldenHashes(HAGGLE_SOURCE_DIR "/tests/determinism/state-hashes.tsv");
    for (const auto& run : runs) {
        if (run.scenario == scenario && !run.trials)
            return run;
    }
    qFatal("no golden hashes for %s", scenario.c_str());
}

// A built-in scenario as the golden file plays it (its length is the golden run's).
Scenario goldenScenario(const QString& key)
{
    Scenario s = lab::builtinScenario(key.toStdString());
    s.rounds = goldenRun(key.toStdString()).rounds();
    return s;
}

int dealsIn(const lab::DealNetwork& network)
{
    int deals = 0;
    for (const auto& edge : network.edges())
        deals += edge.deals;
    return deals;
}

} // namespace

class TestRun : public QObject {
    Q_OBJECT

private slots:
    void accumulatesWhatItPlays()
    {
        Run run;
        QSignalSpy snapshots(&run, &Run::snapshotChanged);
        int dealsSent = 0;
        connect(&run, &Run::snapshotChanged, this,
            [&](const SimulationSnapshot& s) { dealsSent += int(s.newDeals.size()); });
        QVERIFY(!run.hasStarted());
        QVERIFY(startOver(run, goldenScenario(QStringLiteral("trust-fall-always"))));
        QVERIFY(run.hasStarted());
        QCOMPARE(run.newestRound(), 0);
        QCOMPARE(run.roundsModel()->rowCount(), 0);
        QCOMPARE(run.agentIds().size(), 6);
        QCOMPARE(run.agentIds().at(5), QStringLiteral("cheater_mallory"));
        QCOMPARE(run.dealNetwork().agentCount(), std::size_t(6));

        QVERIFY(step(run, 4));
        QVERIFY(step(run, 6));
        QVERIFY(snapshots.count() >= 3); // the reset's, and at least one per step
        QCOMPARE(run.roundsModel()->rowCount(), 10);
        QCOMPARE(run.roundsModel()->data(run.roundsModel()->index(9, RoundSummaryModel::RoundColumn)).toInt(), 10);
        QCOMPARE(run.latest().round, 10);
        QCOMPARE(run.latest().agents.size(), std::size_t(6));
        QVERIFY(run.latest().newRounds.empty()); // the state is kept, the batches are not
        QVERIFY(dealsSent > 0);
        QCOMPARE(dealsIn(run.dealNetwork()), dealsSent);
        QVERIFY(!run.dealNetwork().edges().empty());
        QCOMPARE(run.chartData().roundsSeen(), qint64(10));
        QCOMPARE(run.chartData().dealsSeen(), qint64(dealsSent));
        QCOMPARE(run.latest().stateHash, goldenRun("trust-fall-always").hashes[0][9]);
    }

    void cursorFollowsTheNewestRoundAndClamps()
    {
        Run run;
        QVERIFY(startOver(run, lab::builtinScenario("handshake")));
        QSignalSpy moved(&run, &Run::cursorChanged);
        QCOMPARE(run.cursor(), 0);
        QVERIFY(run.followsNewest());
        QVERIFY(step(run, 5));
        QCOMPARE(run.cursor(), 5);
        QVERIFY(!moved.isEmpty());
        QCOMPARE(moved.last().at(0).toInt(), 5);

        // Set below the newest round, it stays there while rounds are played.
        moved.clear();
        run.setCursor(2);
        QCOMPARE(run.cursor(), 2);
        QVERIFY(!run.followsNewest());
        QCOMPARE(moved.count(), 1);
        QCOMPARE(moved.last().at(0).toInt(), 2);
        QVERIFY(step(run, 3));
        QCOMPARE(run.newestRound(), 8);
        QCOMPARE(run.cursor(), 2);
        QCOMPARE(moved.count(), 1);

        // Clamped to [0, newest]; at the newest round it follows again.
        run.setCursor(-4);
        QCOMPARE(run.cursor(), 0);
        run.setCursor(1000);
        QCOMPARE(run.cursor(), 8);
        QVERIFY(run.followsNewest());
        QVERIFY(step(run, 2));
        QCOMPARE(run.cursor(), 10);

        // Nothing moves: no signal.
        moved.clear();
        run.setCursor(10);
        QCOMPARE(moved.count(), 0);
    }

    void resetClearsEverything()
    {
        Run run;
        QVERIFY(startOver(run, lab::builtinScenario("trust-fall-always")));
        QVERIFY(step(run, 12));
        run.setCursor(3);
        QVERIFY(run.roundsModel()->rowCount() == 12 && !run.dealNetwork().edges().empty());

        const Scenario handshake = goldenScenario(QStringLiteral("handshake"));
        QSignalSpy started(&run, &Run::startedOver);
        QSignalSpy moved(&run, &Run::cursorChanged);
        run.reset(handshake);
        // The data stays the previous run's until the new run's first snapshot...
        QCOMPARE(run.roundsModel()->rowCount(), 12);
        QCOMPARE(run.newestRound(), 12);
        // ...then it is all cleared, for the new scenario.
        QVERIFY(started.wait(30000));
        QCOMPARE(run.scenario(), handshake);
        QCOMPARE(run.newestRound(), 0);
        QCOMPARE(run.roundsModel()->rowCount(), 0);
        QVERIFY(run.dealNetwork().edges().empty());
        QCOMPARE(run.dealNetwork().agentCount(), handshake.agents.size());
        QCOMPARE(run.chartData().roundsSeen(), qint64(0));
        QCOMPARE(run.chartData().dealsSeen(), qint64(0));
        QCOMPARE(run.cursor(), 0);
        QVERIFY(run.followsNewest());
        QCOMPARE(moved.count(), 1);
        QCOMPARE(moved.last().at(0).toInt(), 0);
        QCOMPARE(run.agentIds().size(), qsizetype(handshake.agents.size()));
        QCOMPARE(run.latest().agents.size(), handshake.agents.size());
        // And it plays the new scenario from round 1.
        QVERIFY(step(run, 3));
        QCOMPARE(run.roundsModel()->rowCount(), 3);
        QCOMPARE(run.latest().stateHash, goldenRun("handshake").hashes[0][2]);
    }

    void viewsFollowTheRunTheyAreGiven()
    {
        Run first;
        Run second;
        QVERIFY(startOver(first, lab::builtinScenario("trust-fall-always")));
        QVERIFY(startOver(second, lab::builtinScenario("rush-hour")));
        ChartsPanel charts;
        MessageLogDock log;
        charts.setRun(&first);
        log.setRun(&first);
        QVERIFY(step(first, 5));
        QCOMPARE(charts.data().roundsSeen(), qint64(5));
        QVERIFY(charts.hasPendingData());
        charts.refresh();
        QVERIFY(!charts.hasPendingData());
        const int logged = log.model()->rowCount();
        QVERIFY(logged > 0);

        // The other run's rounds reach neither view...
        QVERIFY(step(second, 7));
        QCOMPARE(charts.data().roundsSeen(), qint64(5));
        QVERIFY(!charts.hasPendingData());
        QCOMPARE(log.model()->rowCount(), logged);
        // ...until they are given that run: then they show its data, and only its data.
        charts.setRun(&second);
        log.setRun(&second);
        QCOMPARE(charts.run(), &second);
        QCOMPARE(charts.data().roundsSeen(), qint64(7));
        QCOMPARE(log.model()->rowCount(), 0); // its log starts from here
        QVERIFY(step(first, 2));
        QCOMPARE(log.model()->rowCount(), 0);
        QVERIFY(step(second, 2));
        QVERIFY(log.model()->rowCount() > 0);
        QCOMPARE(charts.data().roundsSeen(), qint64(9));
    }

    void twoRunsSideBySideMatchOneAlone_data()
    {
        QTest::addColumn<QString>("left");
        QTest::addColumn<QString>("right");
        QTest::newRow("same scenario") << QStringLiteral("trust-fall-always") << QStringLiteral("trust-fall-always");
        QTest::newRow("two scenarios") << QStringLiteral("rush-hour") << QStringLiteral("trust-fall-always");
    }

    void twoRunsSideBySideMatchOneAlone()
    {
        QFETCH(QString, left);
        QFETCH(QString, right);
        constexpr int Rounds = 30; // rush-hour's length; trust-fall-always plays 60
        const auto scenarioOf = goldenScenario;

        // Each alone.
        std::vector<std::uint64_t> aloneLeft;
        std::vector<std::uint64_t> aloneRight;
        for (auto [key, out] : { std::pair { left, &aloneLeft }, std::pair { right, &aloneRight } }) {
            Run alone;
            Hashes hashes(alone);
            QVERIFY(startOver(alone, scenarioOf(key)));
            QVERIFY(step(alone, Rounds));
            QVERIFY(hashes.onePerRound);
            *out = hashes.values;
        }
        QCOMPARE(aloneLeft.size(), std::size_t(Rounds));

        // Side by side: stepped in turns by different amounts, then one runs at full speed while the other steps.
        Run a;
        Run b;
        Hashes hashesA(a);
        Hashes hashesB(b);
        QVERIFY(startOver(a, scenarioOf(left)));
        QVERIFY(startOver(b, scenarioOf(right)));
        a.controller()->setSpeed(0);
        for (int i = 0; i < 4; ++i) {
            QVERIFY(step(a, 3));
            QCOMPARE(b.newestRound(), 2 * i);
            QVERIFY(step(b, 2));
            QCOMPARE(a.newestRound(), 3 * (i + 1));
        }
        QCOMPARE(a.roundsModel()->rowCount(), 12);
        QCOMPARE(b.roundsModel()->rowCount(), 8);
        a.controller()->runTo(Rounds);
        while (b.newestRound() < Rounds)
            QVERIFY(step(b, 1));
        QTRY_VERIFY_WITH_TIMEOUT(!a.controller()->isRunning() && a.newestRound() == Rounds, 60000);

        QVERIFY(hashesA.onePerRound && hashesB.onePerRound);
        QCOMPARE(hashesA.values, aloneLeft);
        QCOMPARE(hashesB.values, aloneRight);
        QCOMPARE(a.roundsModel()->rowCount(), Rounds);
        QCOMPARE(b.roundsModel()->rowCount(), Rounds);
        QCOMPARE(a.chartData().roundsSeen(), qint64(Rounds));
        // And both are the golden runs (the same hashes as haggle-cli and the engine).
        const auto& goldenLeft = goldenRun(left.toStdString()).hashes[0];
        const auto& goldenRight = goldenRun(right.toStdString()).hashes[0];
        QCOMPARE(hashesA.values, std::vector<std::uint64_t>(goldenLeft.begin(), goldenLeft.begin() + Rounds));
        QCOMPARE(hashesB.values, std::vector<std::uint64_t>(goldenRight.begin(), goldenRight.begin() + Rounds));
    }
};

QTEST_MAIN(TestRun)
#include "tst_run.moc"
