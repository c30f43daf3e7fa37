// Experiment `learning`: the Q-learning negotiator (learningnegotiator.h) learning from scratch against each opponent,
// as seller and as buyer (learning curves with confidence bands), in a mixed market beside the other strategies
// (wealth), and a policy learnt in one market carried into another (transfer). It asks the prototype's questions: does
// it learn within about 50 rounds, does it overfit to its training market, does it exploit the first mover's
// advantage?
#pragma once

#include "experiment.h"

#include <cstdint>

namespace haggle::lab {

class LearningExperiment : public Experiment {
public:
    explicit LearningExperiment(const Parameters& parameters);

    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    // The defaults of its parameters (kindInfo()).
    static constexpr int DefaultTrials = 20;
    static constexpr std::uint64_t DefaultSeed = 1989; // Watkins
    int m_trials;
    std::uint64_t m_seed;
    int m_rounds;
    int m_window;
};

} // namespace haggle::lab
