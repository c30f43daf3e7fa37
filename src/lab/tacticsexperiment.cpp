// Experiment `tactics` (see tacticsexperiment.h).
//
// The tournament: every contender meets every other (itself included) as buyer and as seller in pairing trials
// (bargainingstudy.h); a contender's utility in a trial is its mean utility over its negotiations, a failure counting
// 0, averaged over the pairings it played. The mixed market: two providers and two seekers of each contender trade for
// market_rounds rounds; a contender's wealth is its agents' mean gain in net worth. Sweeps and the variant matrix are
// pairing trials too: a deal rate per value or per cell.
#include "tacticsexperiment.h"

#include "bargainingstudy.h"
#include "rng.h"
#include "trialrunner.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace haggle::lab {

namespace {

// A sweep: one parameter of one strategy over values, against a fixed partner, on one side.
struct Sweep {
    std::string parameter; // the strategy's parameter swept
    std::string strategy;
    std::string partner;
    bool sweptSells; // the swept strategy is the seller
    std::vector<double> values;

    std::string label() const
    {
        return parameter + ": " + strategy + (sweptSells ? " seller vs " : " buyer vs ") + partner;
    }
};

std::vector<double> steps(double from, double to, double step)
{
    std::vector<double> v;
    for (int i = 0; from + i * step <= to + 1e-9; ++i)
        v.push_back(std::round((from + i * step) * 1000.0) / 1000.0);
    return v;
}

std::vector<Sweep> sweeps()
{
    return {
        { "greed_factor", "greedy", "fair", true, steps(0.0, 0.9, 0.1) },
        { "greed_factor", "greedy", "fair", false, steps(0.0, 0.9, 0.1) },
        { "fairness_tolerance", "fair", "greedy", false, steps(0.0, 0.8, 0.1) },
        { "fairness_tolerance", "fair", "greedy", true, steps(0.0, 0.8, 0.1) },
        { "patience", "patient", "fair", true, steps(0.0, 0.9, 0.1) },
        { "patience", "patient", "fair", false, steps(0.0, 0.9, 0.1) },
    };
}

std::vector<Contender> variants()
{
    return {
        contender("greedy g=0.3", "greedy", { { "greed_factor", 0.3 } }),
        contender("greedy g=0.7", "greedy"),
        contender("fair t=0.05", "fair", { { "fairness_tolerance", 0.05 } }),
        contender("fair t=0.30", "fair", { { "fairness_tolerance", 0.3 } }),
        contender("patient p=0.3", "patient", { { "patience", 0.3 } }),
        contender("patient p=0.8", "patient"),
        contender("boulware", "boulware"),
        contender("conceder", "conceder"),
    };
}

} // namespace

TacticsExperiment::TacticsExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
    , m_rounds(parameters.integer("rounds"))
    , m_marketRounds(parameters.integer("market_rounds"))
{
}

KindInfo TacticsExperiment::kindInfo()
{
    return { "tactics",
        "Classic tactics against Haggle's strategies: a tournament (utility), a mixed market (wealth), robustness "
        "sweeps and the variant matrix",
        {
            { "trials", DefaultTrials, 1, MaxTrials, "trials of each pairing, sweep value and market", "trials",
                ParameterType::Integer },
            { "seed", static_cast<double>(DefaultSeed), 0, MaxExactSeed,
                "base seed; trial i of every part gets deriveSeed(seed, i)", "", ParameterType::Integer },
            { "rounds", 5, 1, 10000, "rounds each pairing trades in a trial", "rounds", ParameterType::Integer },
            { "market_rounds", 100, 1, 100000, "rounds of the mixed market", "rounds", ParameterType::Integer },
        } };
}

ExperimentResult TacticsExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Negotiation tactics: tournament, market and robustness";
    const int trials = context.trials.value_or(m_trials);
    const std::uint64_t seed = context.seedFor(m_seed);
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(seed) },
        { "rounds", static_cast<long long>(m_rounds) }, { "market_rounds", static_cast<long long>(m_marketRounds) } };
    const TrialRunner runner(context.threads);
    const auto trialSeed = [&](int i) { return deriveSeed(seed, static_cast<std::uint64_t>(i)); };
    const auto pairingTrials = [&](const std::vector<std::pair<StrategySpec, StrategySpec>>& pairs) {
        return runner.run(static_cast<int>(pairs.size()) * trials, [&](int j) {
            if (context.cancelled())
                throw ExperimentCancelled();
            const auto& [buyer, seller] = pairs[static_cast<std::size_t>(j / trials)];
            return runPairing(pairingScenario(buyer, seller, trialSeed(j % trials), m_rounds));
        });
    };

    // 1. The tournament.
    context.checkpoint(0.0, "tournament");
    const auto contenders = bargainingContenders();
    const std::size_t k = contenders.size();
    std::vector<std::pair<StrategySpec, StrategySpec>> pairs;
    for (const auto& b : contenders) {
        for (const auto& s : contenders)
            pairs.emplace_back(b.strategy, s.strategy);
    }
    const auto games = pairingTrials(pairs);
    const auto game = [&](std::size_t b, std::size_t s, int i) -> const PairingTrial& {
        return games[(b * k + s) * static_cast<std::size_t>(trials) + static_cast<std::size_t>(i)];
    };
    struct Standing {
        std::string label;
        Summary utility, asBuyer, asSeller;
        std::vector<double> byTrial;
        Proportion deals;
    };
    std::vector<Standing> standings;
    for (std::size_t x = 0; x < k; ++x) {
        std::vector<double> all, buyer, seller;
        int negotiations = 0, deals = 0;
        for (int i = 0; i < trials; ++i) {
            double b = 0.0, s = 0.0;
            for (std::size_t y = 0; y < k; ++y) {
                b += game(x, y, i).meanBuyerUtility;
                s += game(y, x, i).meanSellerUtility;
                negotiations += game(x, y, i).negotiations + game(y, x, i).negotiations;
                deals += game(x, y, i).deals + game(y, x, i).deals;
            }
            buyer.push_back(b / k);
            seller.push_back(s / k);
            all.push_back((b + s) / (2.0 * k));
        }
        standings.push_back({ contenders[x].label, summarize(all), summarize(buyer), summarize(seller), all,
            wilson(deals, negotiations) });
    }
    std::stable_sort(standings.begin(), standings.end(),
        [](const Standing& a, const Standing& b) { return a.utility.mean > b.utility.mean; });
    ResultTable tournament { "tournament",
        "Round-robin tournament: mean utility per negotiation (a failure counts 0), " + std::to_string(trials)
            + " trials",
        { { "rank" }, { "strategy" }, { "utility", "utility", 3 }, { "utility_ci95", "utility", 3 },
            { "as_buyer", "utility", 3 }, { "as_seller", "utility", 3 }, { "deal_rate", "share" },
            { "d_vs_winner", "", 2 } },
        {} };
    std::vector<RankedSummary> utilityRanking;
    for (std::size_t i = 0; i < standings.size(); ++i) {
        const Standing& s = standings[i];
        const double d = i == 0 ? 0.0 : cohensD(s.byTrial, standings.front().byTrial);
        tournament.rows.push_back({ static_cast<long long>(i + 1), s.label, s.utility.mean, s.utility.ci95,
            s.asBuyer.mean, s.asSeller.mean, s.deals.share, std::isfinite(d) ? Cell(d) : Cell() });
        utilityRanking.push_back({ s.label, s.utility });
    }
    result.tables.push_back(std::move(tournament));
    result.series.push_back(rankingSeries("tournament", "Tournament: mean utility per negotiation", "Strategy",
        "Utility (share of the surplus)", utilityRanking));
    result.findings.push_back({ "tournament_winner",
        standings.front().label + " wins the tournament with a mean utility of "
            + fixedText(standings.front().utility.mean, 3) + " (95% CI +-"
            + fixedText(standings.front().utility.ci95, 3) + "); " + standings.back().label + " comes last with "
            + fixedText(standings.back().utility.mean, 3) + ".",
        { { "winner", standings.front().label }, { "winner_utility", standings.front().utility.mean },
            { "last", standings.back().label }, { "last_utility", standings.back().utility.mean } } });

    // 2. The mixed market.
    context.checkpoint(0.3, "mixed market");
    const auto markets = runner.run(trials, [&](int i) {
        if (context.cancelled())
            throw ExperimentCancelled();
        return mixedMarketGains(contenders, trialSeed(i), m_marketRounds);
    });
    const std::vector<RankedSummary> wealth = rankedGains(contenders, markets);
    ResultTable wealthTable { "wealth",
        "Mixed market: mean gain in net worth per agent over " + std::to_string(m_marketRounds) + " rounds ("
            + std::to_string(trials) + " trials)",
        { { "rank" }, { "strategy" }, { "wealth_gain", "budget units" }, { "ci95", "budget units" },
            { "min", "budget units", 2, true }, { "max", "budget units", 2, true } },
        {} };
    for (std::size_t i = 0; i < wealth.size(); ++i)
        wealthTable.rows.push_back({ static_cast<long long>(i + 1), wealth[i].label, wealth[i].summary.mean,
            wealth[i].summary.ci95, wealth[i].summary.min, wealth[i].summary.max });
    result.tables.push_back(std::move(wealthTable));
    result.series.push_back(
        rankingSeries("wealth", "Mixed market: gain in net worth per agent", "Strategy", "Gain in net worth", wealth));
    result.findings.push_back({ "market_winner",
        "In the mixed market " + wealth.front().label + " gains most (" + fixedText(wealth.front().summary.mean, 1)
            + " +- " + fixedText(wealth.front().summary.ci95, 1) + " per agent), " + wealth.back().label + " least ("
            + fixedText(wealth.back().summary.mean, 1) + ").",
        { { "winner", wealth.front().label }, { "winner_gain", wealth.front().summary.mean },
            { "last", wealth.back().label }, { "last_gain", wealth.back().summary.mean } } });

    // 3. The robustness sweeps.
    context.checkpoint(0.6, "sweeps");
    const auto allSweeps = sweeps();
    std::vector<std::pair<StrategySpec, StrategySpec>> sweepPairs;
    for (const auto& sw : allSweeps) {
        for (double v : sw.values) {
            StrategySpec swept;
            swept.type = sw.strategy;
            swept.params[sw.parameter] = v;
            StrategySpec partner;
            partner.type = sw.partner;
            sweepPairs.push_back(sw.sweptSells ? std::pair { partner, swept } : std::pair { swept, partner });
        }
    }
    const auto sweepRuns = pairingTrials(sweepPairs);
    ResultTable sweepTable { "sweeps", "Robustness sweeps: deal rate as one parameter varies",
        { { "parameter" }, { "pairing" }, { "value" }, { "deal_rate", "share" }, { "deal_rate_low", "share", 2, true },
            { "deal_rate_high", "share", 2, true }, { "mean_price", "unit price", 3 } },
        {} };
    ResultSeries sweepChart { "sweeps", "Deal rate against each swept parameter", ChartKind::Line, "Parameter value",
        "Deal rate", {}, {} };
    std::size_t row = 0;
    std::vector<NamedValue> thresholds;
    std::string thresholdText;
    for (const auto& sw : allSweeps) {
        SeriesLine line { sw.label(), {}, {}, {}, {} };
        std::optional<double> lastWithDeals, firstWithDeals;
        for (double v : sw.values) {
            int negotiations = 0, deals = 0;
            std::vector<double> prices;
            for (int i = 0; i < trials; ++i) {
                const PairingTrial& t = sweepRuns[row * static_cast<std::size_t>(trials) + static_cast<std::size_t>(i)];
                negotiations += t.negotiations;
                deals += t.deals;
                prices.push_back(t.meanPrice.value_or(NaN));
            }
            ++row;
            const Proportion rate = wilson(deals, negotiations);
            const Summary price = summarizeNumbers(prices);
            sweepTable.rows.push_back(
                { sw.parameter, sw.label(), v, rate.share, rate.low, rate.high, meanCell(price) });
            line.x.push_back(v);
            line.y.push_back(rate.share);
            if (rate.share > 0.0) {
                lastWithDeals = v;
                if (!firstWithDeals)
                    firstWithDeals = v;
            }
        }
        // Where deadlock turns into deals: the edge of the values that close deals.
        const bool fromAbove = sw.parameter == "fairness_tolerance";
        const std::optional<double> edge = fromAbove ? firstWithDeals : lastWithDeals;
        thresholds.push_back({ sw.label(), optionalCell(edge) });
        thresholdText += (thresholdText.empty() ? "" : "; ") + sw.label() + ": "
            + (edge ? std::string(fromAbove ? "deals from " : "deals up to ") + fixedText(*edge, 2)
                    : std::string("no deals"));
        sweepChart.lines.push_back(std::move(line));
    }
    result.tables.push_back(std::move(sweepTable));
    result.series.push_back(std::move(sweepChart));
    result.findings.push_back(
        { "sweep_thresholds", "Where deadlock turns into deals: " + thresholdText + ".", std::move(thresholds) });

    // 4. The cross-strategy matrix with parameter variants.
    context.checkpoint(0.85, "variant matrix");
    const auto variantList = variants();
    const std::size_t v = variantList.size();
    std::vector<std::pair<StrategySpec, StrategySpec>> variantPairs;
    for (const auto& b : variantList) {
        for (const auto& s : variantList)
            variantPairs.emplace_back(b.strategy, s.strategy);
    }
    const auto variantRuns = pairingTrials(variantPairs);
    ResultTable matrix { "variants", "Variant matrix: deal rate of each buyer variant against each seller variant",
        { { "buyer" }, { "seller" }, { "deal_rate", "share" }, { "mean_price", "unit price", 3 } }, {} };
    ResultSeries heat { "variants", "Deal rate, buyer variant (rows) against seller variant (columns)",
        ChartKind::Heatmap, "Seller", "Buyer", {}, {} };
    for (const auto& c : variantList)
        heat.categories.push_back(c.label);
    int closing = 0;
    for (std::size_t b = 0; b < v; ++b) {
        SeriesLine line { variantList[b].label, {}, {}, {}, {} };
        for (std::size_t s = 0; s < v; ++s) {
            int negotiations = 0, deals = 0;
            std::vector<double> prices;
            for (int i = 0; i < trials; ++i) {
                const PairingTrial& t
                    = variantRuns[(b * v + s) * static_cast<std::size_t>(trials) + static_cast<std::size_t>(i)];
                negotiations += t.negotiations;
                deals += t.deals;
                prices.push_back(t.meanPrice.value_or(NaN));
            }
            const double rate = negotiations ? double(deals) / negotiations : 0.0;
            closing += rate > 0.0 ? 1 : 0;
            matrix.rows.push_back(
                { variantList[b].label, variantList[s].label, rate, meanCell(summarizeNumbers(prices)) });
            line.y.push_back(rate);
        }
        heat.lines.push_back(std::move(line));
    }
    result.tables.push_back(std::move(matrix));
    result.series.push_back(std::move(heat));
    result.findings.push_back({ "variant_matrix",
        std::to_string(closing) + " of the " + std::to_string(v * v)
            + " variant pairings close deals; the rest deadlock.",
        { { "pairings_with_deals", static_cast<long long>(closing) },
            { "pairings", static_cast<long long>(v * v) } } });
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
