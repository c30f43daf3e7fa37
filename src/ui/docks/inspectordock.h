// The Inspector dock: the selected agent's holdings, budget, net worth and standing, its own reputation table
// (peers below its trust threshold in red) and its recent deals, live from the latest snapshot; the coalition it took
// part in during the round shown, with each member's part and payout by the split rule; what it has learnt; for an LLM
// negotiator, what it asked its model in the round shown and what came back (llmtranscript.h).
#pragma once

#include "llmtranscript.h"
#include "snapshot.h"

#include <QDockWidget>
#include <QPointer>

class QLabel;
class QTableView;
class QTextBrowser;

namespace haggle::ui {

class CoalitionModel;
class DealHistoryModel;
class LearnedTableModel;
class LlmExchangeModel;
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
    CoalitionModel* coalitionModel() const noexcept { return m_coalition; }
    LlmExchangeModel* llmModel() const noexcept { return m_llm; }
    // What the selected agent has learnt, written as a policy file (savePolicy) or as CSV; the error, or empty.
    QString saveLearned(const QString& file) const;
    QString summaryText() const;

private:
    void showSpec();
    // The live summary's lines on identity (a whitewasher's), colluding ring, cheating and isolation.
    QString identityText(const SimulationSnapshot& s, const AgentLive& live) const;
    QWidget* createLearnedPane();
    QWidget* createCoalitionPane();
    void showCoalition(const SimulationSnapshot& s);
    void askToSaveLearned(bool csv);
    QWidget* createLlmPane();
    // The selected agent's decisions asked of the model in the round shown (hidden for an agent that asks none).
    void showConversations(int round);
    void setConversations(const lab::LlmDialogue& dialogue, int round, std::vector<LlmExchange> exchanges);
    void showExchange(int row);

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
    CoalitionModel* m_coalition;
    QWidget* m_coalitionPane = nullptr; // shown while the agent is in a coalition of the round shown
    QLabel* m_coalitionTitle = nullptr;
    LlmExchangeModel* m_llm;
    QWidget* m_llmPane = nullptr; // shown for an agent that asks a model
    QLabel* m_llmTitle = nullptr;
    QTableView* m_llmView = nullptr;
    QTextBrowser* m_llmText = nullptr;
    int m_llmRound = -1; // the round whose decisions m_llm holds
    std::uint64_t m_llmRevision = 0; // the dialogue's revision() when they were read
};

} // namespace haggle::ui
