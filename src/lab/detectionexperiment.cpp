// Detection against cheat rate (see detectionexperiment.h).
//
// Every (model, gossip, cheat rate) cell runs the same trials: trial i has seed deriveSeed(seed, i) in every cell
// (common random numbers, so cells differ by their setting, not their luck). Detection in a trial: the cheater is
// isolated at the run's end (every honest agent rates it below its threshold; detection.h).
#include "detectionexperiment.h"

#include "rng.h"
#include "statistics.h"
#include "trialrunner.h"
#include "trustmarket.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace haggle::lab {

namespace {

struct RateCell {
    double rate = 0.0;
    Proportion detected;
    std::optional<double> meanRound; // of the trials in which it was detected
};

// One (model, gossip) curve.
struct Curve {
    std::string model;
    bool gossip = false;
    std::vector<RateCell> cells; // by rate
    // The interval between neighbouring rates where detection rises most; none when it never rises.
    std::optional<std::size_t> steepest; // cells[steepest] .. cells[steepest + 1]
    double rise = 0.0;

    std::string label() const { return model + (gossip ? " + gossip" : ""); }
    // The lowest rate detected in at least half the trials.
    std::optional<double> halfRate() const
    {
        for (const auto& c : cells) {
            if (c.detected.share >= 0.5)
                return c.rate;
        }
        return std::nullopt;
    }
    double maxShare() const
    {
        double m = 0.0;
        for (const auto& c : cells)
            m = std::max(m, c.detected.share);
        return m;
    }
};

struct TrialOutcome {
    bool detected = false;
    int round = 0;
};

// The index of the rate nearest `rate` on the grid.
std::size_t nearest(const std::vector<double>& rates, double rate)
{
    std::size_t best = 0;
    for (std::size_t i = 1; i < rates.size(); ++i) {
        if (std::abs(rates[i] - rate) < std::abs(rates[best] - rate))
            best = i;
    }
    return best;
}

std::string optionalRate(const std::optional<double>& rate)
{
    return rate ? fixedText(*rate) : std::string("never");
}

void findSteepest(Curve& c)
{
    for (std::size_t k = 0; k + 1 < c.cells.size(); ++k) {
        const double rise = c.cells[k + 1].detected.share - c.cells[k].detected.share;
        if (rise > c.rise) {
            c.rise = rise;
            c.steepest = k;
        }
    }
}

RateCell cellOf(double rate, const std::vector<TrialOutcome>& outcomes, std::size_t from, int trials)
{
    RateCell cell;
    cell.rate = rate;
    int detected = 0;
    double rounds = 0.0;
    for (int t = 0; t < trials; ++t) {
        const TrialOutcome& o = outcomes[from + static_cast<std::size_t>(t)];
        detected += o.detected ? 1 : 0;
        rounds += o.detected ? o.round : 0;
    }
    cell.detected = wilson(detected, trials);
    if (detected > 0)
        cell.meanRound = rounds / detected;
    return cell;
}

const Curve& curveOf(const std::vector<Curve>& curves, std::string_view model, bool gossip)
{
    return *std::find_if(
        curves.begin(), curves.end(), [&](const Curve& c) { return c.model == model && c.gossip == gossip; });
}

void addTables(
    ExperimentResult& result, const std::vector<Curve>& curves, const std::vector<double>& rates, std::size_t lowIndex)
{
    ResultTable cells { "detection", "Detection by model, gossip and cheat rate",
        { { "model" }, { "gossip" }, { "cheat_rate", "share" }, { "n" }, { "detected" }, { "rate", "share" },
            { "ci_low", "share" }, { "ci_high", "share" }, { "mean_isolation_round", "round", 1 } },
        {}, false };
    ResultTable summary { "curves", "Each detection curve",
        { { "model" }, { "gossip" }, { "steepest_from", "share" }, { "steepest_to", "share" },
            { "steepest_rise", "share" }, { "rate_at_0_2", "share" }, { "rate_at_0_5", "share" },
            { "rate_at_1", "share" }, { "half_detected_from", "share" } },
        {} };
    const std::size_t at02 = nearest(rates, 0.2), at05 = nearest(rates, 0.5), at1 = nearest(rates, 1.0);
    for (const auto& c : curves) {
        const std::string gossip = c.gossip ? "on" : "off";
        for (const auto& cell : c.cells)
            cells.rows.push_back({ c.model, gossip, cell.rate, static_cast<long long>(cell.detected.n),
                static_cast<long long>(cell.detected.k), cell.detected.share, cell.detected.low, cell.detected.high,
                optionalCell(cell.meanRound) });
        summary.rows.push_back({ c.model, gossip, c.steepest ? Cell(c.cells[*c.steepest].rate) : Cell(),
            c.steepest ? Cell(c.cells[*c.steepest + 1].rate) : Cell(), c.rise, c.cells[at02].detected.share,
            c.cells[at05].detected.share, c.cells[at1].detected.share, optionalCell(c.halfRate()) });
    }
    ResultTable gossip { "gossip-effect",
        "Gossip at cheat rate " + fixedText(rates[lowIndex]) + ": detection with it against without",
        { { "model" }, { "cheat_rate", "share" }, { "without", "share" }, { "with", "share" },
            { "difference", "share" }, { "cohens_h", "", 2 }, { "z", "", 2 }, { "p", "", 4 } },
        {} };
    for (const auto model : TrustModels) {
        const Proportion off = curveOf(curves, model, false).cells[lowIndex].detected;
        const Proportion on = curveOf(curves, model, true).cells[lowIndex].detected;
        const ProportionTest t = twoProportionTest(on.k, on.n, off.k, off.n);
        gossip.rows.push_back({ std::string(model), rates[lowIndex], off.share, on.share, t.difference,
            cohensH(on.share, off.share), t.z, t.p });
    }
    result.tables.push_back(std::move(cells));
    result.tables.push_back(std::move(summary));
    result.tables.push_back(std::move(gossip));

    for (const bool on : { false, true }) {
        ResultSeries chart { on ? "detection-curves-gossip" : "detection-curves",
            std::string("Cheater isolated at the end, by cheat rate (gossip ") + (on ? "on" : "off")
                + "; band: Wilson 95% CI)",
            ChartKind::Band, "Cheat probability", "Detection rate", {}, {} };
        for (const auto& c : curves) {
            if (c.gossip != on)
                continue;
            SeriesLine line { c.label(), {}, {}, {}, {} };
            for (const auto& cell : c.cells) {
                line.x.push_back(cell.rate);
                line.y.push_back(cell.detected.share);
                line.low.push_back(cell.detected.low);
                line.high.push_back(cell.detected.high);
            }
            chart.lines.push_back(std::move(line));
        }
        result.series.push_back(std::move(chart));
    }
}

void addFindings(ExperimentResult& result, const std::vector<Curve>& curves, const std::vector<double>& rates,
    std::size_t lowIndex, const std::string& gossipText)
{
    const Curve& base = curveOf(curves, "baseline", false);
    // Monotone up to noise: the largest fall from any rate to any higher one, and whether their intervals overlap.
    double drop = 0.0;
    std::size_t dropFrom = 0, dropTo = 0;
    for (std::size_t i = 0; i < base.cells.size(); ++i) {
        for (std::size_t j = i + 1; j < base.cells.size(); ++j) {
            const double d = base.cells[i].detected.share - base.cells[j].detected.share;
            if (d > drop) {
                drop = d;
                dropFrom = i;
                dropTo = j;
            }
        }
    }
    const bool withinCi = drop <= 0.0 || base.cells[dropTo].detected.high >= base.cells[dropFrom].detected.low;
    result.findings.push_back({ "detection_monotone",
        drop <= 0.0 ? "The baseline's detection curve (gossip off) never falls as the cheat rate rises."
                    : "The baseline's detection curve (gossip off) is non-decreasing up to noise: its largest fall is "
                + percentText(drop, 0) + " (from " + percentText(base.cells[dropFrom].detected.share, 0)
                + " at cheat rate " + fixedText(base.cells[dropFrom].rate) + " to "
                + percentText(base.cells[dropTo].detected.share, 0) + " at " + fixedText(base.cells[dropTo].rate)
                + "), " + (withinCi ? "within" : "beyond") + " their overlapping Wilson 95% intervals"
                + (withinCi ? "." : " (the intervals do not overlap)."),
        { { "largest_drop", drop }, { "drop_from_rate", base.cells[dropFrom].rate },
            { "drop_to_rate", base.cells[dropTo].rate }, { "within_ci", static_cast<long long>(withinCi) } },
        withinCi });

    if (base.steepest) {
        const RateCell& a = base.cells[*base.steepest];
        const RateCell& b = base.cells[*base.steepest + 1];
        result.findings.push_back({ "steep_rise",
            "The baseline (gossip off) rises most steeply between cheat rates " + fixedText(a.rate) + " and "
                + fixedText(b.rate) + ": detection goes from " + percentText(a.detected.share, 0) + " to "
                + percentText(b.detected.share, 0) + " (+" + percentText(base.rise, 0)
                + "); it detects half the cheaters from rate " + optionalRate(base.halfRate()) + ".",
            { { "from_rate", a.rate }, { "to_rate", b.rate }, { "rise", base.rise },
                { "half_detected_from", optionalCell(base.halfRate()) } } });
    } else {
        result.findings.push_back(
            { "steep_rise", "The baseline's detection (gossip off) never rises.", { { "rise", 0.0 } } });
    }

    {
        const Proportion off = base.cells[lowIndex].detected;
        const Proportion on = curveOf(curves, "baseline", true).cells[lowIndex].detected;
        const ProportionTest t = twoProportionTest(on.k, on.n, off.k, off.n);
        const double h = cohensH(on.share, off.share);
        const bool helps = t.difference > 0.0 && t.p < 0.05;
        std::string verdict = helps            ? "gossip helps"
            : t.difference < 0.0 && t.p < 0.05 ? "gossip hurts"
                                               : "gossip makes no significant difference";
        int helpedModels = 0;
        for (const auto model : TrustModels) {
            const Proportion o = curveOf(curves, model, false).cells[lowIndex].detected;
            const Proportion g = curveOf(curves, model, true).cells[lowIndex].detected;
            const ProportionTest mt = twoProportionTest(g.k, g.n, o.k, o.n);
            helpedModels += mt.difference > 0.0 && mt.p < 0.05 ? 1 : 0;
        }
        result.findings.push_back({ "gossip_helps_low_rate",
            "At cheat rate " + fixedText(rates[lowIndex]) + " the baseline detects the cheater in "
                + percentText(off.share, 0) + " of trials without gossip and " + percentText(on.share, 0) + " with "
                + gossipText + " (difference " + fixedText(100.0 * t.difference, 1) + " points, Cohen's h "
                + fixedText(h) + ", z " + fixedText(t.z) + ", p " + fixedText(t.p, 4) + "): " + verdict
                + "; it helps significantly under " + std::to_string(helpedModels) + " of "
                + std::to_string(TrustModels.size()) + " models.",
            { { "cheat_rate", rates[lowIndex] }, { "without", off.share }, { "with", on.share },
                { "difference", t.difference }, { "cohens_h", h }, { "z", t.z }, { "p", t.p },
                { "models_helped", static_cast<long long>(helpedModels) } },
            helps });
    }

    // Rate 0: the cheater agent never defaults, so isolating it is a false alarm. Which model (gossip off) detects
    // half the cheaters at the lowest cheat rate, among those without false alarms; which never detect at all.
    const Curve* earliest = nullptr;
    std::vector<std::string> never;
    std::string alarms;
    std::vector<NamedValue> alarmValues;
    for (const auto model : TrustModels) {
        const Curve& c = curveOf(curves, model, false);
        const Curve& g = curveOf(curves, model, true);
        const Proportion zero = c.cells.front().detected;
        const Proportion zeroGossip = g.cells.front().detected;
        const bool falseAlarms = zero.share > 0.05 || zeroGossip.share > 0.05;
        alarmValues.push_back({ std::string(model), zero.share });
        alarmValues.push_back({ std::string(model) + "_gossip", zeroGossip.share });
        if (falseAlarms)
            alarms += (alarms.empty() ? "" : "; ") + std::string(model) + " in " + percentText(zero.share, 0)
                + " (95% CI " + percentText(zero.low, 0) + "-" + percentText(zero.high, 0) + "; "
                + percentText(zeroGossip.share, 0) + " with gossip)";
        if (!falseAlarms && c.halfRate() && (!earliest || *c.halfRate() < *earliest->halfRate()))
            earliest = &c;
        if (c.maxShare() == 0.0 && g.maxShare() == 0.0)
            never.emplace_back(model);
    }
    result.findings.push_back({ "false_alarms",
        alarms.empty() ? "No model isolates the cheater agent at cheat rate 0 (it never defaults) in more than 5% of "
                         "trials."
                       : "At cheat rate 0 the cheater agent never defaults, yet it is isolated under " + alarms
                + ": false alarms, so these curves start above 0.",
        alarmValues });
    if (earliest)
        result.findings.push_back({ "earliest_detector",
            earliest->model + " detects half the cheaters at the lowest cheat rate (gossip off) among the models "
                + "without false alarms: from " + fixedText(*earliest->halfRate()) + ".",
            { { "model", earliest->model }, { "half_detected_from", *earliest->halfRate() } } });
    std::string neverList;
    for (const auto& m : never)
        neverList += (neverList.empty() ? "" : ", ") + m;
    result.findings.push_back({ "never_detects",
        never.empty() ? "Every model isolates the cheater in some trial."
                      : "Never isolated at any cheat rate, with gossip or without, under: " + neverList
                + " (no view ever falls below the threshold).",
        { { "models", neverList }, { "count", static_cast<long long>(never.size()) } } });

    const std::size_t at1 = nearest(rates, 1.0);
    for (const auto model : TrustModels) {
        const Curve& c = curveOf(curves, model, false);
        const Curve& g = curveOf(curves, model, true);
        std::string text = std::string(model) + ": ";
        if (c.maxShare() == 0.0 && g.maxShare() == 0.0) {
            text += "never isolates the cheater.";
        } else {
            text += "detects an always-cheater in " + percentText(c.cells[at1].detected.share, 0) + " of trials ("
                + percentText(g.cells[at1].detected.share, 0) + " with gossip), half the cheaters from rate "
                + optionalRate(c.halfRate()) + " (" + optionalRate(g.halfRate()) + " with gossip)";
            if (c.steepest)
                text += "; steepest rise " + fixedText(c.cells[*c.steepest].rate) + "-"
                    + fixedText(c.cells[*c.steepest + 1].rate) + " (+" + percentText(c.rise, 0) + ")";
            if (c.cells[at1].meanRound)
                text += "; an always-cheater is isolated from round " + fixedText(*c.cells[at1].meanRound, 1)
                    + " on average";
            text += ".";
        }
        result.findings.push_back({ "model_" + std::string(model), text,
            { { "at_rate_1", c.cells[at1].detected.share }, { "at_rate_1_gossip", g.cells[at1].detected.share },
                { "half_detected_from", optionalCell(c.halfRate()) },
                { "half_detected_from_gossip", optionalCell(g.halfRate()) }, { "steepest_rise", c.rise },
                { "isolation_round_at_rate_1", optionalCell(c.cells[at1].meanRound) } } });
    }
}

} // namespace

DetectionExperiment::DetectionExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
    , m_steps(parameters.integer("rate_steps"))
    , m_gossip(parameters["gossip"])
    , m_gossipFanout(static_cast<int>(parameters["gossip_fanout"]))
    , m_gossipBelow(parameters["gossip_below"])
    , m_lowRate(parameters["low_rate"])
    , m_rounds(parameters.integer("rounds"))
{
}

KindInfo DetectionExperiment::kindInfo()
{
    return { "detection",
        "Detection rate against cheat rate: each reputation model, gossip off and on, cheat probability 0 to 1",
        {
            { "trials", DefaultTrials, 1, MaxTrials, "trials of each (model, gossip, cheat rate)", "trials",
                ParameterType::Integer },
            { "seed", static_cast<double>(DefaultSeed), 0, MaxExactSeed,
                "base seed; trial i of every cell gets deriveSeed(seed, i)", "", ParameterType::Integer },
            { "rate_steps", 20, 1, 100, "cheat rates k / rate_steps for k = 0 .. rate_steps (20: steps of 0.05)", "",
                ParameterType::Integer },
            { "gossip", 1.0, 0.0, 1.0, "gossip probability when gossip is on", "probability" },
            { "gossip_fanout", 5, 1, MaxGossipFanout, "peers each teller tells when gossip is on", "",
                ParameterType::Integer },
            { "gossip_below", 0.4, 0.0, 1.0, "gossip shares only views below this (warnings); 1: every view",
                "reputation" },
            { "low_rate", 0.15, 0.0, 1.0, "the low cheat rate at which gossip is tested (the nearest on the grid)",
                "probability" },
            { "rounds", 60, 1, 10000, "rounds of each run", "rounds", ParameterType::Integer },
        } };
}

ExperimentResult DetectionExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Detection rate against cheat rate";
    const int trials = context.trials.value_or(m_trials);
    const std::uint64_t seed = context.seedFor(m_seed);
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(seed) },
        { "rate_steps", static_cast<long long>(m_steps) }, { "gossip", m_gossip },
        { "gossip_fanout", static_cast<long long>(m_gossipFanout) }, { "gossip_below", m_gossipBelow },
        { "low_rate", m_lowRate }, { "rounds", static_cast<long long>(m_rounds) } };
    std::vector<double> rates;
    for (int k = 0; k <= m_steps; ++k)
        rates.push_back(static_cast<double>(k) / m_steps);
    const std::size_t lowIndex = nearest(rates, m_lowRate);

    const TrialRunner runner(context.threads);
    std::vector<Curve> curves;
    const double batches = 2.0 * TrustModels.size();
    for (const bool gossip : { false, true }) {
        for (const auto model : TrustModels) {
            context.checkpoint(static_cast<double>(curves.size()) / batches,
                std::string(model) + (gossip ? ", gossip on" : ", gossip off"));
            std::vector<Scenario> markets;
            for (const double rate : rates) {
                TrustMarketSetup setup;
                setup.model = std::string(model);
                setup.gossip = gossip ? m_gossip : 0.0;
                setup.gossipBelow = m_gossipBelow;
                setup.gossipFanout = m_gossipFanout;
                setup.cheaterParams = { { "cheat_probability", rate } };
                setup.rounds = m_rounds;
                markets.push_back(trustMarket(setup));
            }
            const int jobs = static_cast<int>(rates.size()) * trials;
            const auto outcomes = runner.run(jobs, [&](int j) {
                if (context.cancelled())
                    throw ExperimentCancelled();
                const auto& market = markets[static_cast<std::size_t>(j / trials)];
                const TrustRun r = runTrustMarket(market, deriveSeed(seed, static_cast<std::uint64_t>(j % trials)));
                return TrialOutcome { r.cheaterIsolated, r.isolationRound.value_or(0) };
            });
            Curve curve { std::string(model), gossip, {}, {}, 0.0 };
            for (std::size_t r = 0; r < rates.size(); ++r)
                curve.cells.push_back(cellOf(rates[r], outcomes, r * static_cast<std::size_t>(trials), trials));
            findSteepest(curve);
            curves.push_back(std::move(curve));
        }
    }
    // Tables and charts list the curves model by model, gossip off before on.
    std::stable_sort(curves.begin(), curves.end(), [](const Curve& a, const Curve& b) {
        const auto rank = [](const Curve& c) {
            return std::find(TrustModels.begin(), TrustModels.end(), c.model) - TrustModels.begin();
        };
        return rank(a) < rank(b);
    });
    addTables(result, curves, rates, lowIndex);
    // What gossip was on: the finding says it, since whether gossip helps depends on what it tells.
    std::string gossipText = "gossip (probability " + fixedText(m_gossip) + ", " + std::to_string(m_gossipFanout)
        + (m_gossipFanout == 1 ? " listener, " : " listeners, ");
    gossipText += m_gossipBelow >= 1.0 ? std::string("every view told)")
                                       : std::string("only views below ").append(fixedText(m_gossipBelow)).append(")");
    addFindings(result, curves, rates, lowIndex, gossipText);
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
