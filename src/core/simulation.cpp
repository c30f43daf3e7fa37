// The round loop (see simulation.h for the rules of a round).
#include "simulation.h"

#include "hugepages.h"
#include "negotiation.h"
#include "strategyregistry.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace haggle {

namespace {

constexpr std::size_t CandidatePoolSize = 16;
constexpr double MaxDemandPressure = 2.0;
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

// The seller-side supply check the mechanism calls after a REQUEST: spare capacity, or a broker's purchase.
class Simulation::Supply final : public SupplyCheck {
public:
    Supply(Simulation& sim, AgentIndex buyer, AgentIndex seller, const ResourceBundle& resources, bool sourcing)
        : m_sim(sim)
        , m_buyer(buyer)
        , m_seller(seller)
        , m_resources(resources)
        , m_sourcing(sourcing)
    {
    }

    bool canSupply(NegotiationView& sellerView) override
    {
        const Agent& seller = m_sim.m_agents[m_seller];
        if (m_sim.m_peers[m_seller].available.covers(
                m_resources)) // seller.available(), kept where the canvass reads it
            return true;
        if (m_sourcing || !seller.strategy().isBroker())
            return false;
        if (!m_sim.sourceForBroker(m_seller, m_buyer, m_resources))
            return false;
        sellerView.costBasis = seller.m_costBasis;
        sellerView.marketRate = m_sim.marketRateOf(m_seller);
        sellerView.budget = seller.m_budget;
        return true;
    }

private:
    Simulation& m_sim;
    AgentIndex m_buyer;
    AgentIndex m_seller;
    ResourceBundle m_resources;
    bool m_sourcing;
};

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

    m_rng.shuffle(m_buyers); // assignNeeds() listed them in index order
    const std::size_t buyers = m_buyers.size();
    for (std::size_t k = 0; k < buyers; ++k) {
        // Start loading the next buyers while this one negotiates (at a million agents each is a miss in memory), a
        // step per purchase: Agent, PeerState and reputation table four buyers ahead, the strategy the PeerState
        // points to two ahead, a wrapped strategy's inner one for the next. Hints only, no effect on results.
        if (k + 4 < buyers) {
            const AgentIndex b = m_buyers[k + 4];
            prefetchAgent(b);
            __builtin_prefetch(&m_peers[b]);
            m_reputation->prefetchTable(b);
        }
        if (k + 2 < buyers)
            __builtin_prefetch(m_peers[m_buyers[k + 2]].strategy);
        if (k + 1 < buyers)
            m_peers[m_buyers[k + 1]].strategy->prefetchState();
        attemptPurchase(m_buyers[k]);
    }

    releaseLeases();
    summarize();
    for (auto* observer : m_observers)
        observer->onRound(m_events, m_summary);
    return m_summary;
}

void Simulation::assignNeeds()
{
    // Only last round's buyers can still hold a need, and only agents a rule reaches can get one: the round costs
    // what demand costs, not a pass over every agent.
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
    for (const auto& rule : *rules) {
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
    // The buyers: agents with a need, in index order (several rules may reach one agent; a zero need is none).
    std::sort(m_buyers.begin(), m_buyers.end());
    m_buyers.erase(std::unique(m_buyers.begin(), m_buyers.end()), m_buyers.end());
    std::erase_if(m_buyers, [this](AgentIndex i) { return m_agents[i].m_need.isZero(); });
}

const std::vector<PartnerCandidate>& Simulation::candidatesFor(
    AgentIndex buyer, const ResourceBundle& need, AgentIndex exclude, bool sourcing)
{
    // One buffer, reused: no allocation per attempt once it has grown. Callers pick from it before the next call
    // (a broker's purchase inside a negotiation refills it).
    const Agent& self = m_agents[buyer];
    auto& candidates = m_candidates;
    candidates.clear();
    const auto consider = [&](AgentIndex j) {
        if (j == buyer || j == exclude)
            return;
        const PeerState& other = m_peers[j];
        const bool broker = (m_peerFlags[j] & BrokerFlag) != 0;
        if (sourcing && broker)
            return; // a broker sources from providers, not from other middlemen
        if (!broker && !other.available.covers(need))
            return;
        const double rep = m_reputation->view(buyer, j);
        if (!self.strategy().acceptsPartner(rep))
            return;
        candidates.push_back({ j, rep, broker });
    };
    const std::size_t n = m_agents.size();
    if (n - 1 <= CandidatePoolSize) {
        for (AgentIndex j = 0; j < n; ++j)
            consider(j);
    } else {
        // Draw distinct others; a small sorted list of picks is cheaper than a set at this size.
        auto& picked = m_picked;
        picked.clear();
        while (picked.size() < CandidatePoolSize) {
            const auto j = static_cast<AgentIndex>(m_rng.below(n));
            if (j == buyer || std::find(picked.begin(), picked.end(), j) != picked.end())
                continue;
            picked.push_back(j);
            __builtin_prefetch(&m_peerFlags[j]); // all sixteen in flight before the first is tested below
        }
        // Peers consider() would turn down on what their flags say are left out; it reads the others' PeerState and
        // reputation entry, which are loaded first, so that those loads overlap instead of waiting in turn.
        const std::uint8_t needed = positiveMask(need);
        const auto mayQualify = [&](AgentIndex j) {
            const std::uint8_t flags = m_peerFlags[j];
            if (flags & BrokerFlag)
                return !sourcing;
            return (needed & ~flags) == 0;
        };
        std::erase_if(picked, [&](AgentIndex j) { return !mayQualify(j); });
        for (AgentIndex j : picked) {
            __builtin_prefetch(&m_peers[j]);
            m_reputation->prefetch(buyer, j);
        }
        for (AgentIndex j : picked)
            consider(j);
    }
    return candidates;
}

bool Simulation::queryReputation(AgentIndex asker, AgentIndex subject, std::uint64_t negotiation)
{
    if (m_agents.size() < 3)
        return true;
    AgentIndex peer = asker;
    while (peer == asker || peer == subject)
        peer = static_cast<AgentIndex>(m_rng.below(m_agents.size()));
    const double answer = m_reputation->view(peer, subject);
    Message query;
    query.type = MessageType::QueryReputation;
    query.from = asker;
    query.to = peer;
    query.negotiation = negotiation;
    query.subject = subject;
    recordMessage(query);
    Message response = query;
    response.type = MessageType::ReputationResponse;
    response.from = peer;
    response.to = asker;
    response.reputation = answer;
    recordMessage(response);
    const auto change = m_reputation->recordReport(asker, subject, answer);
    m_events.reputationChanges.push_back(change);
    return m_agents[asker].strategy().acceptsPartner(change.after);
}

void Simulation::attemptPurchase(AgentIndex buyer)
{
    const ResourceBundle need = m_agents[buyer].m_need;
    const auto& candidates = candidatesFor(buyer, need, NoAgent, false);
    if (candidates.empty())
        return;
    const std::size_t pick = m_agents[buyer].strategy().choosePartner(candidates, m_rng);
    const AgentIndex seller = candidates[std::min(pick, candidates.size() - 1)].agent;
    // What the negotiation reads of the seller and the two updates it makes, loading while the query is made.
    prefetchAgent(seller);
    __builtin_prefetch(m_peers[seller].strategy);
    m_reputation->prefetchUpdate(seller, buyer);
    m_reputation->prefetchUpdate(buyer, seller);
    const std::uint64_t id = nextNegotiationId();
    if (m_agents[buyer].strategy().queriesReputation() && !queryReputation(buyer, seller, id))
        return;
    trade(buyer, seller, need, false, id);
}

bool Simulation::sourceForBroker(AgentIndex broker, AgentIndex seeker, const ResourceBundle& resources)
{
    const auto& candidates = candidatesFor(broker, resources, seeker, true);
    if (candidates.empty())
        return false;
    const std::size_t pick = m_agents[broker].strategy().choosePartner(candidates, m_rng);
    const AgentIndex provider = candidates[std::min(pick, candidates.size() - 1)].agent;
    const std::uint64_t id = nextNegotiationId();
    if (m_agents[broker].strategy().queriesReputation() && !queryReputation(broker, provider, id))
        return false;
    trade(broker, provider, resources, true, id);
    return m_agents[broker].available().covers(resources);
}

double Simulation::marketRateOf(AgentIndex seller) const noexcept
{
    // Local demand pressure: what this seller has been asked for so far this round, against its capacity. It sees
    // only its own inbox, so the price signal stays decentralized.
    const Agent& a = m_agents[seller];
    const double capacity = (a.m_holdings + a.m_leasedIn).value(m_scenario.market.referencePrices);
    const double pressure = capacity > 0.0 ? std::clamp(a.m_requestedValue / capacity, 0.0, MaxDemandPressure) : 0.0;
    return 1.0 + m_scenario.market.loadPremium * pressure;
}

NegotiationView Simulation::viewFor(
    AgentIndex self, AgentIndex partner, Side side, const ResourceBundle& resources) const
{
    const Agent& a = m_agents[self];
    NegotiationView v;
    v.side = side;
    v.self = self;
    v.partner = partner;
    v.resources = resources;
    v.referenceValue = resources.value(m_scenario.market.referencePrices);
    v.budget = a.m_budget;
    v.urgency = a.m_urgency;
    v.partnerUrgency = side == Side::Seller ? m_agents[partner].m_urgency : a.m_urgency;
    v.partnerReputation = m_reputation->view(self, partner);
    v.marketRate = side == Side::Seller ? marketRateOf(self) : 1.0;
    v.costBasis = side == Side::Seller ? a.m_costBasis : std::nullopt;
    v.roundsSinceLastDeal = m_round - a.m_lastDealRound - 1;
    return v;
}

bool Simulation::trade(
    AgentIndex buyer, AgentIndex seller, const ResourceBundle& resources, bool sourcing, std::uint64_t id)
{
    m_peers[seller].strategy->prefetchState();
    NegotiationSetup setup;
    setup.id = id;
    setup.round = m_round;
    setup.maxTurns = m_scenario.maxTurns;
    setup.resources = resources;
    setup.referenceValue = resources.value(m_scenario.market.referencePrices);
    setup.buyerView = viewFor(buyer, seller, Side::Buyer, resources);
    setup.sellerView = viewFor(seller, buyer, Side::Seller, resources);
    setup.buyerBudget = m_agents[buyer].m_budget;
    if (m_agents[seller].m_requestedValue == 0.0)
        m_requested.push_back(seller);
    m_agents[seller].m_requestedValue += setup.referenceValue;

    NegotiationRecord record;
    record.id = id;
    record.round = m_round;
    record.buyer = buyer;
    record.seller = seller;
    record.resources = resources;
    record.sourcing = sourcing;

    Supply supply(*this, buyer, seller, resources, sourcing);
    const NegotiationResult result = negotiate(setup, m_agents[buyer].strategy(), m_agents[seller].strategy(), supply,
        m_recordMessages ? &m_events.messages : nullptr);
    record.outcome = result.outcome;
    record.turns = result.turns;
    record.price = result.price;
    record.unitPrice = result.unitPrice;
    m_events.negotiations.push_back(record);
    if (result.outcome != NegotiationOutcome::Accepted)
        return false;
    settle(record, sourcing);
    return m_events.deals.back().delivered;
}

void Simulation::settle(const NegotiationRecord& record, bool sourcing)
{
    Agent& buyer = m_agents[record.buyer];
    Agent& seller = m_agents[record.seller];
    // Both draws always happen, seller first, so the random stream does not depend on who cheats.
    const bool sellerDefaults = seller.strategy().defaultsOnDeal(Side::Seller, m_rng);
    const bool buyerDefaults = buyer.strategy().defaultsOnDeal(Side::Buyer, m_rng);
    DealRecord deal;
    deal.negotiation = record.id;
    deal.round = m_round;
    deal.buyer = record.buyer;
    deal.seller = record.seller;
    deal.resources = record.resources;
    deal.price = record.price;
    deal.unitPrice = record.unitPrice;
    deal.delivered = !sellerDefaults;
    deal.paid = !buyerDefaults;
    deal.sourcing = sourcing;

    Message m;
    m.negotiation = record.id;
    m.turn = record.turns;
    m.resources = record.resources;
    m.price = record.price;
    if (deal.delivered) {
        seller.m_leasedOut += record.resources;
        buyer.m_leasedIn += record.resources;
        refreshAvailable(record.seller);
        refreshAvailable(record.buyer);
        m_leases.push_back({ record.seller, record.buyer, record.resources, record.id });
        m.type = MessageType::Allocate;
        m.from = record.seller;
        m.to = record.buyer;
        recordMessage(m);
    }
    if (deal.paid) {
        buyer.m_budget -= record.price;
        seller.m_budget += record.price;
    }
    const auto recordDefault = [&](AgentIndex defaulter, AgentIndex victim, MessageReason withheld) {
        m.type = MessageType::Default;
        m.from = victim;
        m.to = defaulter;
        m.reason = withheld;
        recordMessage(m);
        m_events.defaults.push_back({ record.id, m_round, defaulter, victim, withheld, record.price });
    };
    if (!deal.delivered)
        recordDefault(record.seller, record.buyer, MessageReason::DeliveryWithheld);
    if (!deal.paid)
        recordDefault(record.buyer, record.seller, MessageReason::PaymentWithheld);

    if (m_historyLimit > 0) {
        buyer.m_history.push_back(
            { m_round, record.seller, Side::Buyer, record.resources, record.price, deal.delivered });
        seller.m_history.push_back({ m_round, record.buyer, Side::Seller, record.resources, record.price, deal.paid });
    }
    for (Agent* a : { &buyer, &seller }) {
        ++a->m_dealCount;
        a->m_lastDealRound = m_round;
        // Bounded: the newest m_historyLimit deals are kept (trimmed in halves, so amortised O(1) per deal), which
        // keeps a million-round run's memory flat.
        if (m_historyLimit > 0 && a->m_history.size() >= 2 * m_historyLimit)
            a->m_history.erase(a->m_history.begin(), a->m_history.begin() + std::ptrdiff_t(m_historyLimit));
    }
    m_events.reputationChanges.push_back(m_reputation->recordDeal(record.buyer, record.seller, deal.delivered));
    m_events.reputationChanges.push_back(m_reputation->recordDeal(record.seller, record.buyer, deal.paid));
    buyer.strategy().observeDeal({ Side::Buyer, record.seller, m_round, record.unitPrice, deal.delivered });
    seller.strategy().observeDeal({ Side::Seller, record.buyer, m_round, record.unitPrice, deal.paid });

    if (deal.delivered) {
        if (sourcing) {
            buyer.m_costBasis = record.unitPrice;
        } else {
            const double value = m_scenario.market.jobValue * record.resources.value(m_scenario.market.referencePrices)
                * (1.0 + buyer.m_urgency);
            buyer.m_budget += value;
            m_events.jobs.push_back({ record.buyer, record.resources, value });
        }
    }
    m_events.deals.push_back(deal);
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
        __builtin_prefetch(&m_peers[i], 1);
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
