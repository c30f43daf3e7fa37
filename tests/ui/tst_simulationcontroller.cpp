// The controller and its worker thread: reset, step, step N, run, run to a round, pause, stale snapshots, bad
// scenarios, determinism against the headless runner (what haggle-cli run reports), and the worker waiting for a
// GUI that is behind.
#include "builtinscenarios.h"
#include "controllertesting.h"
#include "runresult.h"
#include "simulationcontroller.h"
#include "simulationworker.h"
#include "threadpriority.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <thread>

using namespace haggle;
using namespace haggle::ui;

using haggle::ui::testing::waitForRound;

namespace {

// The handshake pair with Fair agents and a very long horizon: a run that does not end by itself.
Scenario endless()
{
    Scenario s = lab::builtinScenario("handshake");
    s.agents[1].strategy.type = "fair";
    s.rounds = MaxRounds;
    return s;
}

bool waitForReset(SimulationController& c, QSignalSpy& spy)
{
    return spy.count() > 0 || spy.wait(5000) ? c.round() == 0 : false;
}

} // namespace

class TestSimulationController : public QObject {
    Q_OBJECT

private slots:
    void backgroundThreadsYieldToTheGui()
    {
        // The worker and the edge renderer call this first: 5 nice levels below the thread that started them (at
        // most 19), leaving that thread as it was.
        const auto niceOfThisThread = [] { return getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())); };
        const int gui = niceOfThisThread();
        int background = gui;
        std::thread([&] {
            yieldToTheGuiThread();
            background = niceOfThisThread();
        }).join();
        QCOMPARE(background, std::min(gui + BackgroundNiceStep, 19));
        QCOMPARE(niceOfThisThread(), gui);
    }

    void resetDeliversRoundZero()
    {
        SimulationController c;
        QSignalSpy reset(&c, &SimulationController::resetDone);
        c.reset(lab::builtinScenario("trust-fall-always"));
        QVERIFY(reset.wait(5000));
        QCOMPARE(c.round(), 0);
        QCOMPARE(c.latest().agents.size(), std::size_t(6));
        QCOMPARE(c.latest().totalRounds, 60);
        QVERIFY(!c.isRunning());
    }

    void stepOneAndStepN()
    {
        SimulationController c;
        QSignalSpy reset(&c, &SimulationController::resetDone);
        QSignalSpy snapshots(&c, &SimulationController::snapshot);
        c.reset(lab::builtinScenario("rush-hour"));
        QVERIFY(waitForReset(c, reset));
        c.step(1);
        QTRY_COMPARE_WITH_TIMEOUT(c.round(), 1, 5000);
        c.step(9);
        QTRY_COMPARE_WITH_TIMEOUT(c.round(), 10, 5000);
        // Every round completed arrives exactly once, in order, across the snapshots.
        std::vector<int> rounds;
        for (const auto& args : snapshots) {
            for (const auto& r : args.at(0).value<SimulationSnapshot>().newRounds)
                rounds.push_back(r.round);
        }
        QCOMPARE(int(rounds.size()), 10);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(rounds[std::size_t(i)], i + 1);
    }

    void runToTheEndAndToARound()
    {
        SimulationController c;
        QSignalSpy reset(&c, &SimulationController::resetDone);
        QSignalSpy running(&c, &SimulationController::runningChanged);
        c.setSpeed(0);
        c.reset(lab::builtinScenario("trust-fall-always"));
        QVERIFY(waitForReset(c, reset));
        c.runTo(25);
        QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning() && c.round() == 25, 10000);
        QVERIFY(running.count() >= 2); // started, stopped
        c.run();
        QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning() && c.round() == 60, 10000);
        // At the end, Run does nothing.
        c.run();
        QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning(), 5000);
        QCOMPARE(c.round(), 60);
    }

    void theScenarioRoundsAreTheEnd()
    {
        // Step and Step N stop at the run's end; extending moves it; Run to a round past it extends the run to it.
        SimulationController c;
        QSignalSpy reset(&c, &SimulationController::resetDone);
        c.setSpeed(0);
        c.reset(lab::builtinScenario("handshake")); // 10 rounds
        QVERIFY(waitForReset(c, reset));
        QVERIFY(!c.isFinished());
        c.step(7);
        QTRY_COMPARE_WITH_TIMEOUT(c.round(), 7, 5000);
        c.step(50);
        QTRY_VERIFY_WITH_TIMEOUT(c.isFinished(), 5000);
        QCOMPARE(c.round(), 10);
        c.step(1);
        c.run();
        QTest::qWait(100);
        QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning(), 5000);
        QCOMPARE(c.round(), 10);
        QCOMPARE(c.latest().totalRounds, 10);
        c.extend(5);
        QTRY_COMPARE_WITH_TIMEOUT(c.latest().totalRounds, 15, 5000);
        QVERIFY(!c.isFinished());
        c.run();
        QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning() && c.round() == 15, 5000);
        QVERIFY(c.isFinished());
        c.runTo(20);
        QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning() && c.round() == 20, 5000);
        QCOMPARE(c.latest().totalRounds, 20);
        // A reset starts over at the scenario's own end.
        c.reset(lab::builtinScenario("handshake"));
        QTRY_VERIFY_WITH_TIMEOUT(c.round() == 0 && c.latest().totalRounds == 10, 5000);
    }

    void pauseStopsARunningSimulation()
    {
        SimulationController c;
        QSignalSpy reset(&c, &SimulationController::resetDone);
        c.setSpeed(0);
        c.reset(endless());
        QVERIFY(waitForReset(c, reset));
        c.run();
        QTRY_VERIFY_WITH_TIMEOUT(c.round() > 100, 10000);
        QVERIFY(c.isRunning());
        c.pause();
        QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning(), 2000);
        const int stopped = c.round();
        QTest::qWait(200);
        QCOMPARE(c.round(), stopped); // nothing runs after the pause
        // Run again continues from where it stopped.
        c.run();
        QTRY_VERIFY_WITH_TIMEOUT(c.round() > stopped, 5000);
        c.pause();
        QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning(), 2000);
    }

    void throttledSpeedPlaysOneRoundPerTick()
    {
        SimulationController c;
        QSignalSpy reset(&c, &SimulationController::resetDone);
        c.setSpeed(100);
        c.reset(endless());
        QVERIFY(waitForReset(c, reset));
        c.run();
        QTRY_VERIFY_WITH_TIMEOUT(c.round() >= 3, 5000);
        c.pause();
        QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning(), 2000);
        QVERIFY(c.round() < 100000); // not full speed
    }

    void resetDropsTheOldRun()
    {
        SimulationController c;
        QSignalSpy reset(&c, &SimulationController::resetDone);
        QSignalSpy snapshots(&c, &SimulationController::snapshot);
        c.setSpeed(0);
        c.reset(endless());
        QVERIFY(waitForReset(c, reset));
        c.run();
        QTRY_VERIFY_WITH_TIMEOUT(c.round() > 10, 5000);
        c.reset(lab::builtinScenario("handshake"));
        QTRY_COMPARE_WITH_TIMEOUT(reset.count(), 2, 5000);
        QCOMPARE(c.round(), 0);
        QVERIFY(!c.isRunning());
        QTest::qWait(100);
        // Nothing from the first job arrives after the second reset.
        const quint64 job = c.job();
        bool sawSecond = false;
        for (const auto& args : snapshots) {
            const auto s = args.at(0).value<SimulationSnapshot>();
            sawSecond = sawSecond || s.job == job;
            if (sawSecond)
                QCOMPARE(s.job, job);
        }
        QCOMPARE(c.latest().totalRounds, 10);
    }

    void badScenarioFails()
    {
        SimulationController c;
        QSignalSpy failed(&c, &SimulationController::failed);
        Scenario s = lab::builtinScenario("handshake");
        s.agents[0].budget = -1;
        c.reset(s);
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("agents[0].budget")));
        // Nothing to run: Run and Step do nothing rather than leave the controller running for good.
        c.run();
        c.step(3);
        QVERIFY(!c.isRunning());
        QTest::qWait(50);
        QVERIFY(!c.isRunning());
        // A good scenario makes it usable again.
        QSignalSpy reset(&c, &SimulationController::resetDone);
        c.reset(lab::builtinScenario("handshake"));
        QVERIFY(waitForReset(c, reset));
        c.step(2);
        QTRY_COMPARE_WITH_TIMEOUT(c.round(), 2, 5000);
    }

    void sameResultsAsTheHeadlessRunner_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("mode");
        for (const char* key : { "trust-fall-always", "rush-hour", "scarcity" }) {
            for (const char* mode : { "step", "stepN", "run" })
                QTest::addRow("%s %s", key, mode) << QString::fromLatin1(key) << QString::fromLatin1(mode);
        }
    }

    void sameResultsAsTheHeadlessRunner()
    {
        QFETCH(QString, key);
        QFETCH(QString, mode);
        const Scenario s = lab::builtinScenario(key.toStdString());
        const lab::RunResult reference = lab::runScenario(s);
        SimulationController c;
        QSignalSpy reset(&c, &SimulationController::resetDone);
        c.setSpeed(0);
        c.reset(s);
        QVERIFY(waitForReset(c, reset));
        const int target = std::min(30, s.rounds);
        if (mode == u"step") {
            for (int r = 1; r <= target; ++r) {
                c.step(1);
                QVERIFY(waitForRound(c, r));
                QCOMPARE(c.latest().stateHash, reference.stateHashes[std::size_t(r - 1)]);
            }
        } else if (mode == u"stepN") {
            c.step(7);
            QTRY_COMPARE_WITH_TIMEOUT(c.round(), 7, 5000);
            QCOMPARE(c.latest().stateHash, reference.stateHashes[6]);
            c.step(target - 7);
            QTRY_COMPARE_WITH_TIMEOUT(c.round(), target, 5000);
        } else {
            c.runTo(target);
            QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning() && c.round() == target, 10000);
        }
        QCOMPARE(c.latest().stateHash, reference.stateHashes[std::size_t(target - 1)]);
        // The live agent values match the reference run's at the same round.
        const auto& expected = reference.rounds[std::size_t(target - 1)];
        for (std::size_t i = 0; i < expected.netWorth.size(); ++i)
            QCOMPARE(c.latest().agents[i].netWorth, expected.netWorth[i]);
    }

    void focusCarriesTheAgentsTables()
    {
        SimulationController c;
        QSignalSpy reset(&c, &SimulationController::resetDone);
        c.reset(lab::builtinScenario("trust-fall-always"));
        QVERIFY(waitForReset(c, reset));
        c.setFocus(0);
        c.step(20);
        QTRY_COMPARE_WITH_TIMEOUT(c.round(), 20, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(c.latest().focus.agent, 0, 5000);
        QVERIFY(!c.latest().focus.reputationTable.empty());
        QVERIFY(!c.latest().focus.recentDeals.empty());
    }

    // A full-speed run never gets more than MaxSnapshotsInFlight snapshots ahead of a GUI that has not handled
    // them: it waits, and goes on when they are reported handled.
    void workerWaitsForTheGui()
    {
        QThread thread;
        auto* worker = new SimulationWorker;
        worker->moveToThread(&thread);
        connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        thread.start();
        std::vector<int> rounds; // of each snapshot received, none reported handled yet
        QObject receiver;
        connect(
            worker, &SimulationWorker::snapshotReady, &receiver,
            [&rounds](const SimulationSnapshot& s) {
                SimulationWorker::fence().received(); // see handofffence.h
                rounds.push_back(s.round);
            },
            Qt::QueuedConnection);
        const Scenario scenario = endless();
        {
            [[maybe_unused]] const auto posting = SimulationWorker::fence().posting();
            QMetaObject::invokeMethod(worker, [worker, scenario] {
                SimulationWorker::fence().received();
                worker->reset(scenario, 1);
                worker->run(0);
            });
        }
        // The reset and the start of the run: two snapshots, then nothing while neither is handled.
        QTRY_COMPARE_WITH_TIMEOUT(rounds.size(), std::size_t(2), 5000);
        QTest::qWait(300);
        QCOMPARE(rounds.size(), std::size_t(2));
        QCOMPARE(worker->snapshotsInFlight(), SimulationWorker::MaxSnapshotsInFlight);
        QCOMPARE(rounds.back(), 0);

        worker->snapshotConsumed();
        worker->snapshotConsumed();
        QTRY_COMPARE_WITH_TIMEOUT(rounds.size(), std::size_t(4), 5000);
        QTest::qWait(300);
        QCOMPARE(rounds.size(), std::size_t(4));
        QVERIFY(rounds.back() > 0);
        QCOMPARE(worker->snapshotsInFlight(), SimulationWorker::MaxSnapshotsInFlight);

        worker->requestPause();
        {
            [[maybe_unused]] const auto posting = SimulationWorker::fence().posting();
            QMetaObject::invokeMethod(worker, [worker] {
                SimulationWorker::fence().received();
                worker->pause();
            });
        }
        thread.quit();
        QVERIFY(thread.wait(5000));
        // Snapshots still queued for `receiver` are destroyed with it, on this thread (see handofffence.h).
        SimulationWorker::fence().received();
    }
};

QTEST_MAIN(TestSimulationController)
#include "tst_simulationcontroller.moc"
