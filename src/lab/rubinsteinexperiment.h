// Experiment `rubinstein`: every strategy pairing's price against Rubinstein's subgame-perfect price. Each trial is
// the handshake pair trading for a few rounds, the buyer's urgency (its value of the compute) drawn per trial; every
// negotiation is scored against bargaining theory (bargaining.h, docs/model.md). It asks the prototype's question:
// do the strategies overpay against the equilibrium, and which bargains closest to it?
#pragma once

#include "experiment.h"

#include <cstdint>

namespace haggle::lab {

class RubinsteinExperiment : public Experiment {
public:
    explicit RubinsteinExperiment(const Parameters& parameters);

    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    // The defaults of its parameters (kindInfo()).
    static constexpr int DefaultTrials = 30;
    static constexpr std::uint64_t DefaultSeed = 1982; // Rubinstein's year
    int m_trials;
    std::uint64_t m_seed;
    int m_rounds;
    double m_buyerDiscount;
    double m_sellerDiscount;
};

} // namespace haggle::lab
