// A scenario under the prototype rules (see prototyperun.h): set-up, the demand's draws, and the round's events and
// summary in Haggle's terms.
#include "prototyperun.h"

#include "protocatalog.h"

#include <algorithm>
#include <stdexcept>

namespace haggle::prototype {

namespace {

Resource toResource(const ResourceBundle& b)
{
    return { b.gpu, b.cpu, b.memory };
}

ResourceBundle toBundle(const Resource& r)
{
    return { r.gpu, r.cpu, r.mem };
}

const Scenario& validated(const Scenario& scenario)
{
    throwIfInvalid(scenario);
    if (scenario.rules != PrototypeRules)
        throw std::invalid_argument("a PrototypeRun plays the prototype rules, not the '" + scenario.rules + "' rules");
    return scenario;
}

haggle::MessageType toHaggle(MessageType type) noexcept
{
    switch (type) {
    case MessageType::Request:
        return haggle::MessageType::Request;
    case MessageType::Offer:
        return haggle::MessageType::Offer;
    case MessageType::Counter:
        return haggle::MessageType::Counter;
    case MessageType::Accept:
        return haggle::MessageType::Accept;
    case MessageType::Reject:
        return haggle::MessageType::Reject;
    case MessageType::QueryReputation:
        return haggle::MessageType::QueryReputation;
    }
    return haggle::MessageType::Reject;
}

// The prototype's reject reasons in Haggle's vocabulary.
MessageReason toHaggle(RejectReason reason) noexcept
{
    switch (reason) {
    case RejectReason::None:
        return MessageReason::None;
    case RejectReason::InsufficientResources:
    case RejectReason::NoResourcesButTracking:
        return MessageReason::NoCapacity;
    case RejectReason::TooExpensive:
    case RejectReason::CannotAfford:
        return MessageReason::OverBudget;
    case RejectReason::LowReputation:
        return MessageReason::Untrusted;
    case RejectReason::WaitingForBetter:
    case RejectReason::NotEnough:
    case RejectReason::TooMuch:
    case RejectReason::NotProfitable:
        return MessageReason::Declined;
    }
    return MessageReason::Declined;
}

// A negotiation's first message: the buyer's REQUEST (a Broker's QUERY_REPUTATION); no answer is either.
bool opensNegotiation(MessageType type) noexcept
{
    return type == MessageType::Request || type == MessageType::QueryReputation;
}

} // namespace

PrototypeRun::PrototypeRun(Scenario scenario)
    : m_scenario(std::move(scenario))
{
    validated(m_scenario);
    // The one generator of the run: needs, partner choice, cheat draws and gossip all draw from it, in that order.
    m_rng.seed(m_scenario.seed);
    std::vector<Agent> agents;
    agents.reserve(m_scenario.agents.size());
    for (const auto& spec : m_scenario.agents) {
        Agent a;
        a.id = spec.id;
        a.resources = toResource(spec.holdings);
        a.budget = spec.budget;
        a.urgency = spec.urgency;
        a.strategy = prototype::makeStrategy(spec.strategy);
        agents.push_back(std::move(a));
    }
    const MarketSetup setup = marketSetup(m_scenario);
    m_market = std::make_unique<Market>(std::move(agents), m_rng, setup.maxTurns);
    for (std::size_t i = 0; i < m_scenario.agents.size(); ++i) {
        if (isCheaterKind(m_scenario.agents[i].strategy.type))
            m_market->markCheater(static_cast<int>(i));
    }
    m_market->setGossip(setup.gossip);
    m_market->setMessageLog(&m_log);
    m_needs.resize(m_scenario.agents.size());
    collectSummary(0);
    m_summary.round = 0;
}

void PrototypeRun::addObserver(SimulationObserver* observer)
{
    if (observer && std::find(m_observers.begin(), m_observers.end(), observer) == m_observers.end())
        m_observers.push_back(observer);
}

void PrototypeRun::removeObserver(SimulationObserver* observer)
{
    m_observers.erase(std::remove(m_observers.begin(), m_observers.end(), observer), m_observers.end());
}

// The demand's rules drawn on the prototype's generator (see prototyperun.h); every agent's need is replaced.
void PrototypeRun::assignNeeds()
{
    const int round = m_market->round() + 1;
    const DemandPhase* phase = m_scenario.demand.phaseAt(round);
    const std::vector<NeedRule>& rules = phase ? phase->rules : m_scenario.demand.rules;
    std::fill(m_needs.begin(), m_needs.end(), Resource {});
    for (const NeedRule& rule : rules) {
        // The matching agents, in agent order.
        m_matched.clear();
        for (std::size_t i = 0; i < m_scenario.agents.size(); ++i) {
            const AgentSpec& a = m_scenario.agents[i];
            const bool matches = rule.who == NeedRule::Who::All
                || (rule.who == NeedRule::Who::Role && a.role == rule.role)
                || (rule.who == NeedRule::Who::Agents
                    && std::find(rule.agents.begin(), rule.agents.end(), a.id) != rule.agents.end());
            if (matches)
                m_matched.push_back(i);
        }
        const Resource need = toResource(rule.need);
        if (rule.count) {
            // sample(matched, count): that many distinct agents, in selection order.
            const std::size_t k = std::min(static_cast<std::size_t>(*rule.count), m_matched.size());
            m_rng.sample(m_matched.size(), k, m_picked);
            for (std::size_t j : m_picked)
                m_needs[m_matched[j]] += need;
        } else {
            // Each matched agent: certainly at probability 1 (no draw), else one draw random() < probability.
            for (std::size_t i : m_matched) {
                if (rule.probability == 1.0 || m_rng.random() < rule.probability)
                    m_needs[i] += need;
            }
        }
    }
    for (std::size_t i = 0; i < m_needs.size(); ++i)
        m_market->agent(static_cast<int>(i)).pendingNeeds = m_needs[i];
}

const RoundSummary& PrototypeRun::step()
{
    const int round = m_market->round() + 1;
    const DemandPhase* phase = m_scenario.demand.phaseAt(round);
    assignNeeds();
    int needs = 0;
    for (const auto& a : m_market->agents())
        needs += units(a.pendingNeeds) > 0 ? 1 : 0;
    m_log.clear();
    m_market->runRound();
    collectEvents(phase ? phase->name : std::string());
    collectSummary(needs);
    for (auto* observer : m_observers)
        observer->onRound(m_events, m_summary);
    return m_summary;
}

// The round's negotiations, deals, defaults (cheats) and, when recorded, messages, in Haggle's event types.
void PrototypeRun::collectEvents(const std::string& phase)
{
    m_events.clear();
    m_events.round = m_market->round();
    m_events.phase = phase;
    const auto& results = m_market->lastResults();
    // The log holds each negotiation's messages in turn; each starts with the buyer's opening message.
    std::size_t next = 0;
    for (const NegotiationResult& r : results) {
        const std::uint64_t id = m_nextNegotiation++;
        const Resource need = m_market->agent(r.buyer).pendingNeeds;
        const std::size_t first = next;
        std::size_t end = first + 1;
        while (end < m_log.size() && !opensNegotiation(m_log[end].type))
            ++end;
        next = end;
        const Message* last = end > first && end <= m_log.size() ? &m_log[end - 1] : nullptr;

        NegotiationRecord n;
        n.id = id;
        n.round = m_events.round;
        n.buyer = static_cast<AgentIndex>(r.buyer);
        n.seller = static_cast<AgentIndex>(r.seller);
        n.resources = toBundle(need);
        n.turns = r.rounds;
        const bool agreed = r.agreed || r.executionFailed; // the parties agreed; execution may still have failed
        if (agreed) {
            n.outcome = NegotiationOutcome::Accepted;
            n.price = r.price;
            n.unitPrice = units(need) > 0 ? r.price / units(need) : 0.0;
        } else {
            n.outcome = last && last->type == MessageType::Reject ? NegotiationOutcome::Rejected
                                                                  : NegotiationOutcome::TurnLimit;
        }
        m_events.negotiations.push_back(n);

        if (m_recordMessages) {
            for (std::size_t k = first; k < end && k < m_log.size(); ++k) {
                const Message& m = m_log[k];
                haggle::Message out;
                out.type = toHaggle(m.type);
                out.from = static_cast<AgentIndex>(m.sender);
                out.to = static_cast<AgentIndex>(m.receiver);
                out.negotiation = id;
                out.turn = k == first ? 0 : static_cast<int>((k - first - 1) / 2);
                out.resources = n.resources;
                out.price = m.type == MessageType::Request ? m.maxPrice : m.price;
                out.urgency = m.urgency;
                out.reason = toHaggle(m.reason);
                if (m.reason == RejectReason::LowReputation) {
                    out.subject = out.to;
                    out.reputation = m.yourReputation;
                }
                if (m.type == MessageType::QueryReputation)
                    out.subject = out.to;
                m_events.messages.push_back(out);
            }
        }

        if (!r.agreed)
            continue;
        // A cheat: the seller checked first, as the trust settlement does. A cheating seller delivers nothing, a
        // cheating buyer pays nothing.
        const bool sellerCheated = r.cheated && m_market->isCheater(r.seller);
        const bool buyerCheated = r.cheated && !sellerCheated;
        DealRecord d;
        d.negotiation = id;
        d.round = m_events.round;
        d.buyer = n.buyer;
        d.seller = n.seller;
        d.resources = n.resources;
        d.price = r.price;
        d.unitPrice = n.unitPrice;
        d.delivered = !sellerCheated;
        d.paid = !buyerCheated;
        m_events.deals.push_back(d);
        keepDeal(d.buyer, { d.round, d.seller, Side::Buyer, d.resources, d.price, d.delivered });
        keepDeal(d.seller, { d.round, d.buyer, Side::Seller, d.resources, d.price, d.paid });
        if (r.cheated) {
            DefaultRecord f;
            f.negotiation = id;
            f.round = m_events.round;
            f.defaulter = sellerCheated ? n.seller : n.buyer;
            f.victim = sellerCheated ? n.buyer : n.seller;
            f.withheld = sellerCheated ? MessageReason::DeliveryWithheld : MessageReason::PaymentWithheld;
            f.price = r.price;
            m_events.defaults.push_back(f);
        }
    }
}

void PrototypeRun::keepDeal(AgentIndex agent, const DealEntry& entry)
{
    if (m_recentDeals.size() < m_market->agents().size())
        m_recentDeals.resize(m_market->agents().size());
    auto& deals = m_recentDeals[agent];
    deals.push_back(entry);
    if (deals.size() > HistoryLimit)
        deals.pop_front();
}

std::vector<DealEntry> PrototypeRun::recentDeals(AgentIndex agent, std::size_t limit) const
{
    if (agent >= m_recentDeals.size())
        return {};
    const auto& deals = m_recentDeals[agent];
    const std::size_t from = deals.size() > limit ? deals.size() - limit : 0;
    return { deals.begin() + static_cast<std::ptrdiff_t>(from), deals.end() };
}

void PrototypeRun::collectSummary(int needs)
{
    RoundSummary& s = m_summary;
    tallyRound(m_events, s);
    s.needs = needs;
    s.needsMet = 0;
    for (const auto& d : m_events.deals)
        s.needsMet += d.delivered ? 1 : 0;
    s.jobValue = 0.0; // the prototype pays for no jobs
    const auto& agents = m_market->agents();
    const std::size_t n = agents.size();
    s.netWorth.resize(n);
    s.dealsSoFar.resize(n);
    s.meanReputation.assign(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        s.netWorth[i] = agents[i].netWorth();
        s.dealsSoFar[i] = agents[i].deals;
    }
    // Mean of the others' views, summed in agent order (strangers at 0.5), as the prototype's experiments average.
    m_row.assign(n, Ledger::Unknown);
    for (std::size_t o = 0; o < n; ++o) {
        const auto& entries = agents[o].reputation.entries();
        for (const auto& e : entries)
            m_row[static_cast<std::size_t>(e.peer)] = e.value;
        for (std::size_t subject = 0; subject < n; ++subject) {
            if (subject != o)
                s.meanReputation[subject] = s.meanReputation[subject] + m_row[subject];
        }
        for (const auto& e : entries)
            m_row[static_cast<std::size_t>(e.peer)] = Ledger::Unknown;
    }
    for (std::size_t i = 0; i < n; ++i)
        s.meanReputation[i] = n > 1 ? s.meanReputation[i] / static_cast<double>(n - 1) : Ledger::Unknown;
}

double PrototypeRun::meanViewOf(AgentIndex subject) const
{
    if (subject < m_summary.meanReputation.size())
        return m_summary.meanReputation[subject];
    return Ledger::Unknown;
}

AgentStatus PrototypeRun::agentStatus(AgentIndex agent) const
{
    const Agent& a = m_market->agent(static_cast<int>(agent));
    const StrategySpec& spec = m_scenario.agents[agent].strategy;
    return { a.id, spec.type, spec.trustThreshold.has_value(), a.budget, toBundle(a.resources), a.netWorth(), a.deals,
        meanViewOf(agent) };
}

double PrototypeRun::reputationView(AgentIndex observer, AgentIndex subject) const
{
    return m_market->agent(static_cast<int>(observer)).reputation.of(static_cast<int>(subject));
}

std::vector<std::pair<AgentIndex, double>> PrototypeRun::reputationTable(AgentIndex observer) const
{
    std::vector<std::pair<AgentIndex, double>> table;
    for (const auto& e : m_market->agent(static_cast<int>(observer)).reputation.entries())
        table.emplace_back(static_cast<AgentIndex>(e.peer), e.value);
    return table;
}

} // namespace haggle::prototype
