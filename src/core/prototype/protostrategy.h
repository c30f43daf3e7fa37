// The prototype's strategies and the messages they exchange (docs/prototype-rules.md, "Strategies").
//
// A strategy answers one message at a time from its own agent's budget, holdings and reputation ledger. Two rules of
// the prototype shape every answer: a COUNTER is always answered with buyer logic ("is this price low enough for me
// to pay?"), also by a seller; and the final ACCEPT or REJECT is never delivered, so nothing learns from it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace haggle::prototype {

struct Resource {
    double gpu = 0.0;
    double cpu = 0.0;
    double mem = 0.0;

    Resource& operator+=(const Resource& o) noexcept
    {
        gpu += o.gpu;
        cpu += o.cpu;
        mem += o.mem;
        return *this;
    }
    Resource& operator-=(const Resource& o) noexcept
    {
        gpu -= o.gpu;
        cpu -= o.cpu;
        mem -= o.mem;
        return *this;
    }
    bool operator==(const Resource&) const = default;
};
// (gpu + cpu) + mem, in this order.
inline double units(const Resource& r) noexcept
{
    return (r.gpu + r.cpu) + r.mem;
}
inline bool canAfford(const Resource& have, const Resource& cost) noexcept
{
    return have.gpu >= cost.gpu && have.cpu >= cost.cpu && have.mem >= cost.mem;
}
// "Resource(gpu=105.0h)", "Resource(empty)".
std::string resourceText(const Resource& r);

enum class MessageType : std::uint8_t { Request, Offer, Counter, Accept, Reject, QueryReputation };
std::string_view messageTypeName(MessageType type) noexcept; // "request", "counter", ...

enum class RejectReason : std::uint8_t {
    None,
    InsufficientResources,
    TooExpensive,
    CannotAfford,
    WaitingForBetter,
    NotEnough,
    TooMuch,
    LowReputation,
    NoResourcesButTracking,
    NotProfitable,
};
std::string_view rejectReasonName(RejectReason reason) noexcept; // "insufficient_resources", ...

// One message of a negotiation. The bundle negotiated is always the buyer's need (every reply passes it through),
// so a message carries only what differs.
struct Message {
    MessageType type = MessageType::Request;
    int sender = 0;
    int receiver = 0;
    double price = 0.0; // OFFER, COUNTER, ACCEPT
    double maxPrice = 0.0; // REQUEST
    double urgency = 0.0; // REQUEST
    RejectReason reason = RejectReason::None; // REJECT
    double yourReputation = 0.0; // REJECT for low reputation: the sender's view of the receiver
    bool broker = false; // ACCEPT from a Broker names itself
};

enum class StrategyKind : std::uint8_t { Greedy, Fair, Patient, Adaptive, Broker, Cheater, AdaptiveCheater, Llm };

struct Agent;

// A strategy and its state, which lives as long as its agent and serves both its buying and its selling.
class Strategy {
public:
    Strategy() = default; // Greedy with greed factor 0: give it a kind with one of the makers below
    static Strategy greedy(double greedFactor = 0.7);
    static Strategy fair(double tolerance = 0.15);
    static Strategy patient(double patience = 0.8);
    static Strategy adaptive(double belief = 1.0, double learningRate = 0.2);
    static Strategy broker(double commission = 0.1);
    static Strategy cheater(double cheatProbability);
    static Strategy adaptiveCheater();
    static Strategy llmFallback();
    // The ReputationAware wrapper: REJECTs any message from a sender it rates below the threshold.
    Strategy reputationAware(double threshold = 0.3) &&;

    StrategyKind kind() const noexcept { return m_kind; }
    bool isReputationAware() const noexcept { return m_reputationAware; }
    double threshold() const noexcept { return m_threshold; }

    // The opening message of a buyer with this need (a REQUEST; a Broker's QUERY_REPUTATION).
    Message initiate(const Agent& self, int selfIndex, int seller, const Resource& need) const;
    // The answer of `self` to `m`, whose bundle is `bundle`; false for no answer.
    bool decide(const Agent& self, int selfIndex, const Message& m, const Resource& bundle, Message& reply);

    // Cheaters: the probability the trust settlement draws against, and its counters.
    bool hasCheatProbability() const noexcept
    {
        return m_kind == StrategyKind::Cheater || m_kind == StrategyKind::AdaptiveCheater;
    }
    double cheatProbability() const noexcept { return m_cheatProbability; }
    void countAccepted() noexcept { ++m_accepted; }
    void countCheated() noexcept { ++m_cheated; }
    int cheated() const noexcept { return m_cheated; }
    int accepted() const noexcept { return m_accepted; }
    // State read by reports and the state hash.
    double belief() const noexcept { return m_belief; } // Adaptive
    int waited() const noexcept { return m_waited; } // Patient
    double currentRate() const noexcept { return m_current; } // AdaptiveCheater
    const std::vector<int>& knownSeekers() const noexcept { return m_knownSeekers; } // Broker
    const std::vector<int>& knownProviders() const noexcept { return m_knownProviders; }
    std::uint64_t stateDigest() const noexcept;

private:
    explicit Strategy(StrategyKind kind, double parameter)
        : m_kind(kind)
        , m_parameter(parameter)
    {
    }
    bool decideGreedy(const Agent& self, const Message& m, double u, const Resource& bundle, Message& reply);
    bool decideFair(const Agent& self, const Message& m, double u, const Resource& bundle, Message& reply);
    bool decidePatient(const Agent& self, const Message& m, double u, const Resource& bundle, Message& reply);
    bool decideAdaptive(const Agent& self, const Message& m, double u, const Resource& bundle, Message& reply);
    bool decideBroker(const Agent& self, const Message& m, double u, const Resource& bundle, Message& reply);
    bool decideCheater(const Message& m, double u, Message& reply);
    bool decideAdaptiveCheater(const Message& m, double u, Message& reply);
    bool decideLlm(const Agent& self, const Message& m, double u, const Resource& bundle, Message& reply);
    void learn(double price, double u) noexcept;
    void adjustCheatRate() noexcept;

    StrategyKind m_kind = StrategyKind::Greedy;
    bool m_reputationAware = false;
    double m_threshold = 0.3;
    double m_parameter = 0.0; // greed factor, fairness tolerance, patience, commission or cheat probability
    // Adaptive
    double m_belief = 1.0;
    double m_learningRate = 0.2;
    // Patient
    int m_waited = 0;
    // Cheaters
    double m_cheatProbability = 0.0;
    int m_accepted = 0;
    int m_cheated = 0;
    // AdaptiveCheater
    double m_current = 0.3;
    int m_recentDeals = 0;
    int m_recentRejections = 0;
    int m_interactions = 0;
    // Broker
    std::vector<int> m_knownSeekers;
    std::vector<int> m_knownProviders;
};

} // namespace haggle::prototype
