// Adaptive strategy (see adaptivestrategy.h).
#include "adaptivestrategy.h"

#include "digest.h"
#include "pricing.h"

#include <algorithm>
#include <cmath>

namespace haggle {

AdaptiveStrategy::AdaptiveStrategy(double learningRate, double initialBelief, double tolerance, double limit)
    : m_learningRate(learningRate)
    , m_belief(initialBelief)
    , m_tolerance(tolerance)
    , m_limit(limit)
{
}

double AdaptiveStrategy::ceiling(const NegotiationView& view) const noexcept
{
    return view.marketRate * (1.0 + m_limit);
}

double AdaptiveStrategy::floor(const NegotiationView& view) const noexcept
{
    return view.marketRate * (1.0 - m_limit);
}

double AdaptiveStrategy::maxUnitPrice(const NegotiationView& view) const
{
    return ceiling(view);
}

std::optional<double> AdaptiveStrategy::openingOffer(const NegotiationView& view, Rng&)
{
    return std::max(m_belief * view.marketRate, floor(view));
}

Decision AdaptiveStrategy::respond(const NegotiationView& view, Rng&)
{
    const double target = m_belief * view.marketRate;
    const double p = pricing::valueOr(view.partnerLast, target);
    double next = view.ownLast ? pricing::midpoint(*view.ownLast, p) : target;
    const bool buyer = view.side == Side::Buyer;
    const bool withinLimits = buyer ? p <= ceiling(view) : p >= floor(view);
    next = buyer ? std::min(next, ceiling(view)) : std::max(next, floor(view));
    const bool asGoodAsNext = buyer ? pricing::buyerPrefers(p, next) : pricing::sellerPrefers(p, next);
    if (withinLimits && (asGoodAsNext || std::fabs(p - next) <= m_tolerance * view.marketRate))
        return Decision::accept();
    return Decision::counter(next);
}

void AdaptiveStrategy::observeDeal(const DealObservation& observation)
{
    if (observation.fulfilled)
        m_belief += m_learningRate * (observation.unitPrice - m_belief);
}

std::uint64_t AdaptiveStrategy::stateDigest() const noexcept
{
    Fnv1a h;
    h.add(m_belief);
    return h.value();
}

KindInfo AdaptiveStrategy::kind()
{
    return { "adaptive", "Keeps a price belief and moves it toward the price of each completed deal",
        {
            { "learning_rate", 0.2, 0.0, 1.0, "Step toward each deal's unit price", "share" },
            { "initial_belief", 1.0, 0.01, 100.0, "Unit price it believes in at the start", "unit price" },
            { "tolerance", 0.15, 0.0, 0.9, "Gap to its own next counter it accepts", "share" },
            { "limit", 0.25, 0.0, 0.9, "Never pays above (sells below) the market rate by more than this", "share" },
        },
        { AlternatingOffers } };
}

} // namespace haggle
