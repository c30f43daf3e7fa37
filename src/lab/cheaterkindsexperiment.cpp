// Cheater kinds against reputation models (see cheaterkindsexperiment.h).
//
// Every (kind, model) cell runs the same trials (trial i: seed deriveSeed(seed, i)), each with its cheaters' honest
// twins (honestTwin(): the same run with that agent playing fair) for the profit. A ring of two is isolated when both
// are, from the later one's isolation round; its profit and worth are the two members' mean. Survival: the isolation
// round, or the whole run for a cheater not isolated at the end.
#include "cheaterkindsexperiment.h"

#include "rng.h"
#include "statistics.h"
#include "trialrunner.h"
#include "trustmarket.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace haggle::lab {

namespace {

struct Kind {
    const char* label;
    const char* type;
    ParameterValues params;
    int cheaters = 1;
};

std::vector<Kind> kinds()
{
    return {
        { "cheater p=1", "cheater", { { "cheat_probability", 1.0 } }, 1 },
        { "cheater p=0.3", "cheater", { { "cheat_probability", 0.3 } }, 1 },
        { "strategic-cheater", "strategic-cheater", {}, 1 },
        { "whitewasher", "whitewasher", {}, 1 },
        { "colluder ring of 2", "colluder", {}, 2 },
    };
}

struct KindCell {
    std::string kind;
    std::string model;
    int trials = 0;
    std::vector<double> isolationRounds; // of the trials isolated at the end
    std::vector<double> survival; // isolation round, or the run's rounds
    std::vector<double> profit; // worth minus twin's
    std::vector<double> worth, twinWorth, loss, identities;
    Summary roundSummary, survivalSummary, profitSummary, lossSummary;
    Proportion neverIsolated;
    double profitD = 0.0; // Cohen's d of worth against twin worth
};

} // namespace

CheaterKindsExperiment::CheaterKindsExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
    , m_gossip(parameters["gossip"])
    , m_rounds(parameters.integer("rounds"))
{
}

KindInfo CheaterKindsExperiment::kindInfo()
{
    return { "cheater-kinds",
        "Cheater kinds against reputation models: time to isolation, profit over an honest twin, losses inflicted",
        {
            { "trials", DefaultTrials, 1, MaxTrials, "trials of each (cheater kind, model)", "trials",
                ParameterType::Integer },
            { "seed", static_cast<double>(DefaultSeed), 0, MaxExactSeed,
                "base seed; trial i of every cell gets deriveSeed(seed, i)", "", ParameterType::Integer },
            { "gossip", 0.0, 0.0, 1.0, "gossip probability (0: off)", "probability" },
            { "rounds", 60, 1, 10000, "rounds of each run", "rounds", ParameterType::Integer },
        } };
}

ExperimentResult CheaterKindsExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Cheater kinds against reputation models";
    const int trials = context.trials.value_or(m_trials);
    const std::uint64_t seed = context.seedFor(m_seed);
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(seed) },
        { "gossip", m_gossip }, { "rounds", static_cast<long long>(m_rounds) } };
    const std::vector<Kind> all = kinds();
    const TrialRunner runner(context.threads);
    std::vector<KindCell> cells; // by kind, then model
    for (std::size_t k = 0; k < all.size(); ++k) {
        context.checkpoint(static_cast<double>(k) / all.size(), all[k].label);
        std::vector<Scenario> markets;
        for (const auto model : TrustModels) {
            TrustMarketSetup setup;
            setup.model = std::string(model);
            setup.gossip = m_gossip;
            setup.cheaterKind = all[k].type;
            setup.cheaterParams = all[k].params;
            setup.cheaters = all[k].cheaters;
            setup.rounds = m_rounds;
            markets.push_back(trustMarket(setup));
        }
        const auto runs = runner.run(static_cast<int>(markets.size()) * trials, [&](int j) {
            if (context.cancelled())
                throw ExperimentCancelled();
            return runTrustMarket(markets[static_cast<std::size_t>(j / trials)],
                deriveSeed(seed, static_cast<std::uint64_t>(j % trials)), true);
        });
        for (std::size_t m = 0; m < markets.size(); ++m) {
            KindCell c;
            c.kind = all[k].label;
            c.model = std::string(TrustModels[m]);
            c.trials = trials;
            int never = 0;
            for (int i = 0; i < trials; ++i) {
                const TrustRun& r = runs[m * static_cast<std::size_t>(trials) + static_cast<std::size_t>(i)];
                if (r.isolationRound)
                    c.isolationRounds.push_back(*r.isolationRound);
                never += r.isolationRound ? 0 : 1;
                c.survival.push_back(r.isolationRound ? *r.isolationRound : m_rounds);
                c.profit.push_back(r.cheaterWorth - r.twinWorth);
                c.worth.push_back(r.cheaterWorth);
                c.twinWorth.push_back(r.twinWorth);
                c.loss.push_back(r.lossToCheaters);
                c.identities.push_back(r.identities);
            }
            c.roundSummary = summarize(c.isolationRounds);
            c.survivalSummary = summarize(c.survival);
            c.profitSummary = summarize(c.profit);
            c.lossSummary = summarize(c.loss);
            c.neverIsolated = wilson(never, trials);
            c.profitD = cohensD(c.worth, c.twinWorth);
            cells.push_back(std::move(c));
        }
    }
    const std::size_t models = TrustModels.size();
    const auto at = [&](std::size_t k, std::size_t m) -> const KindCell& { return cells[k * models + m]; };

    ResultTable table { "kinds", "Each cheater kind under each model",
        { { "kind" }, { "model" }, { "n" }, { "never_isolated", "share" }, { "never_ci_low", "share", 2, true },
            { "never_ci_high", "share", 2, true }, { "mean_isolation_round", "round", 1 },
            { "isolation_round_ci95", "rounds", 1 }, { "mean_survival", "rounds", 1 },
            { "survival_ci95", "rounds", 1, true }, { "profit", "budget units" }, { "profit_ci95", "budget units" },
            { "profit_cohens_d" }, { "loss_inflicted", "budget units" }, { "loss_ci95", "budget units", 2, true },
            { "mean_identities", "", 2, true } },
        {} };
    for (const auto& c : cells) {
        const bool isolated = c.roundSummary.n > 0;
        table.rows.push_back({ c.kind, c.model, static_cast<long long>(c.trials), c.neverIsolated.share,
            c.neverIsolated.low, c.neverIsolated.high, isolated ? Cell(c.roundSummary.mean) : Cell(),
            c.roundSummary.n > 1 ? Cell(c.roundSummary.ci95) : Cell(), c.survivalSummary.mean, c.survivalSummary.ci95,
            c.profitSummary.mean, c.profitSummary.ci95, c.profitD, c.lossSummary.mean, c.lossSummary.ci95,
            summarize(c.identities).mean });
    }
    result.tables.push_back(std::move(table));

    for (const auto& [key, title] :
        { std::pair { "kinds-survival", "Rounds before isolation (the whole run if never)" },
            std::pair { "kinds-profit", "Profit over the honest twin (final net worth)" },
            std::pair { "kinds-loss", "Losses inflicted on the others" } }) {
        ResultSeries heat { key, title, ChartKind::Heatmap, "Reputation model", "Cheater kind", {}, {} };
        for (const auto model : TrustModels)
            heat.categories.emplace_back(model);
        for (std::size_t k = 0; k < all.size(); ++k) {
            SeriesLine line { all[k].label, {}, {}, {}, {} };
            for (std::size_t m = 0; m < models; ++m) {
                const KindCell& c = at(k, m);
                line.y.push_back(key == std::string_view("kinds-survival") ? c.survivalSummary.mean
                        : key == std::string_view("kinds-profit")          ? c.profitSummary.mean
                                                                           : c.lossSummary.mean);
            }
            heat.lines.push_back(std::move(line));
        }
        result.series.push_back(std::move(heat));
    }

    // Which kind survives longest under each model (mean survival, then the share never isolated; ties listed).
    std::string survivors;
    std::vector<NamedValue> survivorValues;
    for (std::size_t m = 0; m < models; ++m) {
        const auto key = [&](std::size_t i) {
            return std::pair { at(i, m).survivalSummary.mean, at(i, m).neverIsolated.share };
        };
        std::size_t best = 0;
        for (std::size_t k = 1; k < all.size(); ++k) {
            if (key(k) > key(best))
                best = k;
        }
        std::string names;
        int tied = 0;
        for (std::size_t k = 0; k < all.size(); ++k) {
            if (key(k) == key(best)) {
                names += (names.empty() ? "" : ", ") + std::string(all[k].label);
                ++tied;
            }
        }
        const KindCell& c = at(best, m);
        survivors += (survivors.empty() ? "" : "; ") + c.model + ": "
            + (tied == static_cast<int>(all.size()) ? std::string("every kind alike") : names)
            + (tied > 1 && tied < static_cast<int>(all.size()) ? " (tied)" : "") + " ("
            + fixedText(c.survivalSummary.mean, 1) + " rounds, never isolated in "
            + fixedText(100.0 * c.neverIsolated.share, 0) + "%)";
        survivorValues.push_back({ c.model, names });
        survivorValues.push_back({ c.model + "_survival", c.survivalSummary.mean });
    }
    result.findings.push_back({ "longest_survivor",
        "Longest to isolation (mean rounds, the whole run if never) under each model: " + survivors + ".",
        survivorValues });

    // Whether whitewashing pays: its profit over its honest twin, and against the plain always-cheater's.
    {
        const std::size_t ww = 3, always = 0;
        int pays = 0;
        std::string where;
        for (std::size_t m = 0; m < models; ++m) {
            if (at(ww, m).profitSummary.lower() > 0.0) {
                ++pays;
                where += (where.empty() ? " (" : ", ") + at(ww, m).model;
            }
        }
        where += where.empty() ? "" : ")";
        const KindCell& w = at(ww, 0);
        const KindCell& a = at(always, 0);
        const double d = cohensD(w.profit, a.profit);
        const double diff = w.profitSummary.mean - a.profitSummary.mean;
        const bool holds = w.profitSummary.lower() > 0.0;
        result.findings.push_back({ "whitewashing_pays",
            "Under baseline the whitewasher's profit over its honest twin is " + fixedText(w.profitSummary.mean)
                + " (95% CI +-" + fixedText(w.profitSummary.ci95) + "), the always-cheater's "
                + fixedText(a.profitSummary.mean) + " (+-" + fixedText(a.profitSummary.ci95) + "): difference "
                + fixedText(diff) + ", Cohen's d " + fixedText(d) + "; it rejoins "
                + fixedText(summarize(w.identities).mean - 1.0, 1) + " times a run on average. Against playing fair "
                + (holds ? "whitewashing pays" : "whitewashing does not pay") + "; against plain cheating it "
                + (diff > 0 ? "loses less" : "loses more") + ". Its profit is above 0 with 95% confidence under "
                + std::to_string(pays) + " of " + std::to_string(models) + " models" + where + ".",
            { { "whitewasher_profit", w.profitSummary.mean }, { "whitewasher_profit_ci95", w.profitSummary.ci95 },
                { "always_cheater_profit", a.profitSummary.mean }, { "difference", diff }, { "cohens_d", d },
                { "models_where_it_pays", static_cast<long long>(pays) } },
            holds });
    }
    // Which kind costs the others most under baseline, and how much reputation cuts losses against none.
    {
        std::size_t worst = 0;
        for (std::size_t k = 1; k < all.size(); ++k) {
            if (at(k, 0).lossSummary.mean > at(worst, 0).lossSummary.mean)
                worst = k;
        }
        const KindCell& b = at(worst, 0);
        const KindCell& n = at(worst, models - 1);
        const double d = cohensD(n.loss, b.loss);
        result.findings.push_back({ "most_damaging",
            "Under baseline the " + b.kind + " inflicts the largest losses: " + fixedText(b.lossSummary.mean)
                + " (95% CI +-" + fixedText(b.lossSummary.ci95) + ") a run, against " + fixedText(n.lossSummary.mean)
                + " with no reputation (Cohen's d " + fixedText(d) + ").",
            { { "kind", b.kind }, { "loss", b.lossSummary.mean }, { "loss_without_reputation", n.lossSummary.mean },
                { "cohens_d", d } } });
    }
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
