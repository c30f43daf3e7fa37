// A trader that thinks in limit prices (see limitpricetrader.h).
#include "limitpricetrader.h"

#include "rng.h"

namespace haggle {

ShoutView LimitPriceTrader::shoutFrom(const NegotiationView& view)
{
    ShoutView s;
    s.side = view.side;
    s.round = view.round;
    s.self = view.self;
    s.resources = view.resources;
    s.budget = view.budget;
    s.urgency = view.urgency;
    s.reservation = view.reservation;
    return s;
}

double LimitPriceTrader::maxUnitPrice(const NegotiationView& view) const
{
    return highestBid(view.reservation);
}

std::optional<double> LimitPriceTrader::openingOffer(const NegotiationView& view, Rng& rng)
{
    return limitPrice(shoutFrom(view), rng);
}

Decision LimitPriceTrader::respond(const NegotiationView& view, Rng& rng)
{
    ShoutView s = shoutFrom(view);
    (view.side == Side::Buyer ? s.bestAsk : s.bestBid) = view.partnerLast;
    const std::optional<double> limit = limitPrice(s, rng);
    if (!limit)
        return Decision::reject();
    if (view.partnerLast) {
        const bool crosses = view.side == Side::Buyer ? *limit >= *view.partnerLast : *limit <= *view.partnerLast;
        if (crosses)
            return Decision::accept();
    }
    return Decision::counter(*limit);
}

bool LimitPriceTrader::defaultsOnDeal(const DefaultView&, Rng& rng)
{
    return m_cheatProbability > 0.0 && rng.bernoulli(m_cheatProbability);
}

ParameterInfo LimitPriceTrader::cheatParameter()
{
    return { "cheat_probability", 0.0, 0.0, 1.0, "Probability of defaulting on each agreed deal (0: honest)",
        "probability" };
}

} // namespace haggle
