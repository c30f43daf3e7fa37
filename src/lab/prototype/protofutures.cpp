// The prototype's experiment 7, predictive negotiation and futures: a spot market against one with futures
// contracts, four demand patterns, and an arbitrageur that buys when demand is low.
#include "protosetups.h"
#include "prototypeexperiments.h"
#include "trialrunner.h"

#include <cmath>
#include <numbers>

namespace haggle::lab::prototype {

namespace {

constexpr int FuturesTrials = 100;
constexpr int Rounds = 100;

// Demand (gpu hours) in round r, counted from 0.
double cyclic(int r, double period = 20.0)
{
    const double x = static_cast<double>(r);
    return 5.0 + 8.0 * (0.5 + 0.5 * std::sin(((2 * std::numbers::pi) * x) / period));
}
double bursty(PyRandom& g)
{
    return g.random() < 0.15 ? 23.0 : 3.0;
}
double trending(int r)
{
    return 3.0 + 0.05 * static_cast<double>(r);
}

// An exponential moving average of demand (alpha 0.3), starting at 5.
struct Predictor {
    double prediction = 5.0;
    void observe(double demand) { prediction = 0.3 * demand + (1 - 0.3) * prediction; }
};

std::vector<Agent> spotMarket()
{
    std::vector<Agent> agents;
    agents.push_back(makeAgent("provider_1", gpu(200), 20.0, Strategy::fair(), 0.2));
    agents.push_back(makeAgent("provider_2", gpu(150), 25.0, Strategy::adaptive(1.0), 0.2));
    agents.push_back(makeAgent("seeker_1", gpu(5), 150.0, Strategy::adaptive(1.0), 0.7));
    agents.push_back(makeAgent("seeker_2", gpu(5), 120.0, Strategy::fair(), 0.8));
    return agents;
}

struct MarketTrial {
    std::optional<double> meanPrice;
    double dealRate = 0.0;
    double defaults = 0.0;
};

MarketTrial spotTrial(std::int64_t seed, bool futures)
{
    PyRandom rng;
    Market market(spotMarket(), rng, 6, seed);
    Predictor first, second; // the prototype kept two; only the first decides
    int deals = 0, attempts = 0, defaults = 0;
    std::vector<double> prices;
    for (int r = 0; r < Rounds; ++r) {
        const double d = cyclic(r);
        int deliveries = 0, defaulted = 0;
        if (futures) {
            first.observe(d);
            second.observe(d);
            const double predicted = first.prediction;
            if (predicted > d * 1.3 && r < 95) {
                const Resource bundle = gpu(predicted * 0.5);
                const double price = haggle::prototype::units(bundle) * 1.1;
                if (market.agent(2).budget >= price) {
                    rng.random(); // the prototype drew a provider and always took provider_1
                    market.createContract(0, 2, bundle, price, r + 5);
                }
            }
            std::tie(deliveries, defaulted) = market.settleContracts();
        }
        market.agent(2).pendingNeeds = gpu(d);
        market.agent(3).pendingNeeds = gpu(d);
        const auto m = market.runRound();
        deals += m.dealsMade + deliveries;
        attempts += m.negotiations + deliveries + defaulted;
        defaults += defaulted;
        if (m.avgPricePerUnit > 0)
            prices.push_back(m.avgPricePerUnit);
    }
    MarketTrial t;
    if (!prices.empty())
        t.meanPrice = pyMean(prices);
    t.dealRate = static_cast<double>(deals) / static_cast<double>(std::max(attempts, 1));
    t.defaults = static_cast<double>(defaults);
    return t;
}

} // namespace

KindInfo FuturesExperiment::kindInfo()
{
    return kind("futures", "Experiment 7 (prototype rules): spot vs futures market, four demand patterns, arbitrage");
}

std::string_view FuturesExperiment::title() const
{
    return "Experiment 7: predictive negotiation and futures (prototype rules)";
}

void FuturesExperiment::play(const ExperimentContext& context, Transcript& out, ExperimentResult& result) const
{
    const std::int64_t k = seedOffset(context);
    const TrialRunner runner(context.threads);
    out.banner(7, "PREDICTIVE NEGOTIATION & FUTURES");

    // 1. Spot against futures.
    context.checkpoint(0.0, "spot vs futures");
    const auto trials = runner.run(FuturesTrials, [k](int trial) {
        return std::pair { spotTrial(trial + k, false), spotTrial(trial + k, true) };
    });
    std::vector<double> spotPrices, futPrices, spotRates, futRates, futDefaults;
    for (const auto& [spot, fut] : trials) {
        if (spot.meanPrice)
            spotPrices.push_back(*spot.meanPrice);
        spotRates.push_back(spot.dealRate);
        if (fut.meanPrice)
            futPrices.push_back(*fut.meanPrice);
        futRates.push_back(fut.dealRate);
        futDefaults.push_back(fut.defaults);
    }
    const StatResult sp = describe(spotPrices), fp = describe(futPrices);
    const StatResult sr = describe(spotRates), fr = describe(futRates), df = describe(futDefaults);
    out.line("=== Spot Market vs Futures Market ===");
    out.line();
    out.line(format("%-25s %25s %25s", "Metric", "Spot Market", "Futures Market"));
    out.line(std::string(77, '-'));
    out.line(
        format("%-25s %10.3f \u00b1%.3f      %10.3f \u00b1%.3f", "Avg Price/Unit", sp.mean, sp.std, fp.mean, fp.std));
    out.line(format("%-25s ", "Deal Success Rate") + percent(sr.mean, 1, 10) + " \u00b1" + percent(sr.std, 1) + "      "
        + percent(fr.mean, 1, 10) + " \u00b1" + percent(fr.std, 1));
    out.line(format("%-25s %16s      %10.1f \u00b1%.1f", "Contract Defaults", "N/A", df.mean, df.std));
    out.line();
    const auto [pt, pp] = welchTTest(spotPrices, futPrices);
    const auto [rt, rp] = welchTTest(spotRates, futRates);
    out.line(format("Price difference: t=%.3f, p=%.2e", pt, pp));
    out.line(format("Deal rate difference: t=%.3f, p=%.2e", rt, rp));
    result.findings.push_back({ "futures_no_effect",
        format("Futures contracts make no significant difference to the unit price (p=%.2e) or the deal rate "
               "(p=%.2e).",
            pp, rp),
        { { "price_p", pp }, { "rate_p", rp } }, !(pp < 0.05) && !(rp < 0.05) });

    // 2. Demand patterns.
    context.checkpoint(0.4, "demand patterns");
    out.line();
    out.line("=== Demand Pattern Analysis ===");
    out.line();
    const char* patterns[] = { "cyclic", "bursty", "trending", "constant" };
    bool flatPrice = true;
    for (int pattern = 0; pattern < 4; ++pattern) {
        struct PatternTrial {
            std::optional<double> price;
            std::optional<double> volatility;
            double dealRate = 0.0;
        };
        const auto runs = runner.run(FuturesTrials, [pattern, k](int trial) {
            PyRandom g(0);
            g.seedSigned(trial + k);
            PyRandom rng;
            std::vector<Agent> agents;
            agents.push_back(makeAgent("provider", gpu(500), 20.0, Strategy::fair(), 0.2));
            agents.push_back(makeAgent("seeker", gpu(5), 200.0, Strategy::adaptive(1.0), 0.7));
            Market market(std::move(agents), rng, 6, trial + k);
            std::vector<double> prices;
            int roundsWithDeals = 0;
            for (int r = 0; r < Rounds; ++r) {
                const double d = pattern == 0 ? cyclic(r) : pattern == 1 ? bursty(g) : pattern == 2 ? trending(r) : 8.0;
                market.agent(1).pendingNeeds = gpu(d);
                const auto m = market.runRound();
                if (m.avgPricePerUnit > 0)
                    prices.push_back(m.avgPricePerUnit);
                roundsWithDeals += m.dealsMade > 0 ? 1 : 0;
            }
            PatternTrial t;
            if (!prices.empty()) {
                t.price = pyMean(prices);
                t.volatility = populationStd(prices);
            }
            t.dealRate = static_cast<double>(roundsWithDeals) / 100.0;
            return t;
        });
        std::vector<double> prices, volatilities, dealRates;
        for (const auto& t : runs) {
            if (t.price) {
                prices.push_back(*t.price);
                volatilities.push_back(*t.volatility);
            }
            dealRates.push_back(t.dealRate);
        }
        const StatResult p = describe(prices);
        const StatResult v = volatilities.empty() ? describe(std::vector<double> { 0.0 }) : describe(volatilities);
        out.line(format("  %-12s: price=%.3f\u00b1%.3f, deals=%s, volatility=%.4f", patterns[pattern], p.mean, p.std,
            percent(describe(dealRates).mean, 0).c_str(), v.mean));
        flatPrice = flatPrice && p.std == 0.0 && v.mean == 0.0;
    }
    result.findings.push_back({ "demand_patterns_flat_price",
        "Every demand pattern trades at one flat price with no volatility: the Fair provider and the Adaptive seeker "
        "agree at the seeker's first request and the seeker, never told of an acceptance, never learns.",
        {}, flatPrice });

    // 3. Arbitrage.
    context.checkpoint(0.8, "arbitrage");
    const auto profits = runner.run(FuturesTrials, [k](int trial) {
        PyRandom rng;
        std::vector<Agent> agents;
        agents.push_back(makeAgent("provider", gpu(500), 30.0, Strategy::fair(), 0.2));
        agents.push_back(makeAgent("normal_seeker", gpu(5), 200.0, Strategy::adaptive(1.0), 0.7));
        agents.push_back(makeAgent("arbitrageur", gpu(50), 200.0, Strategy::adaptive(0.8), 0.5));
        Market market(std::move(agents), rng, 6, trial + k);
        const double arbStart = market.agent(2).netWorth();
        const double normalStart = market.agent(1).netWorth();
        for (int r = 0; r < Rounds; ++r) {
            const double d = cyclic(r, 20);
            if (d < 7) {
                market.agent(2).pendingNeeds = gpu(10);
                market.agent(2).urgency = 0.3;
            } else {
                market.agent(2).pendingNeeds = {};
                market.agent(2).urgency = 0.2;
            }
            market.agent(1).pendingNeeds = gpu(d);
            market.runRound();
        }
        return std::pair { market.agent(2).netWorth() - arbStart, market.agent(1).netWorth() - normalStart };
    });
    std::vector<double> arb, normal;
    for (const auto& [a, n] : profits) {
        arb.push_back(a);
        normal.push_back(n);
    }
    const StatResult as = describe(arb), ns = describe(normal);
    const auto [at, ap] = welchTTest(arb, normal);
    const double ad = cohensD(arb, normal);
    out.line();
    out.line("=== Arbitrage Experiment ===");
    out.line();
    out.line("Arbitrageur profit:  " + statText(as));
    out.line("Normal seeker profit: " + statText(ns));
    out.line(format("Difference: t=%.3f, p=%.2e, d=%.3f", at, ap, ad));
    if (as.mean > ns.mean && ap < 0.05)
        out.line("Result: Arbitrage IS significantly profitable");
    else if (ap < 0.05)
        out.line("Result: Significant difference but arbitrage is LESS profitable");
    else
        out.line("Result: No significant difference \u2014 arbitrage doesn't help");
    result.findings.push_back({ "arbitrage_unprofitable",
        "Buying when demand is low does not pay: the arbitrageur's mean profit " + fixedText(as.mean, 3)
            + " against the normal seeker's " + fixedText(ns.mean, 3) + format(" (p=%.2e).", ap),
        { { "arbitrageur", as.mean }, { "normal", ns.mean }, { "p", ap } }, !(as.mean > ns.mean && ap < 0.05) });
    context.checkpoint(1.0, "done");
}

} // namespace haggle::lab::prototype
