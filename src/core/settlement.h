// The settlement interface: what an agreement does to holdings and budgets, and where defaults happen.
//
// A mechanism hands each agreement to the settlement as it is made (later negotiations of the round see its effect on
// capacity); at the round's end the settlement closes what it opened (a lease returns its compute). Settlement rules
// are catalog kinds (settlementCatalog()): "lease" is today's lease for the round.
#pragma once

#include "agreement.h"

#include <memory>
#include <string_view>

namespace haggle {

class MarketState;

struct SettledAgreement {
    bool delivered = false; // the compute reached the buyer
    bool paid = false; // the seller was paid
};

class Settlement {
public:
    virtual ~Settlement() = default;
    virtual std::string_view name() const noexcept = 0;
    virtual std::unique_ptr<Settlement> clone() const = 0;
    // Whether it can carry out this agreement (its parties and delivery round); settle() is only called for those.
    // Every settlement accepts a bilateral spot agreement (what the bilateral mechanism makes); a mechanism that makes
    // other agreements (futures, coalitions) checks this before it hands one over, and refuses the pairing when the
    // run is set up.
    virtual bool accepts(const Agreement& agreement) const noexcept = 0;
    // Carries out the agreement: moves compute and money, draws defaults, records the deal, its messages and their
    // effect on reputation, and tells both parties' strategies.
    virtual SettledAgreement settle(MarketState& state, const Agreement& agreement) = 0;
    // The round is over.
    virtual void endRound(MarketState& state) = 0;
};

} // namespace haggle
