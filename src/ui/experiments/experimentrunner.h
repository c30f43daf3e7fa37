// Runs one experiment at a time on a thread of its own, so the window that asked stays responsive: the experiment's
// progress arrives as signals (at most ~20 a second), with partial results from experiments that have them, then
// exactly one of finished(), cancelled() or failed(). Destroying the runner cancels a run in progress and waits for its
// thread.
#pragma once

#include "experiment.h"
#include "experimentresult.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

namespace haggle::ui {

class ExperimentRunner : public QObject {
    Q_OBJECT

public:
    explicit ExperimentRunner(QObject* parent = nullptr);
    ~ExperimentRunner() override;

    // Starts running `experiment` with `context` (its progress and cancel are the runner's own). False, and nothing
    // started, while a run is in progress.
    bool start(std::unique_ptr<lab::Experiment> experiment, lab::ExperimentContext context);
    // Asks the run in progress to stop at its next trial or stage; cancelled() follows.
    void cancel();
    bool running() const noexcept { return m_running; }

signals:
    void progress(double fraction, const QString& stage);
    // What the experiment knows so far, from one that shows it before it ends (a sweep's report); also just before
    // cancelled() when the experiment keeps what it did (a sweep's committed runs).
    void partialResult(std::shared_ptr<const haggle::lab::ExperimentResult> result);
    void finished(std::shared_ptr<const haggle::lab::ExperimentResult> result);
    void cancelled();
    void failed(const QString& message);

private:
    void join();

    std::jthread m_thread;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_running = false;
};

} // namespace haggle::ui
