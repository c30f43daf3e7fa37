// Stress test of the simulation controller and its worker thread: thousands of random commands (step, step N, run
// at various speeds, run to a round, pause, reset, reset with an edited scenario, open another built-in scenario,
// focus, and now and then closing the controller in the middle of it all), interleaved with short spins of the
// event loop. After every sequence the controller must come to rest (a timeout there is a deadlock finding), the
// rounds it reported must be each round of its current run exactly once and in order, nothing from a run that was
// reset may have reached the GUI, its state must be that of a headless Simulation stepped as many rounds, and no
// thread may be left behind.
//
// Leaks: under the asan preset LeakSanitizer runs when this program exits, so the test passing there is the leak
// check. Under the tsan preset it is the race check.
//
// The sequences come from a fixed seed (printed on failure, with the sequence number and the commands of the failing
// sequence). HAGGLE_STRESS_SEQUENCES sets how many to run (default 300), HAGGLE_STRESS_SEED another seed.
#include "builtinscenarios.h"
#include "simulation.h"
#include "simulationcontroller.h"
#include "simulationworker.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <memory>

using namespace haggle;
using namespace haggle::ui;

namespace {

// Every built-in scenario but the 1000-agent market, which would make each round too slow for thousands of
// commands under the sanitizers.
constexpr const char* ScenarioKeys[]
    = { "handshake", "scarcity", "rush-hour", "trust-fall-always", "trust-fall-subtle", "adaptive-convergence" };

int envInt(const char* name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

// The process's thread count, from the kernel (what a leaked QThread or std::thread would raise).
int threadCount()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("Threads:"))
            return line.mid(8).trimmed().toInt();
    }
    return -1;
}

// A small deterministic generator for the command sequences (not the engine's: any generator would do, but this
// one is ours and seeded explicitly).
class Dice {
public:
    explicit Dice(std::uint64_t seed)
        : m_state(seed * 0x9E3779B97F4A7C15ull + 1)
    {
    }
    // Uniform in [lo, hi].
    int between(int lo, int hi)
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return lo + int(m_state % std::uint64_t(hi - lo + 1));
    }
    bool chance(int percent) { return between(1, 100) <= percent; }

private:
    std::uint64_t m_state;
};

// Watches what the controller emits, and records every broken promise.
class Watcher : public QObject {
public:
    explicit Watcher(SimulationController* controller)
        : m_controller(controller)
    {
        connect(controller, &SimulationController::snapshot, this, &Watcher::onSnapshot);
        connect(controller, &SimulationController::failed, this, [this] { m_failedJob = m_controller->job(); });
    }

    QStringList violations;
    int snapshots = 0;
    int lastRound = 0; // of the current job, from the rounds reported so far
    quint64 job() const { return m_job; }
    bool currentJobFailed() const { return m_failedJob == m_controller->job(); }

private:
    void onSnapshot(const SimulationSnapshot& s)
    {
        ++snapshots;
        if (s.job != m_controller->job())
            violations << QStringLiteral("snapshot of job %1 reached the GUI during job %2")
                              .arg(s.job)
                              .arg(m_controller->job());
        if (s.job < m_job)
            violations << QStringLiteral("job %1 after job %2").arg(s.job).arg(m_job);
        if (s.job != m_job) {
            // A new run: its first snapshot is the reset's, at round 0.
            m_job = s.job;
            lastRound = 0;
            if (s.round != 0 || !s.newRounds.empty())
                violations << QStringLiteral("job %1 began at round %2").arg(s.job).arg(s.round);
        }
        for (const auto& r : s.newRounds) {
            if (r.round != lastRound + 1)
                violations << QStringLiteral("job %1: round %2 after round %3").arg(s.job).arg(r.round).arg(lastRound);
            lastRound = r.round;
        }
        if (s.round != lastRound)
            violations << QStringLiteral("job %1: snapshot at round %2, rounds reported up to %3")
                              .arg(s.job)
                              .arg(s.round)
                              .arg(lastRound);
        if (s.round > s.totalRounds)
            violations << QStringLiteral("job %1: round %2 past the run's end (%3)")
                              .arg(s.job)
                              .arg(s.round)
                              .arg(s.totalRounds);
    }

    SimulationController* m_controller;
    quint64 m_job = 0;
    quint64 m_failedJob = 0;
};

// Waits until the worker thread has handled every command queued so far, then delivers the snapshots it sent
// meanwhile. A timeout means the worker is stuck.
bool drainWorker(SimulationController& c)
{
    auto reached = std::make_shared<std::atomic<bool>>(false); // shared: the call may run after a timeout
    {
        // The worker's fence lets ThreadSanitizer see the queued call run after its post (see handofffence.h).
        [[maybe_unused]] const auto posting = SimulationWorker::fence().posting();
        auto* context = new QObject;
        context->moveToThread(c.workerThread());
        QMetaObject::invokeMethod(
            context,
            [reached, context] {
                SimulationWorker::fence().received();
                context->deleteLater();
                reached->store(true);
            },
            Qt::QueuedConnection);
    }
    const bool ok = QTest::qWaitFor([&reached] { return reached->load(); }, 10000);
    if (ok)
        QCoreApplication::sendPostedEvents();
    return ok;
}

std::uint64_t headlessHash(const Scenario& scenario, int rounds)
{
    Simulation sim(scenario);
    sim.run(rounds);
    return sim.stateHash();
}

} // namespace

class TestControllerStress : public QObject {
    Q_OBJECT

private slots:
    void randomCommandSequences()
    {
        const int sequences = envInt("HAGGLE_STRESS_SEQUENCES", 300);
        const auto seed = std::uint64_t(envInt("HAGGLE_STRESS_SEED", 20261125));
        const int baseThreads = threadCount();
        QVERIFY(baseThreads > 0);
        Dice dice(seed);

        auto controller = std::make_unique<SimulationController>();
        auto watcher = std::make_unique<Watcher>(controller.get());
        QCOMPARE(threadCount(), baseThreads + 1); // the worker
        Scenario current = lab::builtinScenario("handshake");
        controller->reset(current);

        int commands = 0;
        int restarts = 0;
        QStringList log; // the current sequence's commands, printed on failure
        auto fail = [&](int sequence, const QString& what) {
            return QStringLiteral("seed %1, sequence %2: %3\ncommands: %4")
                .arg(seed)
                .arg(sequence)
                .arg(what, log.join(QStringLiteral(", ")));
        };

        for (int sequence = 0; sequence < sequences; ++sequence) {
            log.clear();
            const int length = dice.between(5, 40);
            for (int i = 0; i < length; ++i, ++commands) {
                SimulationController& c = *controller;
                switch (dice.between(0, 15)) {
                case 0:
                case 1:
                    log << QStringLiteral("step");
                    c.step(1);
                    break;
                case 2: {
                    const int n = dice.between(2, 60);
                    log << QStringLiteral("step %1").arg(n);
                    c.step(n);
                    break;
                }
                case 3:
                case 4: {
                    constexpr int speeds[] = { 0, 0, 0, 20, 100, 400, 2000 };
                    const int speed = speeds[dice.between(0, 6)];
                    log << QStringLiteral("run at %1").arg(speed);
                    c.setSpeed(speed);
                    c.run();
                    break;
                }
                case 5: {
                    const int target = dice.between(0, c.scenario().rounds + 10);
                    log << QStringLiteral("run to %1").arg(target);
                    c.runTo(target);
                    break;
                }
                case 6:
                case 7:
                    log << QStringLiteral("pause");
                    c.pause();
                    break;
                case 8:
                    log << QStringLiteral("reset");
                    c.reset(current);
                    break;
                case 9: {
                    // An edited scenario, as the docks would make it: seed, length, an agent's budget, turn limit.
                    Scenario edited = current;
                    edited.seed = std::uint64_t(dice.between(1, 1'000'000));
                    edited.rounds = dice.between(1, 1500);
                    auto& agent = edited.agents[std::size_t(dice.between(0, int(edited.agents.size()) - 1))];
                    agent.budget = dice.between(0, 5000);
                    edited.mechanism.params["max_turns"] = dice.between(1, 12);
                    log << QStringLiteral("reset edited (seed %1, %2 rounds)").arg(edited.seed).arg(edited.rounds);
                    current = edited;
                    c.reset(current);
                    break;
                }
                case 10: {
                    const char* key = ScenarioKeys[dice.between(0, int(std::size(ScenarioKeys)) - 1)];
                    log << QStringLiteral("open %1").arg(QString::fromLatin1(key));
                    current = lab::builtinScenario(key);
                    c.reset(current);
                    break;
                }
                case 11: {
                    if (dice.chance(20)) {
                        // A scenario the worker refuses: the controller must report it and stay usable.
                        Scenario bad = current;
                        bad.agents[0].budget = -1;
                        log << QStringLiteral("reset invalid");
                        c.reset(bad);
                    } else {
                        const int speed = dice.between(0, 3) * 150;
                        log << QStringLiteral("speed %1").arg(speed);
                        c.setSpeed(speed);
                    }
                    break;
                }
                case 12: {
                    const int agent = dice.between(-1, int(current.agents.size()));
                    log << QStringLiteral("focus %1").arg(agent);
                    c.setFocus(agent);
                    break;
                }
                case 13:
                    if (dice.chance(10)) {
                        // Close the window in the middle of whatever is going on.
                        log << QStringLiteral("close");
                        watcher.reset();
                        controller.reset();
                        QTRY_VERIFY2_WITH_TIMEOUT(threadCount() == baseThreads,
                            qPrintable(fail(sequence, QStringLiteral("a thread outlived its controller"))), 5000);
                        controller = std::make_unique<SimulationController>();
                        watcher = std::make_unique<Watcher>(controller.get());
                        controller->reset(current);
                        ++restarts;
                    }
                    break;
                default:
                    break; // just spin
                }
                if (dice.chance(60)) {
                    const int ms = dice.between(0, 3);
                    if (ms == 0)
                        QCoreApplication::processEvents();
                    else
                        QTest::qWait(ms);
                }
            }

            // Bring it to rest: pause, then wait until the worker has handled every command (a probe queued behind
            // them on its thread) and deliver what it sent before that.
            SimulationController& c = *controller;
            Watcher& w = *watcher;
            c.pause();
            QVERIFY2(
                drainWorker(c), qPrintable(fail(sequence, QStringLiteral("the worker did not answer: deadlock?"))));
            QVERIFY2(
                !c.isRunning(), qPrintable(fail(sequence, QStringLiteral("still running after the worker paused"))));
            QVERIFY2(w.violations.isEmpty(), qPrintable(fail(sequence, w.violations.join(u'\n'))));
            QCOMPARE(threadCount(), baseThreads + 1);

            if (!w.currentJobFailed()) {
                // However it got there, the state is that of a plain run of as many rounds.
                QVERIFY2(c.latest().job == c.job(), qPrintable(fail(sequence, QStringLiteral("stale latest"))));
                QVERIFY2(c.round() == w.lastRound, qPrintable(fail(sequence, QStringLiteral("round mismatch"))));
                QVERIFY2(c.latest().stateHash == headlessHash(c.scenario(), c.round()),
                    qPrintable(
                        fail(sequence, QStringLiteral("state at round %1 differs from headless").arg(c.round()))));
            }

            // And it still works: reset, step K, the same state as the headless engine.
            const int k = dice.between(1, 25);
            QSignalSpy resetDone(&c, &SimulationController::resetDone);
            c.reset(current);
            QVERIFY2(resetDone.wait(10000), qPrintable(fail(sequence, QStringLiteral("reset did not arrive"))));
            c.step(k);
            const int reached = std::min(k, current.rounds); // a step stops at the run's end
            QTRY_VERIFY2_WITH_TIMEOUT(c.round() == reached,
                qPrintable(fail(sequence, QStringLiteral("step %1 did not arrive").arg(k))), 10000);
            QVERIFY2(c.latest().stateHash == headlessHash(current, reached),
                qPrintable(fail(sequence, QStringLiteral("state after reset and step %1 differs").arg(k))));
            QVERIFY2(w.violations.isEmpty(), qPrintable(fail(sequence, w.violations.join(u'\n'))));
        }

        watcher.reset();
        controller.reset();
        QTRY_COMPARE_WITH_TIMEOUT(threadCount(), baseThreads, 5000);
        qInfo("%d sequences, %d commands, %d controllers closed mid-run, seed %llu", sequences, commands, restarts,
            static_cast<unsigned long long>(seed));
    }
};

QTEST_MAIN(TestControllerStress)
#include "tst_controllerstress.moc"
