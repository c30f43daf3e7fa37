// A sweep as an experiment (see sweepexperiment.h).
#include "sweepexperiment.h"

#include "sweepreport.h"
#include "sweeprunner.h"
#include "sweepstore.h"

#include <chrono>

namespace haggle::lab {

const KindInfo& sweepExperimentKind()
{
    static const KindInfo kind { "sweep",
        "A parameter sweep: every setting of its axes, each for its trials, results in an SQLite file", {} };
    return kind;
}

SweepExperiment::SweepExperiment(std::shared_ptr<const SweepPlan> plan, std::filesystem::path results)
    : Experiment(sweepExperimentKind(), Parameters(sweepExperimentKind(), {}))
    , m_plan(std::move(plan))
    , m_results(std::move(results))
{
}

ExperimentResult SweepExperiment::run(const ExperimentContext& context) const
{
    using Clock = std::chrono::steady_clock;
    SweepStore store(m_results, *m_plan);
    SweepRunOptions options;
    options.threads = context.threads;
    options.cancel = context.cancel;
    // The partial report reads the whole file; it is drawn at most once a second, and never takes more than about a
    // fifth of the storing thread's time (a large file waits longer between reports).
    Clock::time_point nextReport = Clock::now() + std::chrono::milliseconds(500);
    options.progress = [&](const SweepProgress& p) {
        if (context.progress) {
            const double whole = static_cast<double>(p.todo + p.stored);
            context.progress(whole > 0 ? static_cast<double>(p.done + p.stored) / whole : 1.0, progressText(p));
        }
        if (context.partial && p.done < p.todo && Clock::now() >= nextReport) {
            const auto start = Clock::now();
            context.partial(sweepReport(m_results));
            const auto took = Clock::now() - start;
            nextReport = Clock::now() + std::max<Clock::duration>(std::chrono::seconds(1), 4 * took);
        }
    };
    const SweepOutcome outcome = runSweep(*m_plan, store, options);
    ExperimentResult report = sweepReport(m_results);
    if (outcome.cancelled) {
        if (context.partial)
            context.partial(report);
        throw ExperimentCancelled();
    }
    return report;
}

} // namespace haggle::lab
