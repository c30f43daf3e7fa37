// Experiment 3, the trust fall (the prototype's SCENARIOS.md): an always-cheater among reputation-aware agents is cut
// off yet ends richer; a 5% cheater's reputation rises and it is never isolated. Each is run once (watched round by
// round) and over trials, and the two are compared.
#pragma once

#include "experiment.h"

#include <cstdint>

namespace haggle::lab {

class TrustExperiment : public Experiment {
public:
    explicit TrustExperiment(const Parameters& parameters);

    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    // The defaults of its parameters (kindInfo()).
    static constexpr int DefaultTrials = 20;
    int m_trials;
    std::uint64_t m_alwaysSeed;
    std::uint64_t m_subtleSeed;
};

} // namespace haggle::lab
