// LLM negotiator (see llmnegotiator.h).
#include "llmnegotiator.h"

#include "digest.h"
#include "strategyregistry.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace haggle {

KindInfo LlmNegotiator::kind()
{
    return { Name,
        "Language model: an OpenAI-compatible chat model decides its offers and answers from a prompt template (the "
        "scenario's llm settings); its fallback strategy decides when the model gives no usable answer",
        {}, { AlternatingOffers, LimitPrices } };
}

LlmNegotiator::LlmNegotiator()
    : m_fallback(makeStrategy({ LanguageModelSettings {}.fallback, {}, std::nullopt }))
{
}

LlmNegotiator::LlmNegotiator(const LlmNegotiator& other)
    : Strategy(other)
    , m_model(other.m_model)
    , m_fallback(other.m_fallback->clone())
    , m_recent(other.m_recent)
{
}

namespace {

class OfflineLanguageModel final : public LanguageModel {
public:
    explicit OfflineLanguageModel(LanguageModelSettings settings)
        : m_settings(std::move(settings))
    {
    }
    const LanguageModelSettings& settings() const noexcept override { return m_settings; }
    std::optional<LlmAnswer> ask(const LlmPrompt&) override { return std::nullopt; }

private:
    LanguageModelSettings m_settings;
};

} // namespace

std::shared_ptr<LanguageModel> offlineLanguageModel(LanguageModelSettings settings)
{
    return std::make_shared<OfflineLanguageModel>(std::move(settings));
}

bool usesLanguageModel(const Scenario& scenario)
{
    const auto isLlm = [](const StrategySpec& spec) { return spec.type == LlmNegotiator::Name; };
    return std::any_of(
               scenario.agents.begin(), scenario.agents.end(), [&](const AgentSpec& a) { return isLlm(a.strategy); })
        || std::any_of(
            scenario.events.begin(), scenario.events.end(), [&](const ScenarioEvent& e) { return isLlm(e.strategy); });
}

// Null disconnects the model and keeps the fallback it set.
void LlmNegotiator::useLanguageModel(std::shared_ptr<LanguageModel> model)
{
    if (model && model->settings().fallback != m_fallback->name())
        m_fallback = makeStrategy({ model->settings().fallback, {}, std::nullopt });
    m_model = std::move(model);
}

std::optional<LlmAnswer> LlmNegotiator::ask(LlmPrompt prompt)
{
    if (!m_model)
        return std::nullopt;
    prompt.recentDeals = m_recent;
    std::optional<LlmAnswer> answer = m_model->ask(prompt);
    if (answer && answer->kind == LlmAnswer::Kind::Counter
        && !(std::isfinite(answer->unitPrice) && answer->unitPrice > 0.0))
        return std::nullopt; // the model checks prices; a model that lets one through still gets no say
    return answer;
}

double LlmNegotiator::maxUnitPrice(const NegotiationView& view) const
{
    return m_fallback->maxUnitPrice(view);
}

std::optional<double> LlmNegotiator::openingOffer(const NegotiationView& view, Rng& rng)
{
    if (const auto answer = ask({ LlmQuestion::Open, view, {}, {} })) {
        switch (answer->kind) {
        case LlmAnswer::Kind::Counter:
            return answer->unitPrice;
        case LlmAnswer::Kind::Reject:
        case LlmAnswer::Kind::Pass:
            return std::nullopt;
        case LlmAnswer::Kind::Accept:
            break; // nothing to accept yet: the model does not check it, so the fallback decides
        }
    }
    return m_fallback->openingOffer(view, rng);
}

Decision LlmNegotiator::respond(const NegotiationView& view, Rng& rng)
{
    if (const auto answer = ask({ LlmQuestion::Respond, view, {}, {} })) {
        switch (answer->kind) {
        case LlmAnswer::Kind::Accept:
            return Decision::accept();
        case LlmAnswer::Kind::Counter:
            return Decision::counter(answer->unitPrice);
        case LlmAnswer::Kind::Reject:
        case LlmAnswer::Kind::Pass:
            return Decision::reject();
        }
    }
    return m_fallback->respond(view, rng);
}

std::optional<double> LlmNegotiator::limitPrice(const ShoutView& view, Rng& rng)
{
    if (const auto answer = ask({ LlmQuestion::Shout, {}, view, {} })) {
        if (answer->kind == LlmAnswer::Kind::Counter)
            return answer->unitPrice;
        if (answer->kind == LlmAnswer::Kind::Pass || answer->kind == LlmAnswer::Kind::Reject)
            return std::nullopt;
    }
    return m_fallback->limitPrice(view, rng);
}

void LlmNegotiator::observeDeal(const DealObservation& observation)
{
    m_fallback->observeDeal(observation);
    if (m_recent.size() == RecentDeals)
        m_recent.erase(m_recent.begin());
    m_recent.push_back(observation);
}

std::uint64_t LlmNegotiator::stateDigest() const noexcept
{
    Fnv1a d;
    d.add(m_fallback->stateDigest());
    for (const DealObservation& o : m_recent) {
        d.add(static_cast<std::uint64_t>(o.round));
        d.add(static_cast<std::uint64_t>(o.partner));
        d.add(static_cast<std::uint64_t>(o.side));
        d.add(static_cast<std::uint64_t>(o.fulfilled));
        d.add(o.unitPrice);
    }
    return d.value();
}

} // namespace haggle
