// Lab benchmarks: the multi-trial runner's speed-up from 1 to 2 threads on the scarcity tournament's trials.
#include "benchmain.h"
#include "builtinscenarios.h"
#include "rng.h"
#include "runresult.h"
#include "trialrunner.h"

#include <benchmark/benchmark.h>

namespace {

using namespace haggle;

void BM_TrialRunner(benchmark::State& state)
{
    const int threads = static_cast<int>(state.range(0));
    const Scenario base = lab::builtinScenario("scarcity");
    const lab::TrialRunner runner(threads);
    constexpr int Trials = 64;
    for (auto _ : state) {
        auto results = runner.run(Trials, [&](int i) {
            Scenario s = base;
            s.seed = deriveSeed(42, static_cast<std::uint64_t>(i));
            return lab::runScenario(s).stateHashes.back();
        });
        benchmark::DoNotOptimize(results);
    }
    state.SetItemsProcessed(state.iterations() * Trials);
    state.counters["trials/s"] = benchmark::Counter(double(state.iterations() * Trials), benchmark::Counter::kIsRate);
}

} // namespace

void haggle::bench::registerBenchmarks(bool smoke)
{
    auto* b = benchmark::RegisterBenchmark("BM_TrialRunner", BM_TrialRunner)
                  ->Arg(1)
                  ->Arg(2)
                  ->Unit(benchmark::kMillisecond)
                  ->UseRealTime();
    if (smoke)
        b->Iterations(1);
}
