// The truthful trader: it names its reservation as its limit price, shaded by a fixed share. A buyer bids
// (1 - shade) x its value per unit, a seller asks (1 + shade) x its unit cost. With shade 0 it bids what the compute
// is worth to it: the dominant strategy in a Vickrey auction (Vickrey 1961), where the price paid does not depend on
// the winner's own bid. In a first-price auction a bidder shades: with n bidders whose values are uniform, the
// symmetric equilibrium bid is (n - 1) / n of the value, a shade of 1 / n.
#pragma once

#include "limitpricetrader.h"

namespace haggle {

class TruthfulStrategy final : public LimitPriceTrader {
public:
    static KindInfo kind();

    explicit TruthfulStrategy(double shade = 0.0, double cheatProbability = 0.0)
        : LimitPriceTrader(cheatProbability)
        , m_shade(shade)
    {
    }

    std::string_view name() const noexcept override { return "truthful"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<TruthfulStrategy>(*this); }
    std::optional<double> limitPrice(const ShoutView& view, Rng& rng) override;

protected:
    double highestBid(double reservation) const override { return (1.0 - m_shade) * reservation; }

private:
    double m_shade;
};

} // namespace haggle
