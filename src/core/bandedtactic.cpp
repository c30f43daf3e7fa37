// What the classic negotiation tactics share (see bandedtactic.h).
#include "bandedtactic.h"

#include "pricing.h"

#include <algorithm>
#include <sstream>

namespace haggle {

BandedTactic::BandedTactic(double pMin, double pMax)
    : m_pMin(pMin)
    , m_pMax(pMax)
{
}

double BandedTactic::best(const NegotiationView& view) const noexcept
{
    return view.marketRate * (view.side == Side::Seller ? m_pMax : m_pMin);
}

double BandedTactic::reservation(const NegotiationView& view) const noexcept
{
    return view.marketRate * (view.side == Side::Seller ? m_pMin : m_pMax);
}

bool BandedTactic::acceptable(const NegotiationView& view, double unitPrice) const noexcept
{
    return view.side == Side::Seller ? pricing::sellerPrefers(unitPrice, reservation(view))
                                     : pricing::buyerPrefers(unitPrice, reservation(view));
}

double BandedTactic::clamp(const NegotiationView& view, double unitPrice) const noexcept
{
    return std::clamp(unitPrice, view.marketRate * m_pMin, view.marketRate * m_pMax);
}

ParameterInfo BandedTactic::pMinParameter(double defaultValue)
{
    return { "p_min", defaultValue, 0.01, 100.0,
        "Low end of its price band, relative to the market rate: a seller's reservation, a buyer's opening bid",
        "share" };
}

ParameterInfo BandedTactic::pMaxParameter(double defaultValue)
{
    return { "p_max", defaultValue, 0.01, 100.0,
        "High end of its price band, relative to the market rate: a seller's opening ask, a buyer's reservation",
        "share" };
}

std::optional<SpecError> BandedTactic::checkBand(const Parameters& parameters)
{
    if (parameters["p_min"] < parameters["p_max"])
        return std::nullopt;
    std::ostringstream msg;
    msg << "p_min (" << parameters["p_min"] << ") must be below p_max (" << parameters["p_max"] << ")";
    return SpecError { "params.p_min", msg.str() };
}

} // namespace haggle
