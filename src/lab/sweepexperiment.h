// A sweep as an experiment: runs the runs its results file lacks (sweeprunner.h) and returns the file's report
// (sweepreport.h), so the desktop lab's Experiments window runs, shows and exports a sweep as it does the built-in
// experiments. While it runs it reports progress with the rate and the time left, and the report so far as a partial
// result; cancelled, it keeps every committed run (the next run resumes) and throws ExperimentCancelled.
#pragma once

#include "experiment.h"
#include "sweep.h"

#include <filesystem>
#include <memory>

namespace haggle::lab {

// The experiment kind a sweep runs as ("sweep", no parameters of its own: the plan holds them).
const KindInfo& sweepExperimentKind();

class SweepExperiment : public Experiment {
public:
    SweepExperiment(std::shared_ptr<const SweepPlan> plan, std::filesystem::path results);

    const SweepPlan& plan() const noexcept { return *m_plan; }
    const std::filesystem::path& results() const noexcept { return m_results; }

    // Throws SweepStoreError when the results file cannot be opened or written (another sweep's file, a full disk),
    // and rethrows what a run throws; the runs committed before stay in the file.
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    std::shared_ptr<const SweepPlan> m_plan;
    std::filesystem::path m_results;
};

} // namespace haggle::lab
