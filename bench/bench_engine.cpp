// Engine benchmarks (Google Benchmark): negotiations per second for each strategy pairing, rounds per second from
// 10 to 1,000,000 agents with message recording on and off, and memory per agent. See docs/performance.md.
#include "marketgenerator.h"

#include "negotiation.h"
#include "simulation.h"
#include "strategyregistry.h"

#include <benchmark/benchmark.h>

#include <malloc.h>

namespace {

using namespace haggle;

class AlwaysSupply final : public SupplyCheck {
public:
    bool canSupply(NegotiationView&) override { return true; }
};

const char* const Strategies[] = { "greedy", "fair", "patient", "adaptive", "broker", "cheater" };

// One negotiation between two strategies, as the mechanism runs it (no message log).
void BM_Negotiation(benchmark::State& state)
{
    auto buyer = makeStrategy({ Strategies[state.range(0)], {}, std::nullopt });
    auto seller = makeStrategy({ Strategies[state.range(1)], {}, std::nullopt });
    NegotiationSetup setup;
    setup.id = 1;
    setup.maxTurns = 6;
    setup.resources.gpu = 10;
    setup.referenceValue = 10;
    setup.buyerView.self = 0;
    setup.buyerView.partner = 1;
    setup.sellerView.self = 1;
    setup.sellerView.partner = 0;
    setup.buyerBudget = 1000;
    AlwaysSupply supply;
    for (auto _ : state) {
        auto result = negotiate(setup, *buyer, *seller, supply, nullptr);
        benchmark::DoNotOptimize(result);
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(std::string(Strategies[state.range(0)]) + " buys from " + Strategies[state.range(1)]);
}
BENCHMARK(BM_Negotiation)->ArgsProduct({ benchmark::CreateDenseRange(0, 5, 1), benchmark::CreateDenseRange(0, 5, 1) });

// Rounds of a whole market: arg 0 = agents, arg 1 = record messages (0/1). Counters: rounds and negotiations per
// second of wall time.
void BM_Rounds(benchmark::State& state)
{
    const auto agents = static_cast<std::size_t>(state.range(0));
    Simulation sim(bench::market(agents));
    sim.setRecordMessages(state.range(1) != 0);
    sim.run(3); // warm up: tables and buffers reach their working size
    std::int64_t rounds = 0, negotiations = 0;
    for (auto _ : state) {
        const auto& summary = sim.step();
        negotiations += summary.negotiations;
        ++rounds;
    }
    state.counters["rounds/s"] = benchmark::Counter(double(rounds), benchmark::Counter::kIsRate);
    state.counters["negotiations/s"] = benchmark::Counter(double(negotiations), benchmark::Counter::kIsRate);
    state.SetItemsProcessed(negotiations);
}
BENCHMARK(BM_Rounds)->ArgsProduct({ { 10, 100, 1000, 10000 }, { 0, 1 } })->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Rounds)->ArgsProduct({ { 100000, 1000000 }, { 0, 1 } })->Unit(benchmark::kMillisecond)->Iterations(3);

// Heap bytes per agent: a simulation of N agents after 10 rounds, measured with mallinfo2.
void BM_BytesPerAgent(benchmark::State& state)
{
    const auto agents = static_cast<std::size_t>(state.range(0));
    const Scenario scenario = bench::market(agents);
    double perAgent = 0.0;
    for (auto _ : state) {
        malloc_trim(0);
        const auto before = mallinfo2().uordblks;
        {
            Simulation sim(scenario);
            sim.setRecordMessages(false);
            sim.run(10);
            const auto after = mallinfo2().uordblks;
            perAgent = double(after - before) / double(agents);
            benchmark::DoNotOptimize(sim.round());
        }
    }
    state.counters["bytes/agent"] = perAgent;
}
BENCHMARK(BM_BytesPerAgent)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(1);

} // namespace

BENCHMARK_MAIN();
