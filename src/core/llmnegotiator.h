// LLM negotiator: a strategy whose decisions a language model makes (languagemodel.h, docs/llm.md).
//
// As a seller it asks the model for its opening offer; on either side it asks how to answer the partner's proposal;
// in an auction it asks for its limit price. When the model gives no usable answer (the server is unreachable or
// slow, the reply never parses, the run was cancelled) it decides as its fallback strategy would (the scenario's
// llm.fallback, "fair" by default); the model counts every fallback. A buyer's announced maximum price is its
// fallback's. Without a model connected (a run nobody connected, see MarketState::setLanguageModel()) it plays its
// fallback throughout: a market whose scenario has LLM negotiators starts connected to an offline model with the
// scenario's settings (offlineLanguageModel()), so that the fallback is the scenario's llm.fallback.
#pragma once

#include "catalog.h"
#include "languagemodel.h"
#include "scenario.h"
#include "strategy.h"

#include <memory>
#include <vector>

namespace haggle {

class LlmNegotiator final : public Strategy {
public:
    static constexpr std::string_view Name = "llm";
    static KindInfo kind();
    LlmNegotiator();
    LlmNegotiator(const LlmNegotiator& other);

    std::string_view name() const noexcept override { return Name; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<LlmNegotiator>(*this); }
    double maxUnitPrice(const NegotiationView& view) const override;
    std::optional<double> openingOffer(const NegotiationView& view, Rng& rng) override;
    Decision respond(const NegotiationView& view, Rng& rng) override;
    std::optional<double> limitPrice(const ShoutView& view, Rng& rng) override;
    void observeDeal(const DealObservation& observation) override;
    void useLanguageModel(std::shared_ptr<LanguageModel> model) override;
    std::uint64_t stateDigest() const noexcept override;

    // How many of its own newest deals a prompt shows.
    static constexpr std::size_t RecentDeals = 5;

    const Strategy& fallback() const noexcept { return *m_fallback; }
    bool connected() const noexcept { return m_model != nullptr; }

private:
    std::optional<LlmAnswer> ask(LlmPrompt prompt);

    std::shared_ptr<LanguageModel> m_model;
    std::unique_ptr<Strategy> m_fallback;
    std::vector<DealObservation> m_recent; // at most RecentDeals, newest last: what the prompts show
};

// A model that answers nothing, with these settings: what a market's LLM negotiators ask until a real one is connected.
std::shared_ptr<LanguageModel> offlineLanguageModel(LanguageModelSettings settings);
// Whether any agent of the scenario plays "llm", from the start or after a strategy event.
bool usesLanguageModel(const Scenario& scenario);

} // namespace haggle
