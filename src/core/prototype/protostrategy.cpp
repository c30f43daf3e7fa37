// The prototype's strategies, rule by rule (docs/prototype-rules.md, "Strategies"). Each decide function is one
// strategy's answers: to a REQUEST as a seller, and to a COUNTER or OFFER with buyer logic, whichever side it is on.
#include "protostrategy.h"

#include "digest.h"
#include "protoagent.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace haggle::prototype {

std::string resourceText(const Resource& r)
{
    std::string parts;
    char buffer[64];
    const auto part = [&](double value, const char* format) {
        if (value == 0.0)
            return;
        std::snprintf(buffer, sizeof buffer, format, value);
        if (!parts.empty())
            parts += ", ";
        parts += buffer;
    };
    part(r.gpu, "gpu=%.1fh");
    part(r.cpu, "cpu=%.1fh");
    part(r.mem, "mem=%.1fGBh");
    return "Resource(" + (parts.empty() ? std::string("empty") : parts) + ")";
}

std::string_view messageTypeName(MessageType type) noexcept
{
    switch (type) {
    case MessageType::Request:
        return "request";
    case MessageType::Offer:
        return "offer";
    case MessageType::Counter:
        return "counter";
    case MessageType::Accept:
        return "accept";
    case MessageType::Reject:
        return "reject";
    case MessageType::QueryReputation:
        return "query_reputation";
    }
    return "?";
}

std::string_view rejectReasonName(RejectReason reason) noexcept
{
    switch (reason) {
    case RejectReason::None:
        return "";
    case RejectReason::InsufficientResources:
        return "insufficient_resources";
    case RejectReason::TooExpensive:
        return "too_expensive";
    case RejectReason::CannotAfford:
        return "cannot_afford";
    case RejectReason::WaitingForBetter:
        return "waiting_for_better";
    case RejectReason::NotEnough:
        return "not_enough";
    case RejectReason::TooMuch:
        return "too_much";
    case RejectReason::LowReputation:
        return "low_reputation";
    case RejectReason::NoResourcesButTracking:
        return "no_resources_but_tracking";
    case RejectReason::NotProfitable:
        return "not_profitable";
    }
    return "?";
}

namespace {

bool isProposal(MessageType t) noexcept
{
    return t == MessageType::Counter || t == MessageType::Offer;
}

// A reply swaps sender and receiver; it is written field by field into the caller's message, with no temporary.
void replyTo(const Message& m, MessageType type, Message& reply)
{
    reply.type = type;
    reply.sender = m.receiver;
    reply.receiver = m.sender;
    reply.price = 0.0;
    reply.maxPrice = 0.0;
    reply.urgency = 0.0;
    reply.reason = RejectReason::None;
    reply.yourReputation = 0.0;
    reply.broker = false;
}
bool accept(const Message& m, double price, Message& reply)
{
    replyTo(m, MessageType::Accept, reply);
    reply.price = price;
    return true;
}
bool counter(const Message& m, double price, Message& reply)
{
    replyTo(m, MessageType::Counter, reply);
    reply.price = price;
    return true;
}
bool reject(const Message& m, RejectReason reason, Message& reply)
{
    replyTo(m, MessageType::Reject, reply);
    reply.reason = reason;
    return true;
}

} // namespace

Strategy Strategy::greedy(double greedFactor)
{
    return Strategy(StrategyKind::Greedy, greedFactor);
}
Strategy Strategy::fair(double tolerance)
{
    return Strategy(StrategyKind::Fair, tolerance);
}
Strategy Strategy::patient(double patience)
{
    return Strategy(StrategyKind::Patient, patience);
}
Strategy Strategy::adaptive(double belief, double learningRate)
{
    Strategy s(StrategyKind::Adaptive, 0.0);
    s.m_belief = belief;
    s.m_learningRate = learningRate;
    return s;
}
Strategy Strategy::broker(double commission)
{
    return Strategy(StrategyKind::Broker, commission);
}
Strategy Strategy::cheater(double cheatProbability)
{
    Strategy s(StrategyKind::Cheater, cheatProbability);
    s.m_cheatProbability = cheatProbability;
    return s;
}
Strategy Strategy::adaptiveCheater()
{
    Strategy s(StrategyKind::AdaptiveCheater, 0.3);
    s.m_current = 0.3;
    s.m_cheatProbability = 0.3;
    return s;
}
Strategy Strategy::llmFallback()
{
    return Strategy(StrategyKind::Llm, 0.0);
}

Strategy Strategy::reputationAware(double threshold) &&
{
    m_reputationAware = true;
    m_threshold = threshold;
    return std::move(*this);
}

Message Strategy::initiate(const Agent& self, int selfIndex, int seller, const Resource& need) const
{
    Message m;
    m.sender = selfIndex;
    m.receiver = seller;
    m.urgency = self.urgency;
    const double u = units(need);
    switch (m_kind) {
    case StrategyKind::Greedy:
        m.maxPrice = u * m_parameter;
        break;
    case StrategyKind::Fair:
        m.maxPrice = u * (1 + m_parameter);
        break;
    case StrategyKind::Patient:
        m.maxPrice = u * (1 - m_parameter * 0.4);
        break;
    case StrategyKind::Adaptive:
        m.maxPrice = (u * m_belief) * 1.1;
        break;
    case StrategyKind::Broker:
        m.type = MessageType::QueryReputation;
        break;
    case StrategyKind::Cheater:
        m.maxPrice = u * 1.2;
        m.urgency = 0.9;
        break;
    case StrategyKind::AdaptiveCheater:
        m.maxPrice = u * 1.2;
        m.urgency = 0.7;
        break;
    case StrategyKind::Llm:
        m.maxPrice = u * 1.1;
        break;
    }
    return m;
}

bool Strategy::decide(const Agent& self, int /*selfIndex*/, const Message& m, const Resource& bundle, Message& reply)
{
    if (m_reputationAware) {
        const double r = self.reputation.of(m.sender);
        if (r < m_threshold) {
            reject(m, RejectReason::LowReputation, reply);
            reply.yourReputation = r;
            return true;
        }
    }
    const double u = units(bundle);
    switch (m_kind) {
    case StrategyKind::Greedy:
        return decideGreedy(self, m, u, bundle, reply);
    case StrategyKind::Fair:
        return decideFair(self, m, u, bundle, reply);
    case StrategyKind::Patient:
        return decidePatient(self, m, u, bundle, reply);
    case StrategyKind::Adaptive:
        return decideAdaptive(self, m, u, bundle, reply);
    case StrategyKind::Broker:
        return decideBroker(self, m, u, bundle, reply);
    case StrategyKind::Cheater:
        return decideCheater(m, u, reply);
    case StrategyKind::AdaptiveCheater:
        return decideAdaptiveCheater(m, u, reply);
    case StrategyKind::Llm:
        return decideLlm(self, m, u, bundle, reply);
    }
    return false;
}

// Greedy (g): asks u x (1 + (1 - g)), pays at most u x g, and meets a dearer counter halfway to its limit.
bool Strategy::decideGreedy(const Agent& self, const Message& m, double u, const Resource& bundle, Message& reply)
{
    const double g = m_parameter;
    if (m.type == MessageType::Request) {
        const double ask = u * (1 + (1 - g));
        if (!canAfford(self.resources, bundle))
            return reject(m, RejectReason::InsufficientResources, reply);
        return m.maxPrice >= ask ? accept(m, ask, reply) : counter(m, ask, reply);
    }
    if (isProposal(m.type)) {
        const double p = m.price;
        const double limit = u * g;
        if (p <= limit && self.budget >= p)
            return accept(m, p, reply);
        if (p <= self.budget)
            return counter(m, (p + limit) / 2, reply);
        return reject(m, RejectReason::TooExpensive, reply);
    }
    return false;
}

// Fair (t): sells at the fair price u to a buyer offering at least u x (1 - t); accepts a price within t of u.
bool Strategy::decideFair(const Agent& self, const Message& m, double u, const Resource& bundle, Message& reply)
{
    const double t = m_parameter;
    if (m.type == MessageType::Request) {
        if (!canAfford(self.resources, bundle))
            return reject(m, RejectReason::InsufficientResources, reply);
        if (m.maxPrice >= u * (1 - t))
            return accept(m, std::min(u, m.maxPrice), reply);
        return counter(m, u, reply);
    }
    if (isProposal(m.type)) {
        const double p = m.price;
        if (std::fabs(p - u) / std::max(u, 0.01) <= t && self.budget >= p)
            return accept(m, p, reply);
        const double split = (p + u) / 2;
        if (self.budget >= split)
            return counter(m, split, reply);
        return reject(m, RejectReason::CannotAfford, reply);
    }
    return false;
}

// Patient (q): asks u x (1 + 0.3q); as a payer its target u x (1 - 0.3q) rises 5% with every counter it has waited.
bool Strategy::decidePatient(const Agent& self, const Message& m, double u, const Resource& bundle, Message& reply)
{
    const double q = m_parameter;
    if (m.type == MessageType::Request) {
        if (!canAfford(self.resources, bundle))
            return reject(m, RejectReason::InsufficientResources, reply);
        const double ask = u * (1 + q * 0.3);
        return m.maxPrice >= ask ? accept(m, ask, reply) : counter(m, ask, reply);
    }
    if (isProposal(m.type)) {
        const double target = u * (1 - q * 0.3);
        ++m_waited;
        const double effective = target * (1 + static_cast<double>(m_waited) * 0.05);
        if (m.price <= effective && self.budget >= m.price) {
            m_waited = 0;
            return accept(m, m.price, reply);
        }
        return reject(m, RejectReason::WaitingForBetter, reply);
    }
    return false;
}

// Adaptive (b, lr): prices at its belief b per unit and moves b towards every price it agrees to, when it agrees.
void Strategy::learn(double price, double u) noexcept
{
    if (u > 0) {
        const double perUnit = price / u;
        m_belief = m_belief + m_learningRate * (perUnit - m_belief);
    }
}

bool Strategy::decideAdaptive(const Agent& self, const Message& m, double u, const Resource& bundle, Message& reply)
{
    if (m.type == MessageType::Request) {
        if (!canAfford(self.resources, bundle))
            return reject(m, RejectReason::InsufficientResources, reply);
        const double ours = u * m_belief;
        if (m.maxPrice >= ours) {
            const double deal = (ours + m.maxPrice) / 2;
            learn(deal, u);
            return accept(m, deal, reply);
        }
        return counter(m, ours, reply);
    }
    if (isProposal(m.type)) {
        const double expected = u * m_belief;
        if (m.price <= expected * 1.15 && self.budget >= m.price) {
            learn(m.price, u);
            return accept(m, m.price, reply);
        }
        if (self.budget >= expected)
            return counter(m, expected, reply);
        return reject(m, RejectReason::TooExpensive, reply);
    }
    // The prototype's Adaptive also learns from an ACCEPT and lowers its belief on a REJECT, but the final message of
    // a negotiation is never delivered (Market::negotiate), so neither ever runs.
    return false;
}

// Broker (c): sells what it holds at u x (1 + c), buys at most at u, and lists who asked and who sold.
bool Strategy::decideBroker(const Agent& self, const Message& m, double u, const Resource& bundle, Message& reply)
{
    const auto remember = [](std::vector<int>& list, int id) {
        if (std::find(list.begin(), list.end(), id) == list.end())
            list.push_back(id);
    };
    if (m.type == MessageType::Request) {
        if (canAfford(self.resources, bundle)) {
            const double price = u * (1 + m_parameter);
            if (m.maxPrice >= price) {
                accept(m, price, reply);
                reply.broker = true;
                return true;
            }
            return counter(m, price, reply);
        }
        remember(m_knownSeekers, m.sender);
        return reject(m, RejectReason::NoResourcesButTracking, reply);
    }
    if (isProposal(m.type)) {
        if (m.price <= u && self.budget >= m.price) {
            remember(m_knownProviders, m.sender);
            return accept(m, m.price, reply);
        }
        return reject(m, RejectReason::NotProfitable, reply);
    }
    return false;
}

// Cheater: accepts any request worth 80% of u without looking at its holdings, and any counter up to 1.3u without
// looking at its budget. Whether it then cheats is the trust settlement's draw.
bool Strategy::decideCheater(const Message& m, double u, Message& reply)
{
    if (m.type == MessageType::Request) {
        if (m.maxPrice >= u * 0.8)
            return accept(m, std::min(u, m.maxPrice), reply);
        return reject(m, RejectReason::NotEnough, reply);
    }
    if (isProposal(m.type))
        return m.price <= u * 1.3 ? accept(m, m.price, reply) : reject(m, RejectReason::TooMuch, reply);
    return false;
}

// AdaptiveCheater: a Cheater whose rate falls when it is often rejected and rises when it is not. It is never told
// of a rejection (the final message is not delivered), so after ten interactions every accept raises it by 10%.
void Strategy::adjustCheatRate() noexcept
{
    if (m_interactions < 10)
        return;
    const double rejections = static_cast<double>(m_recentRejections);
    const double rr = rejections / static_cast<double>(std::max(m_recentRejections + m_recentDeals, 1));
    if (rr > 0.5)
        m_current = std::max(0.02, m_current * 0.7);
    else if (rr < 0.2)
        m_current = std::min(0.5, m_current * 1.1);
    m_cheatProbability = m_current;
    m_recentDeals = 0;
    m_recentRejections = 0;
}

bool Strategy::decideAdaptiveCheater(const Message& m, double u, Message& reply)
{
    ++m_interactions;
    if (m.type == MessageType::Request) {
        if (m.maxPrice >= u * 0.8) {
            ++m_recentDeals;
            adjustCheatRate();
            return accept(m, std::min(u, m.maxPrice), reply);
        }
        return reject(m, RejectReason::NotEnough, reply);
    }
    if (isProposal(m.type)) {
        if (m.price <= u * 1.3) {
            ++m_recentDeals;
            adjustCheatRate();
            return accept(m, m.price, reply);
        }
        return reject(m, RejectReason::TooMuch, reply);
    }
    if (m.type == MessageType::Reject) {
        ++m_recentRejections;
        adjustCheatRate();
    }
    return false;
}

// The LLM negotiator's rule-based fallback (no API key): sells at u, pays up to 1.15u.
bool Strategy::decideLlm(const Agent& self, const Message& m, double u, const Resource& bundle, Message& reply)
{
    if (m.type == MessageType::Request) {
        if (!canAfford(self.resources, bundle))
            return reject(m, RejectReason::InsufficientResources, reply);
        const double price = u;
        return m.maxPrice >= price ? accept(m, price, reply) : counter(m, price, reply);
    }
    if (isProposal(m.type)) {
        if (m.price <= u * 1.15 && self.budget >= m.price)
            return accept(m, m.price, reply);
        return reject(m, RejectReason::TooExpensive, reply);
    }
    return false;
}

std::uint64_t Strategy::stateDigest() const noexcept
{
    Fnv1a h;
    h.add(m_belief);
    h.add(static_cast<std::uint64_t>(m_waited));
    h.add(m_cheatProbability);
    h.add(m_current);
    for (int counter : { m_accepted, m_cheated, m_interactions, m_recentDeals, m_recentRejections })
        h.add(static_cast<std::uint64_t>(counter));
    for (int id : m_knownSeekers)
        h.add(static_cast<std::uint64_t>(id));
    for (int id : m_knownProviders)
        h.add(static_cast<std::uint64_t>(id) << 32);
    return h.value();
}

} // namespace haggle::prototype
