// Patient: waits for bargains, sells at a premium, and grows less patient the longer it goes without a deal.
//
// Its effective patience is p = patience x (1 - impatience)^k, where k is the number of rounds since its last
// completed deal (or since the start). With market rate m:
//   seller: asks m(1 + p) and holds that ask, accepting any counter >= m(1 + p/2);
//   buyer:  bids m(1 - p) and holds that bid, accepting any price <= m(1 - p/2).
// At the defaults (0.8, 0.02) it needs about 50 idle rounds before a Fair partner's band (1 +- 0.15) reaches its
// reservation, so it trades rarely; a deal makes it patient again.
#pragma once

#include "catalog.h"
#include "strategy.h"

namespace haggle {

class PatientStrategy : public Strategy {
public:
    // Its catalog entry: name, description and parameters (see strategyCatalog()).
    static KindInfo kind();
    explicit PatientStrategy(double patience = 0.8, double impatience = 0.02);

    std::string_view name() const noexcept override { return "patient"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<PatientStrategy>(*this); }
    double maxUnitPrice(const NegotiationView& view) const override;
    std::optional<double> openingOffer(const NegotiationView& view, Rng& rng) override;
    Decision respond(const NegotiationView& view, Rng& rng) override;

    double effectivePatience(int roundsSinceLastDeal) const noexcept;

private:
    double m_patience;
    double m_impatience;
};

} // namespace haggle
