// The sweep runner (see sweeprunner.h).
#include "sweeprunner.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace haggle::lab {

namespace {

using Clock = std::chrono::steady_clock;

// Each thread keeps what it played and stores it itself, a few dozen runs at a time, under the store's lock: a result
// is freed by the thread that made it (handing results to a storing thread made the allocator's arenas and a queue's
// lock the bottleneck of two threads), and a thread that finds the lock taken plays on and tries again later.
constexpr std::size_t FlushRuns = 64;
constexpr auto FlushInterval = std::chrono::milliseconds(250); // long runs are stored at least this often
constexpr std::size_t MaxKept = 4096; // then a thread waits for the lock: memory stays bounded on a slow disk

} // namespace

bool sweepCommitDue(std::int64_t uncommitted, Clock::duration sinceLastCommit) noexcept
{
    return uncommitted >= 1000 || (uncommitted > 0 && sinceLastCommit >= std::chrono::milliseconds(500));
}

std::string durationText(double seconds)
{
    if (!std::isfinite(seconds))
        return "?";
    const auto s = std::llround(seconds);
    char text[48];
    if (s < 60)
        std::snprintf(text, sizeof text, "%lld s", s);
    else if (s < 3600)
        std::snprintf(text, sizeof text, "%lld:%02lld", s / 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
    return text;
}

std::string progressText(const SweepProgress& p)
{
    const double fraction = p.todo ? static_cast<double>(p.done) / static_cast<double>(p.todo) : 1.0;
    const auto eta = p.eta();
    char text[160];
    std::snprintf(text, sizeof text, "%lld/%lld runs (%.0f%%), %.0f runs/s, ETA %s",
        static_cast<long long>(p.done + p.stored), static_cast<long long>(p.todo + p.stored), 100.0 * fraction,
        p.rate(), eta ? durationText(*eta).c_str() : "?");
    return text;
}

SweepOutcome runSweep(const SweepPlan& plan, SweepStore& store, const SweepRunOptions& options)
{
    const auto start = Clock::now();
    const std::vector<bool> stored = store.storedRuns();
    const SweepShard shard = options.shard.value_or(SweepShard {});
    SweepOutcome outcome;
    for (std::int64_t run = 0; run < plan.runCount(); ++run) {
        if (!shard.contains(run))
            continue;
        ++outcome.total;
        if (stored[static_cast<std::size_t>(run)])
            ++outcome.skipped;
    }
    const int threads
        = options.threads > 0 ? options.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));

    std::atomic<std::int64_t> next { 0 };
    std::atomic<bool> stop { false };
    std::atomic<bool> cancelled { false };
    std::mutex errorMutex;
    std::exception_ptr runError;

    // Guarded by storeMutex: the store, and what has been stored and committed.
    std::mutex storeMutex;
    std::exception_ptr storeError;
    std::int64_t done = 0, uncommitted = 0, commits = 0;
    auto lastCommit = Clock::now();

    const auto take = [&]() -> std::int64_t {
        for (;;) {
            if (options.cancel && options.cancel->load(std::memory_order_relaxed) && !stop) {
                cancelled = true;
                stop = true;
            }
            if (stop.load(std::memory_order_relaxed))
                return -1;
            const std::int64_t run = next.fetch_add(1, std::memory_order_relaxed);
            if (run >= plan.runCount())
                return -1;
            if (shard.contains(run) && !stored[static_cast<std::size_t>(run)])
                return run;
        }
    };
    // Stores a thread's results; without `wait`, only if the lock is free. Whether they were stored (or dropped
    // after a store error).
    const auto flush = [&](std::vector<SweepRunResult>& mine, bool wait) {
        if (mine.empty())
            return true; // nothing to store: no transaction to begin (it would hold the write lock uncommitted)
        std::unique_lock lock(storeMutex, std::defer_lock);
        if (wait)
            lock.lock();
        else if (!lock.try_lock())
            return false;
        if (!storeError) {
            try {
                store.begin();
                for (const auto& r : mine)
                    store.add(r);
                done += static_cast<std::int64_t>(mine.size());
                uncommitted += static_cast<std::int64_t>(mine.size());
                if (sweepCommitDue(uncommitted, Clock::now() - lastCommit)) {
                    store.commit();
                    uncommitted = 0;
                    lastCommit = Clock::now();
                    ++commits;
                }
            } catch (...) {
                storeError = std::current_exception();
                stop = true;
                store.rollback(); // what was committed stays
            }
        }
        mine.clear();
        return true;
    };
    SweepProgress progress;
    progress.todo = outcome.total - outcome.skipped;
    progress.stored = outcome.skipped;
    std::int64_t reported = -1; // the commits the last report followed
    const auto report = [&](bool last) {
        {
            std::lock_guard lock(storeMutex);
            if (!last && commits == reported)
                return;
            reported = commits;
            progress.done = done;
        }
        progress.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        if (options.progress)
            options.progress(progress);
    };
    // `threads` in all, the calling thread among them: one thread is a sequential sweep. Only the calling thread
    // reports progress.
    const auto play = [&](bool caller) {
        std::vector<SweepRunResult> mine;
        mine.reserve(FlushRuns);
        auto lastFlush = Clock::now();
        for (std::int64_t run = take(); run >= 0; run = take()) {
            try {
                mine.push_back(runSweepRun(plan, run));
            } catch (...) {
                std::lock_guard lock(errorMutex);
                if (!runError)
                    runError = std::current_exception();
                stop = true; // the others stop too; what was played is stored
                break;
            }
            if (mine.size() >= FlushRuns || Clock::now() - lastFlush >= FlushInterval) {
                if (flush(mine, mine.size() >= MaxKept))
                    lastFlush = Clock::now();
                if (caller) {
                    try {
                        report(false);
                    } catch (...) { // a listener that throws stops the sweep as a failed run does
                        std::lock_guard lock(errorMutex);
                        if (!runError)
                            runError = std::current_exception();
                        stop = true;
                        break;
                    }
                }
            }
        }
        flush(mine, true);
    };
    std::vector<std::jthread> pool;
    pool.reserve(static_cast<std::size_t>(threads - 1));
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(play, false);
    play(true);
    pool.clear(); // joins
    {
        std::lock_guard lock(storeMutex);
        if (!storeError && uncommitted > 0) {
            try {
                store.commit();
                uncommitted = 0;
                ++commits;
            } catch (...) {
                storeError = std::current_exception();
                store.rollback();
            }
        }
    }
    if (storeError)
        std::rethrow_exception(storeError);
    if (runError)
        std::rethrow_exception(runError);
    outcome.ran = done;
    outcome.cancelled = cancelled && !outcome.complete(); // a cancel after the last run changes nothing
    outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    report(true);
    return outcome;
}

} // namespace haggle::lab
