// The "lease" settlement: an agreed bundle is leased to the buyer for the round and comes back at its end.
//
// Each party draws whether it defaults (seller first, both always, so the random stream does not depend on who
// cheats; a buyer whose payment comes from escrow is not asked). The seller leases the compute (ALLOCATE) unless it
// defaults; the buyer pays unless it defaults. A default is a DEFAULT message from the victim and lowers the victim's
// view of the defaulter; a kept side raises it. A buyer that gets the compute runs its job and is paid job_value x
// reference value x (1 + urgency), unless it is a broker sourcing, which holds the compute to resell at its cost basis.
// A seller that delivers pays its running cost, unit_cost x reference value (agents[].unit_cost; usually 0). An idle
// agreement (a standing lease in a round its buyer needs nothing) leases and pays but runs no job. At the round's end
// every lease is RELEASEd, newest first.
//
// It settles spot agreements: bilateral ones, and a coalition's (several sellers pooling their parts for one buyer,
// or one seller serving a pool of buyers; coalitionmechanism.h). A coalition's agreement is settled pair by pair
// between the single party on one side and each party on the other: every party draws whether it defaults (sellers
// first, in party order, then buyers), each pair's part is leased unless its seller defaults and its share of the
// price paid unless its buyer defaults, and each pair is a deal with its own messages and reputation updates. A
// buyer's job runs only when every part it was to receive was delivered (a large job needs all of its compute).
#pragma once

#include "catalog.h"
#include "events.h"
#include "settlement.h"

#include <cstdint>
#include <vector>

namespace haggle {

class LeaseSettlement final : public Settlement {
public:
    static KindInfo kind()
    {
        return { "lease", "The seller leases the compute to the buyer for the round; defaults happen here", {} };
    }
    std::string_view name() const noexcept override { return "lease"; }
    std::unique_ptr<Settlement> clone() const override { return std::make_unique<LeaseSettlement>(*this); }
    bool accepts(const Agreement& agreement) const noexcept override
    {
        return agreement.isBilateral() || agreement.isSharedSpot();
    }
    SettledAgreement settle(MarketState& state, const Agreement& agreement) override;
    void endRound(MarketState& state) override;

private:
    SettledAgreement settleShared(MarketState& state, const Agreement& agreement);
    // One buyer-seller pair of an agreement, its outcome drawn: the lease unless the seller defaulted (ALLOCATE), the
    // payment unless the buyer did, the DEFAULT messages and records, both deal histories, both reputation updates
    // and the deal.
    void settlePair(MarketState& state, const Agreement& agreement, const DealRecord& deal);

    struct Lease {
        AgentIndex lessor;
        AgentIndex lessee;
        ResourceBundle resources;
        std::uint64_t agreement;
    };
    std::vector<Lease> m_leases; // this round's, in the order made
};

} // namespace haggle
