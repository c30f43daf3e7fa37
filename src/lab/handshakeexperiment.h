// Experiment 1, the basic handshake (the prototype's SCENARIOS.md): a message trace of one Fair buyer against a Greedy
// seller, the 4x4 strategy matrix over many seeds, and two Adaptive agents converging on one price.
#pragma once

#include "experiment.h"

#include <cstdint>

namespace haggle::lab {

class HandshakeExperiment : public Experiment {
public:
    explicit HandshakeExperiment(const Parameters& parameters);

    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    int m_seeds; // of each matrix cell
    std::uint64_t m_seed;
    int m_rounds; // of the convergence run
    std::uint64_t m_convergenceSeed;
};

} // namespace haggle::lab
