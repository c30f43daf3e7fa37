// Experiment 2, scarcity games (see experiments.h).
#include "experiments.h"

#include "builtinscenarios.h"
#include "rng.h"
#include "trialrunner.h"

#include <algorithm>
#include <numeric>

namespace haggle::lab {

std::vector<PhaseResult> phaseSegments(const Scenario& scenario)
{
    std::vector<PhaseResult> segments;
    for (int round = 1; round <= scenario.rounds; ++round) {
        const DemandPhase* phase = scenario.demand.phaseAt(round);
        const std::string name = phase ? phase->name : std::string("normal");
        const bool continues = !segments.empty() && segments.back().lastRound == round - 1
            && segments.back().name == name
            && (phase ? round > phase->firstRound : !scenario.demand.phaseAt(round - 1));
        if (continues)
            segments.back().lastRound = round;
        else {
            PhaseResult segment;
            segment.name = name;
            segment.firstRound = round;
            segment.lastRound = round;
            segments.push_back(std::move(segment));
        }
    }
    return segments;
}

namespace {

struct RushTrial {
    std::vector<int> negotiations, deals; // per segment
    std::vector<double> priceSum;
    RunResult run; // kept for trial 0 only
};

struct TournamentTrial {
    std::vector<double> worth;
    std::vector<double> deals;
};

} // namespace

ScarcityResult runScarcity(const ExperimentOptions& options)
{
    ScarcityResult result;
    const TrialRunner runner(options.threads);

    // 1. The 100-round scarcity market.
    Scenario market = builtinScenario("scarcity");
    const std::uint64_t base = options.seed.value_or(market.seed);
    market.seed = base;
    result.market = runScenario(market);

    // 2. The rush hour, by phase, over trials.
    const Scenario rush = builtinScenario("rush-hour");
    result.phases = phaseSegments(rush);
    result.rushTrials = options.trials.value_or(DefaultTrials);
    const std::size_t segments = result.phases.size();
    auto rushTrials = runner.run(result.rushTrials, [&](int i) {
        Scenario s = rush;
        s.seed = deriveSeed(base, static_cast<std::uint64_t>(i));
        RushTrial t;
        t.run = runScenario(s);
        t.negotiations.assign(segments, 0);
        t.deals.assign(segments, 0);
        t.priceSum.assign(segments, 0.0);
        for (const auto& r : t.run.rounds) {
            for (std::size_t k = 0; k < segments; ++k) {
                if (r.round >= result.phases[k].firstRound && r.round <= result.phases[k].lastRound) {
                    t.negotiations[k] += r.negotiations;
                    t.deals[k] += r.deals;
                    t.priceSum[k] += r.meanUnitPrice ? *r.meanUnitPrice * r.deals : 0.0;
                }
            }
        }
        if (i != 0)
            t.run = {};
        return t;
    });
    std::vector<std::vector<double>> ratesBySegment(segments);
    for (auto& t : rushTrials) {
        for (std::size_t k = 0; k < segments; ++k) {
            result.phases[k].negotiations += t.negotiations[k];
            result.phases[k].deals += t.deals[k];
            ratesBySegment[k].push_back(t.negotiations[k] ? double(t.deals[k]) / t.negotiations[k] : 0.0);
        }
    }
    for (std::size_t k = 0; k < segments; ++k) {
        auto& p = result.phases[k];
        p.successRate = p.negotiations ? double(p.deals) / p.negotiations : 0.0;
        double priceSum = 0.0;
        for (const auto& t : rushTrials)
            priceSum += t.priceSum[k];
        if (p.deals)
            p.meanUnitPrice = priceSum / p.deals;
        p.successRateByTrial = summarize(ratesBySegment[k]);
    }
    if (!rushTrials.empty())
        result.rushExample = std::move(rushTrials.front().run);
    const auto firstNormal = std::find_if(
        result.phases.begin(), result.phases.end(), [](const PhaseResult& p) { return p.name == "normal"; });
    const auto firstPhase = std::find_if(
        result.phases.begin(), result.phases.end(), [](const PhaseResult& p) { return p.name != "normal"; });
    if (firstNormal != result.phases.end() && firstPhase != result.phases.end())
        result.rushVersusNormalSuccessD
            = cohensD(ratesBySegment[static_cast<std::size_t>(firstPhase - result.phases.begin())],
                ratesBySegment[static_cast<std::size_t>(firstNormal - result.phases.begin())]);

    // 3. The tournament: the scarcity market over trials, agents ranked by mean final net worth.
    result.tournamentTrials = options.trials.value_or(DefaultTrials);
    const Scenario tournament = builtinScenario("scarcity");
    const auto trials = runner.run(result.tournamentTrials, [&](int i) {
        Scenario s = tournament;
        s.seed = deriveSeed(base, static_cast<std::uint64_t>(i));
        const RunResult run = runScenario(s);
        TournamentTrial t;
        for (const auto& a : run.agents) {
            t.worth.push_back(a.netWorth);
            t.deals.push_back(a.deals);
        }
        return t;
    });
    const std::size_t n = tournament.agents.size();
    std::vector<std::vector<double>> worth(n), deals(n);
    for (const auto& t : trials) {
        for (std::size_t a = 0; a < n; ++a) {
            worth[a].push_back(t.worth[a]);
            deals[a].push_back(t.deals[a]);
        }
    }
    for (std::size_t a = 0; a < n; ++a) {
        const auto& spec = tournament.agents[a];
        double start = spec.budget + spec.holdings.value(tournament.market.referencePrices);
        result.ranking.push_back(
            { 0, spec.id, spec.strategy.type, spec.role, start, summarize(worth[a]), summarize(deals[a]) });
    }
    std::stable_sort(result.ranking.begin(), result.ranking.end(),
        [](const RankingEntry& a, const RankingEntry& b) { return a.worth.mean > b.worth.mean; });
    for (std::size_t i = 0; i < result.ranking.size(); ++i)
        result.ranking[i].rank = static_cast<int>(i + 1);
    const auto seekerOf = [&](const std::string& strategy) -> const std::vector<double>* {
        for (std::size_t a = 0; a < n; ++a) {
            if (tournament.agents[a].role == "seeker" && tournament.agents[a].strategy.type == strategy)
                return &worth[a];
        }
        return nullptr;
    };
    if (const auto* adaptive = seekerOf("adaptive"), *greedy = seekerOf("greedy"); adaptive && greedy)
        result.adaptiveVersusGreedySeekerD = cohensD(*adaptive, *greedy);
    return result;
}

} // namespace haggle::lab
