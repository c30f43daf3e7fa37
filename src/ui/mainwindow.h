// The desktop lab's main window: docks (Agents, Scenario, Message log, Inspector) around a round summary, run
// controls on a toolbar, files (new, open, recent, examples, save, drag and drop), undo/redo, and the simulation
// controller that runs the engine on a worker thread.
#pragma once

#include <QMainWindow>
#include <QMessageBox>

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
class InspectorDock;
class MessageLogDock;
class RoundSummaryModel;
class ScenarioDock;
class ScenarioDocument;
class SimulationController;
struct SimulationSnapshot;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

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
    QString roundText() const;
    bool pendingChangesShown() const;
    QString lastError() const { return m_lastError; }

    // How the window asks questions and reports errors. Tests replace these so nothing blocks.
    std::function<QMessageBox::StandardButton(const QString& question)> askToSave;
    std::function<void(const QString& title, const QString& text)> showError;

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
    void onResetDone();
    void error(const QString& title, const QString& text);

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
    QByteArray m_defaultState;
    QString m_lastError;
    int m_selectedAgent = -1;
};

} // namespace haggle::ui
