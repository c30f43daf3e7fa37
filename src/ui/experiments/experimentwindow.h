// The Experiments window (Simulation > Experiments...): the experiment catalogs of both rules sets, the chosen
// experiment's description and parameters (a KindEditor over its KindInfo), trials and threads overrides, and Run /
// Cancel. The run happens on an ExperimentRunner's thread with a progress bar and the stage it is at; when it ends the
// window shows the findings, a table view per result table and a chart per series and per exported run's chart kind,
// drawn by the same builders as `haggle-cli experiment --out` (charts::makeSeriesChart(), the chart catalog), and
// Export... writes the same files as --out (charts::OutputWriter). An experiment that throws is reported here.
//
// Sweeps run here too (the Sweeps group: a new sweep over the lab's scenario, and the example sweeps): a SweepEditor
// takes the parameters' place, the run stores into its SQLite results file with the rate and time left in the status
// line, the report's charts fill in as runs are stored, a click on a heatmap cell, a point or a box (or a double click
// on a table row) opens that setting's scenario in the lab, and Export... also copies the results file.
#pragma once

#include "experimentcatalog.h"
#include "experimentresult.h"
#include "scenario.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QChartView;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QStackedWidget;
class QTreeWidget;

namespace haggle::lab {
class SweepPlan;
}

namespace haggle::ui {

class ExperimentRunner;
class KindEditor;
class SweepEditor;

class ExperimentWindow : public QDialog {
    Q_OBJECT

public:
    enum class State { Idle, Running, Finished, Cancelled, Failed };

    explicit ExperimentWindow(QWidget* parent = nullptr);
    ~ExperimentWindow() override;

    // The rules set of the Sweeps group's entries, for selectExperiment(): name "" is a new sweep over the lab's
    // scenario, others are the example sweeps' keys (lab::builtinSweeps()).
    static constexpr const char* SweepGroup = "sweep";

    // Selects an experiment by rules set ("haggle", "prototype" or SweepGroup) and name; false if there is none.
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
    SweepEditor* sweepEditor() const noexcept { return m_sweepEditor; }
    // The lab's scenario, the base of a new sweep; its LLM endpoint (llm block), if it has one, is the one the LLM
    // experiments call (llmconnection.h).
    void setLabScenario(const Scenario& scenario, const QString& name);
    // Shows a sweep file (or "builtin:KEY") in the sweep editor. False, with *error naming the file and the path in it,
    // for one that is not a sweep; the editor then keeps what it showed.
    bool openSweep(const QString& source, QString* error = nullptr);
    // The results file of the sweep last run (empty before one ran).
    QString sweepResultsFile() const { return m_sweepFile; }
    // Opens setting `setting` of the sweep last run in the lab (openScenario()); false when there is no such setting.
    bool openSetting(int setting);
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
    // The user asked to open a sweep setting's scenario (trial 0's seed) in the lab.
    void openScenario(const haggle::Scenario& scenario, const QString& name);

private:
    lab::ExperimentCatalog* catalogOf(const QString& rules) const;
    void buildList();
    void showSelected();
    void setState(State state, const QString& status);
    void showProgress(double fraction, const QString& stage);
    void showResult(std::shared_ptr<const lab::ExperimentResult> result);
    void runSweep();
    bool sweepSelected() const;
    void connectSettingClicks();
    void openSettingLater(int setting);
    void clearResult();
    void exportResult();

    QTreeWidget* m_list;
    QLabel* m_title;
    QLabel* m_description;
    KindEditor* m_parameters;
    QLabel* m_noParameters;
    QStackedWidget* m_editors; // the experiment's parameters, or the sweep editor
    QWidget* m_parametersPage;
    SweepEditor* m_sweepEditor;
    QSpinBox* m_trials;
    QSpinBox* m_threads;
    QFormLayout* m_runForm;
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
    QString m_loadedSweep = QStringLiteral("\n"); // which Sweeps entry the editor shows ("\n": none yet)
    std::shared_ptr<const lab::SweepPlan> m_sweepPlan; // the sweep last run, for clicks on its settings
    QString m_sweepFile;
    std::optional<LanguageModelSettings> m_labEndpoint; // the lab scenario's llm settings
    bool m_sweepRun = false; // the last run is a sweep
};

} // namespace haggle::ui
