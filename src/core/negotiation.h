// The negotiation mechanism: a bounded exchange of alternating offers between a buyer and a seller.
//
//   1. The buyer sends REQUEST (resources, its maximum price, its urgency).
//   2. The seller REJECTs (it distrusts the buyer, cannot supply, or its strategy declines) or sends an OFFER.
//   3. The other side answers the last proposal with ACCEPT, REJECT or a COUNTER, and so on, alternating.
// A proposal (OFFER or COUNTER) is a turn; at most maxTurns proposals are made. When the answer to the last
// allowed proposal would be another counter, the negotiation ends at the turn limit without agreement.
// A buyer never proposes or accepts more than its budget: its counters are capped at the budget and an ACCEPT
// beyond it becomes REJECT (over budget). Every message is appended to the log when one is given.
//
// The mechanism only asks strategies questions; settling an agreement (moving compute and money, defaults,
// reputation) is the simulation's job.
#pragma once

#include "events.h"
#include "strategy.h"

#include <vector>

namespace haggle {

struct NegotiationSetup {
    std::uint64_t id = 0;
    int round = 1;
    int maxTurns = 6;
    ResourceBundle resources;
    double referenceValue = 0.0; // converts unit prices to total prices
    NegotiationView buyerView; // side, self, partner and the agent's own facts; the mechanism fills in the rest
    NegotiationView sellerView;
    double buyerBudget = 0.0;
};

struct NegotiationResult {
    NegotiationOutcome outcome = NegotiationOutcome::Rejected;
    int turns = 0;
    double unitPrice = 0.0; // agreed (Accepted only)
    double price = 0.0; // agreed total (Accepted only)
    MessageReason reason = MessageReason::None; // why it was rejected
};

// Answers "can the seller supply the resources now?" after the REQUEST arrives. A broker uses this moment to
// buy what it will resell; the check then brings the seller's view up to date (its cost, its load).
class SupplyCheck {
public:
    virtual bool canSupply(NegotiationView& sellerView) = 0;

protected:
    ~SupplyCheck() = default;
};

// `rng` is the run's generator, handed to the strategies' decisions (see Strategy::respond()).
NegotiationResult negotiate(const NegotiationSetup& setup, Strategy& buyer, Strategy& seller, SupplyCheck& supply,
    Rng& rng, std::vector<Message>* log);

} // namespace haggle
