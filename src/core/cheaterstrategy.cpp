// Cheater strategy (see cheaterstrategy.h).
#include "cheaterstrategy.h"

#include "pricing.h"
#include "rng.h"

#include <algorithm>

namespace haggle {

namespace {
constexpr double BidCeiling = 1.2;
constexpr double AcceptCeiling = 1.3;
} // namespace

CheaterStrategy::CheaterStrategy(double cheatProbability)
    : m_cheatProbability(cheatProbability)
{
}

double CheaterStrategy::maxUnitPrice(const NegotiationView& view) const
{
    return view.marketRate * AcceptCeiling;
}

std::optional<double> CheaterStrategy::openingOffer(const NegotiationView& view, Rng& rng)
{
    return m_honestFace.openingOffer(view, rng);
}

Decision CheaterStrategy::respond(const NegotiationView& view, Rng& rng)
{
    if (view.side == Side::Seller)
        return m_honestFace.respond(view, rng);
    const double m = view.marketRate;
    const double p = pricing::valueOr(view.partnerLast, m);
    if (p <= m * AcceptCeiling)
        return Decision::accept();
    const double next = view.ownLast ? pricing::midpoint(*view.ownLast, p) : m;
    return Decision::counter(std::min(next, m * BidCeiling));
}

bool CheaterStrategy::defaultsOnDeal(const DefaultView&, Rng& rng)
{
    return rng.bernoulli(m_cheatProbability);
}

KindInfo CheaterStrategy::kind()
{
    return { "cheater", "Looks fair, then defaults on agreed deals with some probability (1: always)",
        {
            { "cheat_probability", 1.0, 0.0, 1.0, "Probability of defaulting on each agreed deal", "probability" },
        },
        { AlternatingOffers } };
}

} // namespace haggle
