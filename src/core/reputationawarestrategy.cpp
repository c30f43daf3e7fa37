// Reputation-aware wrapper (see reputationawarestrategy.h).
#include "reputationawarestrategy.h"

namespace haggle {

ReputationAwareStrategy::ReputationAwareStrategy(std::unique_ptr<Strategy> inner, double trustThreshold)
    : m_inner(std::move(inner))
    , m_threshold(trustThreshold)
{
}

ReputationAwareStrategy::ReputationAwareStrategy(const ReputationAwareStrategy& other)
    : Strategy(other)
    , m_inner(other.m_inner->clone())
    , m_threshold(other.m_threshold)
{
}

double ReputationAwareStrategy::maxUnitPrice(const NegotiationView& view) const
{
    return m_inner->maxUnitPrice(view);
}

std::optional<double> ReputationAwareStrategy::openingOffer(const NegotiationView& view, Rng& rng)
{
    if (!acceptsPartner(view.partnerReputation))
        return std::nullopt;
    return m_inner->openingOffer(view, rng);
}

Decision ReputationAwareStrategy::respond(const NegotiationView& view, Rng& rng)
{
    if (!acceptsPartner(view.partnerReputation))
        return Decision::reject();
    return m_inner->respond(view, rng);
}

bool ReputationAwareStrategy::acceptsPartner(double reputation) const
{
    return reputation >= m_threshold && m_inner->acceptsPartner(reputation);
}

std::size_t ReputationAwareStrategy::choosePartner(std::span<const PartnerCandidate> candidates, Rng& rng) const
{
    return m_inner->choosePartner(candidates, rng);
}

bool ReputationAwareStrategy::defaultsOnDeal(const DefaultView& view, Rng& rng)
{
    return m_inner->defaultsOnDeal(view, rng);
}

bool ReputationAwareStrategy::isBroker() const
{
    return m_inner->isBroker();
}

void ReputationAwareStrategy::observeDeal(const DealObservation& observation)
{
    m_inner->observeDeal(observation);
}

} // namespace haggle
