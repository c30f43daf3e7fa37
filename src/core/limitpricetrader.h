// A trader that thinks in limit prices: the base of the zero-intelligence traders (zerointelligence.h) and the
// truthful bidder (truthfulstrategy.h). A kind says only what limit price it names (limitPrice()); this base speaks
// both protocols from it:
//   - the auctions' (LimitPrices): the mechanism asks limitPrice() for a bid or an ask;
//   - alternating offers (AlternatingOffers), as a double auction of two: the partner's last proposal is the standing
//     quote, the trader draws a fresh limit price and accepts when it crosses the quote (a buyer's limit at or above
//     it, a seller's at or below it), else proposes its limit. A buyer's REQUEST announces the highest bid its kind
//     would make (highestBid(): its value, capped or shaded as the kind bids).
// With cheat_probability > 0 it defaults on an agreed deal with that probability (one draw per deal), like a cheater.
#pragma once

#include "catalog.h"
#include "strategy.h"

namespace haggle {

class LimitPriceTrader : public Strategy {
public:
    explicit LimitPriceTrader(double cheatProbability = 0.0)
        : m_cheatProbability(cheatProbability)
    {
    }

    double maxUnitPrice(const NegotiationView& view) const override;
    std::optional<double> openingOffer(const NegotiationView& view, Rng& rng) override;
    Decision respond(const NegotiationView& view, Rng& rng) override;
    bool defaultsOnDeal(const DefaultView& view, Rng& rng) override;
    bool cheats() const override { return m_cheatProbability > 0.0; }

    // The cheat_probability parameter every limit-price kind declares.
    static ParameterInfo cheatParameter();

protected:
    // The highest unit price a buyer of this kind would ever bid for a buyer whose value is `reservation`.
    virtual double highestBid(double reservation) const = 0;

private:
    static ShoutView shoutFrom(const NegotiationView& view);

    double m_cheatProbability;
};

} // namespace haggle
