// Trust threshold against cheat rate: for one reputation model, how well isolation finds the trust market's cheater
// (mean F1) and how many honest agents it wrongly isolates, over a grid of every honest agent's trust threshold and
// the cheater's cheat probability. Two heatmaps, where F1 peaks and from which threshold honest agents are cut off.
#pragma once

#include "experiment.h"

#include <cstdint>

namespace haggle::lab {

class ThresholdExperiment : public Experiment {
public:
    explicit ThresholdExperiment(const Parameters& parameters);

    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    // The defaults of its parameters (kindInfo()).
    static constexpr int DefaultTrials = 50;
    static constexpr std::uint64_t DefaultSeed = 42;
    int m_trials;
    std::uint64_t m_seed;
    int m_model; // index into TrustModels
    double m_gossip;
    double m_lowThreshold, m_highThreshold;
    int m_thresholdSteps;
    int m_rateSteps;
    int m_rounds;
};

} // namespace haggle::lab
