// The Agents dock: the agents table with add, remove and duplicate, editors with valid ranges, and the live
// columns of the current run. Selecting a row selects that agent everywhere (inspector, message log).
#pragma once

#include <QDockWidget>
#include <QPointer>

class QTableView;
class QToolButton;
class QLabel;

namespace haggle {
struct LanguageModelSettings;
}

namespace haggle::ui {

class AgentTableModel;
class Run;
class ScenarioDocument;
struct SimulationSnapshot;

class AgentsDock : public QDockWidget {
    Q_OBJECT

public:
    AgentsDock(ScenarioDocument* document, QWidget* parent = nullptr);

    AgentTableModel* model() const noexcept { return m_model; }
    QTableView* view() const noexcept { return m_view; }
    int currentAgent() const;
    void selectAgent(int row); // does not emit agentSelected
    void setEditable(bool editable);
    // The live columns follow this run while the document is the scenario it runs (an edited table waits for a
    // reset: its rows need not be the run's agents). Null: no live columns.
    void setRun(Run* run);

    void addAgent();
    void removeSelected();
    void duplicateSelected();
    // The LLM negotiators' settings (the scenario's llm block) in LlmSettingsDialog; what it accepts is one edit.
    void editLlmSettings();
    // Sets them as one undoable edit; false (with the reason in message()) when the document refuses them.
    bool applyLlmSettings(const LanguageModelSettings& settings);
    QToolButton* llmButton() const noexcept { return m_llm; }

signals:
    void agentSelected(int row); // -1 when nothing is selected
    void message(const QString& text); // for the status bar (refused edits and the like)

private:
    void showLive(const SimulationSnapshot& snapshot);

    ScenarioDocument* m_document;
    QPointer<Run> m_run;
    AgentTableModel* m_model;
    QTableView* m_view;
    QToolButton* m_add;
    QToolButton* m_remove;
    QToolButton* m_duplicate;
    QToolButton* m_llm;
    bool m_selecting = false;
};

} // namespace haggle::ui
