// Relative tit-for-tat (Faratin, Sierra and Jennings 1998, the imitative tactic with delta = 1): it concedes, in
// proportion, what its partner conceded with its last proposal.
//
//   next = clamp(own last x partner's previous / partner's last, band)
// A buyer whose seller came down from 1.30 to 1.20 raises its own bid by the same 8.3%; a seller whose buyer went up
// from 0.80 to 0.90 lowers its ask by 11%. It opens at its best price (bandedtactic.h); before its partner has made
// two proposals there is nothing to imitate, so its first counter concedes `initial_concession` of its band (two
// tit-for-tat agents would otherwise wait for each other forever). It accepts a proposal at least as good as its own
// next one (AC_next), and within its band at the deadline.
#pragma once

#include "bandedtactic.h"

namespace haggle {

class TitForTatStrategy : public BandedTactic {
public:
    static KindInfo kind();
    TitForTatStrategy(double pMin, double pMax, double initialConcession);

    std::string_view name() const noexcept override { return "tit-for-tat"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<TitForTatStrategy>(*this); }
    std::optional<double> openingOffer(const NegotiationView& view, Rng& rng) override;
    Decision respond(const NegotiationView& view, Rng& rng) override;

    // Its next proposal in answer to the view's partner.
    double proposal(const NegotiationView& view) const noexcept;

private:
    double m_initialConcession;
};

} // namespace haggle
