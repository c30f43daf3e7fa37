// Running a scenario to completion (see runresult.h).
#include "runresult.h"

#include "orderbook.h"

#include "marketrun.h"
#include "recorder.h"

#include <memory>

namespace haggle::lab {

namespace {

// Each cheater's net worth in the run where it never cheats, for small markets.
void addHonestTwins(const Scenario& scenario, DetectionSummary& detection)
{
    if (scenario.agents.size() > MaxTwinAgents || detection.cheaters() > MaxTwins)
        return;
    for (AgentIndex i = 0; i < detection.agents.size(); ++i) {
        if (!detection.agents[i].cheater)
            continue;
        const std::unique_ptr<MarketRun> twin = makeRun(honestTwin(scenario, i));
        twin->setRecordMessages(false);
        twin->setDealHistoryLimit(0);
        twin->runToEnd();
        detection.agents[i].twinWorth = twin->agentStatus(i).netWorth;
    }
}

} // namespace

RunResult runScenario(const Scenario& scenario, const std::function<void(int, int)>& progress, RunOptions options)
{
    // Under the scenario's own rules: Haggle's engine or the prototype's market (marketrun.h).
    const std::unique_ptr<MarketRun> run = makeRun(scenario);
    run->setRecordMessages(false); // a run report keeps summaries, deals and defaults, not every message
    run->setDealHistoryLimit(0); // ... and reads deals from the event stream, not from each agent's history
    if (options.languageModel)
        run->setLanguageModel(options.languageModel);
    Recorder recorder;
    run->addObserver(&recorder);
    RunResult result;
    result.scenario = scenario;
    for (AgentIndex i = 0; i < run->agentCount(); ++i) {
        const AgentStatus a = run->agentStatus(i);
        result.agents.push_back({ std::string(a.id), scenario.agents[i].role, std::string(a.strategy),
            a.reputationAware, a.budget, a.holdings, a.netWorth, a.netWorth, 0.5, 0 });
    }
    result.stateHashes.reserve(static_cast<std::size_t>(scenario.rounds));
    DetectionTracker detection(scenario);
    while (!run->finished()) {
        run->step();
        if (options.roundHashes || run->finished())
            result.stateHashes.push_back(run->stateHash());
        if (options.stateParts) {
            if (const auto parts = run->stateParts())
                result.stateParts.push_back(*parts);
        }
        detection.observe(*run);
        if (progress)
            progress(run->round(), scenario.rounds);
    }
    if (detection.enabled()) {
        result.detection = detection.summary(run.get());
        if (options.twins)
            addHonestTwins(scenario, *result.detection);
    }
    for (AgentIndex i = 0; i < run->agentCount(); ++i) {
        const AgentStatus a = run->agentStatus(i);
        auto& out = result.agents[i];
        out.budget = a.budget;
        out.holdings = a.holdings;
        out.netWorth = a.netWorth;
        out.meanReputation = a.meanReputation;
        out.deals = a.deals;
        if (options.learned) {
            if (auto table = run->learned(i))
                result.learned.emplace(std::string(a.id), std::move(*table));
        }
    }
    if (const OrderBook* book = run->orderBook())
        result.book = *book;
    result.rounds = recorder.rounds();
    result.deals = recorder.deals();
    result.defaults = recorder.defaults();
    return result;
}

} // namespace haggle::lab
