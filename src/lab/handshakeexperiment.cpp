// Experiment 1, the basic handshake (see experiments.h).
#include "experiments.h"

#include "builtinscenarios.h"
#include "rng.h"
#include "simulation.h"
#include "trialrunner.h"

#include <cmath>

namespace haggle::lab {

namespace {

const std::vector<std::string> MatrixStrategies { "greedy", "fair", "patient", "adaptive" };
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
};

} // namespace

HandshakeResult runHandshake(const ExperimentOptions& options)
{
    HandshakeResult result;
    const Scenario pair = builtinScenario("handshake");
    result.baseSeed = options.seed.value_or(pair.seed);

    // 1. The message trace: the built-in pair (Fair buyer, Greedy seller), its first negotiation.
    {
        Scenario s = pair;
        s.seed = result.baseSeed;
        Simulation sim(s);
        sim.step();
        const auto& ev = sim.lastEvents();
        if (!ev.negotiations.empty()) {
            const auto& n = ev.negotiations.front();
            result.traceOutcome = std::string(negotiationOutcomeName(n.outcome));
            result.traceBuyer = sim.agents()[n.buyer].id();
            result.traceSeller = sim.agents()[n.seller].id();
            for (const auto& m : ev.messagesOf(n.id))
                result.trace.push_back({ std::string(messageTypeName(m.type)), sim.agents()[m.from].id(),
                    sim.agents()[m.to].id(), m.turn, m.price, std::string(messageReasonName(m.reason)) });
        }
    }

    // 2. The strategy matrix: every buyer strategy against every seller strategy, one negotiation per seed.
    result.strategies = MatrixStrategies;
    result.seeds = options.trials.value_or(DefaultMatrixSeeds);
    const int k = static_cast<int>(MatrixStrategies.size());
    const TrialRunner runner(options.threads);
    const auto cells = runner.run(k * k * result.seeds, [&](int index) {
        const int cell = index / result.seeds;
        Scenario s = pair;
        s.rounds = 1;
        s.seed = deriveSeed(result.baseSeed, static_cast<std::uint64_t>(index % result.seeds));
        s.agents[0].strategy = { MatrixStrategies[static_cast<std::size_t>(cell / k)], {}, std::nullopt };
        s.agents[1].strategy = { MatrixStrategies[static_cast<std::size_t>(cell % k)], {}, std::nullopt };
        Simulation sim(s);
        sim.setRecordMessages(false);
        sim.step();
        MatrixCell out;
        for (const auto& n : sim.lastEvents().negotiations) {
            out.negotiated = true;
            out.turns = n.turns;
            out.deal = n.outcome == NegotiationOutcome::Accepted;
            out.unitPrice = n.unitPrice;
        }
        return out;
    });
    result.dealRate.assign(k, std::vector<double>(k, 0.0));
    result.meanPrice.assign(k, std::vector<std::optional<double>>(k));
    result.meanTurns.assign(k, std::vector<double>(k, 0.0));
    for (int cell = 0; cell < k * k; ++cell) {
        int negotiations = 0, deals = 0, turns = 0;
        double priceSum = 0.0;
        for (int i = 0; i < result.seeds; ++i) {
            const auto& c = cells[static_cast<std::size_t>(cell * result.seeds + i)];
            negotiations += c.negotiated ? 1 : 0;
            deals += c.deal ? 1 : 0;
            turns += c.turns;
            priceSum += c.deal ? c.unitPrice : 0.0;
        }
        const auto b = static_cast<std::size_t>(cell / k), s = static_cast<std::size_t>(cell % k);
        result.dealRate[b][s] = negotiations ? double(deals) / negotiations : 0.0;
        result.meanTurns[b][s] = negotiations ? double(turns) / negotiations : 0.0;
        if (deals)
            result.meanPrice[b][s] = priceSum / deals;
    }

    // 3. Convergence: two Adaptive agents with divergent beliefs trade for 100 rounds.
    Scenario conv = builtinScenario("adaptive-convergence");
    if (options.seed)
        conv.seed = *options.seed;
    result.convergence = runScenario(conv);
    for (const auto& d : result.convergence.deals)
        result.convergencePrices.push_back(d.unitPrice);
    const auto& p = result.convergencePrices;
    const std::size_t window = std::min<std::size_t>(VolatilityWindow, p.size());
    result.earlyVolatility = sampleSd(p, 0, window);
    result.lateVolatility = sampleSd(p, p.size() - window, window);
    for (std::size_t start = 0; start < p.size(); ++start) {
        bool stable = true;
        for (std::size_t i = start + 1; i < p.size() && stable; ++i)
            stable = std::abs(p[i] - p[start]) <= StableTolerance;
        if (stable) {
            result.stableFromDeal = static_cast<int>(start + 1);
            break;
        }
    }
    return result;
}

} // namespace haggle::lab
