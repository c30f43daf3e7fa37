// Cheater kinds against reputation models: for each cheater kind (an always-cheater, a 30% cheater, a strategic
// cheater, a whitewasher, a colluders' ring of two) in the trust market under each model, how long it survives
// before it is isolated, what cheating earns it over its honest twin, and what it costs the others.
#pragma once

#include "experiment.h"

#include <cstdint>

namespace haggle::lab {

class CheaterKindsExperiment : public Experiment {
public:
    explicit CheaterKindsExperiment(const Parameters& parameters);

    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    // The defaults of its parameters (kindInfo()).
    static constexpr int DefaultTrials = 50;
    static constexpr std::uint64_t DefaultSeed = 42;
    int m_trials;
    std::uint64_t m_seed;
    double m_gossip;
    int m_rounds;
};

} // namespace haggle::lab
