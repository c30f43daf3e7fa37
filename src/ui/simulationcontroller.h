// The simulation controller: the GUI thread's handle on the worker. It owns the worker thread, forwards commands
// as queued calls, drops snapshots of superseded runs (each reset starts a new job), and tells the window whether
// a run is in progress. Stopping is an atomic flag on the worker plus a queued pause.
#pragma once

#include "scenario.h"
#include "snapshot.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace haggle::lab {
class LlmDialogue;
}

namespace haggle::ui {

class SimulationWorker;

class SimulationController : public QObject {
    Q_OBJECT

public:
    explicit SimulationController(QObject* parent = nullptr);
    ~SimulationController() override;

    // Start over with a copy of this scenario (the worker never reads the document).
    void reset(const Scenario& scenario);
    // Start over as a what-if fork: `base` played to `round`, then continued under `edited` (scenario() is `edited`);
    // `answers`, the base run's LLM dialogue, answers those rounds' calls as they were answered there.
    void resetFork(const Scenario& base, int round, const Scenario& edited,
        std::shared_ptr<const lab::LlmDialogue> answers = nullptr);
    void step(int rounds = 1);
    void run();
    // Run until that round is complete; a round past the run's end extends the run to it.
    void runTo(int round);
    // Move the run's end `rounds` rounds further.
    void extend(int rounds);
    void pause();
    void setSpeed(int roundsPerSecond); // 0: full speed
    void setFocus(int agent);
    // Carry the state hash after every round in the snapshots (newStateHashes), from the next reset on. For
    // determinism checks; off by default because in a large market a hash costs more than a round.
    void setRecordStateHashes(bool on);
    // Ask for the current run as of an earlier round (time travel); pastView() answers (requests made faster than the
    // worker answers are merged into the newest).
    void seek(int round);
    // Ask for the current run as a run file so far (recordReady() answers; no rounds when the market keeps no history).
    void requestRecord();

    bool isRunning() const noexcept { return m_running; }
    // The run has played every round up to its end (the scenario's rounds, or as extended): Step and Run do nothing
    // until it is reset or extended.
    bool isFinished() const noexcept { return m_latest.totalRounds > 0 && m_latest.round >= m_latest.totalRounds; }
    int round() const noexcept { return m_latest.round; }
    quint64 job() const noexcept { return m_job; }
    const Scenario& scenario() const noexcept { return m_scenario; } // what the current run was reset with
    // The latest snapshot's state; its batches (newRounds, newDeals, newMessages...) are empty: see snapshot().
    const SimulationSnapshot& latest() const noexcept { return m_latest; }
    int speed() const noexcept { return m_speed; }
    // The current run's LLM dialogue (its conversations, the call in progress); null when it has no LLM negotiator,
    // or before its reset has connected them (languageModelChanged()).
    const std::shared_ptr<const lab::LlmDialogue>& languageModel() const noexcept { return m_languageModel; }
    // The worker's thread, for tests that need to know when the worker has handled every command sent so far.
    QThread* workerThread() noexcept { return &m_thread; }

signals:
    void snapshot(const haggle::ui::SimulationSnapshot& snapshot); // current job only
    void pastView(const std::shared_ptr<const haggle::ui::PastView>& view); // current job only
    void recordReady(const haggle::lab::RunFile& record); // current job only
    void runningChanged(bool running);
    void resetDone(); // the first snapshot of a new job arrived
    void failed(const QString& message);
    void languageModelChanged(); // languageModel() was set by a reset, or cleared by starting a new one

private:
    void onSnapshot(const SimulationSnapshot& snapshot);
    // A new job for this scenario: the worker paused, the latest state and the flags cleared; its id.
    quint64 startJob(const Scenario& scenario);
    // Queues a call on the worker thread: command(worker).
    template <typename Command> void send(Command command);
    void setRunning(bool running);

    QThread m_thread;
    SimulationWorker* m_worker = nullptr;
    Scenario m_scenario;
    SimulationSnapshot m_latest;
    std::shared_ptr<const lab::LlmDialogue> m_languageModel;
    quint64 m_job = 0;
    bool m_running = false;
    bool m_awaitingReset = false;
    bool m_failed = false; // the current job's scenario was refused: nothing to step or run until the next reset
    int m_speed = 0;
};

} // namespace haggle::ui
