// Running a scenario to completion (see runresult.h).
#include "runresult.h"

#include "recorder.h"
#include "simulation.h"

namespace haggle::lab {

RunResult runScenario(const Scenario& scenario, const std::function<void(int, int)>& progress)
{
    Simulation sim(scenario);
    sim.setRecordMessages(false); // a run report keeps summaries, deals and defaults, not every message
    sim.setDealHistoryLimit(0); // ... and reads deals from the event stream, not from each agent's history
    Recorder recorder;
    sim.addObserver(&recorder);
    RunResult result;
    result.scenario = scenario;
    const auto& prices = scenario.market.referencePrices;
    for (const auto& agent : sim.agents())
        result.agents.push_back(
            { agent.id(), agent.role(), std::string(agent.strategy().name()), agent.strategy().queriesReputation(),
                agent.budget(), agent.holdings(), agent.netWorth(prices), agent.netWorth(prices), 0.5, 0 });
    result.stateHashes.reserve(static_cast<std::size_t>(scenario.rounds));
    while (!sim.finished()) {
        sim.step();
        result.stateHashes.push_back(sim.stateHash());
        if (progress)
            progress(sim.round(), scenario.rounds);
    }
    for (std::size_t i = 0; i < sim.agents().size(); ++i) {
        const auto& agent = sim.agents()[i];
        auto& out = result.agents[i];
        out.budget = agent.budget();
        out.holdings = agent.holdings();
        out.netWorth = agent.netWorth(prices);
        out.meanReputation = sim.reputation().meanViewOf(static_cast<AgentIndex>(i));
        out.deals = agent.dealCount();
    }
    result.rounds = recorder.rounds();
    result.deals = recorder.deals();
    result.defaults = recorder.defaults();
    return result;
}

} // namespace haggle::lab
