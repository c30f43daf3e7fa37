// The prototype's seven experiments under its own rules (docs/prototype-rules.md): each prints exactly what the
// prototype printed (ExperimentResult::transcript) and states the prototype's findings with whether each holds, for
// `haggle-cli compare-rules`. Every experiment takes `seed_offset` K: every seed it uses (each market's seed, each
// direct reseed, each separate generator) is K more, and nothing else changes.
#pragma once

#include "experiment.h"
#include "pytext.h"

#include <cstdint>

namespace haggle::lab::prototype {

class PrototypeExperiment : public Experiment {
public:
    PrototypeExperiment(const KindInfo& kind, const Parameters& parameters);
    ExperimentResult run(const ExperimentContext& context) const final;
    // The offset every seed moves by: the seed_offset parameter plus the context's (--seed-offset). The context's
    // trials and seed do not apply: the prototype fixed them.
    std::int64_t seedOffset(const ExperimentContext& context) const noexcept
    {
        return m_seedOffset + context.seedOffset;
    }

protected:
    // The kind's catalog entry: its name, description and the seed_offset parameter.
    static KindInfo kind(std::string_view name, std::string_view description);
    virtual std::string_view title() const = 0;
    virtual void play(const ExperimentContext& context, Transcript& out, ExperimentResult& result) const = 0;

private:
    std::int64_t m_seedOffset;
};

#define HAGGLE_PROTOTYPE_EXPERIMENT(Class)                                                                             \
    class Class final : public PrototypeExperiment {                                                                   \
    public:                                                                                                            \
        explicit Class(const Parameters& parameters)                                                                   \
            : PrototypeExperiment(kindInfo(), parameters)                                                              \
        {                                                                                                              \
        }                                                                                                              \
        static KindInfo kindInfo();                                                                                    \
                                                                                                                       \
    private:                                                                                                           \
        std::string_view title() const override;                                                                       \
        void play(const ExperimentContext& context, Transcript& out, ExperimentResult& result) const override;         \
    };

HAGGLE_PROTOTYPE_EXPERIMENT(HandshakeExperiment) // 1: trace, strategy matrix, convergence
HAGGLE_PROTOTYPE_EXPERIMENT(ScarcityExperiment) // 2: scarcity, rush hour, tournament
HAGGLE_PROTOTYPE_EXPERIMENT(TrustExperiment) // 3: always- and 5%-cheater
HAGGLE_PROTOTYPE_EXPERIMENT(RigorExperiment) // 4: 1000-trial matrix, convergence, tournament, detection
HAGGLE_PROTOTYPE_EXPERIMENT(LlmExperiment) // 5: LLM negotiators in their rule-based fallback
HAGGLE_PROTOTYPE_EXPERIMENT(CheaterAnalysisExperiment) // 6: detection sweep, gossip, adaptive and several cheaters
HAGGLE_PROTOTYPE_EXPERIMENT(FuturesExperiment) // 7: spot vs futures, demand patterns, arbitrage

#undef HAGGLE_PROTOTYPE_EXPERIMENT

} // namespace haggle::lab::prototype
