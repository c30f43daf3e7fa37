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
    const int Trials = static_cast<int>(state.range(1));
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
    // Args: threads, trials per batch (the experiments run 20-50; CLI users ask for hundreds).
    auto* b = benchmark::RegisterBenchmark("BM_TrialRunner", BM_TrialRunner)
                  ->ArgsProduct({ { 1, 2 }, { 64, 512 } })
                  ->Unit(benchmark::kMillisecond)
                  ->UseRealTime();
    if (smoke)
        b->Iterations(1);
}
