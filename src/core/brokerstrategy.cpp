// Broker strategy (see brokerstrategy.h).
#include "brokerstrategy.h"

#include "pricing.h"
#include "rng.h"

#include <algorithm>

namespace haggle {

namespace {
constexpr double ExploreProbability = 0.2;
}

BrokerStrategy::BrokerStrategy(double commissionRate)
    : m_commission(commissionRate)
{
}

double BrokerStrategy::maxUnitPrice(const NegotiationView& view) const
{
    return view.marketRate;
}

std::optional<double> BrokerStrategy::openingOffer(const NegotiationView& view)
{
    const double cost = pricing::valueOr(view.costBasis, view.marketRate);
    return std::max(cost * (1.0 + m_commission), view.marketRate);
}

Decision BrokerStrategy::respond(const NegotiationView& view)
{
    const double m = view.marketRate;
    const double p = pricing::valueOr(view.partnerLast, m);
    if (view.side == Side::Buyer) {
        if (p <= m)
            return Decision::accept();
        const double next = view.ownLast ? pricing::midpoint(*view.ownLast, p) : m * (1.0 - m_commission);
        return Decision::counter(std::min(next, m));
    }
    const double cost = pricing::valueOr(view.costBasis, m);
    const double floor = cost * (1.0 + m_commission / 2.0);
    if (p >= floor)
        return Decision::accept();
    const double next = view.ownLast ? pricing::midpoint(*view.ownLast, p) : cost * (1.0 + m_commission);
    return Decision::counter(std::max(next, floor));
}

std::size_t BrokerStrategy::choosePartner(std::span<const PartnerCandidate> candidates, Rng& rng) const
{
    // Exploit the cheapest known provider; explore (trust-weighted, like everyone) when it knows none among the
    // candidates or with a small probability.
    const bool explore = rng.bernoulli(ExploreProbability);
    std::size_t best = candidates.size();
    double bestPrice = 0.0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const auto it = m_providers.find(candidates[i].agent);
        if (it != m_providers.end() && (best == candidates.size() || it->second < bestPrice)) {
            best = i;
            bestPrice = it->second;
        }
    }
    if (explore || best == candidates.size())
        return Strategy::choosePartner(candidates, rng);
    return best;
}

void BrokerStrategy::observeDeal(const DealObservation& observation)
{
    if (observation.side == Side::Buyer) {
        if (observation.fulfilled)
            m_providers[observation.partner] = observation.unitPrice;
        else
            m_providers.erase(observation.partner);
    } else if (observation.fulfilled) {
        ++m_seekers[observation.partner];
    }
}

} // namespace haggle
