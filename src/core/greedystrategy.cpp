// Greedy strategy (see greedystrategy.h).
#include "greedystrategy.h"

#include "pricing.h"

namespace haggle {

namespace {
constexpr double ConcessionPerTurn = 0.25;
}

GreedyStrategy::GreedyStrategy(double greedFactor)
    : m_greed(greedFactor)
{
}

double GreedyStrategy::maxUnitPrice(const NegotiationView& view) const
{
    return view.marketRate * (1.0 - m_greed / 2.0);
}

std::optional<double> GreedyStrategy::openingOffer(const NegotiationView& view, Rng&)
{
    return view.marketRate * (1.0 + m_greed);
}

Decision GreedyStrategy::respond(const NegotiationView& view, Rng&)
{
    const double m = view.marketRate;
    const double p = pricing::valueOr(view.partnerLast, m);
    if (view.side == Side::Buyer) {
        const double reservation = m * (1.0 - m_greed / 2.0);
        if (p <= reservation)
            return Decision::accept();
        const double from = pricing::valueOr(view.ownLast, m * (1.0 - m_greed));
        return Decision::counter(view.ownLast ? pricing::concede(from, reservation, ConcessionPerTurn) : from);
    }
    const double reservation = m * (1.0 + m_greed / 2.0);
    if (p >= reservation)
        return Decision::accept();
    const double from = pricing::valueOr(view.ownLast, m * (1.0 + m_greed));
    return Decision::counter(view.ownLast ? pricing::concede(from, reservation, ConcessionPerTurn) : from);
}

KindInfo GreedyStrategy::kind()
{
    return { "greedy", "Lowballs as a buyer, demands a premium as a seller; accepts only prices far in its favour",
        {
            { "greed_factor", 0.7, 0.0, 0.95, "How far from the market rate it opens (0 = at the rate)", "share" },
        },
        { AlternatingOffers } };
}

} // namespace haggle
