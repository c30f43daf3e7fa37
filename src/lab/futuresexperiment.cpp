// Experiment `futures` (see futuresexperiment.h).
//
// Trial i of every market gets the seed deriveSeed(seed, i): each condition meets the same draws of demand where its
// own draws leave them alone, and every number is the same for any thread count.
#include "futuresexperiment.h"

#include "bargainingstudy.h"
#include "futuresmechanism.h"
#include "simulation.h"
#include "statistics.h"
#include "trialrunner.h"

#include <cmath>

namespace haggle::lab {

namespace {

constexpr int FuturesProviders = 8;
constexpr int FuturesBuyers = 16;

// What one run measured; the per-round series are NaN in rounds without a price.
struct FuturesTrial {
    double spotPrice = NaN; // mean over rounds of the round's mean spot unit price
    double spotVolatility = NaN; // standard deviation over rounds of the round's mean spot unit price
    double futuresPrice = NaN; // mean unit price of the contracts traded
    double buyerSurplus = 0.0; // a buyer's gain a round (jobs run less what it paid, escrow included)
    double contracts = 0.0; // traded a round
    double defaultRate = NaN; // of the contracts due, the share defaulted
    double openInterest = 0.0; // mean units under contract and not yet delivered
    double arbitrageProfit = NaN; // the arbitrageur's gain a round (NaN: none in the market)
    std::vector<double> spotByRound, futuresByRound, interestByRound;
};

FuturesTrial runFuturesMarket(const FuturesMarket& market)
{
    const Scenario scenario = futuresScenario(market);
    Simulation sim(scenario);
    sim.setRecordMessages(false);
    sim.setDealHistoryLimit(0);
    const auto* futures = dynamic_cast<const FuturesMechanism*>(&sim.mechanism());
    const MarketState& state = sim.state();
    std::vector<double> start;
    for (const Agent& a : state.agents())
        start.push_back(a.budget());
    FuturesTrial t;
    std::vector<double> spot;
    double futuresSum = 0.0, interest = 0.0;
    long traded = 0, due = 0, defaulted = 0;
    for (int r = 1; r <= market.rounds; ++r) {
        sim.step();
        const RoundEvents& e = sim.lastEvents();
        double roundSpot = NaN, roundFutures = 0.0;
        long roundTraded = 0;
        if (futures) {
            if (const auto p = futures->lastSpotPrice(ResourceKind::Gpu))
                roundSpot = *p;
        } else if (!e.deals.empty()) {
            double sum = 0.0;
            for (const DealRecord& d : e.deals)
                sum += d.unitPrice;
            roundSpot = sum / double(e.deals.size());
        }
        for (const FuturesRecord& f : e.futures) {
            if (f.kind == FuturesRecord::Kind::Traded) {
                roundFutures += f.unitPrice;
                ++roundTraded;
            } else {
                ++due;
                defaulted += f.kind == FuturesRecord::Kind::Defaulted ? 1 : 0;
            }
        }
        if (!std::isnan(roundSpot))
            spot.push_back(roundSpot);
        traded += roundTraded;
        futuresSum += roundFutures;
        const double open = futures ? futures->openInterest() : 0.0;
        interest += open;
        t.spotByRound.push_back(roundSpot);
        t.futuresByRound.push_back(roundTraded > 0 ? roundFutures / double(roundTraded) : NaN);
        t.interestByRound.push_back(open);
    }
    if (!spot.empty()) {
        const Summary s = summarize(spot);
        t.spotPrice = s.mean;
        t.spotVolatility = s.sd;
    }
    if (traded > 0)
        t.futuresPrice = futuresSum / double(traded);
    if (due > 0)
        t.defaultRate = double(defaulted) / double(due);
    t.contracts = double(traded) / market.rounds;
    t.openInterest = interest / market.rounds;
    // A buyer's gain counts what it still has in escrow: money paid for compute not yet delivered is not lost.
    std::vector<double> escrow(state.size(), 0.0);
    if (futures) {
        for (const Agreement& c : futures->openContracts())
            escrow[c.buyer()] += c.price;
    }
    double buyers = 0.0;
    for (AgentIndex i = 0; i < state.size(); ++i) {
        const double gain = state.agent(i).budget() + escrow[i] - start[i];
        const std::string& role = scenario.agents[i].role;
        if (role == "buyer")
            buyers += gain;
        else if (role == "trader")
            t.arbitrageProfit = gain / market.rounds;
    }
    t.buyerSurplus = buyers / FuturesBuyers / market.rounds;
    return t;
}

// The mean over trials of each round's value, skipping NaN (NaN where every trial has none).
std::vector<double> meanByRound(const std::vector<FuturesTrial>& trials, std::size_t first, std::size_t count,
    std::vector<double> FuturesTrial::*series)
{
    std::vector<double> mean;
    for (std::size_t r = 0; count > 0 && r < (trials[first].*series).size(); ++r) {
        double sum = 0.0;
        int n = 0;
        for (std::size_t i = first; i < first + count; ++i) {
            const double x = (trials[i].*series)[r];
            if (!std::isnan(x)) {
                sum += x;
                ++n;
            }
        }
        mean.push_back(n > 0 ? sum / n : NaN);
    }
    return mean;
}

} // namespace

Scenario futuresScenario(const FuturesMarket& m)
{
    Scenario s;
    s.name = "futures";
    s.rounds = m.rounds;
    s.seed = m.seed;
    s.mechanism = { m.mechanism, {} };
    if (m.mechanism == "futures")
        s.mechanism.params["horizon"] = m.horizon;
    const auto trader = [](std::string id, std::string role, std::string strategy) {
        AgentSpec a;
        a.id = std::move(id);
        a.role = std::move(role);
        a.strategy.type = std::move(strategy);
        a.budget = 500.0;
        return a;
    };
    for (int i = 0; i < FuturesProviders; ++i) {
        AgentSpec a = trader("p" + std::to_string(i + 1), "provider", "zi-c");
        a.holdings.gpu = 4.0;
        a.unitCost = evenlySpread(i, FuturesProviders, 0.2, 0.8);
        if (i == 0)
            a.strategy.params["cheat_probability"] = 0.3;
        s.agents.push_back(std::move(a));
    }
    for (int j = 0; j < FuturesBuyers; ++j) {
        AgentSpec a = trader("b" + std::to_string(j + 1), "buyer", "zi-c");
        a.urgency = evenlySpread(j, FuturesBuyers, 0.0, 1.0);
        s.agents.push_back(std::move(a));
    }
    if (m.arbitrageur)
        s.agents.push_back(trader("arbitrageur", "trader", "arbitrageur"));
    const auto buyersNeed = [](double probability, double gpu) {
        NeedRule rule;
        rule.who = NeedRule::Who::Role;
        rule.role = "buyer";
        rule.probability = probability;
        rule.need.gpu = gpu;
        return rule;
    };
    s.demand.rules.push_back(buyersNeed(m.bursty ? 0.4 : 0.6, 1.0));
    if (m.bursty) {
        for (int first = 11; first + 4 <= m.rounds; first += 20)
            s.demand.phases.push_back({ "rush", first, first + 4, { buyersNeed(1.0, 3.0) } });
    }
    return s;
}

FuturesExperiment::FuturesExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
    , m_rounds(parameters.integer("rounds"))
    , m_horizon(parameters.integer("horizon"))
{
}

KindInfo FuturesExperiment::kindInfo()
{
    return { "futures",
        "Compute futures against a spot market alone, under stable and bursty demand: prices, volatility, defaults, "
        "open interest, and what an arbitrageur earns",
        {
            { "trials", DefaultTrials, 1, MaxTrials, "trials of each market", "trials", ParameterType::Integer },
            { "seed", static_cast<double>(DefaultSeed), 0, MaxExactSeed,
                "base seed; trial i of every market gets deriveSeed(seed, i)", "", ParameterType::Integer },
            { "rounds", 100, 20, 10000, "rounds of each market", "rounds", ParameterType::Integer },
            { "horizon", 5, 1, 50, "rounds from a futures trade to its delivery", "rounds", ParameterType::Integer },
        } };
}

ExperimentResult FuturesExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Compute futures and arbitrage";
    const int trials = context.trials.value_or(m_trials);
    const std::uint64_t seed = context.seedFor(m_seed);
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(seed) },
        { "rounds", static_cast<long long>(m_rounds) }, { "horizon", static_cast<long long>(m_horizon) } };
    struct Condition {
        std::string label;
        FuturesMarket market;
    };
    const auto market = [&](const char* mechanism, bool bursty, bool arbitrageur) {
        FuturesMarket m;
        m.mechanism = mechanism;
        m.bursty = bursty;
        m.arbitrageur = arbitrageur;
        m.rounds = m_rounds;
        m.horizon = m_horizon;
        return m;
    };
    const std::vector<Condition> conditions { { "stable, spot only", market("double-auction", false, false) },
        { "stable, futures", market("futures", false, false) },
        { "stable, futures and an arbitrageur", market("futures", false, true) },
        { "bursty, spot only", market("double-auction", true, false) },
        { "bursty, futures", market("futures", true, false) },
        { "bursty, futures and an arbitrageur", market("futures", true, true) } };
    context.checkpoint(0.0, "markets");
    const TrialRunner runner(context.threads);
    const auto all = runner.run(static_cast<int>(conditions.size()) * trials, [&](int j) {
        if (context.cancelled())
            throw ExperimentCancelled();
        FuturesMarket m = conditions[static_cast<std::size_t>(j / trials)].market;
        m.seed = deriveSeed(seed, static_cast<std::uint64_t>(j % trials));
        return runFuturesMarket(m);
    });
    context.checkpoint(0.9, "tables");
    const auto values = [&](std::size_t k, double FuturesTrial::*field) {
        std::vector<double> v;
        for (int i = 0; i < trials; ++i) {
            const double x = all[k * static_cast<std::size_t>(trials) + static_cast<std::size_t>(i)].*field;
            if (!std::isnan(x))
                v.push_back(x);
        }
        return v;
    };
    const auto cellOf = [](const Summary& s, double Summary::*field) { return s.n ? Cell(s.*field) : Cell(NaN); };

    ResultTable table { "spot-vs-futures",
        "Each market's means over trials (ci95: half-width of the 95% confidence interval; unit prices per reference "
        "value)",
        { { "market" }, { "spot_price", "unit price", 3 }, { "spot_price_ci95", "", 3 },
            { "spot_volatility", "sd over rounds", 3 }, { "spot_volatility_ci95", "", 3 },
            { "futures_price", "unit price", 3 }, { "futures_price_ci95", "", 3 }, { "buyer_surplus", "per round", 3 },
            { "buyer_surplus_ci95", "", 3 }, { "contracts", "per round", 2 }, { "default_rate", "share", 3 },
            { "open_interest", "units", 2 } },
        {} };
    std::vector<Summary> spot, volatility, futuresPrice, surplus, arbitrage;
    std::vector<RankedSummary> surplusRanked, arbitrageRanked;
    for (std::size_t k = 0; k < conditions.size(); ++k) {
        spot.push_back(summarize(values(k, &FuturesTrial::spotPrice)));
        volatility.push_back(summarize(values(k, &FuturesTrial::spotVolatility)));
        futuresPrice.push_back(summarize(values(k, &FuturesTrial::futuresPrice)));
        surplus.push_back(summarize(values(k, &FuturesTrial::buyerSurplus)));
        arbitrage.push_back(summarize(values(k, &FuturesTrial::arbitrageProfit)));
        const Summary contracts = summarize(values(k, &FuturesTrial::contracts));
        const Summary defaults = summarize(values(k, &FuturesTrial::defaultRate));
        const Summary interest = summarize(values(k, &FuturesTrial::openInterest));
        std::vector<Cell> row { conditions[k].label, cellOf(spot[k], &Summary::mean), cellOf(spot[k], &Summary::ci95),
            cellOf(volatility[k], &Summary::mean), cellOf(volatility[k], &Summary::ci95),
            cellOf(futuresPrice[k], &Summary::mean), cellOf(futuresPrice[k], &Summary::ci95),
            cellOf(surplus[k], &Summary::mean), cellOf(surplus[k], &Summary::ci95) };
        row.push_back(contracts.mean);
        row.push_back(cellOf(defaults, &Summary::mean));
        row.push_back(interest.mean);
        table.rows.push_back(std::move(row));
        surplusRanked.push_back({ conditions[k].label, surplus[k] });
        if (arbitrage[k].n)
            arbitrageRanked.push_back({ conditions[k].label, arbitrage[k] });
    }
    result.tables.push_back(std::move(table));
    result.series.push_back(rankingSeries(
        "buyer-surplus", "A buyer's gain a round", "Market", "Jobs run less what it paid, per round", surplusRanked));
    result.series.push_back(rankingSeries(
        "arbitrage-profit", "What the arbitrageur earns a round", "Market", "Profit per round", arbitrageRanked));
    // Round by round, in the bursty market with futures: the spot and futures prices, and the open interest.
    {
        const std::size_t k = 4;
        const std::size_t first = k * static_cast<std::size_t>(trials);
        std::vector<double> rounds;
        for (int r = 1; r <= m_rounds; ++r)
            rounds.push_back(r);
        ResultSeries prices { "spot-vs-futures", "Spot and futures unit prices, bursty demand (means over trials)",
            ChartKind::Line, "Round", "Unit price", {}, {} };
        prices.lines.push_back(
            { "spot", rounds, meanByRound(all, first, std::size_t(trials), &FuturesTrial::spotByRound) });
        prices.lines.push_back({ "futures (traded that round)", rounds,
            meanByRound(all, first, std::size_t(trials), &FuturesTrial::futuresByRound) });
        result.series.push_back(std::move(prices));
        ResultSeries interest { "open-interest", "Open interest, bursty demand (means over trials)", ChartKind::Line,
            "Round", "GPU hours under contract", {}, {} };
        interest.lines.push_back(
            { "open interest", rounds, meanByRound(all, first, std::size_t(trials), &FuturesTrial::interestByRound) });
        result.series.push_back(std::move(interest));
    }

    // Findings.
    const auto ci
        = [](const Summary& s) { return "95% CI " + fixedText(s.lower(), 3) + " to " + fixedText(s.upper(), 3); };
    result.findings.push_back({ "futures_price",
        "Under stable demand futures trade at " + fixedText(futuresPrice[1].mean, 3) + " a unit (" + ci(futuresPrice[1])
            + ") against a spot price of " + fixedText(spot[1].mean, 3) + "; under bursty demand at "
            + fixedText(futuresPrice[4].mean, 3) + " against " + fixedText(spot[4].mean, 3) + " (" + ci(spot[4]) + ").",
        { { "stable_futures", futuresPrice[1].mean }, { "stable_spot", spot[1].mean },
            { "bursty_futures", futuresPrice[4].mean }, { "bursty_spot", spot[4].mean } } });
    result.findings.push_back({ "volatility",
        "Under bursty demand the spot price varies by " + fixedText(volatility[3].mean, 3)
            + " (sd over rounds) in a spot market alone and by " + fixedText(volatility[4].mean, 3)
            + " beside futures (" + ci(volatility[4]) + ").",
        { { "spot_only", volatility[3].mean }, { "with_futures", volatility[4].mean } },
        volatility[4].upper() < volatility[3].lower() });
    result.findings.push_back({ "hedging",
        "A buyer gains " + fixedText(surplus[3].mean, 3) + " a round under bursty demand in a spot market alone and "
            + fixedText(surplus[4].mean, 3) + " with futures (" + ci(surplus[4]) + "); under stable demand "
            + fixedText(surplus[0].mean, 3) + " and " + fixedText(surplus[1].mean, 3) + ".",
        { { "bursty_spot", surplus[3].mean }, { "bursty_futures", surplus[4].mean }, { "stable_spot", surplus[0].mean },
            { "stable_futures", surplus[1].mean } },
        surplus[4].lower() > surplus[3].upper() });
    result.findings.push_back({ "arbitrage",
        "The arbitrageur earns " + fixedText(arbitrage[2].mean, 3) + " a round under stable demand (" + ci(arbitrage[2])
            + ") and " + fixedText(arbitrage[5].mean, 3) + " under bursty demand (" + ci(arbitrage[5]) + ").",
        { { "stable", arbitrage[2].mean }, { "stable_ci95", arbitrage[2].ci95 }, { "bursty", arbitrage[5].mean },
            { "bursty_ci95", arbitrage[5].ci95 } },
        arbitrage[5].lower() > 0.0 && arbitrage[2].upper() < arbitrage[5].lower() });
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
