// What a round produces: the event stream (negotiations with their messages, deals, defaults, reputation
// changes, jobs run) and the compact per-round summary that charts and tables are drawn from.
// All plain values, so they can be copied to another thread or kept by a recorder.
#pragma once

#include "message.h"
#include "reputation.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace haggle {

enum class NegotiationOutcome : std::uint8_t {
    Accepted, // one side sent ACCEPT
    Rejected, // one side sent REJECT (by choice, distrust, no capacity or budget)
    TurnLimit, // the last allowed proposal was answered with a further counter: no agreement
};
std::string_view negotiationOutcomeName(NegotiationOutcome outcome) noexcept;

struct NegotiationRecord {
    std::uint64_t id = 0;
    int round = 0;
    AgentIndex buyer = NoAgent;
    AgentIndex seller = NoAgent;
    ResourceBundle resources;
    NegotiationOutcome outcome = NegotiationOutcome::Rejected;
    int turns = 0; // proposals made (OFFER + COUNTERs)
    double price = 0.0; // agreed total price (Accepted only)
    double unitPrice = 0.0; // agreed price / reference value of the resources (Accepted only)
    bool sourcing = false; // a broker buying what it will resell

    bool operator==(const NegotiationRecord&) const = default;
};

struct DealRecord {
    std::uint64_t negotiation = 0;
    int round = 0;
    AgentIndex buyer = NoAgent;
    AgentIndex seller = NoAgent;
    ResourceBundle resources;
    double price = 0.0;
    double unitPrice = 0.0;
    bool delivered = true; // the seller allocated the resources
    bool paid = true; // the buyer paid
    bool sourcing = false;

    bool operator==(const DealRecord&) const = default;
};

struct DefaultRecord {
    std::uint64_t negotiation = 0;
    int round = 0;
    AgentIndex defaulter = NoAgent;
    AgentIndex victim = NoAgent;
    MessageReason withheld = MessageReason::PaymentWithheld;
    double price = 0.0;

    bool operator==(const DefaultRecord&) const = default;
};

// An agent ran a job with compute it leased: it is paid the job's value (see Simulation).
struct JobRecord {
    AgentIndex agent = NoAgent;
    ResourceBundle resources;
    double value = 0.0;

    bool operator==(const JobRecord&) const = default;
};

// An agent left and rejoined under a new identity (a whitewasher): peers forgot it.
struct IdentityRecord {
    AgentIndex agent = NoAgent;
    int identity = 1; // its identity from now on: 2 for the first rejoin, ...

    bool operator==(const IdentityRecord&) const = default;
};

// A scenario event changed an agent's strategy at the round's start (a cheater injected).
struct StrategyRecord {
    AgentIndex agent = NoAgent;
    std::string strategy; // the new kind's name

    bool operator==(const StrategyRecord&) const = default;
};

// A coalition's agreement (coalitionmechanism.h): its buyers (one, or a pool), and each member's part, payout and
// whether it delivered.
struct CoalitionRecord {
    struct Member {
        AgentIndex agent = NoAgent;
        ResourceBundle part;
        double payout = 0.0; // its share of the price, by the split rule
        bool delivered = true;

        bool operator==(const Member&) const = default;
    };
    std::uint64_t agreement = 0;
    int round = 0;
    std::vector<AgentIndex> buyers;
    std::vector<Member> members;

    bool operator==(const CoalitionRecord&) const = default;
};

// A coalition's leader flags a member as a free-rider (contributionmonitor.h).
struct FreeRiderRecord {
    int round = 0;
    AgentIndex leader = NoAgent;
    AgentIndex member = NoAgent;
    int commitments = 0; // it committed its part this many times
    int deliveries = 0; // and delivered it this many

    bool operator==(const FreeRiderRecord&) const = default;
};

// A compute future (futuresmechanism.h): a contract traded on a futures book, or one reaching its delivery round.
struct FuturesRecord {
    enum class Kind : std::uint8_t { Traded, Delivered, Defaulted };
    Kind kind = Kind::Traded;
    std::uint64_t contract = 0;
    int round = 0; // this event's
    int deliveryRound = 0;
    AgentIndex buyer = NoAgent;
    AgentIndex seller = NoAgent;
    ResourceBundle resources; // one resource's units
    double unitPrice = 0.0; // agreed when traded
    double price = 0.0; // in total
    double compensation = 0.0; // a default's: what the seller paid the buyer beyond the price returned
    bool settled
        = false; // delivered or defaulted through the settlement (a deal of the round), not for want of capacity

    bool operator==(const FuturesRecord&) const = default;
};

struct RoundEvents {
    int round = 0;
    std::string phase; // demand phase name, empty outside phases
    std::vector<Message> messages; // kept only when event recording is on
    std::vector<NegotiationRecord> negotiations;
    std::vector<DealRecord> deals;
    std::vector<DefaultRecord> defaults;
    std::vector<ReputationChange> reputationChanges;
    std::vector<JobRecord> jobs;
    std::vector<IdentityRecord> identities;
    std::vector<StrategyRecord> strategyChanges;
    std::vector<CoalitionRecord> coalitions;
    std::vector<FreeRiderRecord> freeRiders;
    std::vector<FuturesRecord> futures;

    void clear();
    // The messages of one negotiation, in order (a broker's purchase interleaves with the sale it serves, so
    // messages are found by negotiation id rather than by position).
    std::vector<Message> messagesOf(std::uint64_t negotiation) const;
    bool operator==(const RoundEvents&) const = default;
};

// The round's negotiations scored against bargaining theory (bargaining.h): those of a buyer with its provider (a
// broker's sourcing left out) whose buyer values the compute above the seller's cost. Means over agreements (utility,
// price against Rubinstein's) or over every analysed negotiation, a failure at the disagreement point (distances).
struct BargainingTally {
    int analysed = 0;
    int agreed = 0;
    std::optional<double> meanBuyerUtility;
    std::optional<double> meanSellerUtility;
    std::optional<double> meanNashDistance;
    std::optional<double> meanParetoDistance;
    std::optional<double> meanPriceOverRubinstein;

    bool operator==(const BargainingTally&) const = default;
};

struct RoundSummary {
    int round = 0;
    std::string phase;
    int needs = 0; // agents that needed compute this round
    int needsMet = 0; // of those, how many got it delivered
    int negotiations = 0;
    int deals = 0;
    int defaults = 0;
    double successRate = 0.0; // deals / negotiations (0 when there were none)
    std::optional<double> meanUnitPrice; // mean unit price of the round's deals
    double volume = 0.0; // resource units traded
    double jobValue = 0.0; // value paid for jobs run this round
    // The surplus the round's deliveries made: jobValue less the sellers' running costs (surplus.h).
    double surplus = 0.0;
    // The most surplus the round's needs and capacity allowed (surplus.h); measured when the scenario asks
    // (analysis.efficiency). surplus / maximumSurplus is the round's allocative efficiency.
    std::optional<double> maximumSurplus;
    std::vector<double> netWorth; // per agent, at the end of the round
    std::vector<double> meanReputation; // per agent: mean of the others' views of it
    std::vector<int> dealsSoFar; // per agent: deals agreed since the start
    BargainingTally bargaining;
    // Compute futures (the futures mechanism): contracts traded this round and their mean unit price, the mean unit
    // price of the round's spot deals (its deals less the futures delivered; meanUnitPrice counts both), and the units
    // under contract and not yet delivered after the round (Mechanism::openInterest()).
    int futuresTraded = 0;
    std::optional<double> futuresUnitPrice;
    std::optional<double> spotUnitPrice;
    double openInterest = 0.0;

    bool operator==(const RoundSummary&) const = default;
};

// The totals a round's events give, whatever the rules: the round and phase, negotiations, deals, defaults, the
// success rate, the volume traded and the mean unit price. The rest of the summary (needs, jobs, per-agent values) is
// the collector's.
void tallyRound(const RoundEvents& events, RoundSummary& summary);

} // namespace haggle
