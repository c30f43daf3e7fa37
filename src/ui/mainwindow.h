// The desktop lab's main window: it arranges the docks (Agents, Scenario, Message log, Inspector) around the
// centre (deal graph, charts, round table), wires the menus and the run controls to the current run, and handles
// files (new, open, recent, examples, save, drag and drop, autosave), undo/redo and exports. The runs hold the
// simulation and its data (see run.h); the window holds a list of them and shows the current one.
#pragma once

#include "autosavesession.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QTimer>

#include <QPointer>
#include <functional>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;

namespace Ui {
class MainWindow;
}

namespace haggle {
struct Scenario;
}

namespace haggle::ui {

class AgentsDock;
class CompareWindow;
class AutosaveStore;
class ChartsPanel;
class DealGraphView;
class ExperimentWindow;
class ExportActions;
class PresentationMode;
class InspectorDock;
class LlmActivityLabel;
class MessageLogDock;
class RoundSummaryModel;
class Run;
class RunControls;
class RunViewer;
class ScenarioBanner;
class ScenarioDock;
class ScenarioDocument;
class RunFileActions;
class Timeline;
class SimulationController;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    using AutosaveOptions = AutosaveSession::Options;
    using Recovery = AutosaveSession::Recovery;

    explicit MainWindow(QWidget* parent = nullptr);
    explicit MainWindow(const AutosaveOptions& autosave, QWidget* parent = nullptr);
    ~MainWindow() override;

    // At start: offer back the autosaves of sessions that crashed, newest first, until one is restored. Unreadable
    // autosaves are set aside and reported in the status bar. Returns whether one was restored.
    bool offerRecovery();
    AutosaveStore* autosaveStore() const noexcept { return m_autosave->store(); }

    // Open a scenario file; on failure shows the error and keeps the current scenario. Returns success.
    bool openFile(const QString& path);
    void openExample(const QString& key);
    // The Experiments window (created once), shown and raised, with the lab's scenario as a new sweep's base.
    ExperimentWindow* showExperiments();
    // `haggle --sweep FILE`: the Experiments window on a sweep file or "builtin:KEY"; an error is shown as one.
    bool openSweep(const QString& source);
    bool saveTo(const QString& path);

    ScenarioDocument* document() const noexcept { return m_document; }
    // The run the window shows and its commands go to. The window starts with one, on the document's scenario.
    Run* currentRun() const noexcept { return m_run; }
    const std::vector<Run*>& runs() const noexcept { return m_runs; }
    // A further run of this scenario, alongside the others (for comparing runs); it does not become current.
    Run* addRun(const Scenario& scenario);
    // Shows this run (one of runs()) in every view, and sends the run controls to it.
    void setCurrentRun(Run* run);
    // A what-if branch of the current run from `round` under `edited` (what Fork from This Round... does once its
    // dialog is accepted): it becomes current, and joins the compare view if that is open.
    Run* addBranch(int round, const Scenario& edited);
    // Opens (or brings up) the compare view on the window's runs: the original and its branches (null, with an error
    // shown, when there is one run).
    CompareWindow* showCompare();
    // The current run's controller and data.
    SimulationController* controller() const noexcept;
    AgentsDock* agentsDock() const noexcept { return m_agentsDock; }
    ScenarioDock* scenarioDock() const noexcept { return m_scenarioDock; }
    MessageLogDock* messageLogDock() const noexcept { return m_messageDock; }
    InspectorDock* inspectorDock() const noexcept { return m_inspectorDock; }
    RoundSummaryModel* roundsModel() const noexcept;
    DealGraphView* dealGraph() const noexcept { return m_graph; }
    ChartsPanel* chartsPanel() const noexcept { return m_charts; }
    QWidget* roundsView() const;
    void showView(QWidget* view); // make a centre tab current (the graph, the charts or the rounds)
    // Everything an Export All writes, into `directory`; returns the files written (empty and an error on failure).
    QStringList exportAllTo(const QString& directory, QSize logicalSize, qreal scale, QString* error);
    ExportActions* exportActions() const noexcept { return m_exports; }
    PresentationMode* presentationMode() const noexcept { return m_presentation; }
    // Draw the latest snapshot in the graph and charts now (the frame timer does it at most 30 times a second).
    void refreshViews();
    QString roundText() const;
    bool pendingChangesShown() const;
    ScenarioBanner* scenarioBanner() const noexcept { return m_banner; }
    int speed() const; // the run controls' rounds per second (0: full speed)
    QString lastError() const { return m_lastError; }
    // The status bar's note of the rules set the current run plays under ("Prototype rules", ...).
    QString runRulesText() const;

    // How the window asks questions and reports errors. Tests replace these so nothing blocks.
    std::function<QMessageBox::StandardButton(const QString& question)> askToSave;
    std::function<void(const QString& title, const QString& text)> showError;
    // Restore or Discard an autosave left by a crashed session; Later keeps it for the next start.
    std::function<Recovery(const QString& question)> askToRestore;

    void resetRun();
    void togglePause();
    void selectAgent(int agent);
    void setSpeed(int roundsPerSecond);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void setupDocks();
    void setupActions();
    void setupRunFiles();
    // mainwindowforks.cpp: Simulation > Fork from This Round... and the run chooser in the run toolbar.
    void setupForks();
    void forkFromCursor();
    void updateRunChooser();
    QString runName(const Run* run) const;
    void restoreLayout();
    // The docks' default sizes for the window's size: a 1280x720 projector keeps room for the charts.
    void sizeDocksToWindow();
    bool maybeSave();
    bool save();
    bool saveAs();
    void open();
    void rebuildRecentMenu();
    void updateTitle();
    void updateRunState();
    void updatePendingBanner();
    void updateRulesIndicator();
    // A scenario was opened (a file, an example, a new one): the banner says what it is and what to watch, and its
    // presentation speed, if it has one, becomes the run speed.
    void present();
    void error(const QString& title, const QString& text);

    std::unique_ptr<Ui::MainWindow> m_ui;
    ScenarioDocument* m_document;
    std::vector<Run*> m_runs; // children of the window
    Run* m_run = nullptr;
    RunViewer* m_viewer = nullptr;
    Timeline* m_timeline = nullptr; // under the views: the round every view shows
    RunFileActions* m_runFiles = nullptr; // Save Run..., and opening .haggle-run files
    QAction* m_forkAction = nullptr;
    QComboBox* m_runChooser = nullptr; // the run shown: the original or one of its branches
    QAction* m_runChooserAction = nullptr; // its place in the run toolbar (shown with more than one run)
    QPointer<CompareWindow> m_compare; // made on first use
    ExportActions* m_exports = nullptr;
    PresentationMode* m_presentation = nullptr;
    AgentsDock* m_agentsDock = nullptr;
    ScenarioDock* m_scenarioDock = nullptr;
    MessageLogDock* m_messageDock = nullptr;
    InspectorDock* m_inspectorDock = nullptr;
    RunControls* m_controls = nullptr;
    DealGraphView* m_graph = nullptr;
    ChartsPanel* m_charts = nullptr;
    ScenarioBanner* m_banner = nullptr;
    QLabel* m_rulesIndicator = nullptr; // permanent, in the status bar
    LlmActivityLabel* m_llmActivity = nullptr; // permanent, in the status bar while the run has LLM negotiators
    QByteArray m_defaultState;
    bool m_layoutRestored = false; // the user's saved layout was restored: leave the dock sizes alone
    bool m_shown = false;
    QString m_lastError;
    int m_selectedAgent = -1;
    AutosaveSession* m_autosave = nullptr; // a child of the window
};

} // namespace haggle::ui
