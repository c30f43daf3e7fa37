// Engine benchmarks (Google Benchmark): negotiations per second for each strategy pairing, rounds per second from
// 10 to 1,000,000 agents with message recording on and off, and memory per agent. See docs/performance.md.
#include "benchmain.h"
#include "marketgenerator.h"
#include "runhistory.h"

#include "bilateralmechanism.h"
#include "negotiation.h"
#include "roundcollector.h"
#include "simulation.h"
#include "strategyregistry.h"

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <malloc.h>
#include <new>
#include <sys/resource.h>

#include <chrono>

// Every heap allocation in this program goes through these, so a benchmark can count the ones made while it runs.
namespace {
std::atomic<std::uint64_t> g_allocations { 0 };
}

void* operator new(std::size_t size)
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}
// GCC cannot see that this operator new is malloc underneath and would warn about a mismatched free.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept
{
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    std::free(p);
}
#pragma GCC diagnostic pop

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
    Rng rng(1);
    for (auto _ : state) {
        auto result = negotiate(setup, *buyer, *seller, supply, rng, nullptr);
        benchmark::DoNotOptimize(result);
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(std::string(Strategies[state.range(0)]) + " buys from " + Strategies[state.range(1)]);
}

// The mechanism over a market's own negotiations: arg 0 = agents, arg 1 = record messages (0/1). A benchmark market
// is warmed up for 300 rounds; then each negotiation of its next 20 rounds is set up again from its parties as they
// stood when the round began (the same pairs and bundles; budgets, urgencies, reputations, costs and rounds since
// the last deal from a copy of the market taken before the round; clones of the agents' own strategies) and the
// lot is replayed through negotiate() in turn: what a round's negotiations cost without the canvass, the partner
// choice and the settlement around them. Deals earlier in the same round are not seen, and market rates are taken as
// 1.0 (the seller's load premium is not public), so a replay may end otherwise than the original did; the mix of
// strategies, states and lengths is the market's. Messages go to one buffer, emptied every 300 negotiations (about
// a round's worth at 1,000 agents), as a round empties its events.
void BM_MarketNegotiations(benchmark::State& state)
{
    const auto agents = static_cast<std::size_t>(state.range(0));
    Simulation sim(bench::market(agents));
    sim.setRecordMessages(false);
    sim.setDealHistoryLimit(0);
    sim.run(300);
    std::vector<std::unique_ptr<Strategy>> strategies;
    for (const Agent& agent : sim.agents())
        strategies.push_back(agent.strategy().clone());
    const auto& prices = sim.scenario().market.referencePrices;
    struct Replay {
        NegotiationSetup setup; // its views name the parties
        NegotiationOutcome recorded;
    };
    std::vector<Replay> replays;
    for (int r = 0; r < 20; ++r) {
        const Simulation before(sim);
        const auto& market = before.agents();
        sim.step();
        for (const NegotiationRecord& n : sim.lastEvents().negotiations) {
            const Agent& buyer = market[n.buyer];
            const Agent& seller = market[n.seller];
            Replay replay { {}, n.outcome };
            NegotiationSetup& setup = replay.setup;
            setup.id = n.id;
            setup.round = n.round;
            setup.maxTurns = dynamic_cast<const BilateralMechanism&>(sim.mechanism()).maxTurns();
            setup.resources = n.resources;
            setup.referenceValue = n.resources.value(prices);
            setup.buyerBudget = buyer.budget();
            for (NegotiationView* v : { &setup.buyerView, &setup.sellerView }) {
                const bool isBuyer = v == &setup.buyerView;
                const Agent& self = isBuyer ? buyer : seller;
                v->side = isBuyer ? Side::Buyer : Side::Seller;
                v->self = isBuyer ? n.buyer : n.seller;
                v->partner = isBuyer ? n.seller : n.buyer;
                v->resources = n.resources;
                v->referenceValue = setup.referenceValue;
                v->budget = self.budget();
                v->urgency = self.urgency();
                v->partnerUrgency = buyer.urgency();
                v->partnerReputation = before.reputation().view(v->self, v->partner);
                v->costBasis = isBuyer ? std::nullopt : seller.costBasis();
                v->roundsSinceLastDeal = n.round - self.lastDealRound() - 1;
            }
            replays.push_back(replay);
        }
    }
    if (replays.empty()) {
        state.SkipWithError("the market made no negotiations to replay");
        return;
    }
    AlwaysSupply supply;
    Rng rng(1);
    const auto replay = [&](const Replay& r, std::vector<Message>* log) {
        return negotiate(
            r.setup, *strategies[r.setup.buyerView.self], *strategies[r.setup.sellerView.self], supply, rng, log);
    };
    // How often a replay ends as the original did (strategies learn only from settled deals, which a replay never
    // makes, so replays are repeatable).
    std::size_t sameOutcome = 0;
    for (const Replay& r : replays)
        sameOutcome += replay(r, nullptr).outcome == r.recorded ? 1 : 0;
    std::vector<Message> log;
    std::vector<Message>* recording = state.range(1) != 0 ? &log : nullptr;
    std::size_t next = 0, sinceCleared = 0;
    std::int64_t messages = 0;
    for (auto _ : state) {
        auto result = replay(replays[next], recording);
        next = next + 1 == replays.size() ? 0 : next + 1;
        benchmark::DoNotOptimize(result);
        if (++sinceCleared == 300) {
            messages += std::int64_t(log.size());
            log.clear();
            sinceCleared = 0;
        }
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["negotiations/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["messages/negotiation"] = double(messages + std::int64_t(log.size())) / double(state.iterations());
    state.counters["negotiations_replayed"] = double(replays.size());
    state.counters["same_outcome"] = double(sameOutcome) / double(replays.size());
}

// Rounds of a whole market: arg 0 = agents, arg 1 = recording: 0 records nothing (no messages, no deal histories,
// as `haggle-cli run` runs), 1 records everything (every message and each agent's deal history, as the
// desktop lab runs). Counters: rounds and negotiations per second of wall time.
void BM_Rounds(benchmark::State& state)
{
    const auto agents = static_cast<std::size_t>(state.range(0));
    const bool recording = state.range(1) != 0;
    Simulation sim(bench::market(agents));
    sim.setRecordMessages(recording);
    sim.setDealHistoryLimit(recording ? HistoryLimit : 0);
    sim.run(3); // warm up: tables and buffers reach their working size
    std::int64_t rounds = 0, negotiations = 0;
    const auto allocationsBefore = g_allocations.load();
    for (auto _ : state) {
        const auto& summary = sim.step();
        negotiations += summary.negotiations;
        ++rounds;
    }
    // Heap allocations per negotiation while the benchmark ran (operator new counts them): the steady-state goal is
    // none. What remains comes from tables and histories still growing as agents meet new peers.
    const auto allocations = double(g_allocations.load() - allocationsBefore);
    state.counters["rounds/s"] = benchmark::Counter(double(rounds), benchmark::Counter::kIsRate);
    state.counters["negotiations/s"] = benchmark::Counter(double(negotiations), benchmark::Counter::kIsRate);
    state.counters["allocs/negotiation"] = negotiations > 0 ? allocations / double(negotiations) : 0.0;
    state.SetItemsProcessed(negotiations);
}

// Times the scenario's rounds after `warmup` rounds, nothing recorded (as `haggle-cli run` runs), with the counters
// rounds/s and deals/round.
void timeRounds(benchmark::State& state, const Scenario& s, int warmup)
{
    Simulation sim(s);
    sim.setRecordMessages(false);
    sim.setDealHistoryLimit(0);
    sim.run(warmup);
    std::int64_t rounds = 0, deals = 0;
    for (auto _ : state) {
        deals += sim.step().deals;
        ++rounds;
    }
    state.counters["rounds/s"] = benchmark::Counter(double(rounds), benchmark::Counter::kIsRate);
    state.counters["deals/round"] = rounds > 0 ? double(deals) / double(rounds) : 0.0;
}

// Rounds with coalitions: arg 0 = agents, arg 1 = the mechanism, 0 bilateral and 1 coalition, on the benchmark market
// in which one seeker in ten needs, in half the rounds, a job of 100 GPU hours (more than any provider's 60): under
// bilateral those needs go unmet, under coalition each is served by a coalition of providers. Nothing recorded, as
// `haggle-cli run` runs. The goal (issue 23): a coalition round within 2x of the bilateral round at 1,000 agents.
void BM_CoalitionRounds(benchmark::State& state)
{
    const auto agents = static_cast<std::size_t>(state.range(0));
    Scenario s = bench::market(agents);
    std::size_t seekers = 0;
    for (AgentSpec& a : s.agents) {
        if (a.role == "seeker" && seekers++ % 10 == 0)
            a.role = "large";
    }
    NeedRule large;
    large.who = NeedRule::Who::Role;
    large.role = "large";
    large.probability = 0.5;
    large.need.gpu = 100.0;
    s.demand.rules.push_back(large);
    if (state.range(1) != 0)
        s.mechanism = { "coalition", {} };
    timeRounds(state, s, 3);
}

// Rounds with compute futures: arg 0 = agents, arg 1 = the market: 0 the benchmark market as it is (bilateral), 1 the
// same agents as zero-intelligence traders (ZI-C, cheaters keeping their cheat probability) in the futures mechanism
// (a double auction beside a futures book, contracts delivered 5 rounds after they are traded), 2 the same traders in
// the double auction alone. Measured once contracts are being delivered every round. The goal (issue 23): futures
// trading and settlement keep a 1,000-agent round within 2x of the bilateral round.
void BM_FuturesRounds(benchmark::State& state)
{
    const auto agents = static_cast<std::size_t>(state.range(0));
    Scenario s = bench::market(agents);
    if (state.range(1) != 0) {
        for (AgentSpec& a : s.agents) {
            const bool cheats = a.strategy.type == "cheater";
            const double p = cheats ? a.strategy.params["cheat_probability"] : 0.0;
            a.strategy = { "zi-c", {}, {} };
            if (cheats)
                a.strategy.params["cheat_probability"] = p;
        }
        s.mechanism = { state.range(1) == 1 ? "futures" : "double-auction", {} };
    }
    timeRounds(state, s, 8);
}

// What scoring each negotiation against bargaining theory (RoundSummary::bargaining) costs a round: arg 0 = agents.
// Each iteration plays a round (which scores its negotiations once, as every round does) and then scores the same
// round again on its own, timed apart; the counter "analysis share" is the scoring's time over the rest of the
// round's, the two measured on the same round, back to back, so the machine's drift cancels. The goal is under 10%.
void BM_BargainingAnalysis(benchmark::State& state)
{
    const auto agents = static_cast<std::size_t>(state.range(0));
    const Scenario scenario = bench::market(agents);
    Simulation sim(scenario);
    sim.setRecordMessages(false);
    sim.setDealHistoryLimit(0);
    sim.run(3);
    double roundSeconds = 0.0, scoreSeconds = 0.0;
    std::int64_t negotiations = 0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        const auto& summary = sim.step();
        const auto played = std::chrono::steady_clock::now();
        const BargainingTally tally = tallyBargaining(sim.state(), scenario.analysis);
        const auto scored = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(tally);
        negotiations += summary.negotiations;
        roundSeconds += std::chrono::duration<double>(played - start).count();
        scoreSeconds += std::chrono::duration<double>(scored - played).count();
    }
    state.counters["analysis share"] = roundSeconds > scoreSeconds ? scoreSeconds / (roundSeconds - scoreSeconds) : 0.0;
    state.counters["scored/s"] = benchmark::Counter(double(negotiations), benchmark::Counter::kIsRate);
}

// Heap allocations per negotiation in the steady state: arg 0 = agents, arg 1 = warm-up rounds (enough for every
// agent to have met the peers it will meet and for deal histories to reach their trimming cycle), then 200 rounds
// counted with messages recorded. The goal is zero.
void BM_SteadyStateAllocations(benchmark::State& state)
{
    Simulation sim(bench::market(static_cast<std::size_t>(state.range(0))));
    sim.run(static_cast<int>(state.range(1)));
    std::int64_t negotiations = 0;
    const auto before = g_allocations.load();
    for (auto _ : state) {
        for (int r = 0; r < 200; ++r)
            negotiations += sim.step().negotiations;
    }
    const auto allocations = double(g_allocations.load() - before);
    state.counters["negotiations"] = double(negotiations);
    state.counters["allocations"] = allocations;
    state.counters["allocs/negotiation"] = negotiations > 0 ? allocations / double(negotiations) : 0.0;
}

// Bytes per agent: a simulation of N agents after 10 rounds, its heap (measured with mallinfo2) and the memory its
// reputation model maps for its tables.
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
            const auto after = mallinfo2().uordblks + sim.reputation().storageBytes();
            perAgent = double(after - before) / double(agents);
            benchmark::DoNotOptimize(sim.round());
        }
    }
    state.counters["bytes/agent"] = perAgent;
}

// Time travel (runhistory.h): seeking any round of an R-round, N-agent run (arg 0 = agents, arg 1 = rounds) under the
// default checkpoint policy, as the desktop lab keeps it. The run and its history are built once; each iteration seeks
// a round drawn at random, and the counters report the worst seek seen among the rounds a seek replays most for (one
// before each checkpoint), the checkpoints' estimated bytes, the heap the history frees when it goes, their count and
// the interval. The goal (docs/performance.md): under 100 ms a seek and 200 MB of checkpoints at 1,000 agents and
// 10,000 rounds.
void BM_Seek(benchmark::State& state)
{
    const auto agents = static_cast<std::size_t>(state.range(0));
    const int rounds = static_cast<int>(state.range(1));
    SimulationRun run(bench::market(agents, 7, rounds));
    run.setRecordMessages(false);
    malloc_trim(0);
    const auto before = mallinfo2().uordblks;
    auto history = std::make_unique<RunHistory>(run);
    while (!run.finished()) {
        run.step();
        history->record(run);
    }
    const auto withHistory = mallinfo2().uordblks;
    double worstMs = 0.0;
    for (int r = history->interval() - 1; r <= rounds; r += history->interval()) {
        const auto t0 = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(history->seek(r)->stateHash());
        worstMs = std::max(
            worstMs, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    Rng pick(3);
    for (auto _ : state)
        benchmark::DoNotOptimize(history->seek(int(pick.below(std::uint64_t(rounds) + 1)))->stateHash());
    state.counters["worst_ms"] = worstMs;
    state.counters["checkpoints"] = double(history->checkpointCount());
    state.counters["interval"] = history->interval();
    state.counters["estimated_MB"] = double(history->checkpointBytes()) / 1e6;
    history.reset();
    const auto after = mallinfo2().uordblks;
    state.counters["freed_heap_MB"] = double(withHistory - std::min(withHistory, after)) / 1e6;
    state.counters["run_heap_growth_MB"] = double(after - std::min(after, before)) / 1e6;
}

// The scale goal: N agents for R rounds in one go (arg 0 = agents, arg 1 = rounds, arg 2 = keep each agent's deal
// history, as the desktop lab does, or not, as haggle-cli does), messages off. Reports the wall
// time of the whole run (building the market included), the heap in use at the end, the reputation tables' memory
// (mapped apart from the heap) and the process's peak resident
// memory. Run it alone (--benchmark_filter=BM_Scale/1000000) so the peak belongs to it.
void BM_Scale(benchmark::State& state)
{
    const auto agents = static_cast<std::size_t>(state.range(0));
    const auto rounds = static_cast<int>(state.range(1));
    double seconds = 0.0, heap = 0.0, tables = 0.0;
    std::int64_t negotiations = 0;
    for (auto _ : state) {
        malloc_trim(0);
        const auto heapBefore = mallinfo2().uordblks;
        const auto start = std::chrono::steady_clock::now();
        Simulation sim(bench::market(agents, 7, rounds));
        sim.setRecordMessages(false);
        sim.setDealHistoryLimit(state.range(2) != 0 ? HistoryLimit : 0);
        for (int r = 0; r < rounds; ++r)
            negotiations += sim.step().negotiations;
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        heap = double(mallinfo2().uordblks - heapBefore);
        tables = double(sim.reputation().storageBytes());
        benchmark::DoNotOptimize(sim.stateHash());
    }
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    state.counters["seconds"] = seconds;
    state.counters["negotiations/s"] = double(negotiations) / seconds;
    state.counters["heap_MB"] = heap / 1e6;
    state.counters["tables_MB"] = tables / 1e6; // the reputation tables' own mappings, outside the heap
    state.counters["peak_RSS_MB"] = double(usage.ru_maxrss) / 1e3;
}
} // namespace

void haggle::bench::registerBenchmarks(bool smoke)
{
    using benchmark::RegisterBenchmark;
    const auto once = [smoke](benchmark::internal::Benchmark* b) {
        if (smoke)
            b->Iterations(1);
    };
    once(RegisterBenchmark("BM_Negotiation", BM_Negotiation)
             ->ArgsProduct({ benchmark::CreateDenseRange(0, 5, 1), benchmark::CreateDenseRange(0, 5, 1) }));
    if (smoke) {
        once(RegisterBenchmark("BM_MarketNegotiations", BM_MarketNegotiations)->Args({ 100, 1 }));
        once(RegisterBenchmark("BM_Rounds", BM_Rounds)->ArgsProduct({ { 10, 1000 }, { 0, 1 } }));
        once(RegisterBenchmark("BM_BytesPerAgent", BM_BytesPerAgent)->Arg(1000));
        once(RegisterBenchmark("BM_SteadyStateAllocations", BM_SteadyStateAllocations)->Args({ 100, 100 }));
        once(RegisterBenchmark("BM_Scale", BM_Scale)->Args({ 10000, 5, 0 })->Args({ 10000, 5, 1 }));
        once(RegisterBenchmark("BM_Seek", BM_Seek)->Args({ 100, 200 }));
        once(RegisterBenchmark("BM_BargainingAnalysis", BM_BargainingAnalysis)->Arg(1000));
        once(RegisterBenchmark("BM_CoalitionRounds", BM_CoalitionRounds)->ArgsProduct({ { 100 }, { 0, 1 } }));
        once(RegisterBenchmark("BM_FuturesRounds", BM_FuturesRounds)->ArgsProduct({ { 100 }, { 0, 1, 2 } }));
        return;
    }
    RegisterBenchmark("BM_MarketNegotiations", BM_MarketNegotiations)->ArgsProduct({ { 1000 }, { 0, 1 } });
    RegisterBenchmark("BM_Seek", BM_Seek)->Args({ 1000, 10000 })->Unit(benchmark::kMillisecond)->Iterations(20);
    RegisterBenchmark("BM_BargainingAnalysis", BM_BargainingAnalysis)
        ->Arg(1000)
        ->Arg(100000)
        ->Unit(benchmark::kMillisecond);
    RegisterBenchmark("BM_Rounds", BM_Rounds)
        ->ArgsProduct({ { 10, 100, 1000, 10000 }, { 0, 1 } })
        ->Unit(benchmark::kMillisecond);
    RegisterBenchmark("BM_Rounds", BM_Rounds)
        ->ArgsProduct({ { 100000, 1000000 }, { 0, 1 } })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(3);
    RegisterBenchmark("BM_CoalitionRounds", BM_CoalitionRounds)
        ->ArgsProduct({ { 1000, 10000 }, { 0, 1 } })
        ->Unit(benchmark::kMillisecond);
    RegisterBenchmark("BM_FuturesRounds", BM_FuturesRounds)
        ->ArgsProduct({ { 1000, 10000 }, { 0, 1, 2 } })
        ->Unit(benchmark::kMillisecond);
    RegisterBenchmark("BM_SteadyStateAllocations", BM_SteadyStateAllocations)
        ->Args({ 10, 5000 })
        ->Args({ 1000, 5000 })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
    RegisterBenchmark("BM_BytesPerAgent", BM_BytesPerAgent)
        ->Arg(1000)
        ->Arg(100000)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
    RegisterBenchmark("BM_Scale", BM_Scale)
        ->Args({ 1000000, 100, 0 })
        ->Args({ 1000000, 100, 1 })
        ->Args({ 100000, 100, 0 })
        ->Args({ 100000, 100, 1 })
        ->Unit(benchmark::kSecond)
        ->Iterations(1);
}
