// Experiment `real-compute` (see realcomputeexperiment.h).
//
// Trial i draws its job set from deriveSeed(seed, i); the market regimes' draws come from deriveSeed(that, 1). Every
// plan is made first (in parallel: they are pure), then the pool runs them one after another, the regimes of a trial
// in a rotating order so that a drift in the machine's speed does not always fall on the same regime.
#include "realcomputeexperiment.h"

#include "bargainingstudy.h"
#include "computejobs.h"
#include "computepool.h"
#include "rng.h"
#include "statistics.h"
#include "trialrunner.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace haggle::lab {

namespace {

// What one run of one plan measured (and planned).
struct RegimeRun {
    double makespan = 0.0; // seconds
    double urgentLatency = 0.0; // seconds, mean over urgent jobs (NaN: none)
    double meanCompletion = 0.0; // seconds from arrival, mean over jobs
    double welfare = 0.0; // share of the job set's value left at completion
    double jain = 0.0; // of the jobs' length / latency
    double plannedWelfare = 0.0;
    double plannedUrgentLatency = 0.0; // ticks
    double tick = 0.0; // seconds: the run's own tick of work (computepool.h)
};

struct Metric {
    std::string_view name;
    std::string_view unit;
    double RegimeRun::*field;
    std::string_view title; // of its chart; empty: planned or a detail, left out of the text table and the charts
};

const std::vector<Metric>& metrics()
{
    static const std::vector<Metric> all {
        { "welfare", "share", &RegimeRun::welfare, "Welfare: value left when the jobs complete" },
        { "urgent_latency", "s", &RegimeRun::urgentLatency, "Urgent jobs' latency (seconds)" },
        { "mean_completion", "s", &RegimeRun::meanCompletion, "Mean completion time from arrival (seconds)" },
        { "makespan", "s", &RegimeRun::makespan, "Makespan (seconds)" },
        { "jain", "", &RegimeRun::jain, "Jain's index of the jobs' length / latency" },
        { "planned_welfare", "share", &RegimeRun::plannedWelfare, "" },
        { "planned_urgent_latency", "ticks", &RegimeRun::plannedUrgentLatency, "" },
        { "tick", "s", &RegimeRun::tick, "" }, // no title: a detail column, not charted
    };
    return all;
}

// Welfare, urgent and mean latency (in ticks x unit) and Jain's index of a set of latencies in ticks.
struct Outcome {
    double welfare = 0.0;
    double urgentLatency = 0.0;
    double meanLatency = 0.0;
    double jain = 0.0;
};

Outcome outcome(const std::vector<ComputeJob>& jobs, const std::vector<double>& latencyTicks, double unit)
{
    Outcome o;
    double worth = 0.0;
    double value = 0.0;
    double urgent = 0.0;
    int urgentCount = 0;
    std::vector<double> speed;
    for (const ComputeJob& job : jobs) {
        const double latency = latencyTicks[static_cast<std::size_t>(job.id)];
        worth += job.worth(latency);
        value += job.value;
        o.meanLatency += latency * unit;
        if (job.urgent) {
            urgent += latency * unit;
            ++urgentCount;
        }
        speed.push_back(latency > 0.0 ? std::min(1.0, job.ticks / latency) : 1.0);
    }
    o.welfare = value > 0.0 ? worth / value : 1.0;
    o.urgentLatency = urgentCount > 0 ? urgent / urgentCount : std::nan("");
    o.meanLatency = jobs.empty() ? 0.0 : o.meanLatency / static_cast<double>(jobs.size());
    o.jain = jainIndex(speed);
    return o;
}

// A metric's place in metrics(), for its summaries.
std::size_t metricIndex(std::string_view name)
{
    const auto& all = metrics();
    return static_cast<std::size_t>(
        std::find_if(all.begin(), all.end(), [&](const Metric& m) { return m.name == name; }) - all.begin());
}

} // namespace

RealComputeExperiment::RealComputeExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
    , m_jobs(parameters.integer("jobs"))
    , m_slots(parameters.integer("slots"))
    , m_span(parameters.integer("span"))
    , m_urgentShare(parameters["urgent_share"])
    , m_memory(parameters.integer("memory"))
    , m_poolMemory(parameters.integer("pool_memory"))
    , m_tickBlocks(parameters.integer("tick_blocks"))
{
}

KindInfo RealComputeExperiment::kindInfo()
{
    return { Name,
        "Jobs compete for a thread pool's slots and memory on this machine and run for real (SHA-256 over their "
        "memory): FIFO, shortest first, a central urgency scheduler, a negotiated market and a double auction",
        {
            { "trials", DefaultTrials, 1, 1000, "job sets, each run under every regime", "trials",
                ParameterType::Integer },
            { "seed", static_cast<double>(DefaultSeed), 0, MaxExactSeed,
                "base seed; trial i's job set comes from deriveSeed(seed, i)", "", ParameterType::Integer },
            { "jobs", 40, 1, 2000, "jobs in a set", "jobs", ParameterType::Integer },
            { "slots", 2, 1, 64, "execution slots of the pool (worker threads)", "slots", ParameterType::Integer },
            { "span", 40, 1, 10000, "jobs arrive over this many ticks", "ticks", ParameterType::Integer },
            { "urgent_share", 0.25, 0, 1, "share of urgent jobs (value halves over their own length)", "share" },
            { "memory", 16, 1, 1024, "most memory a job allocates (at most pool_memory)", "MiB",
                ParameterType::Integer },
            { "pool_memory", 24, 0, 65536, "memory the slots share; a job starts only where it fits (0: no limit)",
                "MiB", ParameterType::Integer },
            { "tick_blocks", 50000, 1, 100000000, "SHA-256 digests (of 64 bytes) in one tick of work", "blocks",
                ParameterType::Integer },
        } };
}

ExperimentResult RealComputeExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Real compute: allocation regimes on a bounded thread pool";
    const int trials = context.trials.value_or(m_trials);
    const std::uint64_t seed = context.seedFor(m_seed);
    const auto& regimes = allRegimes();
    const int count = static_cast<int>(regimes.size());

    // 1. The job sets and every regime's plan: deterministic for the seed.
    context.checkpoint(0.0, "planning");
    std::vector<std::vector<ComputeJob>> jobSets;
    for (int i = 0; i < trials; ++i) {
        JobSetSpec spec;
        spec.jobs = m_jobs;
        spec.span = m_span;
        spec.urgentShare = m_urgentShare;
        spec.maxMemoryMib = m_poolMemory > 0 ? std::min(m_memory, m_poolMemory) : m_memory;
        spec.seed = deriveSeed(seed, static_cast<std::uint64_t>(i));
        jobSets.push_back(makeJobSet(spec));
    }
    const TrialRunner runner(context.threads);
    const auto plans = runner.run(trials * count, [&](int j) {
        if (context.cancelled())
            throw ExperimentCancelled();
        const auto i = static_cast<std::size_t>(j / count);
        return planJobs(regimes[static_cast<std::size_t>(j % count)], jobSets[i], m_slots,
            deriveSeed(deriveSeed(seed, i), 1), m_poolMemory);
    });

    // 2. Every plan on the pool, measured. The tick is measured again before each run: the machine's speed drifts.
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(seed) },
        { "jobs", static_cast<long long>(m_jobs) }, { "slots", static_cast<long long>(m_slots) },
        { "span", static_cast<long long>(m_span) }, { "urgent_share", m_urgentShare },
        { "memory", static_cast<long long>(m_memory) }, { "pool_memory", static_cast<long long>(m_poolMemory) },
        { "tick_blocks", static_cast<long long>(m_tickBlocks) } };
    std::vector<RegimeRun> runs(plans.size());
    std::vector<PoolRun> firstTrial(regimes.size()); // the first job set's runs, for the schedule table
    bool sameWork = true;
    for (int i = 0; i < trials; ++i) {
        const auto& jobs = jobSets[static_cast<std::size_t>(i)];
        std::vector<Digest> reference;
        for (int step = 0; step < count; ++step) {
            const int k = (step + i) % count;
            const auto index = static_cast<std::size_t>(i * count + k);
            context.checkpoint(0.05 + 0.95 * (i * count + step) / (trials * count),
                "trial " + std::to_string(i + 1) + ": "
                    + std::string(regimeName(regimes[static_cast<std::size_t>(k)])));
            const double tickSeconds = measureTickSeconds(m_tickBlocks, m_slots);
            const PoolRun pool
                = runPlan(plans[index], jobs, m_slots, m_tickBlocks, tickSeconds, seed, context.cancel, m_poolMemory);
            if (pool.cancelled)
                throw ExperimentCancelled();
            if (i == 0)
                firstTrial[static_cast<std::size_t>(k)] = pool;
            std::vector<double> measured;
            std::vector<Digest> digests;
            for (const ComputeJob& job : jobs) {
                measured.push_back(pool.latencyTicks(job));
                digests.push_back(pool.jobs[static_cast<std::size_t>(job.id)].digest);
            }
            if (reference.empty())
                reference = digests;
            else
                sameWork = sameWork && digests == reference;
            const Outcome real = outcome(jobs, measured, pool.workTick);
            const Outcome planned = outcome(jobs, plans[index].latencies(jobs), 1.0);
            RegimeRun& r = runs[index];
            r.makespan = pool.makespan;
            r.urgentLatency = real.urgentLatency;
            r.meanCompletion = real.meanLatency;
            r.welfare = real.welfare;
            r.jain = real.jain;
            r.plannedWelfare = planned.welfare;
            r.plannedUrgentLatency = planned.urgentLatency;
            r.tick = pool.workTick;
        }
    }

    // 3. Tables, charts and findings.
    const auto valuesOf = [&](std::size_t k, double RegimeRun::*field) {
        std::vector<double> values;
        for (int i = 0; i < trials; ++i)
            values.push_back(runs[static_cast<std::size_t>(i * count) + k].*field);
        return values;
    };
    ResultTable table { "regimes", "Each regime on the same job sets (means over trials; ci95: half-width)",
        { { "regime" } }, {} };
    for (const Metric& m : metrics()) {
        const bool planned = m.title.empty();
        table.columns.push_back({ std::string(m.name), std::string(m.unit), 3, planned });
        table.columns.push_back(
            { std::string(m.name) + "_ci95", m.unit == "share" ? std::string() : std::string(m.unit), 3, planned });
    }
    std::vector<std::vector<Summary>> summaries(regimes.size());
    for (std::size_t k = 0; k < regimes.size(); ++k) {
        std::vector<Cell> row { std::string(regimeName(regimes[k])) };
        for (const Metric& m : metrics()) {
            summaries[k].push_back(summarizeNumbers(valuesOf(k, m.field)));
            row.push_back(meanCell(summaries[k].back()));
            row.push_back(ciCell(summaries[k].back()));
        }
        table.rows.push_back(std::move(row));
    }
    result.tables.push_back(std::move(table));
    ResultTable detail { "trials", "Every trial under every regime", { { "trial" }, { "regime" } }, {}, false };
    for (const Metric& m : metrics())
        detail.columns.push_back({ std::string(m.name), std::string(m.unit), 3 });
    for (int i = 0; i < trials; ++i) {
        for (std::size_t k = 0; k < regimes.size(); ++k) {
            std::vector<Cell> row { static_cast<long long>(i + 1), std::string(regimeName(regimes[k])) };
            for (const Metric& m : metrics())
                row.push_back(
                    optionalCell(std::optional<double>(runs[static_cast<std::size_t>(i * count) + k].*m.field)));
            detail.rows.push_back(std::move(row));
        }
    }
    result.tables.push_back(std::move(detail));
    // Who ran where and when: the first job set under every regime, planned and measured.
    ResultTable schedule { "schedule",
        "The first job set under every regime: each job's slot and start, planned (ticks) and measured (seconds)",
        { { "regime" }, { "job" }, { "arrival", "ticks", 0 }, { "length", "ticks", 0 }, { "urgent" },
            { "memory", "MiB", 0 }, { "slot" }, { "planned_start", "ticks", 0 }, { "start", "s", 4 },
            { "end", "s", 4 } },
        {}, false };
    for (std::size_t k = 0; k < regimes.size() && trials > 0; ++k) {
        for (const Placement& p : plans[k].placements) {
            const ComputeJob& job = jobSets[0][static_cast<std::size_t>(p.job)];
            const JobTiming& t = firstTrial[k].jobs[static_cast<std::size_t>(p.job)];
            schedule.rows.push_back({ std::string(regimeName(regimes[k])), static_cast<long long>(job.id + 1),
                static_cast<long long>(job.arrival), static_cast<long long>(job.ticks),
                std::string(job.urgent ? "yes" : "no"), static_cast<long long>(job.memoryMib),
                static_cast<long long>(p.slot + 1), static_cast<long long>(p.start), t.start, t.end });
        }
    }
    result.tables.push_back(std::move(schedule));
    for (std::size_t m = 0; m < metrics().size(); ++m) {
        const Metric& metric = metrics()[m];
        if (metric.title.empty())
            continue; // planned or a detail: in the tables only
        std::vector<RankedSummary> ranked;
        for (std::size_t k = 0; k < regimes.size(); ++k)
            ranked.push_back({ std::string(regimeName(regimes[k])), summaries[k][m] });
        std::string stem(metric.name);
        std::replace(stem.begin(), stem.end(), '_', '-');
        result.series.push_back(rankingSeries(stem, std::string(metric.title), "Regime",
            metric.unit == "share" ? "Share of the value" : std::string(metric.title), ranked));
    }

    const auto at = [&](Regime regime) {
        return static_cast<std::size_t>(std::find(regimes.begin(), regimes.end(), regime) - regimes.begin());
    };
    // Paired over trials: the market's welfare lost against the central urgency scheduler.
    for (const Regime market : { Regime::Negotiated, Regime::Auction }) {
        // The cost as measured and as planned (deterministic for the seed: what the allocation alone costs).
        const auto costOf = [&](double RegimeRun::*field) {
            const auto own = valuesOf(at(market), field);
            const auto central = valuesOf(at(Regime::Urgency), field);
            std::vector<double> cost;
            for (std::size_t i = 0; i < own.size(); ++i)
                cost.push_back(central[i] > 0.0 ? 1.0 - own[i] / central[i] : 0.0);
            return summarize(cost);
        };
        const Summary c = costOf(&RegimeRun::welfare);
        const Summary p = costOf(&RegimeRun::plannedWelfare);
        const std::string name(regimeName(market));
        result.findings.push_back({ name + "_welfare_cost",
            "The " + name + " market keeps " + percentText(1.0 - c.mean)
                + " of the central urgency scheduler's welfare: it costs " + percentText(c.mean) + " (95% CI "
                + percentText(c.lower()) + " to " + percentText(c.upper()) + "; " + percentText(p.mean)
                + " in the plans).",
            { { "cost", c.mean }, { "ci95", c.ci95 }, { "planned_cost", p.mean }, { "planned_ci95", p.ci95 } } });
        // Paired too: how much shorter urgent jobs wait than under FIFO (trials with urgent jobs).
        const auto mine = valuesOf(at(market), &RegimeRun::urgentLatency);
        const auto fifo = valuesOf(at(Regime::Fifo), &RegimeRun::urgentLatency);
        std::vector<double> saved;
        for (std::size_t i = 0; i < mine.size(); ++i) {
            if (std::isfinite(mine[i]) && std::isfinite(fifo[i]) && fifo[i] > 0.0)
                saved.push_back(1.0 - mine[i] / fifo[i]);
        }
        const Summary s = summarize(saved);
        const Summary m = summaries[at(market)][metricIndex("urgent_latency")];
        const Summary f = summaries[at(Regime::Fifo)][metricIndex("urgent_latency")];
        result.findings.push_back({ name + "_urgent_vs_fifo",
            "Urgent jobs wait " + fixedText(m.mean, 3) + " s from arrival to completion in the " + name
                + " market, against " + fixedText(f.mean, 3) + " s under FIFO: " + percentText(std::abs(s.mean))
                + (s.mean >= 0.0 ? " less" : " more") + " (paired by job set; 95% CI of the saving "
                + percentText(s.lower()) + " to " + percentText(s.upper()) + ").",
            { { "market", m.mean }, { "fifo", f.mean }, { "saved", s.mean }, { "saved_ci95", s.ci95 } },
            s.n > 1 && s.lower() > 0.0 });
    }
    result.findings.push_back({ "same_work",
        sameWork ? std::string("Every regime computed the same digests for the same jobs: the work done is the same, "
                               "only its order differs.")
                 : std::string("The regimes computed different digests for the same jobs."),
        { { "same", sameWork ? 1LL : 0LL } }, sameWork });
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
