// The LLM experiments (docs/llm.md):
//
// - `llm-handshake`: an LLM negotiator as buyer and as seller against each rule strategy, and against itself, under
//   each shipped prompt variant (naive, engineered): one negotiation a trial, in the handshake scenario's pair (the
//   buyer needs 10 GPU hours). Deal rate (Wilson 95% interval), unit price against the fair rate 1.0 (mean and 95% CI),
//   turns.
// - `mixed`: a market of LLM, rule-based and Q-learning agents, buyers and sellers of each: by tier and side, the
//   wealth change (what the run earned each agent: for a buyer its jobs' value less what it paid, for a seller its
//   sales less its costs), the surplus per deal and the deals per round, each with its 95% CI over the trials.
//
// Both report the model's calls, tokens, latency and fallbacks per prompt variant, and ask the language model the
// context gives (ExperimentContext::languageModel); without one the LLM agents play their fallback and the findings
// say so. `haggle-cli experiment all` leaves them out: they need a model server, and their numbers are the model's.
#pragma once

#include "experiment.h"

#include <cstdint>
#include <string_view>

namespace haggle::lab {

class LlmHandshakeExperiment : public Experiment {
public:
    static constexpr std::string_view Name = "llm-handshake";
    explicit LlmHandshakeExperiment(const Parameters& parameters);
    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    int m_trials;
    std::uint64_t m_seed;
};

class MixedExperiment : public Experiment {
public:
    static constexpr std::string_view Name = "mixed";
    explicit MixedExperiment(const Parameters& parameters);
    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    int m_trials;
    std::uint64_t m_seed;
    int m_rounds;
    int m_perTier; // buyers of each tier
};

// Whether an experiment asks a language model (`llm-handshake`, `mixed`).
bool asksLanguageModel(std::string_view name) noexcept;

} // namespace haggle::lab
