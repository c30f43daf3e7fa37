// The arbitrageur: a speculator that trades compute futures against the spot market (futuresmechanism.h). It has no
// jobs. On a futures book it bids (1 - 2 x margin) x the market's forecast of the spot unit price at delivery; what is
// delivered to it it resells on the spot market, asking (1 - margin) x the last forecast it saw. When futures trade
// below the spot price they forecast, each unit bought forward earns about margin x the spot price; in a market whose
// futures already price the spot correctly no seller sells to it that cheaply, and it earns nothing (arbitrage pays
// only in an inefficient market). With cheat_probability > 0 it defaults like any limit-price trader.
#pragma once

#include "limitpricetrader.h"

namespace haggle {

class Arbitrageur final : public LimitPriceTrader {
public:
    static KindInfo kind();

    explicit Arbitrageur(double margin = 0.1, double cheatProbability = 0.0)
        : LimitPriceTrader(cheatProbability)
        , m_margin(margin)
    {
    }

    std::string_view name() const noexcept override { return "arbitrageur"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<Arbitrageur>(*this); }
    std::optional<double> limitPrice(const ShoutView& view, Rng& rng) override;
    bool speculates() const override { return true; }
    std::uint64_t stateDigest() const noexcept override;

protected:
    double highestBid(double reservation) const override { return (1.0 - 2.0 * m_margin) * reservation; }

private:
    double m_margin;
    std::optional<double> m_forecast; // the spot forecast of its last futures shout
};

} // namespace haggle
