// The negotiator interface: what a strategy decides, and the read-only view it decides from.
//
// The mechanism (negotiation.h) runs the exchange; a strategy only answers questions about prices and partners.
// A strategy sees a NegotiationView: a value snapshot of its own agent, the deal on the table and its own view of
// the partner. It holds no pointer to any agent, so it cannot read or change another agent's state.
//
// All prices a strategy sees or proposes are unit prices: total price divided by the reference value of the bundle
// on the table. With the default reference prices (1.0 per unit) that is the price per resource unit, and 1.0 is
// the "fair" market rate.
#pragma once

#include "learnedtable.h"
#include "message.h"

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace haggle {

class LanguageModel;
class Rng;

enum class Side : std::uint8_t { Buyer, Seller };

// The protocol of the bilateral mechanism's negotiation (negotiation.h): the one every strategy here speaks. A
// strategy's catalog entry names the protocols it speaks, a mechanism's those it needs (see catalog.h).
inline constexpr std::string_view AlternatingOffers = "alternating-offers";
// The protocol of the auction mechanisms (doubleauction.h, sealedbidauction.h, postedprice.h): a trader names a limit
// price for a bundle (Strategy::limitPrice), a bid as a buyer or an ask as a seller, and the mechanism matches them.
inline constexpr std::string_view LimitPrices = "limit-prices";

struct NegotiationView {
    Side side = Side::Buyer;
    int round = 1; // current round, from 1
    int turn = 0; // proposals (OFFER/COUNTER) made so far in this negotiation
    int maxTurns = 6;
    AgentIndex self = NoAgent;
    AgentIndex partner = NoAgent;
    ResourceBundle resources; // the bundle on the table
    double referenceValue = 0.0; // its worth at reference prices
    double budget = 0.0; // own budget
    double urgency = 0.0; // own urgency in [0, 1]
    double partnerUrgency = 0.0; // the buyer's urgency from its REQUEST (seen by sellers; own urgency for buyers)
    std::optional<double> partnerMaxPrice; // seller side: the buyer's maximum unit price from its REQUEST
    double partnerReputation = 0.5; // own reputation table's view of the partner
    // The unit price this agent takes as the going rate: 1.0 for a buyer; for a seller, 1.0 raised by the demand it
    // has seen this round (see MarketSettings::loadPremium).
    double marketRate = 1.0;
    std::optional<double> costBasis; // a broker reselling: the unit price it paid its provider
    std::optional<double> ownLast; // own last proposal
    std::optional<double> partnerLast; // partner's last proposal
    std::optional<double> partnerPrevious; // partner's proposal before its last (a tit-for-tat compares the two)
    int roundsSinceLastDeal = 0; // rounds since this agent last completed a deal (or since the start)
    // Own reservation unit price: a buyer's value of the compute per unit (job_value x (1 + urgency)), a seller's
    // unit cost (agents[].unit_cost). A deal beyond it loses this agent money.
    double reservation = 0.0;
};

// What a trader knows when it names a limit price in an auction mechanism (Strategy::limitPrice). Unit prices, as in a
// negotiation.
struct ShoutView {
    Side side = Side::Buyer; // a bid (buyer) or an ask (seller)
    int round = 1;
    AgentIndex self = NoAgent;
    ResourceBundle resources; // the bundle bid for; a seller's ask is for any bundle it can supply
    double budget = 0.0;
    double urgency = 0.0;
    double reservation = 0.0; // as in NegotiationView: the buyer's value per unit, the seller's unit cost
    std::optional<double> bestBid; // the standing quotes of an open book (a double auction); unset in sealed auctions
    std::optional<double> bestAsk;
    // A futures book's shout (futuresmechanism.h): for delivery `forward` rounds from now (0: spot), and the market's
    // forecast of the spot unit price then (the mean of past spot prices, smoothed), if it has seen any.
    int forward = 0;
    std::optional<double> spotForecast;
};

struct Decision {
    enum class Kind : std::uint8_t { Accept, Counter, Reject };
    Kind kind = Kind::Reject;
    double unitPrice = 0.0; // for Counter: the proposal

    static Decision accept() { return { Kind::Accept, 0.0 }; }
    static Decision counter(double unitPrice) { return { Kind::Counter, unitPrice }; }
    static Decision reject() { return { Kind::Reject, 0.0 }; }
};

struct PartnerCandidate {
    AgentIndex agent = NoAgent;
    double reputation = 0.5; // the chooser's own view of the candidate
    bool broker = false; // sells by reselling what it buys
};

// What a party knows when it decides, after an agreement, whether to keep its side (Strategy::defaultsOnDeal()).
struct DefaultView {
    Side side = Side::Buyer;
    int round = 1;
    AgentIndex partner = NoAgent;
    // The partner's view of this agent: its standing with the one it would cheat. (A strategic cheater reads it as
    // an agent reads a partner's face: the model does not hide it.)
    double standing = 0.5;
    bool partnerInRing = false; // the partner belongs to this agent's colluding ring (Strategy::ring())
};

// What an agent knows at a round's end when it decides whether to leave and rejoin under a new identity.
struct IdentityView {
    int round = 1;
    int roundsSinceLastDeal = 0; // rounds since this identity last completed a deal (or since it joined)
};

// What an agent learns when one of its deals is settled.
struct DealObservation {
    Side side = Side::Buyer;
    AgentIndex partner = NoAgent;
    int round = 1;
    double unitPrice = 0.0;
    bool fulfilled = true; // false when the partner defaulted (a cheater records its own default as fulfilled)
    // What the deal was worth to this agent (a learning agent's reward): the change in its budget the deal makes,
    // the job it ran included (a buyer: job payment - price paid; a seller: price received).
    double value = 0.0;
    double referenceValue = 0.0; // of the bundle: value / referenceValue is the deal's worth per unit
};

// What an agent learns when one of its negotiations ends without agreement (strategies that observeFailures()).
struct FailureObservation {
    Side side = Side::Buyer;
    AgentIndex partner = NoAgent;
    int round = 1;
    int turns = 0; // proposals made before it ended
    bool turnLimit = false; // it ran out of turns (otherwise one side rejected)
};

class Strategy {
public:
    virtual ~Strategy() = default;

    // Registry name ("greedy", "fair", ...); the wrapper reports its inner strategy's name.
    virtual std::string_view name() const noexcept = 0;
    virtual std::unique_ptr<Strategy> clone() const = 0;

    // Buyer: the highest unit price it will pay, announced in its REQUEST.
    virtual double maxUnitPrice(const NegotiationView& view) const = 0;
    // Seller: the first OFFER's unit price in answer to a REQUEST, or nothing to REJECT it. `rng` is the run's
    // generator, for a strategy that randomises (an exploring learner): drawing from it is part of the run's stream.
    virtual std::optional<double> openingOffer(const NegotiationView& view, Rng& rng) = 0;
    // Either side: answer the partner's last proposal (view.partnerLast) with ACCEPT, COUNTER or REJECT.
    virtual Decision respond(const NegotiationView& view, Rng& rng) = 0;

    // The auction protocol (LimitPrices): the unit price it bids (a buyer) or asks (a seller), or nothing to stay out.
    // Only strategies whose kind speaks LimitPrices are asked; the default stays out.
    virtual std::optional<double> limitPrice(const ShoutView& view, Rng& rng);

    // Whether this agent is willing to negotiate with a partner it rates `reputation`.
    virtual bool acceptsPartner(double reputation) const;
    // Whether it asks a peer about a partner before negotiating (QUERY_REPUTATION).
    virtual bool queriesReputation() const;
    // Buyer: pick a seller among the candidates (all acceptable to it). Returns an index into candidates.
    // The default draws one with probability proportional to the chooser's reputation of it.
    virtual std::size_t choosePartner(std::span<const PartnerCandidate> candidates, Rng& rng) const;
    // After an agreement: whether this agent now withholds its side of the deal.
    virtual bool defaultsOnDeal(const DefaultView& view, Rng& rng);
    // Whether its kind is a cheater: one that may withhold its side of a deal (the truth detection metrics score
    // isolation against).
    virtual bool cheats() const { return false; }
    // A colluding ring's number (agents with the same non-zero number collude), 0 for none.
    virtual int ring() const { return 0; }
    // What it tells a peer about a subject it rates `ownView` (answering a query, or gossiping): its view, honestly,
    // unless it has a reason to lie (a colluder vouches for its ring).
    virtual double report(double ownView, bool subjectInRing) const;
    // At a round's end: whether it leaves and rejoins under a new identity, which peers have no view of (a
    // whitewasher, once it is shunned).
    virtual bool wantsNewIdentity(const IdentityView& /*view*/) { return false; }
    // Whether wantsNewIdentity() can ever be true (asked when the strategy starts; the others are not asked).
    virtual bool changesIdentity() const { return false; }
    // It rejoined under a new identity (its own state may restart).
    virtual void onNewIdentity() { }
    // A speculator trades futures without a need of its own (an arbitrageur): a futures market asks it to bid for
    // delivery whatever its need, and leaves what is delivered to it free to resell on the spot market.
    virtual bool speculates() const { return false; }
    // A broker resells: it may be chosen as a seller without capacity of its own and sources from providers.
    virtual bool isBroker() const;
    // Learning: called for every settled deal of this agent.
    virtual void observeDeal(const DealObservation& observation);
    // Learning: whether to call observeFailure() (asked once, when the market is set up), and the call for every
    // negotiation of this agent that ended without agreement.
    virtual bool observesFailures() const { return false; }
    virtual void observeFailure(const FailureObservation& /*observation*/) { }
    // A digest of the strategy's own state that changes as it plays (a belief, a list of providers), for the state
    // hash: 0 for a strategy whose decisions depend on its parameters alone.
    virtual std::uint64_t stateDigest() const noexcept { return 0; }
    // A learning strategy: what it has learnt, as a table (see learnedtable.h); nothing for the others.
    virtual std::optional<LearnedTable> learned() const { return std::nullopt; }
    // Starts from a learnt table (a saved policy). Returns what is wrong with it for this strategy (another kind, other
    // states or actions), or nothing once loaded. The default refuses: the strategy learns nothing to load.
    virtual std::optional<std::string> restoreLearned(const LearnedTable& table);
    // A hint that this strategy is called soon: one that keeps state in other objects may start loading them (a
    // wrapper, its inner strategy). No effect on results.
    virtual void prefetchState() const noexcept { }
    // The language model an LLM negotiator asks (llmnegotiator.h); the others ignore it. Null disconnects.
    virtual void useLanguageModel(std::shared_ptr<LanguageModel> /*model*/) { }
};

} // namespace haggle
