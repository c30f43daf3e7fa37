// Experiment `tactics`: the classic negotiation tactics (time-dependent Boulware, linear and Conceder, tit-for-tat)
// and Haggle's strategies in a round-robin tournament (utility per negotiation) and in one mixed market (wealth), and
// the prototype's robustness sweeps in Haggle's rules: the greed factor, the fair tolerance and the patience, and the
// cross-strategy matrix with parameter variants, showing where deadlock turns into deals.
#pragma once

#include "experiment.h"

#include <cstdint>

namespace haggle::lab {

class TacticsExperiment : public Experiment {
public:
    explicit TacticsExperiment(const Parameters& parameters);

    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    // The defaults of its parameters (kindInfo()).
    static constexpr int DefaultTrials = 20;
    static constexpr std::uint64_t DefaultSeed = 1998; // Faratin, Sierra and Jennings
    int m_trials;
    std::uint64_t m_seed;
    int m_rounds;
    int m_marketRounds;
};

} // namespace haggle::lab
