// A run of a scenario (see simulation.h): setting up the parts, the round's pipeline, and the state hash.
#include "simulation.h"

#include "digest.h"
#include "kinds.h"

#include <algorithm>
#include <stdexcept>

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
    : m_scenario(std::move(scenario))
    , m_state(m_scenario, validatedReputation(m_scenario))
    , m_demand(m_scenario.demand, m_scenario.agents)
    , m_mechanism(mechanismCatalog().make(m_scenario.mechanism.type, m_scenario.mechanism.params))
    , m_settlement(settlementCatalog().make(m_scenario.settlement.type, m_scenario.settlement.params))
    , m_gossip(m_scenario.reputation.gossip)
{
    m_eventOrder.resize(m_scenario.events.size());
    for (std::size_t i = 0; i < m_eventOrder.size(); ++i)
        m_eventOrder[i] = i;
    std::stable_sort(m_eventOrder.begin(), m_eventOrder.end(),
        [this](std::size_t a, std::size_t b) { return m_scenario.events[a].round < m_scenario.events[b].round; });
}

Simulation::Simulation(const Simulation& other)
    : m_scenario(other.m_scenario)
    , m_state(other.m_state)
    , m_demand(other.m_demand)
    , m_mechanism(other.m_mechanism->clone())
    , m_settlement(other.m_settlement->clone())
    , m_gossip(other.m_gossip)
    , m_collector(other.m_collector)
    , m_eventOrder(other.m_eventOrder)
    , m_nextEvent(other.m_nextEvent)
{
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

void Simulation::applyEvents()
{
    const int round = m_state.round();
    while (m_nextEvent < m_eventOrder.size() && m_scenario.events[m_eventOrder[m_nextEvent]].round <= round) {
        const ScenarioEvent& event = m_scenario.events[m_eventOrder[m_nextEvent++]];
        if (event.round < round)
            continue; // a fork made past it
        const auto agent = static_cast<AgentIndex>(*m_scenario.indexOf(event.agent));
        m_state.setStrategy(agent, makeStrategy(event.strategy));
    }
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
    applyEvents();
    const std::vector<AgentIndex>& buyers = m_demand.assign(m_state);
    m_mechanism->clear(m_state, *m_settlement, buyers);
    m_settlement->endRound(m_state);
    m_state.endRequests();
    m_gossip.spread(m_state);
    renewIdentities();
    const bool allViewsChanged = m_state.reputation().endRound(m_state.round());
    const RoundSummary& summary = m_collector.collect(m_state, buyers.size(), allViewsChanged);
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
    return h.value();
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
