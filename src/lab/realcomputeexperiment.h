// Experiment `real-compute`: agents compete for the execution slots and the memory of a bounded thread pool on this
// machine, and the jobs then run for real (chained SHA-256 over memory they allocate; computejobs.h, computepool.h).
// The same job set is allocated by FIFO, shortest job first, a central urgency scheduler, a bilateral negotiated market
// and a double auction; each plan runs on the pool and is measured: makespan, urgent jobs' latency, mean completion
// time, welfare (value left when the jobs complete) and Jain's fairness index of the jobs' slowdowns. Allocations are
// deterministic for a seed; timings are measured and reported with their spread over trials.
#pragma once

#include "experiment.h"

#include <cstdint>
#include <string_view>

namespace haggle::lab {

class RealComputeExperiment : public Experiment {
public:
    static constexpr std::string_view Name = "real-compute";

    explicit RealComputeExperiment(const Parameters& parameters);

    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    // The defaults of its parameters (kindInfo()).
    static constexpr int DefaultTrials = 10;
    static constexpr std::uint64_t DefaultSeed = 2026;
    int m_trials;
    std::uint64_t m_seed;
    int m_jobs;
    int m_slots;
    int m_span;
    double m_urgentShare;
    int m_memory;
    int m_poolMemory;
    long m_tickBlocks;
};

} // namespace haggle::lab
