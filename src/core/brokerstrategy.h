// Broker: a middleman that leases compute from providers and re-leases it to seekers for a commission.
//
// When a seeker asks a broker that has no spare capacity, the simulation lets the broker first buy the bundle
// from a provider (a negotiation of its own, with the broker as buyer); the broker then offers it to the seeker
// at cost x (1 + commission_rate) and will not go below cost x (1 + commission_rate / 2). As a buyer it pays at
// most the market rate: it opens at m(1 - commission_rate) and splits the difference up to m.
// It remembers the providers it bought from (with the last unit price) and the seekers it sold to, and sources
// from the cheapest provider it knows (a stranger now and then, so it keeps learning the market).
#pragma once

#include "catalog.h"
#include "strategy.h"

#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace haggle {

class BrokerStrategy : public Strategy {
public:
    // Its catalog entry: name, description and parameters (see strategyCatalog()).
    static KindInfo kind();
    explicit BrokerStrategy(double commissionRate = 0.1);

    std::string_view name() const noexcept override { return "broker"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<BrokerStrategy>(*this); }
    double maxUnitPrice(const NegotiationView& view) const override;
    std::optional<double> openingOffer(const NegotiationView& view, Rng& rng) override;
    Decision respond(const NegotiationView& view, Rng& rng) override;
    std::size_t choosePartner(std::span<const PartnerCandidate> candidates, Rng& rng) const override;
    bool isBroker() const override { return true; }
    void observeDeal(const DealObservation& observation) override;
    std::uint64_t stateDigest() const noexcept override;

    double commissionRate() const noexcept { return m_commission; }
    // The providers it bought from and the last unit price it paid each, in index order.
    const std::vector<std::pair<AgentIndex, double>>& knownProviders() const noexcept { return m_providers; }
    std::optional<double> lastPriceFrom(AgentIndex provider) const noexcept;
    const std::unordered_map<AgentIndex, int>& knownSeekers() const noexcept { return m_seekers; }

private:
    double m_commission;
    // provider -> last unit price paid, sorted by provider: a sourcing looks up a dozen candidates in it, which a
    // binary search over one array answers from a few cache lines (a hash map's were a scattered node each).
    std::vector<std::pair<AgentIndex, double>> m_providers;
    std::unordered_map<AgentIndex, int> m_seekers; // seeker -> deals sold
};

} // namespace haggle
