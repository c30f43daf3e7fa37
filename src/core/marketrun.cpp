// Runs under either rules set (see marketrun.h): the Haggle adapter and the factory.
#include "marketrun.h"

#include "prototype/prototyperun.h"

namespace haggle {

SimulationRun::SimulationRun(Scenario scenario)
    : m_sim(std::move(scenario))
{
}

AgentStatus SimulationRun::agentStatus(AgentIndex agent) const
{
    const Agent& a = m_sim.agents()[agent];
    return { a.id(), a.strategy().name(), a.strategy().queriesReputation(), a.budget(), a.holdings(),
        a.netWorth(m_sim.scenario().market.referencePrices), a.dealCount(), m_sim.reputation().meanViewOf(agent) };
}

std::vector<DealEntry> SimulationRun::recentDeals(AgentIndex agent, std::size_t limit) const
{
    const auto& history = m_sim.agents()[agent].history();
    const std::size_t from = history.size() > limit ? history.size() - limit : 0;
    return { history.begin() + static_cast<std::ptrdiff_t>(from), history.end() };
}

std::vector<std::pair<AgentIndex, double>> SimulationRun::reputationTable(AgentIndex observer) const
{
    return m_sim.reputation().table(observer);
}

std::unique_ptr<MarketRun> makeRun(Scenario scenario)
{
    if (scenario.rules == PrototypeRules)
        return std::make_unique<prototype::PrototypeRun>(std::move(scenario));
    return std::make_unique<SimulationRun>(std::move(scenario));
}

} // namespace haggle
