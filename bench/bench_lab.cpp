// Lab benchmarks: the multi-trial runner's speed-up from 1 to 2 threads on the scarcity tournament's trials, and the
// detection study at its defaults (21 cheat rates x 5 models x gossip off/on x 100 trials: 21,000 runs).
#include "benchmain.h"
#include "builtinscenarios.h"
#include "experimentcatalog.h"
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

// The whole detection study with 2 threads (the goal: under 10 s in a Release build). Smoke runs ask for 2 trials.
void BM_DetectionStudy(benchmark::State& state)
{
    const auto study = lab::experimentCatalog().make("detection", {});
    lab::ExperimentContext context;
    context.threads = 2;
    if (state.range(0) > 0)
        context.trials = static_cast<int>(state.range(0));
    for (auto _ : state) {
        auto result = study->run(context);
        benchmark::DoNotOptimize(result);
    }
    state.counters["runs/s"]
        = benchmark::Counter(double(state.iterations()) * 210.0 * (state.range(0) > 0 ? double(state.range(0)) : 100.0),
            benchmark::Counter::kIsRate);
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
    // Arg: trials per cell (0: the study's default, 100).
    benchmark::RegisterBenchmark("BM_DetectionStudy", BM_DetectionStudy)
        ->Arg(smoke ? 2 : 0)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(smoke ? 1 : 3);
}
