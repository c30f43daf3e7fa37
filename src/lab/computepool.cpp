// The pool that runs compute plans for real (see computepool.h).
#include "computepool.h"

#include "rng.h"

#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace haggle::lab {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t Mib = 1024 * 1024;
constexpr std::size_t Page = 4096;
constexpr std::size_t CacheLine = 64;

struct DigestContext {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context { EVP_MD_CTX_new(), &EVP_MD_CTX_free };
    std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> sha256 { EVP_MD_fetch(nullptr, "SHA256", nullptr), &EVP_MD_free };

    DigestContext()
    {
        if (!context || !sha256)
            throw std::runtime_error("OpenSSL has no SHA-256 digest");
    }
    Digest digest(const unsigned char* data, std::size_t size)
    {
        Digest out {};
        unsigned int length = 0;
        if (EVP_DigestInit_ex(context.get(), sha256.get(), nullptr) != 1
            || EVP_DigestUpdate(context.get(), data, size) != 1
            || EVP_DigestFinal_ex(context.get(), out.data(), &length) != 1 || length != out.size())
            throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
        return out;
    }
};

// The pool's memory: a job takes its MiB before it starts and gives them back when it ends.
class MemoryBudget {
public:
    explicit MemoryBudget(int mib)
        : m_free(mib)
        , m_limited(mib > 0)
    {
    }
    // Waits until `mib` fit; false if cancelled first.
    bool take(int mib, const std::atomic<bool>* cancel)
    {
        if (!m_limited)
            return true;
        std::unique_lock lock(m_mutex);
        while (m_free < mib) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                return false;
            m_freed.wait_for(lock, std::chrono::milliseconds(10));
        }
        m_free -= mib;
        return true;
    }
    void give(int mib)
    {
        if (!m_limited)
            return;
        {
            const std::lock_guard lock(m_mutex);
            m_free += mib;
        }
        m_freed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_freed;
    int m_free;
    bool m_limited;
};

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

} // namespace

Digest runJobWork(const ComputeJob& job, long blocksPerTick, std::uint64_t seed, const std::atomic<bool>* cancel)
{
    // The job's memory: allocated and zeroed now (every page committed), a word from the seed in every cache line.
    const std::size_t size = static_cast<std::size_t>(std::max(job.memoryMib, 1)) * Mib;
    std::vector<unsigned char> memory(size);
    Rng rng(deriveSeed(seed, static_cast<std::uint64_t>(job.id)));
    for (std::size_t at = 0; at < size; at += CacheLine) {
        const std::uint64_t word = rng.nextU64();
        std::memcpy(memory.data() + at, &word, sizeof word);
    }
    DigestContext sha;
    std::array<unsigned char, 64> block {};
    Digest chain = sha.digest(memory.data(), 32);
    const long blocks = static_cast<long>(job.ticks) * blocksPerTick;
    std::size_t offset = 0;
    for (long k = 0; k < blocks; ++k) {
        if ((k & 1023) == 0 && cancel && cancel->load(std::memory_order_relaxed))
            break;
        std::memcpy(block.data(), chain.data(), chain.size());
        std::memcpy(block.data() + chain.size(), memory.data() + offset, 32);
        chain = sha.digest(block.data(), block.size());
        offset = (offset + Page + 32) % (size - 32); // a new page every block: the memory is really read
    }
    return chain;
}

double measureTickSeconds(long blocksPerTick, int slotCount)
{
    // Every slot busy at once, as in a run: the tick is as long as it is when the pool's threads share the machine.
    ComputeJob probe;
    probe.memoryMib = 1;
    std::vector<double> times;
    for (int k = 0; k < 5; ++k) {
        const auto start = Clock::now();
        {
            std::vector<std::jthread> threads;
            for (int s = 0; s < std::max(slotCount, 1); ++s)
                threads.emplace_back(
                    [&, s] { runJobWork(probe, blocksPerTick, static_cast<std::uint64_t>(k * 64 + s)); });
        }
        times.push_back(secondsSince(start));
    }
    std::sort(times.begin(), times.end());
    return std::max(times[2], 1e-6);
}

double PoolRun::latencySeconds(const ComputeJob& job) const noexcept
{
    return jobs[static_cast<std::size_t>(job.id)].end - job.arrival * tickSeconds;
}

double PoolRun::latencyTicks(const ComputeJob& job) const noexcept
{
    const double tick = workTick > 0.0 ? workTick : tickSeconds;
    return tick > 0.0 ? latencySeconds(job) / tick : 0.0;
}

PoolRun runPlan(const ComputePlan& plan, const std::vector<ComputeJob>& jobs, int slotCount, long blocksPerTick,
    double tickSeconds, std::uint64_t seed, const std::atomic<bool>* cancel, int memoryMib)
{
    // A plan from planJobs() is sound; one made by hand is checked, since a thread per slot acts on it.
    std::vector<int> placed(jobs.size(), 0);
    for (std::size_t k = 0; k < jobs.size(); ++k) {
        if (jobs[k].id != static_cast<int>(k))
            throw std::invalid_argument("job " + std::to_string(k) + " has id " + std::to_string(jobs[k].id));
        if (memoryMib > 0 && jobs[k].memoryMib > memoryMib)
            throw std::invalid_argument("job " + std::to_string(k + 1) + " needs more memory than the pool has");
    }
    for (const Placement& p : plan.placements) {
        if (p.job < 0 || static_cast<std::size_t>(p.job) >= jobs.size() || p.slot < 0 || p.slot >= slotCount
            || ++placed[static_cast<std::size_t>(p.job)] > 1)
            throw std::invalid_argument("the plan places a job twice, or one that is not there, or on no slot");
    }
    MemoryBudget memory(memoryMib);
    PoolRun run;
    run.jobs.resize(jobs.size());
    run.tickSeconds = tickSeconds;
    const auto queues = plan.bySlot(slotCount);
    const auto start = Clock::now();
    std::exception_ptr error;
    std::mutex errorMutex;
    std::atomic<bool> halt { false }; // a worker failed: the others stop after their current job
    const auto stopping
        = [&] { return halt.load(std::memory_order_relaxed) || (cancel && cancel->load(std::memory_order_relaxed)); };
    {
        std::vector<std::jthread> workers;
        for (const auto& queue : queues) {
            workers.emplace_back([&, queue] {
                try {
                    for (const Placement& p : queue) {
                        const ComputeJob& job = jobs[static_cast<std::size_t>(p.job)];
                        // Until the job arrives, in short sleeps so that a cancel is seen at once.
                        const auto arrival = start
                            + std::chrono::duration_cast<Clock::duration>(
                                std::chrono::duration<double>(job.arrival * tickSeconds));
                        while (!stopping() && Clock::now() < arrival)
                            std::this_thread::sleep_until(
                                std::min(arrival, Clock::now() + std::chrono::milliseconds(10)));
                        if (stopping() || !memory.take(job.memoryMib, cancel))
                            return;
                        // Given back however the job ends, so that no other slot waits for it forever.
                        const std::unique_ptr<MemoryBudget, std::function<void(MemoryBudget*)>> held(
                            &memory, [mib = job.memoryMib](MemoryBudget* m) { m->give(mib); });
                        JobTiming& timing = run.jobs[static_cast<std::size_t>(p.job)];
                        timing.start = secondsSince(start);
                        timing.digest = runJobWork(job, blocksPerTick, seed, cancel);
                        timing.end = secondsSince(start);
                    }
                } catch (...) {
                    halt = true;
                    const std::lock_guard lock(errorMutex);
                    if (!error)
                        error = std::current_exception();
                }
            });
        }
    } // the workers join here
    if (error)
        std::rethrow_exception(error);
    run.cancelled = cancel && cancel->load(std::memory_order_relaxed);
    double busy = 0.0;
    long ticks = 0;
    for (std::size_t k = 0; k < jobs.size(); ++k) {
        run.makespan = std::max(run.makespan, run.jobs[k].end);
        busy += run.jobs[k].end - run.jobs[k].start;
        ticks += jobs[k].ticks;
    }
    run.workTick = ticks > 0 ? busy / static_cast<double>(ticks) : 0.0;
    return run;
}

} // namespace haggle::lab
