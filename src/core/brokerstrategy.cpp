// Broker strategy (see brokerstrategy.h).
#include "brokerstrategy.h"

#include "digest.h"
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

std::optional<double> BrokerStrategy::openingOffer(const NegotiationView& view, Rng&)
{
    const double cost = pricing::valueOr(view.costBasis, view.marketRate);
    return std::max(cost * (1.0 + m_commission), view.marketRate);
}

Decision BrokerStrategy::respond(const NegotiationView& view, Rng&)
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

namespace {

// The place of provider in the sorted list: its entry, or where it would go.
auto providerPlace(auto& providers, AgentIndex provider) noexcept
{
    return std::lower_bound(providers.begin(), providers.end(), provider,
        [](const std::pair<AgentIndex, double>& entry, AgentIndex agent) { return entry.first < agent; });
}

} // namespace

std::optional<double> BrokerStrategy::lastPriceFrom(AgentIndex provider) const noexcept
{
    const auto it = providerPlace(m_providers, provider);
    if (it == m_providers.end() || it->first != provider)
        return std::nullopt;
    return it->second;
}

std::size_t BrokerStrategy::choosePartner(std::span<const PartnerCandidate> candidates, Rng& rng) const
{
    // Exploit the cheapest known provider; explore (trust-weighted, like everyone) when it knows none among the
    // candidates or with a small probability.
    if (rng.bernoulli(ExploreProbability) || m_providers.empty())
        return Strategy::choosePartner(candidates, rng);
    std::size_t best = candidates.size();
    double bestPrice = 0.0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const auto price = lastPriceFrom(candidates[i].agent);
        if (price && (best == candidates.size() || *price < bestPrice)) {
            best = i;
            bestPrice = *price;
        }
    }
    if (best == candidates.size())
        return Strategy::choosePartner(candidates, rng);
    return best;
}

void BrokerStrategy::observeDeal(const DealObservation& observation)
{
    if (observation.side == Side::Buyer) {
        const auto it = providerPlace(m_providers, observation.partner);
        const bool known = it != m_providers.end() && it->first == observation.partner;
        if (!observation.fulfilled) {
            if (known)
                m_providers.erase(it);
        } else if (known) {
            it->second = observation.unitPrice;
        } else {
            m_providers.insert(it, { observation.partner, observation.unitPrice });
        }
    } else if (observation.fulfilled) {
        ++m_seekers[observation.partner];
    }
}

std::uint64_t BrokerStrategy::stateDigest() const noexcept
{
    Fnv1a h;
    for (const auto& [provider, price] : m_providers) { // in provider order
        h.add(std::uint64_t(provider));
        h.add(price);
    }
    // The seekers' map has no order: their digests are summed.
    std::uint64_t seekers = 0;
    for (const auto& [seeker, deals] : m_seekers) {
        Fnv1a e;
        e.add(std::uint64_t(seeker));
        e.add(std::uint64_t(deals));
        seekers += e.value();
    }
    h.add(seekers);
    return h.value();
}

KindInfo BrokerStrategy::kind()
{
    return { "broker", "Middleman: buys from providers and resells to seekers, keeping a commission",
        {
            { "commission_rate", 0.1, 0.0, 1.0, "Mark-up on its cost when reselling", "share" },
        },
        { AlternatingOffers } };
}

} // namespace haggle
