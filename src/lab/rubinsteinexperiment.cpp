// Experiment `rubinstein` (see rubinsteinexperiment.h).
#include "rubinsteinexperiment.h"

#include "bargainingstudy.h"
#include "rng.h"
#include "trialrunner.h"

#include <cmath>
#include <limits>

namespace haggle::lab {

namespace {

struct PairingCell {
    std::string buyer, seller;
    Proportion deals;
    Summary price, spe, overSpe, nash, buyerUtility, sellerUtility;
    std::vector<double> overSpeByTrial, distanceByTrial; // NaN for trials without deals
};

} // namespace

RubinsteinExperiment::RubinsteinExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
    , m_rounds(parameters.integer("rounds"))
    , m_buyerDiscount(parameters["buyer_discount"])
    , m_sellerDiscount(parameters["seller_discount"])
{
}

KindInfo RubinsteinExperiment::kindInfo()
{
    return { "rubinstein",
        "Bargaining theory: each strategy pairing's price against Rubinstein's subgame-perfect price and the Nash "
        "solution",
        {
            { "trials", DefaultTrials, 1, MaxTrials,
                "trials of each buyer-seller pairing (the buyer's value drawn "
                "per trial)",
                "trials", ParameterType::Integer },
            { "seed", static_cast<double>(DefaultSeed), 0, MaxExactSeed,
                "base seed; trial i of every pairing gets deriveSeed(seed, i)", "", ParameterType::Integer },
            { "rounds", 5, 1, 10000, "rounds each pairing trades in a trial", "rounds", ParameterType::Integer },
            { "buyer_discount", 0.9, 0.0, 0.999, "the buyer's discount factor per proposal", "share" },
            { "seller_discount", 0.9, 0.0, 0.999, "the seller's discount factor per proposal (it proposes first)",
                "share" },
        } };
}

ExperimentResult RubinsteinExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Strategies against Rubinstein's equilibrium";
    const int trials = context.trials.value_or(m_trials);
    const std::uint64_t seed = context.seedFor(m_seed);
    bargaining::Settings analysis;
    analysis.buyerDiscount = m_buyerDiscount;
    analysis.sellerDiscount = m_sellerDiscount;
    const double share = bargaining::rubinsteinShare(m_sellerDiscount, m_buyerDiscount);
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(seed) },
        { "rounds", static_cast<long long>(m_rounds) }, { "buyer_discount", m_buyerDiscount },
        { "seller_discount", m_sellerDiscount }, { "seller_spe_share", share } };

    const auto contenders = bargainingContenders();
    const std::size_t k = contenders.size();
    const TrialRunner runner(context.threads);
    std::vector<PairingCell> cells;
    for (std::size_t b = 0; b < k; ++b) {
        context.checkpoint(static_cast<double>(b) / k, "buyer " + contenders[b].label);
        const auto runs = runner.run(static_cast<int>(k) * trials, [&](int j) {
            if (context.cancelled())
                throw ExperimentCancelled();
            const auto& seller = contenders[static_cast<std::size_t>(j / trials)];
            return runPairing(pairingScenario(contenders[b].strategy, seller.strategy,
                deriveSeed(seed, static_cast<std::uint64_t>(j % trials)), m_rounds, analysis));
        });
        for (std::size_t s = 0; s < k; ++s) {
            PairingCell c;
            c.buyer = contenders[b].label;
            c.seller = contenders[s].label;
            int negotiations = 0, deals = 0;
            std::vector<double> price, spe, nash, buyer, seller;
            for (int i = 0; i < trials; ++i) {
                const PairingTrial& t = runs[s * static_cast<std::size_t>(trials) + static_cast<std::size_t>(i)];
                negotiations += t.negotiations;
                deals += t.deals;
                spe.push_back(t.spePrice);
                nash.push_back(t.meanNashDistance);
                buyer.push_back(t.meanBuyerUtility);
                seller.push_back(t.meanSellerUtility);
                price.push_back(t.meanPrice.value_or(NaN));
                c.overSpeByTrial.push_back(t.meanOverSpe.value_or(NaN));
                c.distanceByTrial.push_back(t.meanOverSpe ? std::abs(*t.meanOverSpe) : NaN);
            }
            c.deals = wilson(deals, negotiations);
            c.price = summarizeNumbers(price);
            c.spe = summarize(spe);
            c.overSpe = summarizeNumbers(c.overSpeByTrial);
            c.nash = summarize(nash);
            c.buyerUtility = summarize(buyer);
            c.sellerUtility = summarize(seller);
            cells.push_back(std::move(c));
        }
    }
    context.checkpoint(0.98, "tables");

    ResultTable pairings { "pairings",
        "Each pairing against the SPE price (the seller proposes first; " + std::to_string(trials) + " trials)",
        { { "buyer" }, { "seller" }, { "deal_rate", "share" }, { "deal_rate_low", "share", 2, true },
            { "deal_rate_high", "share", 2, true }, { "mean_price", "unit price", 3 }, { "spe_price", "unit price", 3 },
            { "over_spe", "unit price", 3 }, { "over_spe_ci95", "unit price", 3 }, { "nash_distance", "utility", 3 },
            { "buyer_utility", "utility", 3, true }, { "seller_utility", "utility", 3, true },
            { "trials", "", 0, true } },
        {} };
    ResultSeries heat { "over-spe", "Mean price above the Rubinstein price (empty: no deals)", ChartKind::Heatmap,
        "Seller", "Buyer", {}, {} };
    for (const auto& c : contenders)
        heat.categories.push_back(c.label);
    int withDeals = 0, overpaying = 0;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const PairingCell& c = cells[i];
        pairings.rows.push_back({ c.buyer, c.seller, c.deals.share, c.deals.low, c.deals.high, meanCell(c.price),
            c.spe.mean, meanCell(c.overSpe), ciCell(c.overSpe), c.nash.mean, c.buyerUtility.mean, c.sellerUtility.mean,
            static_cast<long long>(trials) });
        if (i % k == 0)
            heat.lines.push_back({ c.buyer, {}, {}, {}, {} });
        heat.lines.back().y.push_back(c.overSpe.n ? c.overSpe.mean : NaN);
        if (c.overSpe.n > 0) {
            ++withDeals;
            overpaying += c.overSpe.mean > 0.0 ? 1 : 0;
        }
    }
    result.tables.push_back(std::move(pairings));
    result.series.push_back(std::move(heat));

    // Each strategy as a buyer: how far its deals lie from the SPE price, over every seller.
    ResultTable byStrategy { "strategies",
        "Each strategy as buyer and as seller: distance of its deals to the SPE price",
        { { "strategy" }, { "side" }, { "deal_trials", "trials" }, { "mean_over_spe", "unit price", 3 },
            { "mean_distance", "unit price", 3 }, { "distance_ci95", "unit price", 3 } },
        {} };
    std::vector<RankedSummary> distances;
    std::optional<std::pair<std::string, double>> closest;
    for (int side = 0; side < 2; ++side) {
        for (std::size_t x = 0; x < k; ++x) {
            std::vector<double> over, distance;
            for (std::size_t y = 0; y < k; ++y) {
                const PairingCell& c = side == 0 ? cells[x * k + y] : cells[y * k + x];
                over.insert(over.end(), c.overSpeByTrial.begin(), c.overSpeByTrial.end());
                distance.insert(distance.end(), c.distanceByTrial.begin(), c.distanceByTrial.end());
            }
            const Summary o = summarizeNumbers(over);
            const Summary d = summarizeNumbers(distance);
            byStrategy.rows.push_back({ contenders[x].label, std::string(side == 0 ? "buyer" : "seller"),
                static_cast<long long>(d.n), meanCell(o), meanCell(d), ciCell(d) });
            if (side == 0 && d.n > 0) {
                distances.push_back({ contenders[x].label, d });
                if (!closest || d.mean < closest->second)
                    closest = std::pair { contenders[x].label, d.mean };
            }
        }
    }
    result.tables.push_back(std::move(byStrategy));
    result.series.push_back(rankingSeries("buyer-distance", "Buyers' distance from the SPE price (over their deals)",
        "Buyer strategy", "|price - SPE price|", distances));

    const std::size_t pairs = cells.size();
    Finding overpay { "overpay",
        std::to_string(overpaying) + " of the " + std::to_string(withDeals)
            + " pairings that make deals pay above the Rubinstein price on average (the seller's SPE share is "
            + fixedText(100.0 * share, 1) + "% of the buyer's value); " + std::to_string(pairs - withDeals)
            + " pairings never deal.",
        { { "pairings_with_deals", static_cast<long long>(withDeals) },
            { "pairings_over_spe", static_cast<long long>(overpaying) }, { "seller_spe_share", share } },
        withDeals > 0 && overpaying == withDeals };
    result.findings.push_back(std::move(overpay));
    if (closest) {
        result.findings.push_back({ "closest",
            "As buyer, " + closest->first + " makes the deals closest to the SPE price (mean distance "
                + fixedText(closest->second, 3) + " per unit); the prototype found Greedy closest.",
            { { "strategy", closest->first }, { "mean_distance", closest->second } }, closest->first == "greedy" });
    }
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
