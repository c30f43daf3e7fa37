// The desktop lab's main window: docks (Agents, Scenario, Message log, Inspector) around a round summary, run
// controls on a toolbar, files (new, open, recent, examples, save, drag and drop), undo/redo, and the simulation
// controller that runs the engine on a worker thread.
#pragma once

#include "dealnetwork.h"
#include "snapshot.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QTimer>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QSpinBox;

namespace Ui {
class MainWindow;
}

namespace haggle::ui {

class AgentsDock;
class AutosaveStore;
class ChartsPanel;
class DealGraphView;
class InspectorDock;
class MessageLogDock;
class RoundSummaryModel;
class ScenarioDock;
class ScenarioDocument;
class SimulationController;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // Where unsaved edits are autosaved and how long after the last edit (tests use their own directory and less).
    struct AutosaveOptions {
        QString directory; // empty: AutosaveStore::defaultDirectory()
        int delayMs = 2000;
    };
    enum class Recovery { Restore, Discard, Later };

    explicit MainWindow(QWidget* parent = nullptr);
    explicit MainWindow(const AutosaveOptions& autosave, QWidget* parent = nullptr);
    ~MainWindow() override;

    // At start: offer back the autosaves of sessions that crashed, newest first, until one is restored. Unreadable
    // autosaves are set aside and reported in the status bar. Returns whether one was restored.
    bool offerRecovery();
    AutosaveStore* autosaveStore() const noexcept { return m_autosave.get(); }

    // Open a scenario file; on failure shows the error and keeps the current scenario. Returns success.
    bool openFile(const QString& path);
    void openExample(const QString& key);
    bool saveTo(const QString& path);

    ScenarioDocument* document() const noexcept { return m_document; }
    SimulationController* controller() const noexcept { return m_controller; }
    AgentsDock* agentsDock() const noexcept { return m_agentsDock; }
    ScenarioDock* scenarioDock() const noexcept { return m_scenarioDock; }
    MessageLogDock* messageLogDock() const noexcept { return m_messageDock; }
    InspectorDock* inspectorDock() const noexcept { return m_inspectorDock; }
    RoundSummaryModel* roundsModel() const noexcept { return m_rounds; }
    DealGraphView* dealGraph() const noexcept { return m_graph; }
    ChartsPanel* chartsPanel() const noexcept { return m_charts; }
    QWidget* roundsView() const;
    void showView(QWidget* view); // make a centre tab current (the graph, the charts or the rounds)
    // Everything an Export All writes, into `directory`; returns the files written (empty and an error on failure).
    QStringList exportAllTo(const QString& directory, QSize logicalSize, qreal scale, QString* error);
    const lab::DealNetwork& dealNetwork() const noexcept { return m_network; }
    // Draw the latest snapshot in the graph and charts now (the frame timer does it at most 30 times a second).
    void refreshViews();
    QString roundText() const;
    bool pendingChangesShown() const;
    QString lastError() const { return m_lastError; }

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
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void setupDocks();
    void setupActions();
    void setupRunControls();
    void restoreLayout();
    bool maybeSave();
    bool save();
    bool saveAs();
    void open();
    void rebuildRecentMenu();
    void updateTitle();
    void updateRunState();
    void updatePendingBanner();
    void onSnapshot(const SimulationSnapshot& snapshot);
    void drawFrame(); // the frame timer: at most one chart per frame
    void drawViews(bool oneChart);
    void onResetDone();
    void exportView();
    void exportCsv();
    void exportGraphML();
    void exportAll();
    bool writeGraphML(const QString& path, QString* error) const;
    void error(const QString& title, const QString& text);
    void setupAutosave(const AutosaveOptions& options);
    void scheduleAutosave();
    void autosaveNow();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ScenarioDocument* m_document;
    SimulationController* m_controller;
    RoundSummaryModel* m_rounds;
    AgentsDock* m_agentsDock = nullptr;
    ScenarioDock* m_scenarioDock = nullptr;
    MessageLogDock* m_messageDock = nullptr;
    InspectorDock* m_inspectorDock = nullptr;
    QComboBox* m_speed = nullptr;
    QSpinBox* m_stepCount = nullptr;
    QLabel* m_roundLabel = nullptr;
    DealGraphView* m_graph = nullptr;
    ChartsPanel* m_charts = nullptr;
    lab::DealNetwork m_network;
    SimulationSnapshot m_view; // the latest snapshot's state (without its batches), for the frame timer
    bool m_viewDirty = false;
    quint64 m_viewJob = 0; // the run the views were last reset for (onResetDone())
    QTimer m_frame;
    QByteArray m_defaultState;
    QString m_lastError;
    int m_selectedAgent = -1;
    std::unique_ptr<AutosaveStore> m_autosave;
    QTimer m_autosaveTimer;
    bool m_autosaveFailing = false; // reported once, not at every edit
};

} // namespace haggle::ui
