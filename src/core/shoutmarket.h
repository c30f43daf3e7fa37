// What the auction mechanisms (doubleauction.h, sealedbidauction.h, postedprice.h) share: the round's traders, their
// limit prices and a trade's agreement.
//
// A buyer shouts for its need; a seller for what it has available. A shout is the trader's strategy's limitPrice()
// (protocol LimitPrices), recorded as a BID or ASK message; a buyer's bid is capped at what its budget pays for. A
// trade is an agreement at a unit price, recorded as a negotiation of no turns with an ACCEPT from the trader whose
// shout met the standing one, and handed to the settlement at once.
#pragma once

#include "settlement.h"
#include "strategy.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace haggle {

class MarketState;
class Settlement;

class ShoutMarket {
public:
    ShoutMarket(MarketState& state, Settlement& settlement)
        : m_state(state)
        , m_settlement(settlement)
    {
    }

    MarketState& state() noexcept { return m_state; }
    // The agents with compute to lease out this round (present, with some capacity available), in index order.
    std::vector<AgentIndex> sellers() const;
    // Whether the seller can supply the buyer's need now (another agent, with the capacity).
    bool canSupply(AgentIndex seller, AgentIndex buyer) const noexcept;
    // A buyer shopping around: of up to `visits` sellers drawn at random among `offering` that can supply it now, the
    // one with the lowest price (prices[seller]; the first drawn among equals). NoAgent when none can.
    AgentIndex cheapestVisited(
        AgentIndex buyer, std::span<const AgentIndex> offering, std::span<const double> prices, int visits);

    // The buyer's bid for its need (a unit price), to `to` (NoAgent: the book), capped by its budget; nothing when it
    // stays out.
    std::optional<double> bid(AgentIndex buyer, AgentIndex to, std::optional<double> bestBid = std::nullopt,
        std::optional<double> bestAsk = std::nullopt);
    // The seller's ask (a unit price) for what it has available, to `to` (NoAgent: the book or a posted price).
    std::optional<double> ask(AgentIndex seller, AgentIndex to, std::optional<double> bestBid = std::nullopt,
        std::optional<double> bestAsk = std::nullopt);

    // The buyer gets its need from the seller at the unit price; `taker` sent the ACCEPT (the trader whose shout met
    // the standing one). Returns whether the buyer received the compute.
    bool trade(AgentIndex buyer, AgentIndex seller, double unitPrice, AgentIndex taker);

    // One round of compute under an agreement that lasts (a lease, an agreement, an instance), at the unit price.
    struct Delivery {
        AgentIndex buyer = NoAgent;
        AgentIndex seller = NoAgent;
        ResourceBundle resources;
        double unitPrice = 0.0;
        bool escrowed = false; // paid from the mechanism's escrow (Agreement::escrowed)
        bool idle = false; // the buyer needs nothing this round (Agreement::idle)
        AgentIndex taker = NoAgent; // who sends an ACCEPT (a new agreement); NoAgent: none (a standing one's round)
        bool sourcing = false; // the buyer holds the compute to resell (Agreement::sourcing)
    };
    // Settles it as an agreement of its own (a negotiation of no turns): delivered and paid, or defaulted on.
    SettledAgreement deliver(const Delivery& delivery);
    // What the bundle is worth at this round's reference prices.
    double referenceValue(const ResourceBundle& resources) const noexcept;
    // A REJECT from `from` to `to` that ends a standing agreement, for the reason.
    void end(AgentIndex from, AgentIndex to, const ResourceBundle& resources, MessageReason reason);

private:
    ShoutView viewFor(AgentIndex agent, Side side) const;
    void record(MessageType type, AgentIndex from, AgentIndex to, const ResourceBundle& resources, double total);

    MarketState& m_state;
    Settlement& m_settlement;
    std::vector<AgentIndex> m_able; // cheapestVisited()'s
};

} // namespace haggle
