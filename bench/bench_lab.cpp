// Lab benchmarks: the multi-trial runner's speed-up from 1 to 2 threads on the scarcity tournament's trials, the
// detection study at its defaults (21 cheat rates x 5 models x gossip off/on x 100 trials: 21,000 runs), a sweep
// of the trust scenario at 60 rounds into SQLite (the goal: 100,000 runs in under 20 s on 2 threads), a round of the
// double auction at 1,000 traders and the mechanisms experiment at 100 trials.
#include "benchmain.h"
#include "builtinscenarios.h"
#include "experimentcatalog.h"
#include "mechanismstudy.h"
#include "rng.h"
#include "runresult.h"
#include "simulation.h"
#include "sweeprunner.h"
#include "trialrunner.h"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <unistd.h>

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

// A sweep of the trust scenario (trust-fall-subtle, 60 rounds) over 10 cheat rates, with the metrics a detection
// sweep records, streamed into a SQLite file that is deleted before each iteration. Args: threads, runs.
void BM_Sweep(benchmark::State& state)
{
    const int threads = static_cast<int>(state.range(0));
    const std::int64_t runs = state.range(1);
    const nlohmann::json doc = { { "format", "haggle-sweep" }, { "version", 1 }, { "name", "bench" },
        { "scenario", "builtin:trust-fall-subtle" },
        { "axes",
            { { { "path", "/agents/5/strategy/params/cheat_probability" },
                  { "range", { { "from", 0.05 }, { "to", 0.5 }, { "step", 0.05 } } } },
                { { "path", "/rounds" }, { "values", { 60 } } } } },
        { "trials", runs / 10 }, { "seed", 1 },
        { "metrics", { "deals", "cheaters_isolated", "isolation_round", "honest_isolated", "worth_by_role" } } };
    const lab::SweepPlan plan(lab::parseSweep(doc.dump(), "bench", "."));
    const auto file
        = std::filesystem::temp_directory_path() / ("haggle-bench-sweep-" + std::to_string(::getpid()) + ".sqlite");
    const auto remove = [&] {
        for (const char* suffix : { "", "-wal", "-shm" })
            std::filesystem::remove(file.string() + suffix);
    };
    for (auto _ : state) {
        state.PauseTiming();
        remove();
        state.ResumeTiming();
        lab::SweepStore store(file, plan);
        const auto outcome = lab::runSweep(plan, store, { threads, {}, {}, nullptr });
        benchmark::DoNotOptimize(outcome);
    }
    remove();
    state.counters["runs/s"]
        = benchmark::Counter(double(state.iterations()) * double(plan.runCount()), benchmark::Counter::kIsRate);
}

// One round of the continuous double auction: arg 0 = traders (two in five providers of one GPU hour, three in five
// seekers of one), each shouting once (passes 1), zero intelligence constrained. The whole round is timed (demand, the
// book, the trades' settlement, the summary): an upper bound on the book's clearing. The goal: 1,000 traders under 1
// ms.
void BM_DoubleAuctionRound(benchmark::State& state)
{
    lab::MechanismMarket m;
    m.mechanism = { "double-auction", { { "passes", 1 } } };
    m.regime = lab::DemandRegime::RushHour;
    m.providers = static_cast<int>(state.range(0)) * 2 / 5;
    m.seekers = static_cast<int>(state.range(0)) - m.providers;
    m.rounds = 1000000;
    Simulation sim(lab::mechanismScenario(m));
    sim.setRecordMessages(false);
    sim.setDealHistoryLimit(0);
    std::int64_t deals = 0;
    for (auto _ : state)
        deals += sim.step().deals;
    state.counters["deals/round"] = double(deals) / double(state.iterations());
    state.counters["shouts/s"]
        = benchmark::Counter(double(state.iterations() * state.range(0)), benchmark::Counter::kIsRate);
}

// The mechanisms experiment with 2 threads: arg 0 = trials (the goal: every mechanism x 2 demand regimes x 100
// trials under 20 s; the experiment runs 4 conditions, cheaters or not, and the Gode-Sunder markets besides).
void BM_MechanismsExperiment(benchmark::State& state)
{
    const auto study = lab::experimentCatalog().make("mechanisms", {});
    lab::ExperimentContext context;
    context.threads = 2;
    context.trials = static_cast<int>(state.range(0));
    for (auto _ : state) {
        auto result = study->run(context);
        benchmark::DoNotOptimize(result);
    }
}

} // namespace

void haggle::bench::registerBenchmarks(bool smoke)
{
    auto* cda = benchmark::RegisterBenchmark("BM_DoubleAuctionRound", BM_DoubleAuctionRound)
                    ->Arg(1000)
                    ->Unit(benchmark::kMicrosecond);
    if (smoke)
        cda->Iterations(1);
    benchmark::RegisterBenchmark("BM_MechanismsExperiment", BM_MechanismsExperiment)
        ->Arg(smoke ? 1 : 100)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(smoke ? 1 : 3);
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
    // Args: threads, runs.
    auto* sweep = benchmark::RegisterBenchmark("BM_Sweep", BM_Sweep)
                      ->ArgsProduct({ { 1, 2 }, { smoke ? 100 : 100000 } })
                      ->Unit(benchmark::kMillisecond)
                      ->UseRealTime();
    sweep->Iterations(smoke ? 1 : 3);
}
