// Zero-intelligence traders (Gode and Sunder 1993, "Allocative efficiency of markets with zero-intelligence traders",
// Journal of Political Economy 101(1)): limit prices drawn at random, with no learning and no strategy.
//   zi-u (unconstrained): every bid and ask uniform over [0, ceiling], whatever the trader's value or cost: it may
//        trade at a loss.
//   zi-c (constrained): a buyer's bid uniform over [0, value], a seller's ask uniform over [cost, ceiling]: it never
//        trades at a loss. (The value is the buyer's value per unit, job_value x (1 + urgency); the cost the seller's
//        unit_cost. A value above the ceiling bids up to the ceiling; a cost above it asks its cost.)
// Gode and Sunder found that a double auction of zi-c traders reaches close to 100% allocative efficiency, the
// mechanism alone doing what a market's intelligence was credited with, and zi-u clearly less.
#pragma once

#include "limitpricetrader.h"

namespace haggle {

class ZeroIntelligenceStrategy final : public LimitPriceTrader {
public:
    static KindInfo unconstrainedKind(); // "zi-u"
    static KindInfo constrainedKind(); // "zi-c"

    ZeroIntelligenceStrategy(bool constrained, double ceiling, double cheatProbability = 0.0)
        : LimitPriceTrader(cheatProbability)
        , m_constrained(constrained)
        , m_ceiling(ceiling)
    {
    }

    std::string_view name() const noexcept override { return m_constrained ? "zi-c" : "zi-u"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<ZeroIntelligenceStrategy>(*this); }
    std::optional<double> limitPrice(const ShoutView& view, Rng& rng) override;

    bool constrained() const noexcept { return m_constrained; }
    double ceiling() const noexcept { return m_ceiling; }

protected:
    double highestBid(double reservation) const override;

private:
    bool m_constrained;
    double m_ceiling;
};

} // namespace haggle
