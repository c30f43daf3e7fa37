// The protocol: the ten message kinds agents exchange, and the message value that carries their payloads.
//
// Which fields a kind uses (the others stay at their defaults):
//   REQUEST              buyer -> seller: resources wanted, price = the buyer's maximum total price, urgency.
//   OFFER                seller -> buyer: resources, price = total asking price (the seller's first proposal).
//   COUNTER              either way: resources, price = the sender's new total price proposal.
//   ACCEPT               either way: resources, price = the agreed total price (the partner's last proposal).
//   REJECT               either way: reason says why (the strategy's choice, untrusted partner, no capacity).
//   QUERY_REPUTATION     asker -> peer: subject = the agent asked about.
//   REPUTATION_RESPONSE  peer -> asker: subject, reputation = the peer's own view of the subject in [0, 1].
//   ALLOCATE             seller -> buyer: resources delivered for the round (a lease), price = price paid.
//   RELEASE              buyer -> seller at the end of the round: resources returned.
//   DEFAULT              victim -> defaulter: resources and price of the deal, reason = what was withheld.
//   GOSSIP               at a round's end, teller -> listener: subject, reputation = the teller's view.
//   BID                  an auction's buyer -> the seller running it, or to nobody (an open book): resources
//                        wanted, price = the total it bids.
//   ASK                  an auction's seller -> nobody (an open book, a posted price) or the buyers it invites:
//                        resources on offer, price = the total it asks for them.
// In an auction mechanism an agreement is an ACCEPT from the trader whose shout met the standing one, then the
// settlement's messages.
// Messages that belong to a negotiation carry its id and turn; reputation queries carry the negotiation they
// precede, and ALLOCATE/RELEASE/DEFAULT the negotiation whose deal they settle.
#pragma once

#include "resources.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace haggle {

using AgentIndex = std::uint32_t;
inline constexpr AgentIndex NoAgent = std::numeric_limits<AgentIndex>::max();

enum class MessageType : std::uint8_t {
    Request,
    Offer,
    Counter,
    Accept,
    Reject,
    QueryReputation,
    ReputationResponse,
    Allocate,
    Release,
    Default,
    Gossip, // at a round's end, an agent tells a peer its view of a partner (subject, reputation)
    Bid, // an auction's buyer names its limit price (price: total) for the bundle, to a seller or to the book
    Ask, // an auction's seller names its limit price (price: per reference unit x the bundle), to a buyer or the book
};
inline constexpr int MessageTypeCount = 13;

enum class MessageReason : std::uint8_t {
    None,
    Declined, // the strategy chose to end the negotiation
    Untrusted, // the partner's reputation is below the sender's trust threshold
    NoCapacity, // the seller cannot supply the resources this round
    OverBudget, // the buyer cannot pay the price
    PaymentWithheld, // DEFAULT: the buyer took the compute and did not pay
    DeliveryWithheld, // DEFAULT: the seller took the payment and delivered nothing
    // A standing lease or agreement ends (REJECT from the party that ends it):
    EscrowEmpty, // the tenant's escrow cannot pay the next round (a reverse auction's lease)
    Notice, // the provider gave notice and it ran out
    PaymentLate, // the requestor did not pay in time (an offer/demand agreement's debit notes)
    Finished, // the buyer needs nothing this round
    Preempted, // an interruptible instance is paused: higher bids take the provider's capacity
};

// "REQUEST", "OFFER", ... as in the protocol's vocabulary.
std::string_view messageTypeName(MessageType type) noexcept;
std::optional<MessageType> messageTypeFromName(std::string_view name) noexcept;
std::string_view messageReasonName(MessageReason reason) noexcept;

struct Message {
    MessageType type = MessageType::Request;
    AgentIndex from = NoAgent;
    AgentIndex to = NoAgent;
    std::uint64_t negotiation = 0;
    int turn = 0;
    ResourceBundle resources;
    double price = 0.0;
    double urgency = 0.0;
    AgentIndex subject = NoAgent;
    double reputation = 0.0;
    MessageReason reason = MessageReason::None;

    bool operator==(const Message&) const = default;
};

} // namespace haggle
