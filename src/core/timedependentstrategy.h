// Time-dependent tactics (Faratin, Sierra and Jennings 1998; the GENIUS agents of Baarslag et al. 2013): the target
// moves from the side's best price to its reservation as the negotiation's time runs out.
//
// Time t in [0, 1] is the share of the turn limit used before this proposal: t = turn / (max_turns - 1), so the
// opening is at t = 0 and the last allowed proposal at t = 1. With the band [p_min, p_max] (relative to the market
// rate m) and the concession exponent e:
//   target(t) = Pmin + (Pmax - Pmin)(1 - t^(1/e))      (a seller's price; a buyer's mirrors it: Pmin + Pmax - that)
// e < 1 is Boulware (holds out, concedes at the deadline), e = 1 linear, e > 1 Conceder (concedes early).
// Acceptance (Baarslag et al. 2014): AC_next accepts a proposal at least as good as its own next one; AC_const one at
// least as good as the constant level alpha (m x accept_level); "either" accepts what either would. At the deadline a
// price within the band is accepted (bandedtactic.h).
#pragma once

#include "bandedtactic.h"

namespace haggle {

enum class AcceptanceCondition : std::uint8_t { Next = 0, Constant = 1, Either = 2 };

class TimeDependentStrategy : public BandedTactic {
public:
    // The kinds: "time-dependent" (any e, linear by default), "boulware" (e <= 1), "conceder" (e >= 1).
    static KindInfo kind();
    static KindInfo boulwareKind();
    static KindInfo concederKind();
    static std::unique_ptr<Strategy> make(std::string_view kindName, const Parameters& parameters);

    TimeDependentStrategy(std::string_view kindName, double e, double pMin, double pMax,
        AcceptanceCondition acceptance = AcceptanceCondition::Next, double acceptLevel = 1.0);

    // The formula above: the target, as a seller's price, at time t in [0, 1].
    static double target(double t, double e, double pMin, double pMax) noexcept;
    // A proposal's time: the share of the turn limit used before it.
    static double timeOf(int turn, int maxTurns) noexcept;

    std::string_view name() const noexcept override { return m_kindName; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<TimeDependentStrategy>(*this); }
    std::optional<double> openingOffer(const NegotiationView& view, Rng& rng) override;
    Decision respond(const NegotiationView& view, Rng& rng) override;

    // This side's proposal at the view's time.
    double proposal(const NegotiationView& view) const noexcept;

private:
    std::string_view m_kindName;
    double m_e;
    AcceptanceCondition m_acceptance;
    double m_acceptLevel;
};

} // namespace haggle
