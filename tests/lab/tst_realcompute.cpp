// The real-compute experiment: job sets and plans deterministic for a seed, the regimes' orders on hand-worked job
// sets, plans that respect arrivals and never overlap on a slot, the pool doing the same work under every plan, and
// the experiment's allocations identical for a seed and any thread count. Timings are measured, never asserted.
#include "computejobs.h"
#include "computepool.h"
#include "experimentcatalog.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <cmath>

using namespace haggle;
using namespace haggle::lab;

namespace {

ComputeJob job(int id, int arrival, int ticks, bool urgent, double urgency)
{
    ComputeJob j;
    j.id = id;
    j.arrival = arrival;
    j.ticks = ticks;
    j.memoryMib = 1;
    j.urgent = urgent;
    j.urgency = urgency;
    j.value = ticks * (1.0 + urgency);
    return j;
}

// The job ids in the order the plan starts them.
std::vector<int> order(const ComputePlan& plan)
{
    std::vector<int> ids;
    for (const Placement& p : plan.placements)
        ids.push_back(p.job);
    return ids;
}

// Every job placed once, none before its arrival, and no two overlapping on a slot.
void checkPlan(const ComputePlan& plan, const std::vector<ComputeJob>& jobs, int slotCount)
{
    QCOMPARE(plan.placements.size(), jobs.size());
    std::vector<int> seen(jobs.size(), 0);
    for (const Placement& p : plan.placements) {
        ++seen[static_cast<std::size_t>(p.job)];
        QVERIFY(p.start >= jobs[static_cast<std::size_t>(p.job)].arrival);
        QVERIFY(p.slot >= 0 && p.slot < slotCount);
    }
    QVERIFY(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
    for (const auto& queue : plan.bySlot(slotCount)) {
        for (std::size_t k = 1; k < queue.size(); ++k)
            QVERIFY(queue[k].start >= queue[k - 1].start + jobs[static_cast<std::size_t>(queue[k - 1].job)].ticks);
    }
}

ParameterValues tiny()
{
    return { { "jobs", 8.0 }, { "span", 6.0 }, { "tick_blocks", 50.0 }, { "memory", 2.0 }, { "trials", 2.0 } };
}

} // namespace

class TestRealCompute : public QObject {
    Q_OBJECT

private slots:
    void jobSetsAreDeterministic()
    {
        JobSetSpec spec;
        spec.seed = 7;
        const auto a = makeJobSet(spec);
        const auto b = makeJobSet(spec);
        QCOMPARE(a.size(), std::size_t(40));
        int urgent = 0;
        for (std::size_t k = 0; k < a.size(); ++k) {
            QCOMPARE(a[k].id, static_cast<int>(k));
            QCOMPARE(a[k].arrival, b[k].arrival);
            QCOMPARE(a[k].ticks, b[k].ticks);
            QCOMPARE(a[k].urgency, b[k].urgency);
            QVERIFY(k == 0 || a[k].arrival >= a[k - 1].arrival);
            QVERIFY(a[k].arrival >= 0 && a[k].arrival < spec.span);
            QVERIFY(a[k].ticks == 1 || a[k].ticks == 2 || a[k].ticks == 4 || a[k].ticks == 8);
            QVERIFY(a[k].memoryMib >= 1 && a[k].memoryMib <= spec.maxMemoryMib);
            QVERIFY(a[k].urgent ? a[k].urgency >= 0.7 : a[k].urgency <= 0.3);
            urgent += a[k].urgent ? 1 : 0;
        }
        QVERIFY(urgent > 0 && urgent < 40);
        spec.seed = 8;
        const auto c = makeJobSet(spec);
        bool differs = false;
        for (std::size_t k = 0; k < a.size(); ++k)
            differs = differs || a[k].arrival != c[k].arrival || a[k].ticks != c[k].ticks;
        QVERIFY(differs);
    }

    // Value halves over the half-life: a job's own length when urgent, ten times it when routine.
    void worthHalvesOverTheHalfLife()
    {
        const ComputeJob urgent = job(0, 0, 2, true, 1.0); // value 4
        QCOMPARE(urgent.worth(0.0), 4.0);
        QCOMPARE(urgent.worth(2.0), 2.0);
        QCOMPARE(urgent.worth(4.0), 1.0);
        const ComputeJob routine = job(1, 0, 2, false, 0.0); // value 2, half-life 20
        QCOMPARE(routine.worth(20.0), 1.0);
        QVERIFY(std::abs(routine.worth(2.0) - 2.0 * std::exp2(-0.1)) < 1e-12);
    }

    // One slot, busy with job 0 until tick 4; then jobs 1 to 3 wait. FIFO takes them by arrival, shortest first by
    // length, the urgency scheduler the urgent job first (it loses 3.6 x ln 2 / 2 / 2 a tick per tick of slot,
    // against 1.1 x ln 2 / 10 for the short routine one).
    void regimesOrderTheWaitingJobs()
    {
        const std::vector<ComputeJob> jobs {
            job(0, 0, 4, false, 0.1), job(1, 1, 4, false, 0.2), // routine, long
            job(2, 2, 2, true, 0.8), // urgent
            job(3, 3, 1, false, 0.1), // routine, short
        };
        QCOMPARE(order(planJobs(Regime::Fifo, jobs, 1, 1)), (std::vector<int> { 0, 1, 2, 3 }));
        QCOMPARE(order(planJobs(Regime::ShortestFirst, jobs, 1, 1)), (std::vector<int> { 0, 3, 2, 1 }));
        QCOMPARE(order(planJobs(Regime::Urgency, jobs, 1, 1)), (std::vector<int> { 0, 2, 3, 1 }));
        const ComputePlan fifo = planJobs(Regime::Fifo, jobs, 1, 1);
        QCOMPARE(fifo.makespan(jobs), 11);
        QCOMPARE(fifo.latencies(jobs), (std::vector<double> { 4, 7, 8, 8 }));
        // Two slots: job 1 starts at once on the second.
        const ComputePlan two = planJobs(Regime::Fifo, jobs, 2, 1);
        QCOMPARE(two.placements[1].slot, 1);
        QCOMPARE(two.placements[1].start, 1);
    }

    // Every regime, markets included: a valid plan, and the same plan again for the same seed.
    void plansAreValidAndDeterministic()
    {
        JobSetSpec spec;
        spec.jobs = 16;
        spec.span = 10;
        spec.seed = 3;
        const auto jobs = makeJobSet(spec);
        for (const Regime regime : allRegimes()) {
            const ComputePlan a = planJobs(regime, jobs, 2, 11);
            checkPlan(a, jobs, 2);
            const ComputePlan b = planJobs(regime, jobs, 2, 11);
            QCOMPARE(order(a), order(b));
            QCOMPARE(a.latencies(jobs), b.latencies(jobs));
        }
        // The central regimes never leave a slot idle while a job waits: with everything there at tick 0, each slot
        // runs its jobs back to back from tick 0.
        std::vector<ComputeJob> batch;
        for (int k = 0; k < 6; ++k)
            batch.push_back(job(k, 0, 1 + k % 3, k % 2 == 0, 0.5));
        for (const Regime regime : { Regime::Fifo, Regime::ShortestFirst, Regime::Urgency }) {
            for (const auto& queue : planJobs(regime, batch, 2, 1).bySlot(2)) {
                int next = 0;
                for (const Placement& p : queue) {
                    QCOMPARE(p.start, next);
                    next += batch[static_cast<std::size_t>(p.job)].ticks;
                }
            }
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, planJobs(Regime::Fifo, batch, 0, 1));
    }

    // Two slots sharing 10 MiB. Job 0 (8 MiB) starts; job 1 (6 MiB) does not fit beside it, so FIFO passes over it
    // to job 2 (2 MiB) and starts job 1 when job 0 ends at tick 4. Without the budget job 1 starts at once.
    void memoryBudgetHoldsJobsBack()
    {
        std::vector<ComputeJob> jobs { job(0, 0, 4, false, 0.1), job(1, 0, 1, false, 0.1), job(2, 0, 1, false, 0.1) };
        jobs[0].memoryMib = 8;
        jobs[1].memoryMib = 6;
        jobs[2].memoryMib = 2;
        const ComputePlan limited = planJobs(Regime::Fifo, jobs, 2, 1, 10);
        QCOMPARE(order(limited), (std::vector<int> { 0, 2, 1 }));
        QCOMPARE(limited.placements[2].start, 4);
        QCOMPARE(order(planJobs(Regime::Fifo, jobs, 2, 1)), (std::vector<int> { 0, 1, 2 }));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, planJobs(Regime::Fifo, jobs, 2, 1, 7));
        // A plan made by hand is checked before a thread acts on it: a job twice, a slot that is not there, a job
        // that cannot fit.
        ComputePlan twice = limited;
        twice.placements.push_back(twice.placements.front());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runPlan(twice, jobs, 2, 10, 0.0001, 1));
        ComputePlan nowhere = limited;
        nowhere.placements.front().slot = 2;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runPlan(nowhere, jobs, 2, 10, 0.0001, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runPlan(limited, jobs, 2, 10, 0.0001, 1, nullptr, 7));

        // Every regime, markets included, keeps the running jobs' memory within the budget at every tick.
        JobSetSpec spec;
        spec.jobs = 16;
        spec.span = 6;
        spec.maxMemoryMib = 4;
        spec.seed = 5;
        const auto set = makeJobSet(spec); // 1 to 4 MiB each, 6 MiB for 3 slots
        for (const Regime regime : allRegimes()) {
            const ComputePlan plan = planJobs(regime, set, 3, 2, 6);
            checkPlan(plan, set, 3);
            for (int tick = 0; tick < plan.makespan(set); ++tick) {
                int used = 0;
                for (const Placement& p : plan.placements) {
                    const ComputeJob& j = set[static_cast<std::size_t>(p.job)];
                    used += p.start <= tick && tick < p.start + j.ticks ? j.memoryMib : 0;
                }
                QVERIFY2(used <= 6, regimeName(regime).data());
            }
        }
        // The pool keeps to it too, in real time: at every job's start, the jobs running then fit in 6 MiB.
        const PoolRun run = runPlan(planJobs(Regime::Fifo, set, 3, 2, 6), set, 3, 50, 0.0002, 1, nullptr, 6);
        for (const JobTiming& at : run.jobs) {
            int used = 0;
            for (std::size_t k = 0; k < set.size(); ++k)
                used += run.jobs[k].start <= at.start && at.start < run.jobs[k].end ? set[k].memoryMib : 0;
            QVERIFY(used <= 6);
        }
    }

    // The work: the same digest for the same job and seed, another for another seed; cancelled, it stops early.
    void workIsRealAndRepeatable()
    {
        const ComputeJob j = job(0, 0, 2, false, 0.0);
        const Digest a = runJobWork(j, 100, 5);
        QCOMPARE(runJobWork(j, 100, 5), a);
        QVERIFY(runJobWork(j, 100, 6) != a);
        QVERIFY(runJobWork(j, 101, 5) != a);
        std::atomic<bool> cancel { true };
        QVERIFY(runJobWork(j, 100, 5, &cancel) != a);
    }

    // The pool runs a plan on its slots: every job ends after it starts and after its arrival, a slot's jobs in
    // order, and every plan of the same jobs computes the same digests.
    void poolRunsEveryPlanToTheSameDigests()
    {
        JobSetSpec spec;
        spec.jobs = 10;
        spec.span = 5;
        spec.maxMemoryMib = 2;
        spec.seed = 4;
        const auto jobs = makeJobSet(spec);
        std::vector<Digest> reference;
        for (const Regime regime : allRegimes()) {
            const ComputePlan plan = planJobs(regime, jobs, 2, 9);
            const PoolRun run = runPlan(plan, jobs, 2, 50, 0.0005, 1);
            QVERIFY(!run.cancelled);
            std::vector<Digest> digests;
            for (const ComputeJob& job : jobs) {
                const JobTiming& t = run.jobs[static_cast<std::size_t>(job.id)];
                QVERIFY(t.end >= t.start);
                QVERIFY(t.start >= job.arrival * 0.0005);
                QVERIFY(t.end <= run.makespan);
                digests.push_back(t.digest);
            }
            for (const auto& queue : plan.bySlot(2)) {
                for (std::size_t k = 1; k < queue.size(); ++k) {
                    QVERIFY(run.jobs[static_cast<std::size_t>(queue[k].job)].start
                        >= run.jobs[static_cast<std::size_t>(queue[k - 1].job)].end);
                }
            }
            if (reference.empty())
                reference = digests;
            QCOMPARE(digests, reference);
        }
    }

    // The experiment: a row per regime; the planned columns (allocations) identical for the seed on 1 and 2
    // threads; the same work under every regime; cancel stops it.
    void experimentAllocationsAreIdenticalForASeed()
    {
        ExperimentContext one;
        one.threads = 1;
        ExperimentContext two;
        two.threads = 2;
        const ExperimentResult a = experimentCatalog().make("real-compute", tiny())->run(one);
        const ExperimentResult b = experimentCatalog().make("real-compute", tiny())->run(two);
        const ResultTable* ta = a.table("regimes");
        const ResultTable* tb = b.table("regimes");
        QVERIFY(ta && tb);
        QCOMPARE(ta->rows.size(), allRegimes().size());
        for (std::size_t r = 0; r < ta->rows.size(); ++r) {
            QCOMPARE(cellText(ta->at(r, "regime")), std::string(regimeName(allRegimes()[r])));
            QCOMPARE(cellNumber(ta->at(r, "planned_welfare")), cellNumber(tb->at(r, "planned_welfare")));
            QCOMPARE(cellNumber(ta->at(r, "planned_urgent_latency")), cellNumber(tb->at(r, "planned_urgent_latency")));
            const double welfare = cellNumber(ta->at(r, "welfare"));
            QVERIFY(welfare > 0.0 && welfare <= 1.0);
            QVERIFY(cellNumber(ta->at(r, "makespan")) > 0.0);
        }
        // The allocation itself, job by job, is the same on 1 and 2 threads.
        const ResultTable* sa = a.table("schedule");
        const ResultTable* sb = b.table("schedule");
        QVERIFY(sa && sb);
        QCOMPARE(sa->rows.size(), sb->rows.size());
        for (std::size_t r = 0; r < sa->rows.size(); ++r) {
            for (const char* column : { "regime", "job", "slot", "planned_start" })
                QCOMPARE(sa->at(r, column), sb->at(r, column));
        }
        QVERIFY(a.finding("same_work") && a.finding("same_work")->holds == true);
        QVERIFY(a.finding("negotiated_welfare_cost") && a.finding("auction_urgent_vs_fifo"));
        QCOMPARE(a.table("trials")->rows.size(), std::size_t(2 * allRegimes().size()));
        // The first job set's schedule: every job once per regime, never started before it arrived.
        const ResultTable* schedule = a.table("schedule");
        QVERIFY(schedule);
        QCOMPARE(schedule->rows.size(), std::size_t(8 * allRegimes().size()));
        for (std::size_t r = 0; r < schedule->rows.size(); ++r) {
            QVERIFY(cellNumber(schedule->at(r, "planned_start")) >= cellNumber(schedule->at(r, "arrival")));
            QVERIFY(cellNumber(schedule->at(r, "end")) >= cellNumber(schedule->at(r, "start")));
        }
        QVERIFY(a.chartSeries("welfare") && a.chartSeries("urgent-latency"));

        std::atomic<bool> cancel { true };
        ExperimentContext cancelled;
        cancelled.cancel = &cancel;
        QVERIFY_THROWS_EXCEPTION(ExperimentCancelled, experimentCatalog().make("real-compute", tiny())->run(cancelled));
    }
};

QTEST_GUILESS_MAIN(TestRealCompute)
#include "tst_realcompute.moc"
