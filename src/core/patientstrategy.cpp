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

} // namespace haggle
