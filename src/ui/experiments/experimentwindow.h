// The Experiments window (Simulation > Experiments...): the experiment catalogs of both rules sets, the chosen
// experiment's description and parameters (a KindEditor over its KindInfo), trials and threads overrides, and Run /
// Cancel. The run happens on an ExperimentRunner's thread with a progress bar and the stage it is at; when it ends the
// window shows the findings, a table view per result table and a chart per series and per exported run's chart kind,
// drawn by the same builders as `haggle-cli experiment --out` (charts::makeSeriesChart(), the chart catalog), and
// Export... writes the same files as --out (charts::OutputWriter). An experiment that throws is reported here.
#pragma once

#include "experimentcatalog.h"
#include "experimentresult.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QList>
#include <QString>

#include <memory>

class QChartView;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTreeWidget;

namespace haggle::ui {

class ExperimentRunner;
class KindEditor;

class ExperimentWindow : public QDialog {
    Q_OBJECT

public:
    enum class State { Idle, Running, Finished, Cancelled, Failed };

    explicit ExperimentWindow(QWidget* parent = nullptr);
    ~ExperimentWindow() override;

    // Selects an experiment by rules set ("haggle" or "prototype") and catalog name; false if there is none.
    bool selectExperiment(const QString& rules, const QString& name);
    QString selectedRules() const;
    QString selectedName() const;
    // The trials override (0: each part's own count) and the threads (0: one per core).
    void setTrials(int trials);
    void setThreads(int threads);

    State state() const noexcept { return m_state; }
    bool isRunning() const noexcept { return m_state == State::Running; }
    QString statusText() const;
    QString findingsText() const;
    const lab::ExperimentResult* result() const noexcept { return m_result.get(); }
    QList<QTableView*> tableViews() const;
    QList<QChartView*> chartViews() const;
    KindEditor* parameterEditor() const noexcept { return m_parameters; }
    QPushButton* runButton() const noexcept { return m_run; }
    QPushButton* cancelButton() const noexcept { return m_cancel; }
    QPushButton* exportButton() const noexcept { return m_export; }

    // Writes what `haggle-cli experiment NAME --out directory` writes for the shown result. False, with *error, when
    // there is no result or a file cannot be written.
    bool exportTo(const QString& directory, QString* error = nullptr, int* files = nullptr);

public slots:
    // Runs the selected experiment (Ctrl+Return); refused, with the reason in the status line, while one runs or when
    // its parameters are invalid.
    void run();
    // Asks the run in progress to stop; the window says "Cancelled" once it has.
    void cancel();
    // Esc: cancels a run in progress, and closes.
    void reject() override;

signals:
    // A run ended (finished, cancelled or failed): the window is runnable again.
    void runEnded();

private:
    lab::ExperimentCatalog* catalogOf(const QString& rules) const;
    void buildList();
    void showSelected();
    void setState(State state, const QString& status);
    void showProgress(double fraction, const QString& stage);
    void showResult(std::shared_ptr<const lab::ExperimentResult> result);
    void clearResult();
    void exportResult();

    QTreeWidget* m_list;
    QLabel* m_title;
    QLabel* m_description;
    KindEditor* m_parameters;
    QLabel* m_noParameters;
    QSpinBox* m_trials;
    QSpinBox* m_threads;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_export;
    QProgressBar* m_progress;
    QLabel* m_status;
    QTabWidget* m_results;
    QTextBrowser* m_findings;
    QTabWidget* m_tables;
    QTabWidget* m_charts;
    ExperimentRunner* m_runner;

    State m_state = State::Idle;
    QString m_runName; // what the last run ran, for the status line and export
    QElapsedTimer m_clock;
    std::shared_ptr<const lab::ExperimentResult> m_result;
    QString m_lastExportDirectory;
};

} // namespace haggle::ui
