// Relative tit-for-tat (see titfortatstrategy.h).
#include "titfortatstrategy.h"

#include "pricing.h"

namespace haggle {

TitForTatStrategy::TitForTatStrategy(double pMin, double pMax, double initialConcession)
    : BandedTactic(pMin, pMax)
    , m_initialConcession(initialConcession)
{
}

std::optional<double> TitForTatStrategy::openingOffer(const NegotiationView& view, Rng&)
{
    return best(view);
}

double TitForTatStrategy::proposal(const NegotiationView& view) const noexcept
{
    if (!view.ownLast)
        return best(view);
    if (!view.partnerPrevious || !view.partnerLast || *view.partnerLast <= 0.0) {
        const double step = m_initialConcession * view.marketRate * (pMax() - pMin());
        return clamp(view, view.side == Side::Seller ? *view.ownLast - step : *view.ownLast + step);
    }
    return clamp(view, *view.ownLast * (*view.partnerPrevious / *view.partnerLast));
}

Decision TitForTatStrategy::respond(const NegotiationView& view, Rng&)
{
    const double offered = pricing::valueOr(view.partnerLast, best(view));
    if (lastAnswer(view))
        return acceptable(view, offered) ? Decision::accept() : Decision::reject();
    const double next = proposal(view);
    const bool asGood
        = view.side == Side::Seller ? pricing::sellerPrefers(offered, next) : pricing::buyerPrefers(offered, next);
    return asGood ? Decision::accept() : Decision::counter(next);
}

KindInfo TitForTatStrategy::kind()
{
    KindInfo info { "tit-for-tat", "Relative tit-for-tat: concedes in proportion to what its partner last conceded",
        {
            pMinParameter(),
            pMaxParameter(),
            { "initial_concession", 0.1, 0.0, 1.0,
                "Share of its band its first counter concedes, before there is anything to imitate", "share" },
        },
        { AlternatingOffers } };
    info.check = [](const Parameters& p) { return checkBand(p); };
    return info;
}

} // namespace haggle
