// The sweep runner (see sweeprunner.h).
#include "sweeprunner.h"

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace haggle::lab {

namespace {

using Clock = std::chrono::steady_clock;

// A commit every half second, or every thousand runs if that comes first: what a crash can lose stays small, and a
// commit (a WAL append) costs far less than the runs it keeps.
constexpr auto CommitInterval = std::chrono::milliseconds(500);
constexpr std::int64_t CommitRuns = 1000;

// Results on their way from the workers to the storing thread. Bounded, so fast workers wait for a slow disk instead
// of filling memory. The storing thread is woken when a batch has gathered (or the workers are done), not for every
// result: a run takes a fraction of a millisecond, and waking a thread for each cost a quarter of a core.
class ResultQueue {
public:
    explicit ResultQueue(std::size_t capacity)
        : m_capacity(capacity)
        , m_batch(std::max<std::size_t>(1, capacity / 4))
    {
    }

    // False when the queue was closed (the sweep is stopping): the result is dropped.
    bool push(SweepRunResult&& r)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_items.size() < m_capacity || m_closed; });
        if (m_closed)
            return false;
        m_items.push_back(std::move(r));
        if (m_items.size() == m_batch)
            m_notEmpty.notify_one();
        return true;
    }

    // Waits until a batch has gathered, every worker is done, or `until`; moves everything there is into `out`.
    void popAll(std::vector<SweepRunResult>& out, Clock::time_point until)
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait_until(lock, until, [&] { return m_items.size() >= m_batch || m_workers == 0; });
        while (!m_items.empty()) {
            out.push_back(std::move(m_items.front()));
            m_items.pop_front();
        }
        m_notFull.notify_all();
    }

    void setWorkers(int n)
    {
        std::lock_guard lock(m_mutex);
        m_workers = n;
    }
    void workerDone()
    {
        std::lock_guard lock(m_mutex);
        --m_workers;
        m_notEmpty.notify_all();
    }
    bool drained()
    {
        std::lock_guard lock(m_mutex);
        return m_workers == 0 && m_items.empty();
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notFull.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::deque<SweepRunResult> m_items;
    std::size_t m_capacity;
    std::size_t m_batch;
    int m_workers = 0;
    bool m_closed = false;
};

} // namespace

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
    SweepProgress progress;
    progress.todo = outcome.total - outcome.skipped;
    progress.stored = outcome.skipped;

    const int threads
        = options.threads > 0 ? options.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    ResultQueue queue(static_cast<std::size_t>(threads) * 1024);
    std::atomic<std::int64_t> next { 0 };
    std::atomic<bool> stop { false };
    std::exception_ptr workerError;
    std::mutex errorMutex;
    const auto cancelled = [&] { return options.cancel && options.cancel->load(std::memory_order_relaxed); };

    const auto worker = [&] {
        try {
            for (;;) {
                if (stop.load(std::memory_order_relaxed))
                    break;
                const std::int64_t run = next.fetch_add(1, std::memory_order_relaxed);
                if (run >= plan.runCount())
                    break;
                if (!shard.contains(run) || stored[static_cast<std::size_t>(run)])
                    continue;
                if (!queue.push(runSweepRun(plan, run)))
                    break;
            }
        } catch (...) {
            std::lock_guard lock(errorMutex);
            if (!workerError)
                workerError = std::current_exception();
            stop = true;
        }
        queue.workerDone();
    };

    queue.setWorkers(threads);
    std::vector<std::jthread> pool;
    pool.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(worker);

    std::vector<SweepRunResult> batch;
    std::exception_ptr storeError;
    auto lastCommit = Clock::now();
    std::int64_t uncommitted = 0;
    const auto report = [&] {
        progress.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        if (options.progress)
            options.progress(progress);
    };
    try {
        while (!queue.drained()) {
            if (cancelled() && !stop) {
                stop = true;
                outcome.cancelled = true;
            }
            queue.popAll(batch, Clock::now() + std::chrono::milliseconds(50));
            if (!batch.empty()) {
                store.begin();
                for (const auto& r : batch)
                    store.add(r);
                progress.done += static_cast<std::int64_t>(batch.size());
                outcome.ran += static_cast<std::int64_t>(batch.size());
                uncommitted += static_cast<std::int64_t>(batch.size());
                batch.clear();
            }
            if (uncommitted >= CommitRuns || Clock::now() - lastCommit >= CommitInterval) {
                store.commit();
                uncommitted = 0;
                lastCommit = Clock::now();
                report();
            }
        }
        store.commit();
    } catch (...) {
        storeError = std::current_exception();
        stop = true;
        queue.close();
        store.rollback();
    }
    pool.clear(); // joins
    if (storeError)
        std::rethrow_exception(storeError);
    if (workerError)
        std::rethrow_exception(workerError);
    outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    report();
    return outcome;
}

} // namespace haggle::lab
