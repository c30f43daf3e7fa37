// What the classic negotiation tactics share (time-dependent, tit-for-tat): a price band relative to the market rate m,
// from the best price a side asks for (a seller's m x p_max, a buyer's m x p_min) to its reservation (a seller's
// m x p_min, a buyer's m x p_max), the REQUEST's announced maximum (a buyer's reservation), and the rule at the
// deadline: when no counter is left (the partner's proposal was the last allowed), a price within the band is
// accepted, since refusing it ends the negotiation with nothing.
#pragma once

#include "catalog.h"
#include "strategy.h"

namespace haggle {

class BandedTactic : public Strategy {
public:
    BandedTactic(double pMin, double pMax);

    double maxUnitPrice(const NegotiationView& view) const override { return reservation(view); }

    double pMin() const noexcept { return m_pMin; }
    double pMax() const noexcept { return m_pMax; }

    // The parameters every banded tactic declares, and the check that p_min < p_max.
    static ParameterInfo pMinParameter(double defaultValue = 0.8);
    static ParameterInfo pMaxParameter(double defaultValue = 1.2);
    static std::optional<SpecError> checkBand(const Parameters& parameters);

protected:
    double best(const NegotiationView& view) const noexcept;
    double reservation(const NegotiationView& view) const noexcept;
    // A price is within the band: no worse for this side than its reservation.
    bool acceptable(const NegotiationView& view, double unitPrice) const noexcept;
    // The price clamped into the band.
    double clamp(const NegotiationView& view, double unitPrice) const noexcept;
    // Whether a counter now would exceed the turn limit (this answer is the last).
    static bool lastAnswer(const NegotiationView& view) noexcept { return view.turn >= view.maxTurns; }

private:
    double m_pMin;
    double m_pMax;
};

} // namespace haggle
