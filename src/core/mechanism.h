// The mechanism interface: how buyers and sellers meet and agree in a round.
//
// A round hands the mechanism the agents with a need; the mechanism makes agreements and hands each to the
// settlement as it is made. Mechanisms are catalog kinds (mechanismCatalog()); a kind's KindInfo::protocols names
// what it needs its traders' strategies to speak (a strategy's kind names what it speaks), and a scenario that pairs
// them wrongly is refused before it runs.
#pragma once

#include "message.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

namespace haggle {

class MarketState;
class OrderBook;
class Settlement;

class Mechanism {
public:
    virtual ~Mechanism() = default;
    virtual std::string_view name() const noexcept = 0;
    virtual std::unique_ptr<Mechanism> clone() const = 0;
    // One round's market. `buyers`: this round's agents with a need, in index order. Every negotiation, message and
    // agreement goes to the state's event sink; every agreement to the settlement.
    virtual void clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers) = 0;
    // Money the mechanism holds for agents between rounds (escrow accounts, bid deposits): with the agents' budgets,
    // all the money in the market. 0 for a mechanism that holds none.
    virtual double heldFunds() const noexcept { return 0.0; }
    // Ends whatever it carries from round to round and gives back the money it holds (a what-if fork replaces it).
    virtual void closeAll(MarketState& /*state*/) { }
    // A digest of what it carries from one round to the next that changes what happens later (standing leases and
    // agreements, escrow balances), for the state hash: 0 for a mechanism that starts every round afresh.
    virtual std::uint64_t stateDigest() const noexcept { return 0; }
    // Units of compute it holds under contract for later delivery (a futures mechanism's open interest); 0 for the
    // others.
    virtual double openInterest() const noexcept { return 0.0; }
    // A mechanism that keeps an order book: the book as its last round left it (the orders no shout met), for the
    // lab's depth chart. Null for the others.
    virtual const OrderBook* book() const noexcept { return nullptr; }
};

} // namespace haggle
