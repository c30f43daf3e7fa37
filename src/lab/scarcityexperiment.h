// Experiment 2, scarcity games (the prototype's SCENARIOS.md): the 100-round scarcity market, the rush hour by demand
// phase over trials, and a tournament ranking the agents by final net worth over trials.
#pragma once

#include "experiment.h"

#include <cstdint>

namespace haggle::lab {

class ScarcityExperiment : public Experiment {
public:
    explicit ScarcityExperiment(const Parameters& parameters);

    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    // The defaults of its parameters (kindInfo()).
    static constexpr int DefaultTrials = 20;
    int m_trials; // of the rush hour and of the tournament
    std::uint64_t m_seed;
    int m_rounds; // of the market and of each tournament trial
};

} // namespace haggle::lab
