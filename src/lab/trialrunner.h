// The multi-trial runner: spreads independent trials over threads. Trial i always gets the seed
// deriveSeed(base, i) and its result always lands in slot i, so results are identical for any thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace haggle::lab {

class TrialRunner {
public:
    // threads <= 0: one per hardware thread.
    explicit TrialRunner(int threads = 0)
        : m_threads(threads > 0 ? threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency())))
    {
    }

    int threads() const noexcept { return m_threads; }

    // Runs fn(i) for i in [0, trials) and returns the results in trial order. Threads take the next trial from a
    // shared counter, so uneven trials balance themselves. The first exception thrown by a trial is rethrown here
    // after every thread has stopped.
    template <typename Fn> auto run(int trials, Fn fn) const -> std::vector<decltype(fn(0))>
    {
        using Result = decltype(fn(0));
        std::vector<Result> results(static_cast<std::size_t>(std::max(trials, 0)));
        std::atomic<int> next { 0 };
        std::exception_ptr error;
        std::mutex errorMutex;
        const auto worker = [&] {
            for (int i = next++; i < trials; i = next++) {
                try {
                    results[static_cast<std::size_t>(i)] = fn(i);
                } catch (...) {
                    std::lock_guard lock(errorMutex);
                    if (!error)
                        error = std::current_exception();
                    next = trials; // stop handing out work
                }
            }
        };
        const int count = std::min(m_threads, std::max(trials, 1));
        if (count <= 1) {
            worker();
        } else {
            std::vector<std::jthread> pool;
            pool.reserve(static_cast<std::size_t>(count - 1));
            for (int t = 1; t < count; ++t)
                pool.emplace_back(worker);
            worker();
        }
        if (error)
            std::rethrow_exception(error);
        return results;
    }

private:
    int m_threads;
};

} // namespace haggle::lab
