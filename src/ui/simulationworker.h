// The simulation worker: owns the run (a MarketRun from makeRun(): Haggle's Simulation or the prototype rules' market,
// by the scenario's rules) on its own thread, plays rounds on command and sends value snapshots
// back to the GUI, batched to at most ~30 a second. It never touches widgets or settings.
//
// Running: at full speed it plays rounds for ~8 ms at a time and then returns to its event loop, so queued commands
// (pause, speed, focus) are seen promptly; a pause request also sets an atomic flag checked after every round. At
// a set speed it plays one round per timer tick.
//
// Backpressure: at full speed the worker stays at most MaxSnapshotsInFlight snapshots ahead of the GUI (the
// controller reports each one it has handled). A small run plays 100,000 rounds a second; when the GUI thread gets
// less of the machine than the worker, snapshots of thousands of rounds and messages each would otherwise pile up
// in its event queue without bound.
#pragma once

#include "detection.h"
#include "handofffence.h"
#include "marketrun.h"
#include "runhistory.h"
#include "snapshot.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <deque>
#include <memory>

namespace haggle::lab {
class LlmDialogue;
}

namespace haggle::ui {

class SimulationWorker : public QObject {
    Q_OBJECT

public:
    explicit SimulationWorker(QObject* parent = nullptr);
    ~SimulationWorker() override;

    // Thread-safe: stop a run after the round in progress.
    void requestPause() noexcept { m_pauseRequested.store(true); }
    // Thread-safe: the GUI has handled one snapshot.
    void snapshotConsumed() noexcept { m_inFlight.fetch_sub(1); }
    int snapshotsInFlight() const noexcept { return m_inFlight.load(); }
    // Taken around every queued call between the controller and the worker, both ways (see handofffence.h). One
    // for the process: the receiving side must reach it without reading anything the sender wrote.
    static HandoffFence& fence() noexcept;

    static constexpr int FlushIntervalMs = 33;
    static constexpr int ChunkMs = 8;
    static constexpr int MaxSnapshotsInFlight = 2;
    static constexpr int BackpressureWaitMs = 2;
    // Time travel keeps a state hash a round and checkpoints (runhistory.h): in markets up to this size, where a hash
    // costs less than a round.
    static constexpr std::size_t MaxTimeTravelAgents = 100'000;
    // Deals kept for the deal network as of a past round (32 bytes each); past that, past views show the newest
    // network.
    static constexpr std::size_t MaxDealLog = 4'000'000;

public slots:
    void reset(const haggle::Scenario& scenario, quint64 job);
    // A what-if fork: the base scenario played to `round` (its rounds sent as usual, so the branch has its whole
    // history and timeline), then continued under the edited scenario (MarketRun::fork()). `answers` (may be null):
    // the base run's LLM dialogue, which answers the replayed rounds' calls as they were answered there.
    void resetFork(const haggle::Scenario& base, int round, const haggle::Scenario& edited, quint64 job,
        const std::shared_ptr<const haggle::lab::LlmDialogue>& answers = nullptr);
    // Play up to `rounds` rounds, never past the run's end (the scenario's rounds, or as extended).
    void step(int rounds);
    // Run until `untilRound` rounds are complete (0: the run's end). A round past the end extends the run to it.
    void run(int untilRound);
    // Move the run's end `rounds` rounds further (up to MaxRounds in all).
    void extend(int rounds);
    void pause();
    // Rounds per second; 0 is as fast as possible.
    void setSpeed(int roundsPerSecond);
    void setFocus(int agent);
    // Hash the state after every round into the snapshots' newStateHashes, from the next reset on. Off by default:
    // in a large market a hash costs more than playing the round.
    void setRecordStateHashes(bool on);
    // Show the run as of this round (time travel): a pastReady() follows. Requests that arrive before the worker gets
    // to them are merged: only the newest is answered, so scrubbing never queues a backlog of replays.
    void seek(int round);
    // The run so far as a run file (its scenario, every round's state hash and parts): a recordReady() follows.
    void record();

signals:
    void snapshotReady(const haggle::ui::SimulationSnapshot& snapshot);
    void pastReady(const std::shared_ptr<const haggle::ui::PastView>& view);
    // `record` is empty (no rounds) when the market keeps no history (over MaxTimeTravelAgents agents).
    void recordReady(quint64 job, const haggle::lab::RunFile& record);
    void failed(quint64 job, const QString& message);
    // A reset connected the run's LLM negotiators to their model (llmconnection.h): its dialogue, which the GUI
    // reads (thread-safe) for the conversations and the progress of a call. Emitted before the job's first snapshot;
    // a job without LLM negotiators emits nothing.
    void languageModelConnected(quint64 job, const std::shared_ptr<const haggle::lab::LlmDialogue>& dialogue);

private:
    void continueRun();
    void playRound();
    void flush();
    bool shouldStop() const;
    void answerSeek();
    // The agents, who refuses whom and the focus of a run (the live one, or a past one restored by a seek).
    void fillState(const MarketRun& run, SimulationSnapshot& s, bool past) const;

    // A deal as the deal network needs it.
    struct LoggedDeal {
        int round = 0;
        AgentIndex buyer = NoAgent;
        AgentIndex seller = NoAgent;
        float units = 0.0F;
        double price = 0.0;
        bool delivered = true;
        bool paid = true;
    };

    std::unique_ptr<MarketRun> m_sim;
    std::shared_ptr<lab::LlmDialogue> m_dialogue; // the run's LLM dialogue (null without LLM negotiators)
    std::unique_ptr<MarketRun> m_forkedFrom; // a fork's original run, whose scenario the detection tracker reads
    std::unique_ptr<RunHistory> m_history; // null in markets over MaxTimeTravelAgents
    std::vector<LoggedDeal> m_dealLog; // every deal so far, while under MaxDealLog
    bool m_dealLogFull = false;
    int m_seekTarget = -1;
    bool m_seekQueued = false;
    // Detection metrics of the run (markets of up to lab::MaxDetectionAgents agents), and who was isolated after
    // the last round, to report the changes.
    std::unique_ptr<lab::DetectionTracker> m_detection;
    std::vector<std::uint8_t> m_isolated;
    std::vector<std::uint8_t> m_cheater; // per agent: has played a cheater kind in this run (events included)
    quint64 m_job = 0;
    std::atomic<bool> m_pauseRequested { false };
    std::atomic<int> m_inFlight { 0 }; // snapshots emitted and not yet handled by the GUI
    bool m_running = false;
    int m_runUntil = 0;
    int m_end = 0; // the run's last round: the scenario's rounds, or as extended
    int m_speed = 0;
    int m_focus = -1;
    bool m_recordStateHashes = false; // as requested
    bool m_hashEveryRound = false; // as applied at the last reset, so a snapshot's hashes match its rounds
    QTimer* m_tick; // a child, so it moves to the worker thread with the worker
    QElapsedTimer m_sinceFlush;
    bool m_continueQueued = false;
    // Accumulated since the last snapshot.
    std::vector<RoundSummary> m_pendingRounds;
    std::vector<std::uint64_t> m_pendingStateHashes;
    std::vector<DealRecord> m_pendingDeals;
    std::deque<LoggedMessage> m_pendingMessages;
    std::size_t m_droppedMessages = 0;
    std::vector<IdentityChange> m_pendingIdentities;
    std::vector<charts::DetectionPoint> m_pendingDetection;
    std::vector<charts::IsolationChange> m_pendingIsolation;
};

} // namespace haggle::ui

Q_DECLARE_METATYPE(std::shared_ptr<const haggle::lab::LlmDialogue>)
