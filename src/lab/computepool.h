// The bounded pool that runs a compute plan (computejobs.h) for real on this machine, and what it measures.
//
// The pool has one worker thread per slot. A slot runs its planned jobs in the planned order, each as soon as the one
// before it is done and the job has arrived (arrival tick x the measured length of a tick, from the pool's start). A
// job takes its memory from the pool's budget, allocates it and writes every page of it, then chains SHA-256 (OpenSSL)
// over it: tick x blocks digests, each of the previous digest and 32 bytes of its memory. Its digest depends only
// on the job and the seed, never on the regime or the timing, so the same job set gives the same digests under every
// plan.
#pragma once

#include "computejobs.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

namespace haggle::lab {

using Digest = std::array<unsigned char, 32>;

// One job's real work: `ticks` x `blocksPerTick` chained SHA-256 digests of 64 bytes over `memoryMib` of memory filled
// from the seed. Returns early (with whatever digest it reached) once `cancel` is set.
Digest runJobWork(
    const ComputeJob& job, long blocksPerTick, std::uint64_t seed, const std::atomic<bool>* cancel = nullptr);

// The measured length of a tick on this machine, in seconds: the median of five rounds of one-tick jobs of 1 MiB,
// one on each of `slotCount` threads at once.
double measureTickSeconds(long blocksPerTick, int slotCount);

struct JobTiming {
    double start = 0.0; // seconds from the pool's start
    double end = 0.0;
    Digest digest {};
};

struct PoolRun {
    std::vector<JobTiming> jobs; // by job id
    double tickSeconds = 0.0; // what arrivals were scaled by
    // The length of a tick of work in this run: the jobs' time running over their length in ticks. The machine's
    // speed drifts; latencies in ticks are measured with this, so a slower run is not a worse allocation.
    double workTick = 0.0;
    double makespan = 0.0; // seconds, from the pool's start to the last completion
    bool cancelled = false;

    // A job's measured latency in seconds: its completion minus its arrival.
    double latencySeconds(const ComputeJob& job) const noexcept;
    // The same in this run's ticks of work.
    double latencyTicks(const ComputeJob& job) const noexcept;
};

// Runs the plan on `slotCount` worker threads sharing `memoryMib` of memory (0: no limit) and measures it. A job whose
// memory does not fit beside the running jobs' (one that ran late) waits for it before it starts. Stops early, with
// cancelled set, once `cancel` is set.
PoolRun runPlan(const ComputePlan& plan, const std::vector<ComputeJob>& jobs, int slotCount, long blocksPerTick,
    double tickSeconds, std::uint64_t seed, const std::atomic<bool>* cancel = nullptr, int memoryMib = 0);

} // namespace haggle::lab
