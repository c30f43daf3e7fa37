// The Inspector dock: the selected agent's holdings, budget, net worth and standing, its own reputation table
// (peers below its trust threshold in red) and its recent deals, live from the latest snapshot.
#pragma once

#include "snapshot.h"

#include <QDockWidget>
#include <QPointer>

class QLabel;
class QTableView;

namespace haggle::ui {

class DealHistoryModel;
class LearnedTableModel;
class ReputationTableModel;
class Run;
class ScenarioDocument;

class InspectorDock : public QDockWidget {
    Q_OBJECT

public:
    explicit InspectorDock(ScenarioDocument* document, QWidget* parent = nullptr);

    void setAgent(int agent); // -1: nothing selected
    int agent() const noexcept { return m_agent; }
    // Follows this run: its agents' ids when it starts over, its latest state as it arrives. Null: none.
    void setRun(Run* run);
    void setRunAgents(const QStringList& ids); // the ids of the agents in the current run
    void showSnapshot(const SimulationSnapshot& snapshot);

    ReputationTableModel* reputationModel() const noexcept { return m_reputation; }
    DealHistoryModel* dealsModel() const noexcept { return m_deals; }
    LearnedTableModel* learnedModel() const noexcept { return m_learned; }
    // What the selected agent has learnt, written as a policy file (savePolicy) or as CSV; the error, or empty.
    QString saveLearned(const QString& file) const;
    QString summaryText() const;

private:
    void showSpec();
    // The live summary's lines on identity (a whitewasher's), colluding ring, cheating and isolation.
    QString identityText(const SimulationSnapshot& s, const AgentLive& live) const;
    QWidget* createLearnedPane();
    void askToSaveLearned(bool csv);

    ScenarioDocument* m_document;
    QPointer<Run> m_run;
    int m_agent = -1;
    QStringList m_runIds;
    QLabel* m_title;
    QLabel* m_summary;
    ReputationTableModel* m_reputation;
    DealHistoryModel* m_deals;
    LearnedTableModel* m_learned;
    QWidget* m_learnedPane = nullptr; // shown for an agent that learns
    QLabel* m_learnedTitle = nullptr;
};

} // namespace haggle::ui
