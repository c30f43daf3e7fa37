// Experiment 3, the trust fall (see experiments.h).
#include "experiments.h"

#include "builtinscenarios.h"
#include "recorder.h"
#include "rng.h"
#include "simulation.h"
#include "trialrunner.h"

namespace haggle::lab {

namespace {

struct Roles {
    AgentIndex cheater = NoAgent;
    std::vector<AgentIndex> honest;
    std::vector<double> thresholds; // each honest agent's trust threshold (the wrapper's), if any
};

Roles rolesOf(const Scenario& s)
{
    Roles r;
    for (AgentIndex i = 0; i < s.agents.size(); ++i) {
        if (s.agents[i].strategy.type == "cheater" && r.cheater == NoAgent) {
            r.cheater = i;
        } else {
            r.honest.push_back(i);
            r.thresholds.push_back(s.agents[i].strategy.trustThreshold.value_or(0.0));
        }
    }
    return r;
}

// One run of a trust-fall scenario, watched round by round.
CheaterResult watch(const Scenario& s, bool keepRun)
{
    const Roles roles = rolesOf(s);
    CheaterResult out;
    out.rounds = s.rounds;
    out.seed = s.seed;
    if (roles.cheater == NoAgent)
        return out;
    const auto& spec = s.agents[roles.cheater];
    out.cheater = spec.id;
    out.cheatProbability = strategyParameter(spec.strategy, "cheat_probability");
    Simulation sim(s);
    sim.setRecordMessages(false);
    Recorder recorder;
    sim.addObserver(&recorder);
    const auto& prices = s.market.referencePrices;
    out.startBudget = sim.agents()[roles.cheater].budget();
    out.startWorth = sim.agents()[roles.cheater].netWorth(prices);
    std::vector<std::uint64_t> hashes;
    while (!sim.finished()) {
        sim.step();
        hashes.push_back(sim.stateHash());
        double sum = 0.0;
        bool allRefuse = !roles.honest.empty();
        for (std::size_t h = 0; h < roles.honest.size(); ++h) {
            const double view = sim.reputation().view(roles.honest[h], roles.cheater);
            sum += view;
            allRefuse = allRefuse && view < roles.thresholds[h];
        }
        out.reputationByRound.push_back(roles.honest.empty() ? 0.0 : sum / roles.honest.size());
        int deals = 0;
        for (const auto& d : sim.lastEvents().deals)
            deals += d.buyer == roles.cheater || d.seller == roles.cheater ? 1 : 0;
        out.cheaterDealsByRound.push_back(deals);
        out.totalDeals += deals;
        out.defaults += sim.lastSummary().defaults;
        if (allRefuse && !out.isolatedAtRound)
            out.isolatedAtRound = sim.round();
        if (!allRefuse)
            out.isolatedAtRound.reset(); // isolation must last to count
    }
    out.finalBudget = sim.agents()[roles.cheater].budget();
    out.finalWorth = sim.agents()[roles.cheater].netWorth(prices);
    if (keepRun) {
        out.run.scenario = s;
        out.run.rounds = recorder.rounds();
        out.run.deals = recorder.deals();
        out.run.defaults = recorder.defaults();
        out.run.stateHashes = std::move(hashes);
        for (std::size_t i = 0; i < sim.agents().size(); ++i) {
            const auto& a = sim.agents()[i];
            out.run.agents.push_back(
                { a.id(), a.role(), std::string(a.strategy().name()), a.strategy().queriesReputation(), a.budget(),
                    a.holdings(), s.agents[i].budget + s.agents[i].holdings.value(prices), a.netWorth(prices),
                    sim.reputation().meanViewOf(static_cast<AgentIndex>(i)), a.dealCount() });
        }
    }
    return out;
}

void addWindows(CheaterResult& r, const std::vector<std::pair<int, int>>& windows)
{
    for (auto [first, last] : windows) {
        last = std::min(last, r.rounds);
        if (first > last)
            continue;
        TrustWindow w { first, last, 0.0, 0 };
        for (int round = first; round <= last; ++round) {
            w.meanReputation += r.reputationByRound[static_cast<std::size_t>(round - 1)];
            w.cheaterDeals += r.cheaterDealsByRound[static_cast<std::size_t>(round - 1)];
        }
        w.meanReputation /= (last - first + 1);
        r.windows.push_back(w);
    }
}

CheaterResult runCheater(const std::string& key, const ExperimentOptions& options, const TrialRunner& runner,
    const std::vector<std::pair<int, int>>& windows, std::vector<double>& worth, std::vector<double>& deals)
{
    Scenario s = builtinScenario(key);
    if (options.seed)
        s.seed = *options.seed;
    CheaterResult result = watch(s, true);
    addWindows(result, windows);
    result.trials = options.trials.value_or(DefaultTrials);
    const auto trials = runner.run(result.trials, [&](int i) {
        Scenario t = s;
        t.seed = deriveSeed(s.seed, static_cast<std::uint64_t>(i));
        return watch(t, false);
    });
    std::vector<double> reputation;
    for (const auto& t : trials) {
        worth.push_back(t.finalWorth);
        deals.push_back(t.totalDeals);
        reputation.push_back(t.reputationByRound.empty() ? 0.0 : t.reputationByRound.back());
        result.isolatedTrials += t.isolatedAtRound ? 1 : 0;
    }
    result.finalWorthByTrial = summarize(worth);
    result.dealsByTrial = summarize(deals);
    result.finalReputationByTrial = summarize(reputation);
    return result;
}

} // namespace

TrustResult runTrust(const ExperimentOptions& options)
{
    TrustResult result;
    const TrialRunner runner(options.threads);
    std::vector<double> alwaysWorth, alwaysDeals, subtleWorth, subtleDeals;
    result.always = runCheater(
        "trust-fall-always", options, runner, { { 1, 10 }, { 25, 35 }, { 50, 60 } }, alwaysWorth, alwaysDeals);
    result.subtle = runCheater(
        "trust-fall-subtle", options, runner, { { 1, 20 }, { 40, 60 }, { 80, 100 } }, subtleWorth, subtleDeals);
    result.finalWorthD = cohensD(subtleWorth, alwaysWorth);
    result.dealsD = cohensD(subtleDeals, alwaysDeals);
    return result;
}

} // namespace haggle::lab
