// Patient strategy (see patientstrategy.h).
#include "patientstrategy.h"

#include "pricing.h"

namespace haggle {

PatientStrategy::PatientStrategy(double patience, double impatience)
    : m_patience(patience)
    , m_impatience(impatience)
{
}

double PatientStrategy::effectivePatience(int roundsSinceLastDeal) const noexcept
{
    return m_patience * pricing::powInt(1.0 - m_impatience, roundsSinceLastDeal);
}

double PatientStrategy::maxUnitPrice(const NegotiationView& view) const
{
    return view.marketRate * (1.0 - effectivePatience(view.roundsSinceLastDeal) / 2.0);
}

std::optional<double> PatientStrategy::openingOffer(const NegotiationView& view, Rng&)
{
    return view.marketRate * (1.0 + effectivePatience(view.roundsSinceLastDeal));
}

Decision PatientStrategy::respond(const NegotiationView& view, Rng&)
{
    const double m = view.marketRate;
    const double p = pricing::valueOr(view.partnerLast, m);
    const double patience = effectivePatience(view.roundsSinceLastDeal);
    if (view.side == Side::Buyer) {
        if (p <= m * (1.0 - patience / 2.0))
            return Decision::accept();
        return Decision::counter(m * (1.0 - patience));
    }
    if (p >= m * (1.0 + patience / 2.0))
        return Decision::accept();
    return Decision::counter(m * (1.0 + patience));
}

KindInfo PatientStrategy::kind()
{
    return { "patient", "Waits for bargains, sells at a premium, grows less patient over time",
        {
            { "patience", 0.8, 0.0, 0.95, "Premium it asks (and discount it bids) when fully patient", "share" },
            { "impatience", 0.02, 0.0, 1.0, "Share of its patience lost per round without a deal", "share per round" },
        },
        { AlternatingOffers } };
}

} // namespace haggle
