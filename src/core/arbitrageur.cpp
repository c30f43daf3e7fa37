// The arbitrageur (see arbitrageur.h).
#include "arbitrageur.h"

#include <bit>

namespace haggle {

KindInfo Arbitrageur::kind()
{
    return { "arbitrageur",
        "Speculator: buys compute futures below the forecast spot price and resells the delivered compute on the spot "
        "market",
        {
            { "margin", 0.1, 0.0, 0.45,
                "Share of the forecast spot price it aims to earn: it bids (1 - 2 margin) of it forward and asks "
                "(1 - margin) of it on the spot market",
                "share" },
            LimitPriceTrader::cheatParameter(),
        },
        { AlternatingOffers, LimitPrices } };
}

std::optional<double> Arbitrageur::limitPrice(const ShoutView& view, Rng&)
{
    if (view.forward > 0) {
        if (view.side != Side::Buyer || !view.spotForecast)
            return std::nullopt; // it sells only what was delivered to it, on the spot market
        m_forecast = view.spotForecast;
        return (1.0 - 2.0 * m_margin) * *view.spotForecast;
    }
    if (view.side == Side::Buyer)
        return std::nullopt; // it has no jobs to buy for
    // Delivered compute is lost at the round's end: it sells near the forecast, or at its cost when it has none.
    return m_forecast ? (1.0 - m_margin) * *m_forecast : view.reservation;
}

std::uint64_t Arbitrageur::stateDigest() const noexcept
{
    return m_forecast ? std::bit_cast<std::uint64_t>(*m_forecast) : 0;
}

} // namespace haggle
