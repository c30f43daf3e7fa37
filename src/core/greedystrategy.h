// Greedy: lowballs as a buyer, demands a premium as a seller, and accepts only prices far in its favour.
//
// With greed factor g and market rate m:
//   seller: opens at m(1 + g), accepts >= m(1 + g/2), concedes a quarter of the remaining way each turn;
//   buyer:  announces at most m(1 - g/2), opens at m(1 - g), accepts <= m(1 - g/2), concedes likewise.
// At the default g = 0.7 its reservation prices (1.35 and 0.65) lie outside every other strategy's band, which
// is why every pairing with Greedy deadlocks in the handshake matrix.
#pragma once

#include "catalog.h"
#include "strategy.h"

namespace haggle {

class GreedyStrategy : public Strategy {
public:
    // Its catalog entry: name, description and parameters (see strategyCatalog()).
    static KindInfo kind();
    explicit GreedyStrategy(double greedFactor = 0.7);

    std::string_view name() const noexcept override { return "greedy"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<GreedyStrategy>(*this); }
    double maxUnitPrice(const NegotiationView& view) const override;
    std::optional<double> openingOffer(const NegotiationView& view, Rng& rng) override;
    Decision respond(const NegotiationView& view, Rng& rng) override;

private:
    double m_greed;
};

} // namespace haggle
