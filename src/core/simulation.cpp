// The round loop (see simulation.h for the rules of a round): setting up, needs, leases, summaries and hashes.
// A purchase (the canvass, the query, the negotiation and its settlement) is in simulationpurchase.cpp.
#include "simulation.h"

#include "hugepages.h"
#include "strategyregistry.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace haggle {

namespace {

constexpr std::size_t MaxStrategyBytes = 256; // an agent's strategy objects and their heap headers, generously

class Fnv1a {
public:
    void add(std::uint64_t v) noexcept
    {
        for (int i = 0; i < 8; ++i) {
            m_hash ^= (v >> (8 * i)) & 0xFFu;
            m_hash *= 0x100000001B3ULL;
        }
    }
    void add(double v) noexcept { add(std::bit_cast<std::uint64_t>(v)); }
    void add(const ResourceBundle& b) noexcept
    {
        add(b.gpu);
        add(b.cpu);
        add(b.memory);
    }
    std::uint64_t value() const noexcept { return m_hash; }

private:
    std::uint64_t m_hash = 0xCBF29CE484222325ULL;
};

std::string describeIssues(const std::vector<ScenarioIssue>& issues)
{
    std::ostringstream out;
    out << "invalid scenario:";
    for (const auto& issue : issues)
        out << "\n  " << issue.path << ": " << issue.message;
    return out.str();
}

} // namespace

Simulation::Simulation(Scenario scenario)
    : m_scenario(std::move(scenario))
    , m_rng(m_scenario.seed)
{
    if (auto issues = validateScenario(m_scenario); !issues.empty())
        throw std::invalid_argument(describeIssues(issues));
    // Reserved and advised before the first write: a large population's arrays start on huge pages.
    m_agents.reserve(m_scenario.agents.size());
    adviseHugePages(m_agents.data(), m_agents.capacity() * sizeof(Agent));
    for (const auto& spec : m_scenario.agents)
        m_agents.emplace_back(
            spec.id, spec.role, makeStrategy(spec.strategy), spec.holdings, spec.budget, spec.urgency);
    // The strategies were allocated one by one, usually in a row on the heap: at a million agents every negotiation
    // reaches two of them at random, and on small pages the prefetches for them are lost to TLB misses. Only when
    // their span is what a row of them would take (not spread over several heaps or other mappings).
    if (!m_agents.empty()) {
        const auto [lowest, highest] = std::minmax_element(m_agents.begin(), m_agents.end(),
            [](const Agent& a, const Agent& b) { return std::less<const Strategy*>()(&a.strategy(), &b.strategy()); });
        const auto from = reinterpret_cast<std::uintptr_t>(&lowest->strategy());
        const auto to = reinterpret_cast<std::uintptr_t>(&highest->strategy()) + MaxStrategyBytes;
        if (to - from <= m_agents.size() * MaxStrategyBytes)
            collapseToHugePages(&lowest->strategy(), reinterpret_cast<const void*>(to));
    }
    m_peers.reserve(m_agents.size());
    adviseHugePages(m_peers.data(), m_peers.capacity() * sizeof(PeerState));
    m_peers.resize(m_agents.size());
    m_peerFlags.resize(m_agents.size());
    for (AgentIndex i = 0; i < m_agents.size(); ++i) {
        m_peers[i].strategy = &m_agents[i].strategy();
        m_peerFlags[i] = m_agents[i].strategy().isBroker() ? BrokerFlag : 0;
        refreshAvailable(i);
    }
    m_reputation = makeReputationModel(m_scenario.reputation);
    m_reputation->reset(m_agents.size());
    m_baseRules = resolveRules(m_scenario.demand.rules);
    for (const auto& phase : m_scenario.demand.phases)
        m_phaseRules.push_back(resolveRules(phase.rules));
}

Simulation::Simulation(const Simulation& other)
    : m_scenario(other.m_scenario)
    , m_agents(other.m_agents)
    , m_peers(other.m_peers)
    , m_peerFlags(other.m_peerFlags)
    , m_reputation(other.m_reputation->clone())
    , m_rng(other.m_rng)
    , m_round(other.m_round)
    , m_lastNegotiationId(other.m_lastNegotiationId)
    , m_recordMessages(other.m_recordMessages)
    , m_historyLimit(other.m_historyLimit)
    , m_baseRules(other.m_baseRules)
    , m_phaseRules(other.m_phaseRules)
    , m_leases(other.m_leases)
    , m_buyers(other.m_buyers)
    , m_order(other.m_order)
    , m_events(other.m_events)
    , m_summary(other.m_summary)
{
    for (AgentIndex i = 0; i < m_agents.size(); ++i)
        m_peers[i].strategy = &m_agents[i].strategy(); // this copy's own, not the original's
}

Simulation::~Simulation() = default;

std::vector<Simulation::ResolvedRule> Simulation::resolveRules(const std::vector<NeedRule>& rules) const
{
    std::vector<ResolvedRule> resolved;
    for (const auto& rule : rules) {
        ResolvedRule r;
        r.count = rule.count;
        r.probability = rule.probability;
        r.need = rule.need;
        for (AgentIndex i = 0; i < m_agents.size(); ++i) {
            const Agent& a = m_agents[i];
            const bool match = rule.who == NeedRule::Who::All
                || (rule.who == NeedRule::Who::Role && a.role() == rule.role)
                || (rule.who == NeedRule::Who::Agents
                    && std::find(rule.agents.begin(), rule.agents.end(), a.id()) != rule.agents.end());
            if (match)
                r.matching.push_back(i);
        }
        resolved.push_back(std::move(r));
    }
    return resolved;
}

void Simulation::addObserver(SimulationObserver* observer)
{
    if (observer && std::find(m_observers.begin(), m_observers.end(), observer) == m_observers.end())
        m_observers.push_back(observer);
}

void Simulation::removeObserver(SimulationObserver* observer)
{
    m_observers.erase(std::remove(m_observers.begin(), m_observers.end(), observer), m_observers.end());
}

void Simulation::recordMessage(const Message& message)
{
    if (m_recordMessages)
        m_events.messages.push_back(message);
}

void Simulation::run(int n)
{
    for (int i = 0; i < n; ++i)
        step();
}

void Simulation::runToEnd()
{
    while (!finished())
        step();
}

const RoundSummary& Simulation::step()
{
    ++m_round;
    m_events.clear();
    m_events.round = m_round;
    assignNeeds();

    // The order of this round's purchases; m_buyers stays in index order, which the next round's clearing of needs
    // goes through memory in.
    m_order.assign(m_buyers.begin(), m_buyers.end());
    m_rng.shuffle(m_order);
    const std::size_t buyers = m_order.size();
    for (std::size_t k = 0; k < buyers; ++k) {
        // Start loading the next buyers while this one negotiates (at a million agents each is a miss in memory), a
        // step per purchase: Agent, PeerState and reputation table four buyers ahead, the strategy the PeerState
        // points to two ahead, a wrapped strategy's inner one for the next. Hints only, no effect on results.
        if (k + 4 < buyers) {
            const AgentIndex b = m_order[k + 4];
            prefetchAgent(b);
            prefetchMemory(&m_peers[b]);
            m_reputation->prefetchTable(b);
        }
        if (k + 2 < buyers) {
            prefetchMemory(m_peers[m_order[k + 2]].strategy);
            prefetchHistoryEnd(m_order[k + 2]);
        }
        if (k + 1 < buyers)
            m_peers[m_order[k + 1]].strategy->prefetchState();
        attemptPurchase(m_order[k]);
    }

    releaseLeases();
    summarize();
    for (auto* observer : m_observers)
        observer->onRound(m_events, m_summary);
    return m_summary;
}

void Simulation::assignNeeds()
{
    // Only last round's buyers (in index order) can still hold a need, and only agents a rule reaches can get one: the
    // round costs what demand costs, not a pass over every agent.
    for (AgentIndex i : m_buyers)
        m_agents[i].m_need = {};
    m_buyers.clear();
    const DemandPhase* phase = m_scenario.demand.phaseAt(m_round);
    const std::vector<ResolvedRule>* rules = &m_baseRules;
    if (phase) {
        m_events.phase = phase->name;
        rules = &m_phaseRules[static_cast<std::size_t>(phase - m_scenario.demand.phases.data())];
    }
    const auto give = [&](AgentIndex i, const ResourceBundle& need) {
        m_agents[i].m_need += need;
        m_buyers.push_back(i);
    };
    bool inOrder = rules->size() <= 1; // one rule reaches each agent once; a probability rule goes in index order
    bool zeroNeed = false;
    for (const auto& rule : *rules) {
        inOrder = inOrder && !rule.count;
        zeroNeed = zeroNeed || rule.need.isZero();
        if (rule.count) {
            for (AgentIndex i : m_rng.sample(rule.matching, static_cast<std::size_t>(*rule.count)))
                give(i, rule.need);
        } else {
            for (AgentIndex i : rule.matching) {
                if (m_rng.bernoulli(rule.probability))
                    give(i, rule.need);
            }
        }
    }
    // The buyers: agents with a need, in index order (several rules may reach one agent, a count rule lists its agents
    // in draw order; a zero need is none, and needs are never negative, so only a rule with a zero need leaves one).
    if (!inOrder) {
        std::sort(m_buyers.begin(), m_buyers.end());
        m_buyers.erase(std::unique(m_buyers.begin(), m_buyers.end()), m_buyers.end());
    }
    if (zeroNeed)
        std::erase_if(m_buyers, [this](AgentIndex i) { return m_agents[i].m_need.isZero(); });
}

void Simulation::releaseLeases()
{
    for (auto it = m_leases.rbegin(); it != m_leases.rend(); ++it) {
        Message m;
        m.type = MessageType::Release;
        m.from = it->lessee;
        m.to = it->lessor;
        m.negotiation = it->negotiation;
        m.resources = it->resources;
        recordMessage(m);
    }
    // Every lease is back: reset exactly rather than leave the rounding of many += and -= behind. Only agents in a
    // lease (a broker's cost basis comes with one) or asked for compute this round have anything to reset.
    const auto reset = [this](AgentIndex i) {
        Agent& agent = m_agents[i];
        agent.m_leasedIn = {};
        agent.m_leasedOut = {};
        agent.m_costBasis.reset();
        agent.m_requestedValue = 0.0;
        refreshAvailable(i);
    };
    // The parties are scattered over the population: load a few leases ahead.
    constexpr std::size_t Ahead = 8;
    const auto load = [this](AgentIndex i) {
        prefetchAgent(i);
        prefetchMemory(&m_peers[i]);
    };
    for (std::size_t k = 0; k < m_leases.size(); ++k) {
        if (k + Ahead < m_leases.size()) {
            load(m_leases[k + Ahead].lessor);
            load(m_leases[k + Ahead].lessee);
        }
        reset(m_leases[k].lessor);
        reset(m_leases[k].lessee);
    }
    m_leases.clear();
    for (std::size_t k = 0; k < m_requested.size(); ++k) {
        if (k + Ahead < m_requested.size())
            load(m_requested[k + Ahead]);
        reset(m_requested[k]);
    }
    m_requested.clear();
}

void Simulation::summarize()
{
    RoundSummary& s = m_summary;
    s.round = m_round;
    s.phase = m_events.phase;
    s.needs = static_cast<int>(m_buyers.size());
    s.needsMet = static_cast<int>(m_events.jobs.size());
    s.negotiations = static_cast<int>(m_events.negotiations.size());
    s.deals = static_cast<int>(m_events.deals.size());
    s.defaults = static_cast<int>(m_events.defaults.size());
    s.successRate = s.negotiations > 0 ? static_cast<double>(s.deals) / s.negotiations : 0.0;
    double priceSum = 0.0;
    s.volume = 0.0;
    for (const auto& deal : m_events.deals) {
        priceSum += deal.unitPrice;
        s.volume += deal.resources.units();
    }
    s.meanUnitPrice = s.deals > 0 ? std::optional<double>(priceSum / s.deals) : std::nullopt;
    s.jobValue = 0.0;
    for (const auto& job : m_events.jobs)
        s.jobValue += job.value;
    const std::size_t n = m_agents.size();
    const auto refreshAgent = [&](AgentIndex i) {
        s.netWorth[i] = m_agents[i].netWorth(m_scenario.market.referencePrices);
        s.dealsSoFar[i] = m_agents[i].m_dealCount;
    };
    if (s.netWorth.size() != n) {
        s.netWorth.resize(n);
        s.meanReputation.resize(n);
        s.dealsSoFar.resize(n);
        for (AgentIndex i = 0; i < n; ++i) {
            refreshAgent(i);
            s.meanReputation[i] = m_reputation->meanViewOf(i);
        }
        return;
    }
    // After the first round, only what this round changed: budgets and deal counts move only in a deal (a job's
    // value goes to a deal's buyer), mean views only with a reputation change. At a million agents a pass over all
    // of them would cost a tenth of the round.
    for (const DealRecord& deal : m_events.deals) {
        refreshAgent(deal.buyer);
        refreshAgent(deal.seller);
    }
    for (const ReputationChange& change : m_events.reputationChanges)
        s.meanReputation[change.subject] = m_reputation->meanViewOf(change.subject);
}

std::uint64_t Simulation::stateHash() const
{
    Fnv1a h;
    h.add(static_cast<std::uint64_t>(m_round));
    h.add(m_lastNegotiationId);
    for (auto word : m_rng.state())
        h.add(word);
    for (AgentIndex i = 0; i < m_agents.size(); ++i) {
        const Agent& a = m_agents[i];
        h.add(a.m_budget);
        h.add(a.m_holdings);
        h.add(static_cast<std::uint64_t>(a.m_dealCount));
        h.add(static_cast<std::uint64_t>(a.m_lastDealRound));
        h.add(m_reputation->tableDigest(i));
    }
    return h.value();
}

double Simulation::totalBudget() const noexcept
{
    double total = 0.0;
    for (const auto& a : m_agents)
        total += a.m_budget;
    return total;
}

ResourceBundle Simulation::totalHoldings() const noexcept
{
    ResourceBundle total;
    for (const auto& a : m_agents)
        total += a.m_holdings;
    return total;
}

} // namespace haggle
