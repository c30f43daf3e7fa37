// Detection against cheat rate: how often each reputation model, with gossip and without, has the trust market's
// cheater isolated at the run's end, for cheat probabilities from 0 to 1. One curve per (model, gossip) with Wilson
// 95% intervals, where each rises most steeply, and whether gossip helps at a low cheat rate.
#pragma once

#include "experiment.h"

#include <cstdint>

namespace haggle::lab {

class DetectionExperiment : public Experiment {
public:
    explicit DetectionExperiment(const Parameters& parameters);

    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    // The defaults of its parameters (kindInfo()).
    static constexpr int DefaultTrials = 100;
    static constexpr std::uint64_t DefaultSeed = 42;
    int m_trials;
    std::uint64_t m_seed;
    int m_steps; // cheat rates k / m_steps, k = 0 .. m_steps
    double m_gossip;
    int m_gossipFanout;
    double m_gossipBelow;
    double m_lowRate;
    int m_rounds;
};

} // namespace haggle::lab
