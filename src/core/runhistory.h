// A run's past, so that any round played can be seen again: the state hash (and its parts) after every round, and
// checkpoints (copies of the whole state: agents, strategies, views, generator) every `interval()` rounds. seek(r)
// restores the nearest checkpoint at or before r and plays on to r, checking the state hash of round r against the one
// recorded: the round shown is provably the same round (on a mismatch it plays again to name the first round that
// differs). Checkpoints are packed (MarketRun::checkpoint()): a third of a live copy's bytes.
//
// Memory stays bounded however long the run: when the checkpoints would pass the byte budget (or the count), the
// interval doubles and every other checkpoint goes, so a run of R rounds keeps at most maxCount of them and a seek
// replays fewer than interval() rounds. Rules that cannot copy their state (MarketRun::checkpoint() is null: the
// prototype's) keep only the start, and seek replays from it.
#pragma once

#include "marketrun.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace haggle {

struct CheckpointPolicy {
    std::size_t maxBytes = std::size_t(192) << 20; // the checkpoints' estimated bytes (MarketRun::stateBytes())
    std::size_t maxCount = 128;
    int firstInterval = 8; // rounds between checkpoints to begin with (a power of two)
    std::size_t dealHistory = 16; // newest deals per agent a checkpoint keeps (for an inspector's list)
};

// A replayed round whose state hash is not the recorded one: the run is not deterministic, or the record was altered.
class ReplayMismatch : public std::runtime_error {
public:
    ReplayMismatch(int round, std::uint64_t recorded, std::uint64_t replayed);
    int round() const noexcept { return m_round; }

private:
    int m_round;
};

class RunHistory {
public:
    // The history of a run that has played no round yet (checkpointed at round 0).
    explicit RunHistory(const MarketRun& start, CheckpointPolicy policy = {});
    RunHistory(RunHistory&&) noexcept;
    RunHistory& operator=(RunHistory&&) noexcept;
    ~RunHistory();

    // The live run has played one more round: keep its hash, and checkpoint it when one is due. Throws
    // std::logic_error if the run is not at newestRound() + 1.
    void record(const MarketRun& run);

    // The live run has just become a what-if fork of itself (MarketRun::fork()) at its round: that round's state is
    // checkpointed for good (never thinned), so a seek past the fork replays the fork, not the original.
    void markFork(const MarketRun& run);

    int newestRound() const noexcept { return static_cast<int>(m_hashes.size()); }
    // The state hash after round r, for r in [1, newestRound()].
    std::uint64_t hashAfter(int round) const { return m_hashes.at(static_cast<std::size_t>(round - 1)); }
    const std::vector<std::uint64_t>& hashes() const noexcept { return m_hashes; }
    // The state hash's parts after each round (MarketRun::stateParts(); empty under rules without them): what a run
    // file records besides the hashes.
    const std::vector<StateParts>& parts() const noexcept { return m_parts; }
    int interval() const noexcept { return m_interval; }
    std::size_t checkpointCount() const noexcept { return m_checkpoints.size(); }
    std::size_t checkpointBytes() const noexcept;
    // The rounds checkpointed, ascending (0 first).
    std::vector<int> checkpointRounds() const;

    // A run at round r in [0, newestRound()]: the nearest checkpoint restored and played on to r (its hash checked).
    // Throws std::out_of_range for a round not played yet, ReplayMismatch (naming the first round that differs) if the
    // replay does not reach the recorded state.
    std::unique_ptr<MarketRun> seek(int round) const;
    // A run at round r - 1, for a caller that plays round r itself (to see its events: messages, deals).
    std::unique_ptr<MarketRun> seekBefore(int round) const { return seek(round - 1); }

private:
    struct Checkpoint {
        int round = 0;
        std::unique_ptr<MarketRun> run;
        std::size_t bytes = 0;
        bool pinned = false; // a fork's: kept whatever the interval
    };
    void thin();
    // A live run at the checkpoint's round (rules that cannot copy: a new run at round 0, the only checkpoint).
    std::unique_ptr<MarketRun> restore(const Checkpoint& from) const;
    ReplayMismatch firstMismatch(const Checkpoint& from, int round) const;

    CheckpointPolicy m_policy;
    int m_interval;
    bool m_copies = true; // the rules can copy their state
    std::vector<Checkpoint> m_checkpoints; // ascending rounds; the first is round 0
    std::vector<std::uint64_t> m_hashes; // after round 1, 2, ...
    std::vector<StateParts> m_parts; // the same rounds' parts
};

} // namespace haggle
