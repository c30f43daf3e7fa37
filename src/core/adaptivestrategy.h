// Adaptive: keeps a belief about the going unit price and moves it toward the price of every completed deal.
//
// belief <- belief + learning_rate x (deal unit price - belief), on fulfilled deals only.
// Its target is belief x m (m = its market rate; for a seller that includes its load premium). It opens (as a
// seller) or first counters (as a buyer) at the target, then splits the difference with the partner's last
// proposal. It accepts a proposal that is at least as good as its own next counter, or within `tolerance` of it.
// Hard limits anchored to the reference keep it from being exploited: it never pays above m(1 + limit) nor sells
// below m(1 - limit) (limit 0.25), so it deals with Fair and with itself but deadlocks with Greedy and Patient.
#pragma once

#include "catalog.h"
#include "strategy.h"

namespace haggle {

class AdaptiveStrategy : public Strategy {
public:
    // Its catalog entry: name, description and parameters (see strategyCatalog()).
    static KindInfo kind();
    explicit AdaptiveStrategy(
        double learningRate = 0.2, double initialBelief = 1.0, double tolerance = 0.15, double limit = 0.25);

    std::string_view name() const noexcept override { return "adaptive"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<AdaptiveStrategy>(*this); }
    double maxUnitPrice(const NegotiationView& view) const override;
    std::optional<double> openingOffer(const NegotiationView& view, Rng& rng) override;
    Decision respond(const NegotiationView& view, Rng& rng) override;
    void observeDeal(const DealObservation& observation) override;
    std::uint64_t stateDigest() const noexcept override;

    double belief() const noexcept { return m_belief; }

private:
    double ceiling(const NegotiationView& view) const noexcept;
    double floor(const NegotiationView& view) const noexcept;

    double m_learningRate;
    double m_belief;
    double m_tolerance;
    double m_limit;
};

} // namespace haggle
