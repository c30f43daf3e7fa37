// Running a sweep into its results file on this machine's threads: the runs the file does not hold yet (of one shard,
// if given) are played on `threads` threads in all, the calling thread among them, and each thread stores what it
// played itself, a few dozen runs at a time under the store's lock; a batch is committed every thousand runs and at
// least every half second. One thread is a sequential sweep. Memory stays flat in the number of runs: a thread keeps
// at most a few thousand results before it waits to store them.
#pragma once

#include "sweepstore.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace haggle::lab {

struct SweepProgress {
    std::int64_t done = 0; // runs finished by this invocation
    std::int64_t todo = 0; // runs this invocation has to play
    std::int64_t stored = 0; // runs the file held before it started
    double seconds = 0.0; // since it started
    double rate() const noexcept { return seconds > 0.0 ? static_cast<double>(done) / seconds : 0.0; }
    std::optional<double> eta() const noexcept
    {
        return done > 0 ? std::optional<double>((todo - done) / rate()) : std::nullopt;
    }
};

// Whether stored runs are due to be committed: a thousand of them, or any after half a second (what a crash can lose
// stays small, and a commit, a WAL append, costs far less than the runs it keeps). The runner and haggle-sweep-mpi
// both commit by it.
bool sweepCommitDue(std::int64_t uncommitted, std::chrono::steady_clock::duration sinceLastCommit) noexcept;

// "42 s", "3:05", "1:02:03" ("?" for a time that is not finite): how progress lines show durations.
std::string durationText(double seconds);
// "1234/2200 runs (56%), 850 runs/s, ETA 1 s": a progress line, counting the runs stored before this invocation.
std::string progressText(const SweepProgress& progress);

struct SweepRunOptions {
    int threads = 0; // threads in all, the calling one included; 0: one per hardware thread
    std::optional<SweepShard> shard;
    // Called on the calling thread after each commit, and once at the end. If it throws, the sweep stops, keeps
    // what was played and rethrows.
    std::function<void(const SweepProgress&)> progress;
    const std::atomic<bool>* cancel = nullptr; // when it becomes true, the sweep commits what it has and returns
};

struct SweepOutcome {
    std::int64_t ran = 0; // runs played and stored now
    std::int64_t skipped = 0; // runs the file already held
    std::int64_t total = 0; // runs of the sweep (or of the shard)
    bool cancelled = false;
    double seconds = 0.0;
    bool complete() const noexcept { return skipped + ran == total; }
};

// Plays the runs `store` lacks and stores them. A run that throws stops the sweep: what was committed is kept, and
// the error is rethrown. So is a store error (full disk, read-only file).
SweepOutcome runSweep(const SweepPlan& plan, SweepStore& store, const SweepRunOptions& options = {});

} // namespace haggle::lab
