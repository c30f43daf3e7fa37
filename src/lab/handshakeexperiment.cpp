// Experiment 1, the basic handshake (see handshakeexperiment.h).
#include "handshakeexperiment.h"

#include "bargaining.h"
#include "builtinscenarios.h"
#include "rng.h"
#include "simulation.h"
#include "statistics.h"
#include "trialrunner.h"

#include <cmath>

namespace haggle::lab {

namespace {

const std::vector<std::string> MatrixStrategies { "greedy", "fair", "patient", "adaptive" };
constexpr int DefaultMatrixSeeds = 50;
constexpr int VolatilityWindow = 20;
constexpr double StableTolerance = 1e-3;

double sampleSd(const std::vector<double>& v, std::size_t first, std::size_t count)
{
    if (count < 2 || first + count > v.size())
        return 0.0;
    return summarize(std::span<const double>(v.data() + first, count)).sd;
}

struct MatrixCell {
    bool negotiated = false;
    bool deal = false;
    double unitPrice = 0.0;
    int turns = 0;
    bargaining::Analysis analysis; // of the negotiation against bargaining theory
};

// 1. The message trace: the built-in pair (Fair buyer, Greedy seller), its first negotiation.
ResultTable traceTable(const Scenario& pair, std::string& buyer, std::string& seller, std::string& outcome)
{
    ResultTable table { "trace", {}, { { "turn" }, { "type" }, { "from" }, { "to" }, { "price" }, { "reason" } }, {} };
    Simulation sim(pair);
    sim.step();
    const auto& ev = sim.lastEvents();
    if (!ev.negotiations.empty()) {
        const auto& n = ev.negotiations.front();
        outcome = std::string(negotiationOutcomeName(n.outcome));
        buyer = sim.agents()[n.buyer].id();
        seller = sim.agents()[n.seller].id();
        for (const auto& m : ev.messagesOf(n.id))
            table.rows.push_back(
                { static_cast<long long>(m.turn), std::string(messageTypeName(m.type)), sim.agents()[m.from].id(),
                    sim.agents()[m.to].id(), m.price, std::string(messageReasonName(m.reason)) });
    }
    table.title = "Message trace: " + buyer + " buys from " + seller;
    return table;
}

// 2. The strategy matrix: every buyer strategy against every seller strategy, one negotiation per seed.
ResultTable matrixTable(const Scenario& pair, std::uint64_t base, int seeds, const ExperimentContext& context)
{
    const int k = static_cast<int>(MatrixStrategies.size());
    const TrialRunner runner(context.threads);
    const auto cells = runner.run(k * k * seeds, [&](int index) {
        if (context.cancelled())
            throw ExperimentCancelled();
        const int cell = index / seeds;
        Scenario s = pair;
        s.rounds = 1;
        s.seed = deriveSeed(base, static_cast<std::uint64_t>(index % seeds));
        s.agents[0].strategy = { MatrixStrategies[static_cast<std::size_t>(cell / k)], {}, std::nullopt };
        s.agents[1].strategy = { MatrixStrategies[static_cast<std::size_t>(cell % k)], {}, std::nullopt };
        Simulation sim(s);
        sim.setRecordMessages(false);
        sim.step();
        MatrixCell out;
        const bargaining::Problem problem
            = s.analysis.problem(bargaining::buyerValue(s.market.jobValue, s.agents[0].urgency));
        for (const auto& n : sim.lastEvents().negotiations) {
            out.negotiated = true;
            out.turns = n.turns;
            out.deal = n.outcome == NegotiationOutcome::Accepted;
            out.unitPrice = n.unitPrice;
            out.analysis = bargaining::analyse(problem, out.deal ? std::optional(n.unitPrice) : std::nullopt);
        }
        return out;
    });
    ResultTable table { "matrix",
        "Strategy matrix: deal rate over " + std::to_string(seeds)
            + " seeds, each negotiation against the Rubinstein price and the Nash solution (one row per buyer and "
              "seller)",
        { { "buyer" }, { "seller" }, { "deal_rate", "share" }, { "mean_unit_price", "unit price", 3 },
            { "mean_turns", "turns" }, { "spe_price", "unit price", 3 }, { "over_spe", "unit price", 3 },
            { "nash_distance", "utility", 3 }, { "buyer_utility", "utility", 3, true },
            { "seller_utility", "utility", 3, true }, { "seeds", "", 0, true } },
        {} };
    for (int cell = 0; cell < k * k; ++cell) {
        int negotiations = 0, deals = 0, turns = 0;
        double priceSum = 0.0, overSpe = 0.0, nash = 0.0, buyerUtility = 0.0, sellerUtility = 0.0, spe = 0.0;
        for (int i = 0; i < seeds; ++i) {
            const auto& c = cells[static_cast<std::size_t>(cell * seeds + i)];
            negotiations += c.negotiated ? 1 : 0;
            deals += c.deal ? 1 : 0;
            turns += c.turns;
            priceSum += c.deal ? c.unitPrice : 0.0;
            overSpe += c.deal ? c.analysis.priceOverRubinstein : 0.0;
            nash += c.analysis.nashDistance;
            buyerUtility += c.analysis.outcome.buyer;
            sellerUtility += c.analysis.outcome.seller;
            spe = c.analysis.rubinsteinPrice;
        }
        const auto perNegotiation = [&](double sum) { return negotiations ? Cell(sum / negotiations) : Cell(); };
        table.rows.push_back({ MatrixStrategies[static_cast<std::size_t>(cell / k)],
            MatrixStrategies[static_cast<std::size_t>(cell % k)], negotiations ? double(deals) / negotiations : 0.0,
            deals ? Cell(priceSum / deals) : Cell(), negotiations ? double(turns) / negotiations : 0.0,
            negotiations ? Cell(spe) : Cell(), deals ? Cell(overSpe / deals) : Cell(), perNegotiation(nash),
            perNegotiation(buyerUtility), perNegotiation(sellerUtility), static_cast<long long>(seeds) });
    }
    return table;
}

Finding matrixFinding(const ResultTable& matrix)
{
    std::string closing;
    int pairs = 0;
    for (std::size_t r = 0; r < matrix.rows.size(); ++r) {
        if (cellNumber(matrix.at(r, "deal_rate")) > 0.0) {
            closing += (closing.empty() ? "" : ", ") + cellText(matrix.at(r, "buyer")) + "-"
                + cellText(matrix.at(r, "seller")) + " " + fixedText(100.0 * cellNumber(matrix.at(r, "deal_rate")), 0)
                + "%";
            ++pairs;
        }
    }
    const auto others = static_cast<long long>(matrix.rows.size()) - pairs;
    return { "matrix",
        (pairs ? "Pairings that close deals (buyer-seller): " + closing : std::string("No pairing closes a deal"))
            + "; the other " + std::to_string(others) + " pairings always deadlock.",
        { { "pairings_with_deals", static_cast<long long>(pairs) }, { "deadlocked_pairings", others } } };
}

} // namespace

HandshakeExperiment::HandshakeExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_seeds(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
    , m_rounds(parameters.integer("rounds"))
    , m_convergenceSeed(static_cast<std::uint64_t>(parameters["convergence_seed"]))
{
}

KindInfo HandshakeExperiment::kindInfo()
{
    const Scenario pair = builtinScenario("handshake");
    const Scenario convergence = builtinScenario("adaptive-convergence");
    return { "handshake",
        "Experiment 1: a Fair-Greedy message trace, the 4x4 strategy matrix, two Adaptive agents converging",
        {
            { "trials", DefaultMatrixSeeds, 1, MaxTrials, "seeds of each buyer-seller pairing in the matrix", "seeds",
                ParameterType::Integer },
            { "seed", static_cast<double>(pair.seed), 0, MaxExactSeed, "base seed of the trace and the matrix", "",
                ParameterType::Integer },
            { "convergence_seed", static_cast<double>(convergence.seed), 0, MaxExactSeed,
                "seed of the Adaptive convergence run", "", ParameterType::Integer },
            { "rounds", static_cast<double>(convergence.rounds), 1, MaxRounds, "rounds of the Adaptive convergence run",
                "rounds", ParameterType::Integer },
        } };
}

ExperimentResult HandshakeExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Experiment 1: the basic handshake";
    const std::uint64_t base = context.seedFor(m_seed);
    const int seeds = context.trials.value_or(m_seeds);
    result.parameters = { { "trials", static_cast<long long>(seeds) }, { "seed", seedCell(base) },
        { "rounds", static_cast<long long>(m_rounds) },
        { "convergence_seed", seedCell(context.seedFor(m_convergenceSeed)) } };
    Scenario pair = builtinScenario("handshake");
    pair.seed = base;

    context.checkpoint(0.0, "trace");
    std::string buyer, seller, outcome;
    result.tables.push_back(traceTable(pair, buyer, seller, outcome));
    const auto messages = static_cast<long long>(result.tables.back().rows.size());
    result.findings.push_back({ "trace",
        buyer + " (buyer) and " + seller + " (seller) exchange " + std::to_string(messages)
            + " messages; outcome: " + outcome + ".",
        { { "messages", messages }, { "outcome", outcome } } });

    context.checkpoint(0.05, "matrix");
    result.tables.push_back(matrixTable(pair, base, seeds, context));
    result.findings.push_back(matrixFinding(result.tables.back()));

    // 3. Convergence: two Adaptive agents with divergent beliefs trade.
    context.checkpoint(0.9, "convergence");
    Scenario conv = builtinScenario("adaptive-convergence");
    conv.seed = context.seedFor(m_convergenceSeed); // --seed sets every part's
    conv.rounds = m_rounds;
    RunResult convergence = runScenario(conv);
    std::vector<double> prices;
    ResultTable priceTable { "convergence-prices", "Adaptive convergence: unit price of each deal",
        { { "deal" }, { "round" }, { "unit_price", "unit price", 3 } }, {}, false };
    for (const auto& d : convergence.deals) {
        prices.push_back(d.unitPrice);
        priceTable.rows.push_back(
            { static_cast<long long>(prices.size()), static_cast<long long>(d.round), d.unitPrice });
    }
    const std::size_t window = std::min<std::size_t>(VolatilityWindow, prices.size());
    const double early = sampleSd(prices, 0, window);
    const double late = sampleSd(prices, prices.size() - window, window);
    std::optional<int> stableFrom;
    for (std::size_t start = 0; start < prices.size() && !stableFrom; ++start) {
        bool stable = true;
        for (std::size_t i = start + 1; i < prices.size() && stable; ++i)
            stable = std::abs(prices[i] - prices[start]) <= StableTolerance;
        if (stable)
            stableFrom = static_cast<int>(start + 1);
    }
    const std::optional<double> finalPrice = prices.empty() ? std::nullopt : std::optional(prices.back());
    result.tables.push_back(std::move(priceTable));
    result.findings.push_back({ "convergence",
        "Two Adaptive agents (beliefs 0.5 and 1.5 per unit) make " + std::to_string(prices.size()) + " deals in "
            + std::to_string(conv.rounds) + " rounds; the price's standard deviation falls from " + fixedText(early, 4)
            + " over the first " + std::to_string(window) + " deals to " + fixedText(late, 4) + " over the last "
            + std::to_string(window) + "; stable from deal "
            + (stableFrom ? std::to_string(*stableFrom) : std::string("never"))
            + (finalPrice ? " (price " + fixedText(*finalPrice, 3) + ")." : std::string(".")),
        { { "deals", static_cast<long long>(prices.size()) }, { "early_volatility", early },
            { "late_volatility", late }, { "stable_from_deal", optionalCell(stableFrom) },
            { "final_unit_price", optionalCell(finalPrice) } } });
    result.runs.push_back({ "convergence", "Adaptive convergence", std::move(convergence) });
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
