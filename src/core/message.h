// The protocol: the message kinds agents exchange, and the message value that carries their payloads.
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
//   PROPOSE              a coalition's leader -> a provider (or a buyer, to pool demand): resources still uncovered,
//                        price = the most the leader pays for the whole need, urgency.
//   JOIN                 the provider -> the leader: resources = the part it supplies, price = its ask for that
//                        part (a buyer joining a pool: its need and its limit).
//   COMMIT               the leader -> each member, and each provider back: resources = its part, price = its payout
//                        (a pooled buyer: what it pays).
//   LEAVE                either way: the coalition dissolves (it cannot cover the need, or costs too much) or expels
//                        a member (reason short_contribution: a free-rider); resources = the member's part.
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
    Propose, // a coalition's leader invites a provider (or a buyer) to pool capacity (or demand)
    Join, // the invited agent joins with its part and its ask
    Commit, // the coalition's agreement, each member's part and payout
    Leave, // a coalition dissolves, or expels a member
};
inline constexpr int MessageTypeCount = 17;

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
    ShortContribution, // LEAVE: the member delivers less than the coalition tolerates (a free-rider)
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
