// The prototype rules' speed against the prototype itself: each of its seven experiments run in-process exactly as
// `haggle-cli experiment NAME --rules prototype` runs it (same trials, same seeds, same printout), on 1 and 2
// threads. docs/performance.md sets the figures beside the Python prototype's times on the same machine.
#include "benchmain.h"
#include "prototype/protosetups.h"
#include "prototype/prototypecatalog.h"

#include <benchmark/benchmark.h>

#include <string>

namespace {

using namespace haggle;

void BM_PrototypeExperiment(benchmark::State& state, std::string name)
{
    lab::ExperimentContext context;
    context.threads = static_cast<int>(state.range(0));
    const auto experiment = lab::prototypeExperimentCatalog().make(name, {});
    std::size_t printed = 0;
    for (auto _ : state) {
        const lab::ExperimentResult result = experiment->run(context);
        printed = result.transcript.size();
        benchmark::DoNotOptimize(printed);
    }
    state.counters["chars"] = static_cast<double>(printed);
}

// One of exp6's cheater runs (80 rounds, cheat rate 30%), market set-up included: negotiations per second.
void BM_CheaterRun(benchmark::State& state)
{
    std::int64_t seed = 0;
    long long negotiations = 0;
    for (auto _ : state) {
        lab::prototype::PyRandom rng;
        auto market = lab::prototype::cheaterMarket(rng, 0.3, seed++ % 200);
        const auto run = lab::prototype::cheaterRun(market, 80);
        benchmark::DoNotOptimize(run.reputation.data());
        negotiations += market.totalNegotiations();
    }
    state.counters["negotiations/s"]
        = benchmark::Counter(static_cast<double>(negotiations), benchmark::Counter::kIsRate);
}

// Seeding the Python generator and drawing its first word: worked out (every seed new) or from the per-thread cache
// (seeds repeat, as a trial-heavy experiment's do).
void BM_Seed(benchmark::State& state)
{
    const bool repeat = state.range(0) != 0;
    std::uint64_t seed = repeat ? 0 : 1'000'000;
    lab::prototype::PyRandom rng;
    for (auto _ : state) {
        rng.seed(repeat ? seed++ % 500 : seed++);
        benchmark::DoNotOptimize(rng.nextWord());
    }
}

} // namespace

void haggle::bench::registerBenchmarks(bool smoke)
{
    auto* seeding = benchmark::RegisterBenchmark("BM_Seed", BM_Seed)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
    if (smoke)
        seeding->Iterations(1);
    auto* run = benchmark::RegisterBenchmark("BM_CheaterRun", BM_CheaterRun)->Unit(benchmark::kMicrosecond);
    if (smoke)
        run->Iterations(1);
    for (const auto& entry : lab::prototypeExperimentCatalog().entries()) {
        const std::string name(entry.info.name);
        if (smoke && name != "handshake")
            continue; // the smoke run keeps the program building and running; one quick experiment is enough
        auto* b = benchmark::RegisterBenchmark(("BM_PrototypeExperiment/" + name).c_str(), BM_PrototypeExperiment, name)
                      ->Arg(1)
                      ->Arg(2)
                      ->Unit(benchmark::kMillisecond)
                      ->UseRealTime();
        if (smoke)
            b->Iterations(1);
    }
}
