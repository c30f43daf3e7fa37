// Cheater: negotiates like an honest trader, then defaults on agreed deals with probability cheat_probability.
//
// Seller: behaves as Fair (opens at m, accepts >= 0.85m, splits the difference).
// Buyer: announces at most 1.3m, first counters at m, concedes by midpoints up to 1.2m, accepts <= 1.3m.
// After an agreement it draws once: on a default, as a seller it keeps the payment and delivers nothing; as a
// buyer it takes the compute and does not pay. It records its own defaults as fulfilled deals.
#pragma once

#include "catalog.h"
#include "fairstrategy.h"

namespace haggle {

class CheaterStrategy : public Strategy {
public:
    // Its catalog entry: name, description and parameters (see strategyCatalog()).
    static KindInfo kind();
    explicit CheaterStrategy(double cheatProbability = 1.0);

    std::string_view name() const noexcept override { return "cheater"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<CheaterStrategy>(*this); }
    double maxUnitPrice(const NegotiationView& view) const override;
    std::optional<double> openingOffer(const NegotiationView& view, Rng& rng) override;
    Decision respond(const NegotiationView& view, Rng& rng) override;
    bool defaultsOnDeal(const DefaultView& view, Rng& rng) override;
    bool cheats() const override { return true; }

    double cheatProbability() const noexcept { return m_cheatProbability; }

private:
    double m_cheatProbability;
    FairStrategy m_honestFace;
};

} // namespace haggle
