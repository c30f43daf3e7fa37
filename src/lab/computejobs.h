// The job set of the real-compute experiment (realcomputeexperiment.h) and the regimes that allocate a bounded pool's
// execution slots to it.
//
// Time is counted in ticks: one tick is a fixed amount of real work (`tick_blocks` SHA-256 digests of 64 bytes), so a
// job's length in ticks is known before it runs. A job arrives at a tick, needs `ticks` ticks of one slot and
// `memoryMib` of memory while it runs, and is urgent or not. What it is worth decays with its latency (arrival to
// completion): it is worth value x 2^(-latency / halfLife), and an urgent job's half-life is its own length, a routine
// one's ten times its length. Welfare is the share of the job set's value still there when the jobs complete.
//
// A regime plans the whole allocation in ticks, before anything runs: at every tick, each free slot takes a waiting
// job (one that has arrived and not started) in the regime's order, and keeps it until it is done (no preemption).
// The plans are deterministic for a seed; the pool (computepool.h) then runs them for real and measures.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace haggle::lab {

struct ComputeJob {
    int id = 0; // its index in the job set, in arrival order
    int arrival = 0; // tick
    int ticks = 1; // length
    int memoryMib = 1; // allocated and touched while it runs
    bool urgent = false;
    double urgency = 0.0; // in [0, 1]: the owner's own sense of it (urgent jobs 0.7 to 1, routine 0 to 0.3)
    double value = 0.0; // worth at latency 0

    // Ticks for its value to halve: its length when urgent, ten times its length when routine.
    double halfLife() const noexcept { return urgent ? ticks : 10.0 * ticks; }
    // What it is worth at a latency (ticks).
    double worth(double latency) const noexcept;
};

struct JobSetSpec {
    int jobs = 40;
    int span = 40; // arrivals spread over ticks [0, span)
    double urgentShare = 0.25;
    int maxMemoryMib = 16; // a job allocates 1 to this many MiB
    std::uint64_t seed = 1;
};

// Jobs in arrival order: lengths 1, 2, 4 or 8 ticks (shorter ones more often), value proportional to length times
// (1 + urgency).
std::vector<ComputeJob> makeJobSet(const JobSetSpec& spec);

enum class Regime : std::uint8_t {
    Fifo, // by arrival
    ShortestFirst, // by length, then arrival
    Urgency, // a central scheduler that knows every job: the greatest loss of value per tick of delay per tick of
             // length first (Smith's rule on each job's decay at latency 0)
    Negotiated, // the slots and the waiting jobs trade in a Haggle market each tick (bilateral negotiation)
    Auction, // the same, in a continuous double auction
};
const std::vector<Regime>& allRegimes();
std::string_view regimeName(Regime regime) noexcept; // "fifo", "shortest-first", "urgency", "negotiated", "auction"

struct Placement {
    int job = 0;
    int slot = 0;
    int start = 0; // tick
};

struct ComputePlan {
    Regime regime = Regime::Fifo;
    std::vector<Placement> placements; // in start order (ties: slot order); one per job

    int makespan(const std::vector<ComputeJob>& jobs) const; // ticks, to the last completion
    // Each job's planned latency in ticks (its completion minus its arrival), by job id.
    std::vector<double> latencies(const std::vector<ComputeJob>& jobs) const;
    // Each slot's jobs in the order it runs them.
    std::vector<std::vector<Placement>> bySlot(int slotCount) const;
};

// Plans the job set on `slotCount` slots sharing `memoryMib` of memory (0: no limit): a job starts only where its
// memory fits beside the running jobs', and a central regime then passes over it to the next that fits (backfill);
// a market regime trades only the jobs that fit. The market regimes draw from `marketSeed` (the market of tick t gets
// deriveSeed(marketSeed, t)); the others draw nothing. Throws std::invalid_argument for no slot, or for a job that
// needs more memory than the pool has.
ComputePlan planJobs(
    Regime regime, const std::vector<ComputeJob>& jobs, int slotCount, std::uint64_t marketSeed, int memoryMib = 0);

} // namespace haggle::lab
