// Zero-intelligence traders (see zerointelligence.h).
#include "zerointelligence.h"

#include "rng.h"

#include <algorithm>

namespace haggle {

namespace {

KindInfo ziKind(std::string_view name, std::string_view description)
{
    return { name, description,
        {
            { "ceiling", 2.0, 0.01, 1e6, "Top of the range limit prices are drawn from (unit price)", "unit price" },
            LimitPriceTrader::cheatParameter(),
        },
        { AlternatingOffers, LimitPrices } };
}

} // namespace

KindInfo ZeroIntelligenceStrategy::unconstrainedKind()
{
    return ziKind("zi-u", "Zero intelligence, unconstrained (Gode-Sunder): bids and asks uniform over [0, ceiling]");
}

KindInfo ZeroIntelligenceStrategy::constrainedKind()
{
    return ziKind("zi-c",
        "Zero intelligence, constrained (Gode-Sunder): bids uniform below its value, asks uniform above its cost");
}

std::optional<double> ZeroIntelligenceStrategy::limitPrice(const ShoutView& view, Rng& rng)
{
    double low = 0.0;
    double high = m_ceiling;
    if (m_constrained) {
        if (view.side == Side::Buyer)
            high = std::min(view.reservation, m_ceiling);
        else
            low = std::min(view.reservation, m_ceiling);
        if (view.side == Side::Seller && view.reservation >= m_ceiling)
            return view.reservation;
    }
    return low + (high - low) * rng.uniform01();
}

double ZeroIntelligenceStrategy::highestBid(double reservation) const
{
    return m_constrained ? std::min(reservation, m_ceiling) : m_ceiling;
}

} // namespace haggle
