// Fair: targets the market rate and, on disagreement, splits the difference within a tolerance band.
//
// Seller: opens at its market rate m, accepts any counter >= m(1 - tolerance), else counters with the midpoint
// of its last proposal and the buyer's, never below m(1 - tolerance).
// Buyer: accepts any price <= m(1 + tolerance), else counters: first at m, then the midpoint, never above
// m(1 + tolerance). Two Fair agents therefore agree in the first exchange at m.
#pragma once

#include "catalog.h"
#include "strategy.h"

namespace haggle {

class FairStrategy : public Strategy {
public:
    // Its catalog entry: name, description and parameters (see strategyCatalog()).
    static KindInfo kind();
    explicit FairStrategy(double fairnessTolerance = 0.15);

    std::string_view name() const noexcept override { return "fair"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<FairStrategy>(*this); }
    double maxUnitPrice(const NegotiationView& view) const override;
    std::optional<double> openingOffer(const NegotiationView& view, Rng& rng) override;
    Decision respond(const NegotiationView& view, Rng& rng) override;

    double tolerance() const noexcept { return m_tolerance; }

private:
    double m_tolerance;
};

} // namespace haggle
