// What the simulation worker sends to the GUI: value snapshots, batched (at most ~30 a second), never pointers into
// the worker's state. Each carries the job id of the reset that started its run, so the GUI drops stale ones.
#pragma once

#include "agent.h"
#include "events.h"
#include "message.h"

#include <QMetaType>

#include <cstdint>
#include <vector>

namespace haggle::ui {

// A message and the round it was sent in.
struct LoggedMessage {
    int round = 0;
    Message message;
};

// An agent's changing state after the snapshot's round.
struct AgentLive {
    double budget = 0.0;
    ResourceBundle holdings;
    double netWorth = 0.0;
    double meanReputation = 0.5;
    int deals = 0;
    // How many reputation-aware agents rate this one below their own trust threshold (and so refuse to deal with
    // it). Counted over the peers they have a view of; strangers are not counted.
    int refusedBy = 0;
};

// The inspector's agent: its own reputation table and its recent deals.
struct FocusDetail {
    int agent = -1; // index, -1 for none
    std::vector<std::pair<AgentIndex, double>> reputationTable;
    std::vector<DealEntry> recentDeals; // newest last, at most MaxFocusDeals
};

struct SimulationSnapshot {
    quint64 job = 0;
    int round = 0; // rounds completed
    int totalRounds = 0; // the scenario's length
    bool running = false; // the worker is still running after this snapshot
    std::vector<AgentLive> agents;
    int reputationAware = 0; // agents in the run that use the reputation-aware wrapper
    std::vector<RoundSummary> newRounds; // rounds completed since the previous snapshot, in order
    // MarketRun::stateHash() after each of newRounds (same length, same order), when the controller was asked for
    // them (SimulationController::setRecordStateHashes); empty otherwise. What the determinism tests compare with
    // haggle-cli run --hashes and the golden file, round by round, however the rounds were batched.
    std::vector<std::uint64_t> newStateHashes;
    std::vector<DealRecord> newDeals;
    std::vector<LoggedMessage> newMessages; // the newest of the messages since the previous snapshot
    std::size_t droppedMessages = 0; // messages since the previous snapshot not carried (too many to show)
    FocusDetail focus;
    std::uint64_t stateHash = 0; // MarketRun::stateHash() after `round`
};

// Copies the snapshot's state into `kept`, without the batches (newRounds, newStateHashes, newDeals, newMessages,
// droppedMessages), which are left empty: for a receiver that keeps the latest state after handling the batches.
inline void keepState(SimulationSnapshot& kept, const SimulationSnapshot& s)
{
    kept.job = s.job;
    kept.round = s.round;
    kept.totalRounds = s.totalRounds;
    kept.running = s.running;
    kept.agents = s.agents;
    kept.reputationAware = s.reputationAware;
    kept.newRounds.clear();
    kept.newStateHashes.clear();
    kept.newDeals.clear();
    kept.newMessages.clear();
    kept.droppedMessages = 0;
    kept.focus = s.focus;
    kept.stateHash = s.stateHash;
}

inline constexpr std::size_t MaxFocusDeals = 500;
inline constexpr std::size_t MaxMessagesPerSnapshot = 20'000;

} // namespace haggle::ui

Q_DECLARE_METATYPE(haggle::ui::SimulationSnapshot)
