// Experiment `mechanisms`: every mechanism of the catalog on the same market (mechanismstudy.h), in normal demand and
// at rush hour, with and without cheaters, over trials: allocative efficiency, success rate, price volatility, Jain's
// fairness index, rounds to a first allocation and losses to defaults, each with its 95% confidence interval; and Gode
// and Sunder's markets reproduced (a double auction of zero-intelligence traders, constrained and unconstrained).
#pragma once

#include "experiment.h"

#include <cstdint>

namespace haggle::lab {

class MechanismsExperiment : public Experiment {
public:
    explicit MechanismsExperiment(const Parameters& parameters);

    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    // The defaults of its parameters (kindInfo()).
    static constexpr int DefaultTrials = 100;
    static constexpr std::uint64_t DefaultSeed = 1993; // Gode and Sunder
    int m_trials;
    std::uint64_t m_seed;
    int m_rounds;
    int m_providers;
};

} // namespace haggle::lab
