// The "reverse-auction" mechanism, after Akash Network's marketplace (docs/mechanisms.md cites the sources): tenants
// post orders with a maximum price, providers bid at or below it, the tenant picks a bid, and the lease it makes is
// paid round by round from the tenant's escrow until the tenant or the provider ends it or the escrow runs dry.
//
// Each round:
//   1. Standing leases, oldest first. A lease whose party is absent, whose tenant has needed nothing for `idle_rounds`
//      rounds in a row (it closes the deployment), whose notice has run out, or whose escrow cannot
//      pay the round (and is not topped up: top_up, from the tenant's budget, escrow_rounds rounds' worth) ends: a
//      REJECT (notice, escrow_empty) and the rest of the escrow back to the tenant; a lease that runs dry stops the job
//      on it mid-way, and its tenant orders again from the next round. Otherwise the round's payment
//      leaves the escrow and the compute is delivered (the lease settlement; escrow pays, so the tenant cannot
//      withhold it; the provider can, and the tenant then leaves). In a round its tenant needs nothing the lease runs
//      idle, paid for. The payment is fixed when the lease starts; a provider whose lease no longer pays its running
//      cost (a price shock raised the bundle's reference value) gives notice: `notice` more rounds, then the lease
//      ends. One whose capacity is taken offline (an outage) ends it at once (no_capacity).
//   2. Orders: every buyer with a need and no lease posts one for its need (a BID to nobody: its maximum price, its
//      limit price).
//   3. Bids: providers, in a random order, each once (its ask, a limit price), bid on every open order they can supply
//      from what they have free whose maximum is at or above their ask, while the order has fewer than `bid_cap` bids
//      (an ASK to the tenant); each bid locks `bid_deposit` of the provider's budget until the order closes.
//   4. Leases: each tenant, in order, takes the bid with the lowest score, price x (1 + reputation_weight x (1 - its
//      view of the provider)): not necessarily the cheapest, a provider it trusts less must bid lower; among those
//      still able to supply it. It deposits escrow_rounds rounds' payment (at most its budget; at least one round, or
//      it cannot lease) and the lease's first round is delivered (an ACCEPT). Every bid deposit comes back.
#pragma once

#include "catalog.h"
#include "mechanism.h"
#include "resources.h"

#include <cstdint>
#include <vector>

namespace haggle {

class ReverseAuction final : public Mechanism {
public:
    static KindInfo kind();

    struct Settings {
        int bidCap = 20;
        double bidDeposit = 0.5;
        int escrowRounds = 5;
        bool topUp = true;
        int notice = 2;
        double reputationWeight = 1.0;
        int idleRounds = 2; // 0: never
    };
    explicit ReverseAuction(const Settings& settings)
        : m_settings(settings)
    {
    }

    std::string_view name() const noexcept override { return "reverse-auction"; }
    std::unique_ptr<Mechanism> clone() const override { return std::make_unique<ReverseAuction>(*this); }
    void clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers) override;
    double heldFunds() const noexcept override;
    void closeAll(MarketState& state) override;
    std::uint64_t stateDigest() const noexcept override;

    struct Lease {
        AgentIndex tenant = NoAgent;
        AgentIndex provider = NoAgent;
        ResourceBundle resources;
        double unitPrice = 0.0;
        double payment = 0.0; // a round's payment, fixed when the lease starts (the bid's price for the bundle)
        double escrow = 0.0; // what is left of the tenant's deposit
        int noticeEnds = 0; // the round the provider's notice runs out (0: none given)
        int idle = 0; // rounds in a row its tenant needed nothing
    };
    const std::vector<Lease>& leases() const noexcept { return m_leases; }

private:
    Settings m_settings;
    std::vector<Lease> m_leases; // oldest first
};

} // namespace haggle
