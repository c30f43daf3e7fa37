// Experiment `coalitions`: providers too small for the large jobs pool their capacity in coalitions (the coalition
// mechanism, coalitionmechanism.h), over trials:
//   1. cartels: a standing cartel of 2 or 4 providers, fair or greedy, among solo providers, against the same market
//      without cartels and without coalitions (bilateral): what a cartel member and a solo provider earn, the large
//      jobs served, and whether the cartel's strategy or its size moves its members' earnings more;
//   2. buyer coalitions: small buyers pooling their demand in pools of 3 or 6, against buying alone: their surplus per
//      need and the share of needs met;
//   3. free-riders: one provider that commits and does not deliver (at rates 0.3, 0.6 and 1): how many rounds the
//      coalitions' contribution monitoring takes to flag it, and how often an honest member is flagged.
#pragma once

#include "experiment.h"

#include <cstdint>

namespace haggle::lab {

class CoalitionsExperiment : public Experiment {
public:
    explicit CoalitionsExperiment(const Parameters& parameters);

    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    // The defaults of its parameters (kindInfo()).
    static constexpr int DefaultTrials = 20;
    static constexpr std::uint64_t DefaultSeed = 1953; // Shapley
    int m_trials;
    std::uint64_t m_seed;
    int m_rounds;
    int m_providers;
};

} // namespace haggle::lab
