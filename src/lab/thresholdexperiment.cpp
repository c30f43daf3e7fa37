// Trust threshold against cheat rate (see thresholdexperiment.h).
//
// Every cell runs the same trials (trial i: seed deriveSeed(seed, i)). F1 scores "isolated at the end" against
// "plays a cheater kind" over the six agents (detection.h). At cheat rate 0 the cheater agent still plays the cheater
// kind but never defaults: isolating it would be a false alarm and not isolating it no miss, so F1 means nothing
// there and the F1 heatmap leaves that column empty; the honest-isolated heatmap (and the table's cheater_isolated
// column) say what happens at rate 0.
#include "thresholdexperiment.h"

#include "rng.h"
#include "statistics.h"
#include "trialrunner.h"
#include "trustmarket.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace haggle::lab {

namespace {

struct Outcome {
    double f1 = 0.0;
    int honestIsolated = 0;
    bool cheaterIsolated = false;
};

struct GridCell {
    double threshold = 0.0;
    double rate = 0.0;
    std::vector<double> f1; // by trial; empty at rate 0
    Summary f1Summary;
    Summary honest;
    Proportion cheaterIsolated;
};

std::string gridText(double v)
{
    return fixedText(v, 2);
}

} // namespace

ThresholdExperiment::ThresholdExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
    , m_model(parameters.integer("model"))
    , m_gossip(parameters["gossip"])
    , m_lowThreshold(parameters["threshold_low"])
    , m_highThreshold(parameters["threshold_high"])
    , m_thresholdSteps(parameters.integer("threshold_steps"))
    , m_rateSteps(parameters.integer("rate_steps"))
    , m_rounds(parameters.integer("rounds"))
{
}

KindInfo ThresholdExperiment::kindInfo()
{
    return { "threshold",
        "Trust threshold against cheat rate: mean F1 of isolation and honest agents wrongly isolated, as heatmaps",
        {
            { "trials", DefaultTrials, 1, MaxTrials, "trials of each (threshold, cheat rate)", "trials",
                ParameterType::Integer },
            { "seed", static_cast<double>(DefaultSeed), 0, MaxExactSeed,
                "base seed; trial i of every cell gets deriveSeed(seed, i)", "", ParameterType::Integer },
            { "model", 0, 0, static_cast<double>(TrustModels.size() - 1), trustModelIndexHelp(), "",
                ParameterType::Integer },
            { "gossip", 0.0, 0.0, 1.0, "gossip probability (0: off)", "probability" },
            { "threshold_low", 0.1, 0.0, 1.0, "the lowest trust threshold", "reputation" },
            { "threshold_high", 0.6, 0.0, 1.0, "the highest trust threshold (at least threshold_low)", "reputation" },
            { "threshold_steps", 10, 1, 100, "thresholds: threshold_low to threshold_high in this many steps", "",
                ParameterType::Integer },
            { "rate_steps", 10, 1, 100, "cheat rates k / rate_steps for k = 0 .. rate_steps", "",
                ParameterType::Integer },
            { "rounds", 60, 1, 10000, "rounds of each run", "rounds", ParameterType::Integer },
        } };
}

ExperimentResult ThresholdExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Trust threshold against cheat rate";
    const int trials = context.trials.value_or(m_trials);
    const std::uint64_t seed = context.seedFor(m_seed);
    const std::string model(TrustModels[static_cast<std::size_t>(m_model)]);
    const double high = std::max(m_highThreshold, m_lowThreshold);
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(seed) }, { "model", model },
        { "gossip", m_gossip }, { "threshold_low", m_lowThreshold }, { "threshold_high", high },
        { "threshold_steps", static_cast<long long>(m_thresholdSteps) },
        { "rate_steps", static_cast<long long>(m_rateSteps) }, { "rounds", static_cast<long long>(m_rounds) } };
    std::vector<double> thresholds, rates;
    for (int k = 0; k <= m_thresholdSteps; ++k)
        thresholds.push_back(m_lowThreshold + (high - m_lowThreshold) * k / m_thresholdSteps);
    for (int k = 0; k <= m_rateSteps; ++k)
        rates.push_back(static_cast<double>(k) / m_rateSteps);

    const TrialRunner runner(context.threads);
    std::vector<GridCell> cells; // by threshold, then rate
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        context.checkpoint(static_cast<double>(t) / thresholds.size(), "threshold " + gridText(thresholds[t]));
        std::vector<Scenario> markets;
        for (const double rate : rates) {
            TrustMarketSetup setup;
            setup.model = model;
            setup.gossip = m_gossip;
            setup.threshold = thresholds[t];
            setup.cheaterParams = { { "cheat_probability", rate } };
            setup.rounds = m_rounds;
            markets.push_back(trustMarket(setup));
        }
        const auto outcomes = runner.run(static_cast<int>(rates.size()) * trials, [&](int j) {
            if (context.cancelled())
                throw ExperimentCancelled();
            const TrustRun r = runTrustMarket(markets[static_cast<std::size_t>(j / trials)],
                deriveSeed(seed, static_cast<std::uint64_t>(j % trials)));
            return Outcome { r.f1.value_or(0.0), r.honestIsolated, r.cheaterIsolated };
        });
        for (std::size_t r = 0; r < rates.size(); ++r) {
            GridCell cell;
            cell.threshold = thresholds[t];
            cell.rate = rates[r];
            std::vector<double> honest;
            int isolated = 0;
            for (int i = 0; i < trials; ++i) {
                const Outcome& o = outcomes[r * static_cast<std::size_t>(trials) + static_cast<std::size_t>(i)];
                if (r > 0)
                    cell.f1.push_back(o.f1);
                honest.push_back(o.honestIsolated);
                isolated += o.cheaterIsolated ? 1 : 0;
            }
            cell.f1Summary = summarize(cell.f1);
            cell.honest = summarize(honest);
            cell.cheaterIsolated = wilson(isolated, trials);
            cells.push_back(std::move(cell));
        }
    }
    const auto at = [&](std::size_t t, std::size_t r) -> const GridCell& { return cells[t * rates.size() + r]; };

    ResultTable table { "cells", "Mean F1 and honest agents isolated, by threshold and cheat rate (" + model + ")",
        { { "threshold", "reputation" }, { "cheat_rate", "share" }, { "n" }, { "mean_f1", "", 3 }, { "f1_ci95", "", 3 },
            { "mean_honest_isolated", "agents", 2 }, { "honest_ci95", "agents", 2 }, { "cheater_isolated", "share" } },
        {}, false };
    for (const auto& c : cells)
        table.rows.push_back(
            { c.threshold, c.rate, static_cast<long long>(trials), c.rate > 0 ? Cell(c.f1Summary.mean) : Cell(),
                c.rate > 0 ? Cell(c.f1Summary.ci95) : Cell(), c.honest.mean, c.honest.ci95, c.cheaterIsolated.share });
    ResultTable byThreshold { "by-threshold", "Each threshold over the cheat rates (" + model + ")",
        { { "threshold", "reputation" }, { "mean_f1", "", 3 }, { "best_f1_rate", "share" },
            { "mean_honest_isolated", "agents", 2 }, { "max_honest_isolated", "agents", 2 } },
        {} };
    std::vector<double> honestByThreshold, f1ByThreshold;
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        double f1 = 0.0, honest = 0.0, maxHonest = 0.0;
        std::size_t bestRate = rates.size() > 1 ? 1 : 0;
        for (std::size_t r = 0; r < rates.size(); ++r) {
            honest += at(t, r).honest.mean;
            maxHonest = std::max(maxHonest, at(t, r).honest.mean);
            if (r > 0) {
                f1 += at(t, r).f1Summary.mean;
                if (at(t, r).f1Summary.mean > at(t, bestRate).f1Summary.mean)
                    bestRate = r;
            }
        }
        f1 = rates.size() > 1 ? f1 / static_cast<double>(rates.size() - 1) : NaN;
        honest /= static_cast<double>(rates.size());
        f1ByThreshold.push_back(f1);
        honestByThreshold.push_back(honest);
        std::vector<Cell> row { thresholds[t], f1, Cell(), honest, maxHonest };
        if (rates.size() > 1)
            row[2] = rates[bestRate];
        byThreshold.rows.push_back(std::move(row));
    }
    result.tables.push_back(std::move(table));
    result.tables.push_back(std::move(byThreshold));

    for (const bool f1 : { true, false }) {
        ResultSeries heat { f1 ? "f1-heatmap" : "honest-isolated-heatmap",
            f1 ? "Mean F1 of isolation (" + model + "; rows: trust threshold; no value at rate 0, nothing to detect)"
               : "Honest agents wrongly isolated, mean of 5 (" + model + "; rows: trust threshold)",
            ChartKind::Heatmap, "Cheat probability", "Trust threshold", {}, {} };
        for (const double rate : rates)
            heat.categories.push_back(fixedText(rate, 2));
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            SeriesLine line { gridText(thresholds[t]), {}, {}, {}, {} };
            for (std::size_t r = 0; r < rates.size(); ++r)
                line.y.push_back(f1 ? (r > 0 ? at(t, r).f1Summary.mean : NaN) : at(t, r).honest.mean);
            heat.lines.push_back(std::move(line));
        }
        result.series.push_back(std::move(heat));
    }

    // Where F1 peaks: the threshold with the best mean F1 over the cheat rates above 0, against the market's own
    // (0.3, or the nearest on the grid) over the same trials; and the cells where mean F1 reaches its maximum.
    if (rates.size() > 1) {
        std::size_t def = 0;
        for (std::size_t t = 1; t < thresholds.size(); ++t) {
            if (std::abs(thresholds[t] - DefaultTrustThreshold) < std::abs(thresholds[def] - DefaultTrustThreshold))
                def = t;
        }
        const std::size_t best = static_cast<std::size_t>(
            std::max_element(f1ByThreshold.begin(), f1ByThreshold.end()) - f1ByThreshold.begin());
        const auto pooled = [&](std::size_t t) {
            std::vector<double> all;
            for (std::size_t r = 1; r < rates.size(); ++r)
                all.insert(all.end(), at(t, r).f1.begin(), at(t, r).f1.end());
            return all;
        };
        const std::vector<double> bestF1 = pooled(best), defF1 = pooled(def);
        const Summary bs = summarize(bestF1), ds = summarize(defF1);
        const double d = cohensD(bestF1, defF1);
        double peak = 0.0;
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            for (std::size_t r = 1; r < rates.size(); ++r)
                peak = std::max(peak, at(t, r).f1Summary.mean);
        }
        int peakCells = 0;
        std::optional<std::size_t> lowestRate;
        double lowT = 1.0, highT = 0.0;
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            for (std::size_t r = 1; r < rates.size(); ++r) {
                if (at(t, r).f1Summary.mean < peak - 1e-12)
                    continue;
                ++peakCells;
                lowT = std::min(lowT, thresholds[t]);
                highT = std::max(highT, thresholds[t]);
                if (!lowestRate || r < *lowestRate)
                    lowestRate = r;
            }
        }
        result.findings.push_back({ "f1_peak",
            "Under " + model + ", over the cheat rates above 0, mean F1 peaks at threshold "
                + gridText(thresholds[best]) + ": " + fixedText(bs.mean, 3) + " (95% CI +-" + fixedText(bs.ci95, 3)
                + ") against " + fixedText(ds.mean, 3) + " (+-" + fixedText(ds.ci95, 3) + ") at the market's "
                + gridText(thresholds[def]) + " (Cohen's d " + fixedText(d) + "). A single cell's mean F1 reaches "
                + fixedText(peak, 3) + " in " + std::to_string(peakCells) + " cells (thresholds " + gridText(lowT) + "-"
                + gridText(highT) + "; from cheat rate " + fixedText(rates[lowestRate.value_or(1)]) + ").",
            { { "best_threshold", thresholds[best] }, { "best_mean_f1", bs.mean }, { "best_f1_ci95", bs.ci95 },
                { "default_threshold", thresholds[def] }, { "default_mean_f1", ds.mean }, { "cohens_d", d },
                { "peak_cell_f1", peak }, { "peak_cells", static_cast<long long>(peakCells) },
                { "peak_lowest_rate", rates[lowestRate.value_or(1)] } } });
    }
    // From which threshold honest agents are wrongly isolated (on average over the cheat rates).
    std::optional<std::size_t> firstAny, firstHalf;
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        if (!firstAny && honestByThreshold[t] > 0.05)
            firstAny = t;
        if (!firstHalf && honestByThreshold[t] >= 0.5)
            firstHalf = t;
    }
    std::string text;
    if (!firstAny) {
        text = "Under " + model + " honest agents are (almost) never wrongly isolated at any threshold up to "
            + gridText(thresholds.back()) + " (mean at most 0.05 of an agent).";
    } else {
        text = "Under " + model + " honest agents start being wrongly isolated at threshold "
            + gridText(thresholds[*firstAny]) + " (mean " + fixedText(honestByThreshold[*firstAny]) + " of 5 over the "
            + "cheat rates)";
        text += *firstAny > 0 ? "; at " + gridText(thresholds[*firstAny - 1]) + " and below, at most 0.05." : ".";
        if (firstHalf)
            text += " From " + gridText(thresholds[*firstHalf]) + " on, " + fixedText(honestByThreshold[*firstHalf])
                + " or more on average.";
    }
    result.findings.push_back({ "honest_isolation_threshold", text,
        { { "first_threshold_isolating_honest", firstAny ? Cell(thresholds[*firstAny]) : Cell() },
            { "first_threshold_isolating_half_an_agent", firstHalf ? Cell(thresholds[*firstHalf]) : Cell() },
            { "mean_honest_isolated_at_highest", honestByThreshold.back() } } });
    // Rate 0: a cheater that never cheats.
    {
        double maxFalse = 0.0;
        std::size_t where = 0;
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            if (at(t, 0).cheaterIsolated.share > maxFalse) {
                maxFalse = at(t, 0).cheaterIsolated.share;
                where = t;
            }
        }
        result.findings.push_back({ "rate_zero",
            maxFalse == 0.0
                ? "At cheat rate 0 (a cheater kind that never defaults; F1 is left out there) it is never isolated, "
                  "at any threshold."
                : "At cheat rate 0 (a cheater kind that never defaults; F1 is left out there) it is isolated in up "
                  "to "
                    + fixedText(100.0 * maxFalse, 0) + "% of trials (threshold " + gridText(thresholds[where])
                    + ", where " + fixedText(at(where, 0).honest.mean) + " of 5 honest agents are isolated too).",
            { { "max_isolated_share", maxFalse },
                { "at_threshold", maxFalse > 0 ? Cell(thresholds[where]) : Cell() } } });
    }
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
