// A run of a scenario (see simulation.h): setting up the parts, the round's pipeline, and the state hash.
#include "simulation.h"

#include "digest.h"
#include "kinds.h"
#include "surplus.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace haggle {

namespace {

// The scenario's reputation model, once the scenario is known to be valid (throws naming every problem otherwise).
std::unique_ptr<ReputationModel> validatedReputation(const Scenario& scenario)
{
    throwIfInvalid(scenario);
    if (scenario.rules != HaggleRules)
        throw std::invalid_argument("a Simulation plays Haggle's rules, not the '" + scenario.rules
            + "' rules (makeRun() in marketrun.h runs a scenario under its own rules)");
    return makeReputationModel(scenario.reputation, reputationSetup(scenario));
}

} // namespace

Simulation::Simulation(Scenario scenario)
    : m_scenario(std::make_shared<const Scenario>(std::move(scenario)))
    , m_state(*m_scenario, validatedReputation(*m_scenario))
    , m_demand(m_scenario->demand, m_scenario->agents)
    , m_mechanism(mechanismCatalog().make(m_scenario->mechanism.type, m_scenario->mechanism.params))
    , m_settlement(settlementCatalog().make(m_scenario->settlement.type, m_scenario->settlement.params))
    , m_gossip(m_scenario->reputation.gossip)
{
    resolveEvents();
}

void Simulation::resolveEvents()
{
    m_effects.clear();
    m_eventAgents.clear();
    m_presenceAgents.clear();
    m_pricesChange = false;
    for (const ScenarioEvent& event : m_scenario->events) {
        std::shared_ptr<const EventEffect> effect = eventCatalog().make(event.type, event.params);
        std::vector<AgentIndex> agents;
        if (!event.agent.empty()) {
            agents.push_back(static_cast<AgentIndex>(*m_scenario->indexOf(event.agent)));
        } else {
            for (AgentIndex i = 0; i < m_scenario->agents.size(); ++i) {
                if (event.role.empty() || m_scenario->agents[i].role == event.role)
                    agents.push_back(i);
            }
        }
        if (effect->changesPresence())
            m_presenceAgents.insert(m_presenceAgents.end(), agents.begin(), agents.end());
        m_pricesChange = m_pricesChange || effect->changesPrices();
        m_effects.push_back(std::move(effect));
        m_eventAgents.push_back(std::move(agents));
    }
    std::sort(m_presenceAgents.begin(), m_presenceAgents.end());
    m_presenceAgents.erase(std::unique(m_presenceAgents.begin(), m_presenceAgents.end()), m_presenceAgents.end());
}

Simulation::Simulation(const Simulation& other)
    : m_scenario(other.m_scenario)
    , m_state(other.m_state)
    , m_demand(other.m_demand)
    , m_mechanism(other.m_mechanism->clone())
    , m_settlement(other.m_settlement->clone())
    , m_gossip(other.m_gossip)
    , m_collector(other.m_collector)
    , m_effects(other.m_effects)
    , m_eventAgents(other.m_eventAgents)
    , m_presenceAgents(other.m_presenceAgents)
    , m_pricesChange(other.m_pricesChange)
    , m_refreshViews(other.m_refreshViews)
{
}

Simulation::Simulation(const Simulation& at, Scenario edited)
    : Simulation(at)
{
    const Scenario& base = *m_scenario;
    throwIfInvalid(edited);
    if (edited.rules != base.rules)
        throw std::invalid_argument("a fork keeps the rules set ('" + base.rules + "')");
    if (edited.agents.size() != base.agents.size())
        throw std::invalid_argument("a fork keeps the agents: " + std::to_string(base.agents.size()) + " in the run, "
            + std::to_string(edited.agents.size()) + " in the edit (a newcomer is a join event)");
    for (std::size_t i = 0; i < base.agents.size(); ++i) {
        if (edited.agents[i].id != base.agents[i].id)
            throw std::invalid_argument("a fork keeps the agents: agents[" + std::to_string(i) + "] is '"
                + base.agents[i].id + "' in the run, '" + edited.agents[i].id + "' in the edit");
    }
    for (AgentIndex i = 0; i < base.agents.size(); ++i) {
        if (!(edited.agents[i].strategy == base.agents[i].strategy))
            m_state.setStrategy(i, makeStrategy(edited.agents[i].strategy));
    }
    if (!(edited.reputation.model == base.reputation.model && edited.reputation.params == base.reputation.params
            && edited.reputation.pretrusted == base.reputation.pretrusted)) {
        m_state.replaceReputation(makeReputationModel(edited.reputation, reputationSetup(edited)));
        m_refreshViews = true;
    }
    m_state.setMarket(edited.market);
    if (!(edited.demand == base.demand)) {
        for (AgentIndex i : m_demand.buyers()) // what the old schedule would have cleared at the next round
            m_state.clearNeed(i);
        m_demand = DemandSchedule(edited.demand, edited.agents);
    }
    if (!(edited.mechanism == base.mechanism)) {
        m_mechanism->closeAll(m_state); // its leases end and their escrow goes back before another takes over
        m_mechanism = mechanismCatalog().make(edited.mechanism.type, edited.mechanism.params);
    }
    if (!(edited.settlement == base.settlement))
        m_settlement = settlementCatalog().make(edited.settlement.type, edited.settlement.params);
    if (!(edited.reputation.gossip == base.reputation.gossip))
        m_gossip = Gossip(edited.reputation.gossip);
    m_scenario = std::make_shared<const Scenario>(std::move(edited));
    resolveEvents();
}

Simulation::~Simulation() = default;

void Simulation::addObserver(SimulationObserver* observer)
{
    if (observer && std::find(m_observers.begin(), m_observers.end(), observer) == m_observers.end())
        m_observers.push_back(observer);
}

void Simulation::removeObserver(SimulationObserver* observer)
{
    m_observers.erase(std::remove(m_observers.begin(), m_observers.end(), observer), m_observers.end());
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

bool Simulation::startEvents()
{
    m_extraNeeds.clear();
    if (m_effects.empty())
        return false;
    const int round = m_state.round();
    // Presence first: an agent is absent this round if any join or leave of it says so.
    for (AgentIndex i : m_presenceAgents) {
        bool absent = false;
        for (std::size_t e = 0; e < m_effects.size() && !absent; ++e) {
            const auto& agents = m_eventAgents[e];
            absent = m_effects[e]->absentAt(m_scenario->events[e], round)
                && std::binary_search(agents.begin(), agents.end(), i);
        }
        m_state.setAbsent(i, absent);
    }
    ReferencePrices prices = m_scenario->market.referencePrices;
    bool viewsReset = false;
    for (std::size_t e = 0; e < m_effects.size(); ++e) {
        EventRound r { m_state, round, m_scenario->events[e], m_eventAgents[e], prices, m_extraNeeds };
        m_effects[e]->startRound(r);
        viewsReset = viewsReset || r.viewsReset;
    }
    if (m_pricesChange)
        m_state.setReferencePrices(prices);
    return viewsReset;
}

void Simulation::renewIdentities()
{
    const int round = m_state.round();
    for (AgentIndex i : m_state.identityChangers()) {
        if (m_state.strategy(i).wantsNewIdentity({ round, round - m_state.agent(i).lastDealRound() }))
            m_state.rejoin(i);
    }
}

const RoundSummary& Simulation::step()
{
    m_state.beginRound();
    const bool viewsReset = startEvents();
    const std::vector<AgentIndex>& buyers = m_demand.assign(m_state, m_extraNeeds);
    std::optional<double> bestSurplus;
    if (m_scenario->analysis.efficiency)
        bestSurplus = maximumSurplus(m_state, buyers);
    m_mechanism->clear(m_state, *m_settlement, buyers);
    m_settlement->endRound(m_state);
    m_state.endRequests();
    m_gossip.spread(m_state);
    renewIdentities();
    const bool allViewsChanged
        = m_state.reputation().endRound(m_state.round()) || viewsReset || std::exchange(m_refreshViews, false);
    const RoundSummary& summary = m_collector.collect(
        m_state, buyers.size(), allViewsChanged, m_scenario->analysis, bestSurplus, m_mechanism->openInterest());
    for (auto* observer : m_observers)
        observer->onRound(m_state.events(), summary);
    return summary;
}

std::uint64_t Simulation::stateHash() const
{
    Fnv1a h;
    h.add(static_cast<std::uint64_t>(m_state.round()));
    h.add(m_state.lastNegotiationId());
    for (auto word : m_state.rng().state())
        h.add(word);
    const ReputationModel& reputation = m_state.reputation();
    for (AgentIndex i = 0; i < m_state.size(); ++i) {
        const Agent& a = m_state.agent(i);
        h.add(a.budget());
        h.add(a.holdings());
        h.add(static_cast<std::uint64_t>(a.dealCount()));
        h.add(static_cast<std::uint64_t>(a.lastDealRound()));
        h.add(reputation.tableDigest(i));
        h.add(a.strategy().stateDigest());
    }
    if (const std::uint64_t carried = m_mechanism->stateDigest(); carried != 0) // no change for a stateless one
        h.add(carried);
    return h.value();
}

std::size_t Simulation::stateBytes() const noexcept
{
    constexpr std::size_t StrategyBytes = 64; // a strategy object and its heap header, typically
    std::size_t bytes = sizeof(Simulation) + m_state.agents().capacity() * sizeof(Agent);
    for (const Agent& a : m_state.agents())
        bytes += a.history().capacity() * sizeof(DealEntry) + StrategyBytes + a.id().capacity() + a.role().capacity();
    bytes += m_state.size() * (sizeof(PeerIndex::Peer) + 1 + 64); // the peer index, and a reputation table's header
    return bytes + m_state.reputation().storageBytes();
}

double Simulation::totalBudget() const noexcept
{
    double total = 0.0;
    for (const auto& a : m_state.agents())
        total += a.budget();
    return total;
}

ResourceBundle Simulation::totalHoldings() const noexcept
{
    ResourceBundle total;
    for (const auto& a : m_state.agents())
        total += a.holdings();
    return total;
}

} // namespace haggle
