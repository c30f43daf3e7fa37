// The Agents dock: the agents table with add, remove and duplicate, editors with valid ranges, and the live
// columns of the current run. Selecting a row selects that agent everywhere (inspector, message log).
#pragma once

#include <QDockWidget>

class QTableView;
class QToolButton;
class QLabel;

namespace haggle::ui {

class AgentTableModel;
class ScenarioDocument;

class AgentsDock : public QDockWidget {
    Q_OBJECT

public:
    AgentsDock(ScenarioDocument* document, QWidget* parent = nullptr);

    AgentTableModel* model() const noexcept { return m_model; }
    QTableView* view() const noexcept { return m_view; }
    int currentAgent() const;
    void selectAgent(int row); // does not emit agentSelected
    void setEditable(bool editable);

    void addAgent();
    void removeSelected();
    void duplicateSelected();

signals:
    void agentSelected(int row); // -1 when nothing is selected
    void message(const QString& text); // for the status bar (refused edits and the like)

private:
    ScenarioDocument* m_document;
    AgentTableModel* m_model;
    QTableView* m_view;
    QToolButton* m_add;
    QToolButton* m_remove;
    QToolButton* m_duplicate;
    bool m_selecting = false;
};

} // namespace haggle::ui
