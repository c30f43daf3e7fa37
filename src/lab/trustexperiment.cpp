// Experiment 3, the trust fall (see trustexperiment.h).
#include "trustexperiment.h"

#include "builtinscenarios.h"
#include "recorder.h"
#include "rng.h"
#include "simulation.h"
#include "statistics.h"
#include "trialrunner.h"

namespace haggle::lab {

namespace {

struct Roles {
    AgentIndex cheater = NoAgent;
    std::vector<AgentIndex> honest;
    std::vector<double> thresholds; // each honest agent's trust threshold (the wrapper's), if any
};

struct TrustWindow {
    int firstRound = 0;
    int lastRound = 0;
    double meanReputation = 0.0; // honest agents' mean view of the cheater, averaged over the window's rounds
    int cheaterDeals = 0;
};

struct CheaterResult {
    std::string cheater; // agent id
    int rounds = 0;
    std::uint64_t seed = 0;
    double cheatProbability = 0.0;
    std::vector<double> reputationByRound; // honest agents' mean view of the cheater after each round
    std::vector<int> cheaterDealsByRound;
    std::vector<TrustWindow> windows;
    int defaults = 0;
    int totalDeals = 0;
    double startBudget = 0.0, finalBudget = 0.0;
    double startWorth = 0.0, finalWorth = 0.0;
    std::optional<int> isolatedAtRound; // first round after which every honest agent rates it below its threshold
    RunResult run; // for charts and exports
    int trials = 0; // the statistics below come from this many seeds
    std::vector<double> worthByTrial, dealsByTrial, finalReputationByTrial;
    int isolatedTrials = 0; // trials in which it was isolated
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

CheaterResult runCheater(const std::string& key, std::uint64_t seed, int trials, const ExperimentContext& context,
    const std::vector<std::pair<int, int>>& windows)
{
    Scenario s = builtinScenario(key);
    s.seed = seed;
    CheaterResult result = watch(s, true);
    addWindows(result, windows);
    result.trials = trials;
    const auto runs = TrialRunner(context.threads).run(trials, [&](int i) {
        if (context.cancelled())
            throw ExperimentCancelled();
        Scenario t = s;
        t.seed = deriveSeed(s.seed, static_cast<std::uint64_t>(i));
        return watch(t, false);
    });
    for (const auto& t : runs) {
        result.worthByTrial.push_back(t.finalWorth);
        result.dealsByTrial.push_back(t.totalDeals);
        result.finalReputationByTrial.push_back(t.reputationByRound.empty() ? 0.0 : t.reputationByRound.back());
        result.isolatedTrials += t.isolatedAtRound ? 1 : 0;
    }
    return result;
}

using Case = std::pair<const char*, const CheaterResult*>; // "always" or "subtle", and its result

void addTables(ExperimentResult& result, const std::vector<Case>& cases)
{
    ResultTable cheaters { "cheaters", "The cheaters, one run each",
        { { "case" }, { "cheater" }, { "cheat_probability", "share" }, { "rounds", "rounds", 0, true },
            { "seed", "", 0, true }, { "defaults" }, { "deals" }, { "isolated_at_round", "round" },
            { "start_budget", "budget units", 2, true }, { "final_budget", "budget units", 2, true },
            { "start_worth", "budget units" }, { "final_worth", "budget units" }, { "trials", "", 0, true },
            { "isolated_trials" } },
        {} };
    ResultTable windows { "windows", "Honest agents' mean view of the cheater, by window",
        { { "case" }, { "first_round" }, { "last_round" }, { "mean_reputation", "", 3 }, { "cheater_deals" } }, {} };
    ResultTable trials { "cheater-trials", "The cheaters over trials",
        { { "case" }, { "measure" }, { "n" }, { "mean" }, { "sd", "", 2, true }, { "min" }, { "max" }, { "ci95" } },
        {} };
    ResultSeries chart { "cheater-reputation", "Honest agents' mean view of the cheater", ChartKind::Line, "Round",
        "Mean reputation", {}, {} };
    for (const auto& [name, c] : cases) {
        cheaters.rows.push_back({ std::string(name), c->cheater, c->cheatProbability, static_cast<long long>(c->rounds),
            seedCell(c->seed), static_cast<long long>(c->defaults), static_cast<long long>(c->totalDeals),
            optionalCell(c->isolatedAtRound), c->startBudget, c->finalBudget, c->startWorth, c->finalWorth,
            static_cast<long long>(c->trials), static_cast<long long>(c->isolatedTrials) });
        for (const auto& w : c->windows)
            windows.rows.push_back({ std::string(name), static_cast<long long>(w.firstRound),
                static_cast<long long>(w.lastRound), w.meanReputation, static_cast<long long>(w.cheaterDeals) });
        for (const auto& [measure, values] :
            { std::pair { "final_worth", &c->worthByTrial }, std::pair { "deals", &c->dealsByTrial },
                std::pair { "final_reputation", &c->finalReputationByTrial } }) {
            const Summary s = summarize(*values);
            trials.rows.push_back({ std::string(name), std::string(measure), static_cast<long long>(s.n), s.mean, s.sd,
                s.min, s.max, s.ci95 });
        }
        SeriesLine line { std::string(name) + " (cheat probability " + fixedText(c->cheatProbability) + ")", {},
            c->reputationByRound };
        for (std::size_t i = 0; i < c->reputationByRound.size(); ++i)
            line.x.push_back(static_cast<double>(i + 1));
        chart.lines.push_back(std::move(line));
    }
    ResultTable byRound { "cheater-by-round", "The cheaters round by round",
        { { "round" }, { "always_reputation", "", 3 }, { "always_cheater_deals" }, { "subtle_reputation", "", 3 },
            { "subtle_cheater_deals" } },
        {}, false };
    std::size_t rounds = 0;
    for (const auto& c : cases)
        rounds = std::max(rounds, c.second->reputationByRound.size());
    for (std::size_t i = 0; i < rounds; ++i) {
        std::vector<Cell> row { static_cast<long long>(i + 1) };
        for (const auto& c : cases) {
            const bool has = i < c.second->reputationByRound.size();
            row.push_back(has ? Cell(c.second->reputationByRound[i]) : Cell());
            row.push_back(has ? Cell(static_cast<long long>(c.second->cheaterDealsByRound[i])) : Cell());
        }
        byRound.rows.push_back(std::move(row));
    }
    result.tables.push_back(std::move(cheaters));
    result.tables.push_back(std::move(windows));
    result.tables.push_back(std::move(trials));
    result.tables.push_back(std::move(byRound));
    result.series.push_back(std::move(chart));
}

std::string isolationText(const std::optional<int>& round)
{
    return round ? "is isolated from round " + std::to_string(*round) : std::string("is never isolated");
}

void addFindings(ExperimentResult& result, const CheaterResult& a, const CheaterResult& s)
{
    result.findings.push_back({ "always_isolated",
        "The always-cheater (cheat probability " + fixedText(a.cheatProbability) + ") "
            + isolationText(a.isolatedAtRound) + " (every honest agent rates it below its threshold); isolated in "
            + std::to_string(a.isolatedTrials) + " of " + std::to_string(a.trials) + " trials.",
        { { "isolated_at_round", optionalCell(a.isolatedAtRound) },
            { "isolated_trials", static_cast<long long>(a.isolatedTrials) },
            { "trials", static_cast<long long>(a.trials) } } });
    result.findings.push_back({ "always_richer",
        "Yet after " + std::to_string(a.defaults) + " defaults it ends "
            + (a.finalWorth > a.startWorth ? "richer" : "poorer") + " than it started: net worth "
            + fixedText(a.startWorth) + " -> " + fixedText(a.finalWorth) + ", budget " + fixedText(a.startBudget)
            + " -> " + fixedText(a.finalBudget) + ".",
        { { "defaults", static_cast<long long>(a.defaults) }, { "start_worth", a.startWorth },
            { "final_worth", a.finalWorth }, { "start_budget", a.startBudget }, { "final_budget", a.finalBudget } } });
    const double firstView = s.windows.empty() ? 0.0 : s.windows.front().meanReputation;
    const double lastView = s.windows.empty() ? 0.0 : s.windows.back().meanReputation;
    result.findings.push_back({ "subtle_trusted",
        "The subtle cheater (cheat probability " + fixedText(s.cheatProbability) + ") "
            + isolationText(s.isolatedAtRound) + " (isolated in " + std::to_string(s.isolatedTrials) + " of "
            + std::to_string(s.trials) + " trials); the honest agents' mean view of it goes from "
            + fixedText(firstView, 3) + " in its first window to " + fixedText(lastView, 3) + " in its last.",
        { { "isolated_at_round", optionalCell(s.isolatedAtRound) },
            { "isolated_trials", static_cast<long long>(s.isolatedTrials) }, { "first_window_reputation", firstView },
            { "last_window_reputation", lastView } } });
    const double worthD = cohensD(s.worthByTrial, a.worthByTrial);
    const double dealsD = cohensD(s.dealsByTrial, a.dealsByTrial);
    result.findings.push_back({ "comparison",
        "The subtle cheater makes " + std::to_string(s.totalDeals) + " deals against " + std::to_string(a.totalDeals)
            + " and ends with net worth " + fixedText(s.finalWorth) + " against " + fixedText(a.finalWorth)
            + "; Cohen's d over the trials (subtle vs always): final worth " + fixedText(worthD) + ", deals "
            + fixedText(dealsD) + ".",
        { { "subtle_deals", static_cast<long long>(s.totalDeals) },
            { "always_deals", static_cast<long long>(a.totalDeals) }, { "subtle_final_worth", s.finalWorth },
            { "always_final_worth", a.finalWorth }, { "final_worth_cohens_d", worthD },
            { "deals_cohens_d", dealsD } } });
}

} // namespace

TrustExperiment::TrustExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_alwaysSeed(static_cast<std::uint64_t>(parameters["always_seed"]))
    , m_subtleSeed(static_cast<std::uint64_t>(parameters["subtle_seed"]))
{
}

KindInfo TrustExperiment::kindInfo()
{
    const auto seedOf = [](const char* key) { return static_cast<double>(builtinScenario(key).seed); };
    return { "trust", "Experiment 3: the trust fall, an always-cheater and a 5% cheater among reputation-aware agents",
        {
            { "trials", DefaultTrials, 1, MaxTrials, "trials of each cheater", "trials", ParameterType::Integer },
            { "always_seed", seedOf("trust-fall-always"), 0, MaxExactSeed,
                "seed of the always-cheater's run; trial i gets deriveSeed(always_seed, i)", "",
                ParameterType::Integer },
            { "subtle_seed", seedOf("trust-fall-subtle"), 0, MaxExactSeed,
                "seed of the 5% cheater's run; trial i gets deriveSeed(subtle_seed, i)", "", ParameterType::Integer },
        } };
}

ExperimentResult TrustExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Experiment 3: trust fall";
    const int trials = context.trials.value_or(m_trials);
    const std::uint64_t alwaysSeed = context.seedFor(m_alwaysSeed);
    const std::uint64_t subtleSeed = context.seedFor(m_subtleSeed);
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "always_seed", seedCell(alwaysSeed) },
        { "subtle_seed", seedCell(subtleSeed) } };

    context.checkpoint(0.0, "always-cheater");
    CheaterResult always
        = runCheater("trust-fall-always", alwaysSeed, trials, context, { { 1, 10 }, { 25, 35 }, { 50, 60 } });
    context.checkpoint(0.4, "subtle cheater");
    CheaterResult subtle
        = runCheater("trust-fall-subtle", subtleSeed, trials, context, { { 1, 20 }, { 40, 60 }, { 80, 100 } });
    addTables(result, { { "always", &always }, { "subtle", &subtle } });
    addFindings(result, always, subtle);
    result.runs.push_back({ "always", "Always cheater", std::move(always.run) });
    result.runs.push_back({ "subtle", "5% cheater", std::move(subtle.run) });
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
