// Runs under either rules set (see marketrun.h): the Haggle adapter and the factory.
#include "marketrun.h"

#include "digest.h"
#include "prototype/prototyperun.h"

#include <stdexcept>

namespace haggle {

SimulationRun::SimulationRun(Scenario scenario)
    : m_sim(std::move(scenario))
{
}

AgentStatus SimulationRun::agentStatus(AgentIndex agent) const
{
    const Agent& a = m_sim.agents()[agent];
    return { a.id(), a.strategy().name(), a.strategy().queriesReputation(), a.budget(), a.holdings(),
        a.netWorth(m_sim.state().market().referencePrices), a.dealCount(), m_sim.reputation().meanViewOf(agent) };
}

std::array<std::uint64_t, 6> partValues(const StateParts& p) noexcept
{
    return { p.generator, p.budgets, p.holdings, p.deals, p.reputation, p.strategies };
}

std::vector<std::string_view> differingParts(const StateParts& a, const StateParts& b)
{
    std::vector<std::string_view> names;
    const auto x = partValues(a);
    const auto y = partValues(b);
    for (std::size_t k = 0; k < x.size(); ++k) {
        if (x[k] != y[k])
            names.push_back(StatePartNames[k]);
    }
    return names;
}

std::optional<StateParts> SimulationRun::stateParts() const
{
    Fnv1a generator, budgets, holdings, deals, reputation, strategies;
    const MarketState& state = m_sim.state();
    generator.add(static_cast<std::uint64_t>(state.round()));
    generator.add(state.lastNegotiationId());
    for (auto word : state.rng().state())
        generator.add(word);
    for (AgentIndex i = 0; i < state.size(); ++i) {
        const Agent& a = state.agent(i);
        budgets.add(a.budget());
        holdings.add(a.holdings());
        deals.add(static_cast<std::uint64_t>(a.dealCount()));
        deals.add(static_cast<std::uint64_t>(a.lastDealRound()));
        reputation.add(state.reputation().tableDigest(i));
        strategies.add(a.strategy().stateDigest());
    }
    return StateParts { generator.value(), budgets.value(), holdings.value(), deals.value(), reputation.value(),
        strategies.value() };
}

std::unique_ptr<MarketRun> MarketRun::fork(Scenario /*edited*/) const
{
    throw std::invalid_argument(
        "forks are Haggle's rules only (the '" + scenario().rules + "' rules cannot copy a run)");
}

std::unique_ptr<MarketRun> SimulationRun::checkpoint(std::size_t dealHistory) const
{
    std::unique_ptr<SimulationRun> copy(new SimulationRun(m_sim));
    copy->m_sim.packForKeeping(dealHistory);
    return copy;
}

std::unique_ptr<MarketRun> SimulationRun::restore() const
{
    return std::unique_ptr<SimulationRun>(new SimulationRun(m_sim));
}

std::unique_ptr<MarketRun> SimulationRun::fork(Scenario edited) const
{
    return std::unique_ptr<SimulationRun>(new SimulationRun(m_sim, std::move(edited)));
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
