// Experiment 2, scarcity games (see scarcityexperiment.h).
#include "scarcityexperiment.h"

#include "builtinscenarios.h"
#include "phasesegments.h"
#include "rng.h"
#include "statistics.h"
#include "trialrunner.h"

#include <algorithm>

namespace haggle::lab {

namespace {

struct PhaseResult {
    PhaseSegment segment;
    int negotiations = 0; // summed over trials
    int deals = 0;
    double successRate = 0.0; // deals / negotiations over all trials
    std::optional<double> meanUnitPrice; // over all the phase's deals in all trials
    Summary successRateByTrial; // the phase's success rate, one value per trial
};

struct RushTrial {
    std::vector<int> negotiations, deals; // per segment
    std::vector<double> priceSum;
    RunResult run; // kept for trial 0 only
};

struct RankingEntry {
    std::string agent;
    std::string strategy;
    std::string role;
    double startWorth = 0.0;
    Summary worth; // final net worth over the trials
    Summary deals; // deals per trial
};

struct TournamentTrial {
    std::vector<double> worth;
    std::vector<double> deals;
};

void throwIfCancelled(const ExperimentContext& context)
{
    if (context.cancelled())
        throw ExperimentCancelled();
}

// 1. The scarcity market.
void addMarket(ExperimentResult& result, RunResult market)
{
    ResultTable table { "market",
        "Scarcity market: " + std::to_string(market.scenario.rounds) + " rounds, seed "
            + std::to_string(market.scenario.seed),
        { { "agent" }, { "strategy" }, { "role", "", 0, true }, { "deals" }, { "start_worth", "budget units" },
            { "final_worth", "budget units" } },
        {} };
    for (const auto& a : market.agents)
        table.rows.push_back({ a.id, a.strategy, a.role, static_cast<long long>(a.deals), a.startWorth, a.netWorth });
    long long negotiations = 0, deals = 0;
    for (const auto& round : market.rounds) {
        negotiations += round.negotiations;
        deals += round.deals;
    }
    const double rate = negotiations ? double(deals) / double(negotiations) : 0.0;
    result.findings.push_back({ "market",
        "The scarcity market (" + std::to_string(market.scenario.rounds) + " rounds, seed "
            + std::to_string(market.scenario.seed) + "): " + std::to_string(negotiations) + " negotiations, "
            + std::to_string(deals) + " deals (" + fixedText(100.0 * rate, 0) + "% success).",
        { { "negotiations", negotiations }, { "deals", deals }, { "success_rate", rate } } });
    result.tables.push_back(std::move(table));
    result.runs.push_back({ "market", "Scarcity market", std::move(market) });
}

// 2. The rush hour, by phase, over trials.
void addRushHour(ExperimentResult& result, std::uint64_t base, int trials, const ExperimentContext& context)
{
    const Scenario rush = builtinScenario("rush-hour");
    std::vector<PhaseResult> phases;
    for (auto& segment : phaseSegments(rush))
        phases.push_back({ std::move(segment), 0, 0, 0.0, std::nullopt, {} });
    const std::size_t segments = phases.size();
    auto rushTrials = TrialRunner(context.threads).run(trials, [&](int i) {
        throwIfCancelled(context);
        Scenario s = rush;
        s.seed = deriveSeed(base, static_cast<std::uint64_t>(i));
        RushTrial t;
        t.run = runScenario(s);
        t.negotiations.assign(segments, 0);
        t.deals.assign(segments, 0);
        t.priceSum.assign(segments, 0.0);
        for (const auto& r : t.run.rounds) {
            for (std::size_t k = 0; k < segments; ++k) {
                if (r.round >= phases[k].segment.firstRound && r.round <= phases[k].segment.lastRound) {
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
            phases[k].negotiations += t.negotiations[k];
            phases[k].deals += t.deals[k];
            ratesBySegment[k].push_back(t.negotiations[k] ? double(t.deals[k]) / t.negotiations[k] : 0.0);
        }
    }
    ResultTable table { "rush-hour-phases", "Rush hour by phase (" + std::to_string(trials) + " trials)",
        { { "phase" }, { "first_round" }, { "last_round" }, { "negotiations" }, { "deals" },
            { "success_rate", "share" }, { "mean_unit_price", "unit price", 3 },
            { "success_rate_ci95", "share", 2, true }, { "trials", "", 0, true } },
        {} };
    for (std::size_t k = 0; k < segments; ++k) {
        auto& p = phases[k];
        p.successRate = p.negotiations ? double(p.deals) / p.negotiations : 0.0;
        double priceSum = 0.0;
        for (const auto& t : rushTrials)
            priceSum += t.priceSum[k];
        if (p.deals)
            p.meanUnitPrice = priceSum / p.deals;
        p.successRateByTrial = summarize(ratesBySegment[k]);
        table.rows.push_back(
            { p.segment.name, static_cast<long long>(p.segment.firstRound), static_cast<long long>(p.segment.lastRound),
                static_cast<long long>(p.negotiations), static_cast<long long>(p.deals), p.successRate,
                optionalCell(p.meanUnitPrice), p.successRateByTrial.ci95, static_cast<long long>(trials) });
    }
    result.tables.push_back(std::move(table));
    if (!rushTrials.empty())
        result.runs.push_back({ "rush-hour", "Rush hour", std::move(rushTrials.front().run) });

    const auto isNormal = [](const PhaseResult& p) { return p.segment.name == "normal"; };
    const auto firstNormal = std::find_if(phases.begin(), phases.end(), isNormal);
    const auto firstPhase = std::find_if_not(phases.begin(), phases.end(), isNormal);
    if (firstNormal == phases.end() || firstPhase == phases.end())
        return;
    const double d = cohensD(ratesBySegment[static_cast<std::size_t>(firstPhase - phases.begin())],
        ratesBySegment[static_cast<std::size_t>(firstNormal - phases.begin())]);
    const auto priceText = [](const std::optional<double>& v) { return v ? fixedText(*v, 3) : std::string("-"); };
    result.findings.push_back({ "rush_hour",
        "In the " + firstPhase->segment.name + " (rounds " + std::to_string(firstPhase->segment.firstRound) + "-"
            + std::to_string(firstPhase->segment.lastRound) + ", " + std::to_string(trials)
            + " trials) the success rate is " + fixedText(100.0 * firstPhase->successRate, 0) + "% against "
            + fixedText(100.0 * firstNormal->successRate, 0) + "% before it, and the mean unit price "
            + priceText(firstPhase->meanUnitPrice) + " against " + priceText(firstNormal->meanUnitPrice)
            + "; Cohen's d on the per-trial success rate: " + fixedText(d) + ".",
        { { "rush_success_rate", firstPhase->successRate }, { "normal_success_rate", firstNormal->successRate },
            { "rush_mean_unit_price", optionalCell(firstPhase->meanUnitPrice) },
            { "normal_mean_unit_price", optionalCell(firstNormal->meanUnitPrice) },
            { "rush_vs_normal_success_cohens_d", d } } });
}

// 3. The tournament: the scarcity market over trials, agents ranked by mean final net worth.
void addTournament(ExperimentResult& result, const Scenario& tournament, std::uint64_t base, int trials,
    const ExperimentContext& context)
{
    const auto runs = TrialRunner(context.threads).run(trials, [&](int i) {
        throwIfCancelled(context);
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
    for (const auto& t : runs) {
        for (std::size_t a = 0; a < n; ++a) {
            worth[a].push_back(t.worth[a]);
            deals[a].push_back(t.deals[a]);
        }
    }
    std::vector<RankingEntry> ranking;
    for (std::size_t a = 0; a < n; ++a) {
        const auto& spec = tournament.agents[a];
        const double start = spec.budget + spec.holdings.value(tournament.market.referencePrices);
        ranking.push_back({ spec.id, spec.strategy.type, spec.role, start, summarize(worth[a]), summarize(deals[a]) });
    }
    std::stable_sort(ranking.begin(), ranking.end(),
        [](const RankingEntry& a, const RankingEntry& b) { return a.worth.mean > b.worth.mean; });

    ResultTable table { "tournament", "Tournament: " + std::to_string(trials) + " trials, ranked by final net worth",
        { { "rank" }, { "agent" }, { "strategy" }, { "role", "", 0, true }, { "start_worth", "budget units", 2, true },
            { "mean_worth", "budget units" }, { "sd_worth", "budget units", 2, true }, { "min_worth", "budget units" },
            { "max_worth", "budget units" }, { "ci95", "budget units" }, { "mean_deals", "", 1, true },
            { "trials", "", 0, true } },
        {} };
    ResultSeries chart { "tournament", "Tournament: final net worth over " + std::to_string(trials) + " trials",
        ChartKind::Ranking, "Agent", "Final net worth", {},
        { { "mean", {}, {} }, { "low", {}, {} }, { "high", {}, {} }, { "ci95", {}, {} } } };
    for (std::size_t i = 0; i < ranking.size(); ++i) {
        const auto& e = ranking[i];
        table.rows.push_back({ static_cast<long long>(i + 1), e.agent, e.strategy, e.role, e.startWorth, e.worth.mean,
            e.worth.sd, e.worth.min, e.worth.max, e.worth.ci95, e.deals.mean, static_cast<long long>(trials) });
        chart.categories.push_back(e.agent);
        chart.lines[0].y.push_back(e.worth.mean);
        chart.lines[1].y.push_back(e.worth.min);
        chart.lines[2].y.push_back(e.worth.max);
        chart.lines[3].y.push_back(e.worth.ci95);
    }
    result.tables.push_back(std::move(table));
    result.series.push_back(std::move(chart));

    const auto seekerOf = [&](const std::string& strategy) -> const std::vector<double>* {
        for (std::size_t a = 0; a < n; ++a) {
            if (tournament.agents[a].role == "seeker" && tournament.agents[a].strategy.type == strategy)
                return &worth[a];
        }
        return nullptr;
    };
    double d = 0.0;
    if (const auto* adaptive = seekerOf("adaptive"), *greedy = seekerOf("greedy"); adaptive && greedy)
        d = cohensD(*adaptive, *greedy);
    if (ranking.empty())
        return;
    result.findings.push_back({ "tournament",
        "Over " + std::to_string(trials) + " trials " + ranking.front().agent + " ranks first (mean net worth "
            + fixedText(ranking.front().worth.mean) + ") and " + ranking.back().agent + " last ("
            + fixedText(ranking.back().worth.mean) + "); Cohen's d, Adaptive seeker vs Greedy seeker: " + fixedText(d)
            + ".",
        { { "first", ranking.front().agent }, { "last", ranking.back().agent },
            { "adaptive_vs_greedy_seeker_cohens_d", d } } });
}

} // namespace

ScarcityExperiment::ScarcityExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
    , m_rounds(parameters.integer("rounds"))
{
}

KindInfo ScarcityExperiment::kindInfo()
{
    const Scenario market = builtinScenario("scarcity");
    return { "scarcity",
        "Experiment 2: the scarcity market, the rush hour by phase over trials, a tournament ranked by net worth",
        {
            { "trials", DefaultTrials, 1, MaxTrials, "trials of the rush hour and of the tournament", "trials",
                ParameterType::Integer },
            { "seed", static_cast<double>(market.seed), 0, MaxExactSeed,
                "seed of the market run; trial i of the rush hour and tournament gets deriveSeed(seed, i)", "",
                ParameterType::Integer },
            { "rounds", static_cast<double>(market.rounds), 1, MaxRounds,
                "rounds of the market run and of each tournament trial", "rounds", ParameterType::Integer },
        } };
}

ExperimentResult ScarcityExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Experiment 2: scarcity games";
    const std::uint64_t base = context.seedFor(m_seed);
    const int trials = context.trials.value_or(m_trials);
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(base) },
        { "rounds", static_cast<long long>(m_rounds) } };
    Scenario market = builtinScenario("scarcity");
    market.seed = base;
    market.rounds = m_rounds;

    context.checkpoint(0.0, "market");
    addMarket(result, runScenario(market));
    context.checkpoint(0.1, "rush hour");
    addRushHour(result, base, trials, context);
    context.checkpoint(0.4, "tournament");
    Scenario tournament = builtinScenario("scarcity");
    tournament.rounds = m_rounds;
    addTournament(result, tournament, base, trials, context);
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
