// Experiment `mechanisms` (see mechanismsexperiment.h).
//
// Trial i of every market gets the seed deriveSeed(seed, i): each mechanism meets the same draws of demand where its
// own draws leave them alone, and every number is the same for any thread count.
#include "mechanismsexperiment.h"

#include "bargainingstudy.h"
#include "kinds.h"
#include "mechanismstudy.h"
#include "rng.h"
#include "trialrunner.h"

#include <algorithm>
#include <cmath>

namespace haggle::lab {

namespace {

struct Condition {
    DemandRegime regime;
    bool cheaters;

    std::string label() const
    {
        return std::string(regime == DemandRegime::Normal ? "normal demand" : "rush hour")
            + (cheaters ? " with cheaters" : "");
    }
};

const std::vector<Condition>& conditions()
{
    static const std::vector<Condition> all {
        { DemandRegime::Normal, false },
        { DemandRegime::RushHour, false },
        { DemandRegime::Normal, true },
        { DemandRegime::RushHour, true },
    };
    return all;
}

// The summaries of every metric over a market's trials, in mechanismMetrics() order.
std::vector<Summary> summarizeTrials(std::span<const MechanismTrial> trials)
{
    std::vector<Summary> result;
    for (const auto& metric : mechanismMetrics()) {
        std::vector<double> values;
        for (const auto& t : trials)
            values.push_back(t.*metric.field);
        result.push_back(summarize(values));
    }
    return result;
}

std::vector<double> efficiencies(std::span<const MechanismTrial> trials)
{
    std::vector<double> values;
    for (const auto& t : trials)
        values.push_back(t.efficiency);
    return values;
}

} // namespace

MechanismsExperiment::MechanismsExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
    , m_rounds(parameters.integer("rounds"))
    , m_providers(parameters.integer("providers"))
{
}

KindInfo MechanismsExperiment::kindInfo()
{
    return { "mechanisms",
        "Every market mechanism on the same demand, normal and rush hour, with and without cheaters: efficiency, "
        "volatility, success, fairness; Gode and Sunder's zero-intelligence markets",
        {
            { "trials", DefaultTrials, 1, MaxTrials, "trials of each mechanism in each condition", "trials",
                ParameterType::Integer },
            { "seed", static_cast<double>(DefaultSeed), 0, MaxExactSeed,
                "base seed; trial i of every market gets deriveSeed(seed, i)", "", ParameterType::Integer },
            { "rounds", 30, 1, 10000, "rounds of each market", "rounds", ParameterType::Integer },
            { "providers", 40, 2, 10000, "providers of one GPU hour each (seekers: 1.5 times as many)", "agents",
                ParameterType::Integer },
        } };
}

ExperimentResult MechanismsExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Market mechanisms compared";
    const int trials = context.trials.value_or(m_trials);
    const std::uint64_t seed = context.seedFor(m_seed);
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(seed) },
        { "rounds", static_cast<long long>(m_rounds) }, { "providers", static_cast<long long>(m_providers) } };
    const TrialRunner runner(context.threads);
    const auto base = [&] {
        MechanismMarket m;
        m.rounds = m_rounds;
        m.providers = m_providers;
        m.seekers = m_providers * 3 / 2;
        return m;
    };
    // Runs each market `trials` times: the results of market k's trial i at k * trials + i.
    const auto play = [&](const std::vector<MechanismMarket>& markets) {
        return runner.run(static_cast<int>(markets.size()) * trials, [&](int j) {
            if (context.cancelled())
                throw ExperimentCancelled();
            MechanismMarket m = markets[static_cast<std::size_t>(j / trials)];
            m.seed = deriveSeed(seed, static_cast<std::uint64_t>(j % trials));
            return runMechanismMarket(m);
        });
    };
    const auto trialsOf = [&](const std::vector<MechanismTrial>& all, std::size_t k) {
        return std::span<const MechanismTrial>(all).subspan(
            k * static_cast<std::size_t>(trials), static_cast<std::size_t>(trials));
    };

    // 1. Every mechanism in every condition.
    context.checkpoint(0.0, "mechanisms");
    std::vector<std::string> mechanisms;
    for (const auto& e : mechanismCatalog().entries())
        mechanisms.emplace_back(e.info.name);
    std::vector<MechanismMarket> markets;
    for (const Condition& c : conditions()) {
        for (const auto& mechanism : mechanisms) {
            MechanismMarket m = base();
            m.mechanism = { mechanism, {} };
            m.regime = c.regime;
            m.cheaters = c.cheaters;
            markets.push_back(m);
        }
    }
    const auto compared = play(markets);

    ResultTable table { "mechanisms", "Each mechanism on the same market (means over trials; ci95: half-width)",
        { { "mechanism" }, { "demand" }, { "cheaters" } }, {} };
    for (const auto& metric : mechanismMetrics()) {
        const bool shown = metric.name != "mean_price" && metric.name != "rounds_to_allocation";
        table.columns.push_back({ std::string(metric.name), std::string(metric.unit), 3, !shown });
        table.columns.push_back({ std::string(metric.name) + "_ci95",
            metric.unit == "share" ? std::string() : std::string(metric.unit), 3, metric.name != "efficiency" });
    }
    ResultSeries heat { "efficiency", "Allocative efficiency (realised / maximum surplus)", ChartKind::Heatmap,
        "Mechanism", "Condition", mechanisms, {} };
    std::vector<std::vector<Summary>> summaries(markets.size());
    for (std::size_t c = 0; c < conditions().size(); ++c) {
        SeriesLine row { conditions()[c].label(), {}, {} };
        for (std::size_t k = 0; k < mechanisms.size(); ++k) {
            const std::size_t index = c * mechanisms.size() + k;
            summaries[index] = summarizeTrials(trialsOf(compared, index));
            std::vector<Cell> cells { mechanisms[k], std::string(demandRegimeName(conditions()[c].regime)),
                conditions()[c].cheaters ? std::string("yes") : std::string("no") };
            for (const Summary& s : summaries[index]) {
                cells.push_back(s.mean);
                cells.push_back(s.ci95);
            }
            table.rows.push_back(std::move(cells));
            row.y.push_back(summaries[index][0].mean);
        }
        heat.lines.push_back(std::move(row));
    }
    result.tables.push_back(std::move(table));
    std::vector<RankedSummary> normal;
    for (std::size_t k = 0; k < mechanisms.size(); ++k)
        normal.push_back({ mechanisms[k], summaries[k][0] });
    result.series.push_back(rankingSeries("efficiency-normal", "Allocative efficiency, normal demand, no cheaters",
        "Mechanism", "Realised / maximum surplus", normal));
    result.series.push_back(std::move(heat));

    // The findings of the comparison: the most efficient mechanism in each condition, and the cost of cheaters.
    for (std::size_t c = 0; c < conditions().size(); ++c) {
        std::size_t best = 0;
        for (std::size_t k = 1; k < mechanisms.size(); ++k) {
            if (summaries[c * mechanisms.size() + k][0].mean > summaries[c * mechanisms.size() + best][0].mean)
                best = k;
        }
        const Summary& b = summaries[c * mechanisms.size() + best][0];
        std::string id = "most_efficient_" + std::string(demandRegimeName(conditions()[c].regime))
            + (conditions()[c].cheaters ? "_cheaters" : "");
        std::replace(id.begin(), id.end(), ' ', '_');
        result.findings.push_back({ id,
            "In " + conditions()[c].label() + ", the most efficient mechanism is " + mechanisms[best] + " ("
                + percentText(b.mean) + " of the maximum surplus, 95% CI " + percentText(b.lower()) + " to "
                + percentText(b.upper()) + ").",
            { { "mechanism", mechanisms[best] }, { "efficiency", b.mean }, { "ci95", b.ci95 } } });
    }
    const auto find = [&](std::string_view mechanism) {
        return std::find(mechanisms.begin(), mechanisms.end(), mechanism) - mechanisms.begin();
    };
    if (const auto fp = static_cast<std::size_t>(find("first-price")), vk = static_cast<std::size_t>(find("vickrey"));
        fp < mechanisms.size() && vk < mechanisms.size()) {
        const Summary& first = summaries[fp][6];
        const Summary& second = summaries[vk][6];
        result.findings.push_back({ "vickrey_price",
            "Under normal demand a winner pays " + fixedText(first.mean, 3) + " a unit in the first-price auction and "
                + fixedText(second.mean, 3) + " in the Vickrey auction, where it pays the highest losing bid.",
            { { "first_price", first.mean }, { "vickrey", second.mean } } });
    }

    // 2. Gode and Sunder: the double auction with zero-intelligence traders, constrained and not.
    context.checkpoint(0.8, "gode-sunder");
    const std::vector<std::string> traders { "zi-c", "zi-u", "truthful" };
    std::vector<MechanismMarket> gs;
    for (const auto& trader : traders) {
        MechanismMarket m = base();
        m.mechanism = { "double-auction", {} };
        m.trader = trader;
        gs.push_back(m);
    }
    const auto gsTrials = play(gs);
    ResultTable gsTable { "gode-sunder",
        "A double auction of zero-intelligence traders (Gode and Sunder 1993), normal demand, no cheaters",
        { { "trader" }, { "efficiency", "share", 3 }, { "efficiency_ci95", "", 3 }, { "mean_price", "unit price", 3 },
            { "volatility", "", 3 }, { "success", "share", 3 } },
        {} };
    std::vector<RankedSummary> gsRanked;
    for (std::size_t k = 0; k < traders.size(); ++k) {
        const auto s = summarizeTrials(trialsOf(gsTrials, k));
        gsTable.rows.push_back({ traders[k], s[0].mean, s[0].ci95, s[6].mean, s[2].mean, s[1].mean });
        gsRanked.push_back({ traders[k], s[0] });
    }
    result.tables.push_back(std::move(gsTable));
    result.series.push_back(rankingSeries(
        "gode-sunder", "Double auction: efficiency by trader", "Trader", "Realised / maximum surplus", gsRanked));
    const auto zic = efficiencies(trialsOf(gsTrials, 0));
    const auto ziu = efficiencies(trialsOf(gsTrials, 1));
    const Summary c = summarize(zic);
    const Summary u = summarize(ziu);
    result.findings.push_back({ "gode_sunder",
        "In the double auction, constrained zero-intelligence traders reach " + percentText(c.mean) + " of the maximum "
            + "surplus (95% CI " + percentText(c.lower()) + " to " + percentText(c.upper()) + "), unconstrained ones "
            + percentText(u.mean) + " (" + percentText(u.lower()) + " to " + percentText(u.upper()) + "); Cohen's d "
            + fixedText(cohensD(zic, ziu), 2) + ".",
        { { "zi_c", c.mean }, { "zi_c_ci95", c.ci95 }, { "zi_u", u.mean }, { "zi_u_ci95", u.ci95 },
            { "cohens_d", cohensD(zic, ziu) } },
        c.mean > u.mean });
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
