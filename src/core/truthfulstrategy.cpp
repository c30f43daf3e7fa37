// The truthful trader (see truthfulstrategy.h).
#include "truthfulstrategy.h"

namespace haggle {

KindInfo TruthfulStrategy::kind()
{
    return { "truthful", "Bids its value and asks its cost, each shaded by a share (0: exactly)",
        {
            { "shade", 0.0, 0.0, 0.99, "Share below its value a buyer bids (and above its cost a seller asks)",
                "share" },
            LimitPriceTrader::cheatParameter(),
        },
        { AlternatingOffers, LimitPrices } };
}

std::optional<double> TruthfulStrategy::limitPrice(const ShoutView& view, Rng&)
{
    return view.side == Side::Buyer ? (1.0 - m_shade) * view.reservation : (1.0 + m_shade) * view.reservation;
}

} // namespace haggle
