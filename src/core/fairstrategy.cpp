// Fair strategy (see fairstrategy.h).
#include "fairstrategy.h"

#include "pricing.h"

#include <algorithm>

namespace haggle {

FairStrategy::FairStrategy(double fairnessTolerance)
    : m_tolerance(fairnessTolerance)
{
}

double FairStrategy::maxUnitPrice(const NegotiationView& view) const
{
    return view.marketRate * (1.0 + m_tolerance);
}

std::optional<double> FairStrategy::openingOffer(const NegotiationView& view, Rng&)
{
    return view.marketRate;
}

Decision FairStrategy::respond(const NegotiationView& view, Rng&)
{
    const double p = pricing::valueOr(view.partnerLast, view.marketRate);
    const double m = view.marketRate;
    if (view.side == Side::Buyer) {
        const double ceiling = m * (1.0 + m_tolerance);
        if (p <= ceiling)
            return Decision::accept();
        const double next = view.ownLast ? pricing::midpoint(*view.ownLast, p) : m;
        return Decision::counter(std::min(next, ceiling));
    }
    const double floor = m * (1.0 - m_tolerance);
    if (p >= floor)
        return Decision::accept();
    const double next = view.ownLast ? pricing::midpoint(*view.ownLast, p) : m;
    return Decision::counter(std::max(next, floor));
}

KindInfo FairStrategy::kind()
{
    return { "fair", "Targets the market rate; on disagreement splits the difference",
        {
            { "fairness_tolerance", 0.15, 0.0, 0.9, "Accepted distance from the market rate, as a fraction", "share" },
        },
        { AlternatingOffers } };
}

} // namespace haggle
