// The trust market of the reputation studies (see trustmarket.h).
#include "trustmarket.h"

#include "builtinscenarios.h"
#include "detection.h"
#include "marketrun.h"

#include <algorithm>
#include <stdexcept>

namespace haggle::lab {

std::string_view trustModelIndexHelp() noexcept
{
    return "reputation model: 0 baseline, 1 beta, 2 eigentrust, 3 witness, 4 none";
}

Scenario trustMarket(const TrustMarketSetup& setup)
{
    Scenario s = builtinScenario("trust-fall-always");
    s.rounds = setup.rounds;
    if (setup.model != s.reputation.model) {
        s.reputation.model = setup.model;
        s.reputation.params.clear();
    }
    for (const auto& [name, value] : setup.modelParams)
        s.reputation.params[name] = value;
    s.reputation.gossip.probability = setup.gossip;
    s.reputation.gossip.below = setup.gossipBelow;
    s.reputation.gossip.fanout = setup.gossipFanout;
    const auto cheater = std::find_if(
        s.agents.begin(), s.agents.end(), [](const AgentSpec& a) { return !a.strategy.trustThreshold.has_value(); });
    if (cheater == s.agents.end() || cheater + 1 != s.agents.end())
        throw std::logic_error("trust-fall-always: expected the cheater last");
    const std::string firstHonest = s.agents.front().id;
    if (setup.model == "eigentrust")
        s.reputation.pretrusted = { firstHonest };
    for (auto& a : s.agents) {
        if (a.strategy.trustThreshold && setup.threshold)
            a.strategy.trustThreshold = *setup.threshold;
    }
    AgentSpec& c = s.agents.back();
    c.strategy.type = setup.cheaterKind;
    c.strategy.params = setup.cheaterParams;
    for (int k = 1; k < setup.cheaters; ++k) {
        AgentSpec more = s.agents.back();
        more.id = c.id + "_" + std::to_string(k + 1);
        for (auto& rule : s.demand.rules) {
            if (std::find(rule.agents.begin(), rule.agents.end(), c.id) != rule.agents.end())
                rule.agents.push_back(more.id);
        }
        s.agents.push_back(std::move(more));
    }
    throwIfInvalid(s);
    return s;
}

std::size_t firstCheater(const Scenario& market) noexcept
{
    std::size_t i = market.agents.size();
    while (i > 0 && !market.agents[i - 1].strategy.trustThreshold)
        --i;
    return i;
}

namespace {

double worthOf(const Scenario& s, AgentIndex agent)
{
    SimulationRun run(s);
    run.setRecordMessages(false);
    run.setDealHistoryLimit(0);
    run.runToEnd();
    return run.agentStatus(agent).netWorth;
}

} // namespace

TrustRun runTrustMarket(const Scenario& market, std::uint64_t seed, bool twins)
{
    Scenario s = market;
    s.seed = seed;
    SimulationRun run(std::move(s));
    run.setRecordMessages(false);
    run.setDealHistoryLimit(0);
    const Scenario& played = run.scenario();
    DetectionTracker tracker(played);
    while (!run.finished()) {
        run.step();
        tracker.observe(run);
    }
    const DetectionSummary d = tracker.summary(&run);
    TrustRun out;
    const std::size_t first = firstCheater(played);
    const std::size_t n = played.agents.size();
    out.cheaterIsolated = first < n;
    for (std::size_t i = first; i < n; ++i) {
        const AgentDetection& a = d.agents[i];
        out.cheaterIsolated = out.cheaterIsolated && a.isolatedAtEnd();
        if (a.isolatedFrom)
            out.isolationRound = std::max(out.isolationRound.value_or(0), *a.isolatedFrom);
        out.cheaterWorth += a.finalWorth;
        out.identities = std::max(out.identities, a.identities);
    }
    if (!out.cheaterIsolated)
        out.isolationRound.reset();
    const double cheaters = static_cast<double>(std::max<std::size_t>(n - first, 1));
    out.cheaterWorth /= cheaters;
    out.f1 = d.atEnd.f1();
    out.honestIsolated = d.honestIsolated();
    out.lossToCheaters = d.lossToCheaters;
    if (twins) {
        for (std::size_t i = first; i < n; ++i)
            out.twinWorth += worthOf(honestTwin(played, static_cast<AgentIndex>(i)), static_cast<AgentIndex>(i));
        out.twinWorth /= cheaters;
    }
    return out;
}

} // namespace haggle::lab
