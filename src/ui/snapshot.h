// What the simulation worker sends to the GUI: value snapshots, batched (at most ~30 a second), never pointers into
// the worker's state. Each carries the job id of the reset that started its run, so the GUI drops stale ones.
#pragma once

#include "agent.h"
#include "chartinput.h"
#include "dealnetwork.h"
#include "events.h"
#include "message.h"
#include "orderbook.h"
#include "profitsplit.h"
#include "runfile.h"

#include <QMetaType>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
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
    int identity = 1; // the identity it trades under (MarketRun::identityOf(): a whitewasher's grows as it rejoins)
    bool cheater = false; // plays a cheater kind now, or has played one in this run (detection's truth)
    bool isolated = false; // every reputation-aware peer rates it below its threshold (when detection is tracked)
};

// An agent rejoined under a new identity (a whitewasher) at the end of a round.
struct IdentityChange {
    int round = 0;
    AgentIndex agent = NoAgent;
    int identity = 1; // from then on
};

// The inspector's agent: its own reputation table and its recent deals.
struct FocusDetail {
    int agent = -1; // index, -1 for none
    std::vector<std::pair<AgentIndex, double>> reputationTable;
    std::vector<DealEntry> recentDeals; // newest last, at most MaxFocusDeals
    std::optional<LearnedTable> learned; // what it has learnt, if its strategy learns (a Q-table)
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
    std::vector<IdentityChange> newIdentities; // whitewashers that rejoined since the previous snapshot
    // Detection metrics (lab::DetectionTracker), tracked in markets of up to lab::MaxDetectionAgents agents: then
    // `detection` is set, with the counts after each of newRounds and the isolation changes since the previous
    // snapshot (AgentLive::isolated is the state after `round`).
    bool detection = false;
    std::vector<charts::DetectionPoint> newDetection;
    std::vector<charts::IsolationChange> newIsolationChanges;
    FocusDetail focus;
    std::uint64_t stateHash = 0; // MarketRun::stateHash() after `round`
    std::optional<OrderBook> book; // the mechanism's order book after `round`, if it keeps one (MarketRun::orderBook())
    // The coalitions formed in `round` (RoundEvents::coalitions), for the deal graph's groups and the inspector; split
    // by `split`, the run's rule.
    std::vector<CoalitionRecord> coalitions;
    SplitRule split = SplitRule::Proportional;
};

// Copies the snapshot's state into `kept`, without the batches (newRounds, newStateHashes, newDeals, newMessages,
// droppedMessages, newIdentities, newDetection, newIsolationChanges), which are left empty: for a receiver that keeps
// the latest state after handling the batches.
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
    kept.newIdentities.clear();
    kept.detection = s.detection;
    kept.newDetection.clear();
    kept.newIsolationChanges.clear();
    kept.focus = s.focus;
    kept.stateHash = s.stateHash;
    kept.book = s.book;
    kept.coalitions = s.coalitions;
    kept.split = s.split;
}

// The run as of an earlier round (time travel): what the views show while the run's cursor is not on the newest round.
// The worker restores the round from its checkpoints (RunHistory) and replays it.
struct PastView {
    quint64 job = 0;
    int round = 0; // the round shown: the state after it
    // The state after `round`; its batches hold that round alone: newDeals and newMessages (replayed, so every message
    // is there), no newRounds.
    SimulationSnapshot state;
    lab::DealNetwork network; // the deal network as of the round
    QString error; // why the round cannot be shown (time travel off for this market, a replay that differs)
};

inline constexpr std::size_t MaxFocusDeals = 500;
inline constexpr std::size_t MaxMessagesPerSnapshot = 20'000;

} // namespace haggle::ui

Q_DECLARE_METATYPE(haggle::ui::SimulationSnapshot)
Q_DECLARE_METATYPE(haggle::ui::PastView)
Q_DECLARE_METATYPE(std::shared_ptr<const haggle::ui::PastView>)
Q_DECLARE_METATYPE(haggle::lab::RunFile)
