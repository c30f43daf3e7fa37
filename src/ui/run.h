// A run of the desktop lab: one scenario played by its own controller (and, through it, its own worker thread),
// what the run has accumulated for the views (the deal network, the round table, the charts' buffers, the latest
// state) and its cursor, the round being viewed. Views subscribe to a run's signals and read its data; the main
// window only arranges them. Runs share no data, so several can live in one window side by side (compare, fork).
#pragma once

#include "dealnetwork.h"
#include "runchartdata.h"
#include "scenario.h"
#include "snapshot.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace haggle::lab {
class LlmDialogue;
}

namespace haggle::ui {

class PhaseSummaryModel;
class RoundSummaryModel;
class SimulationController;

class Run : public QObject {
    Q_OBJECT

public:
    explicit Run(QObject* parent = nullptr);
    ~Run() override;

    // Start over with a copy of this scenario. The data stays the previous run's until the new run's first snapshot
    // arrives; then it is cleared and startedOver() is emitted.
    void reset(const Scenario& scenario);
    // Start over as a what-if fork of `base` at `round`, continued under `edited` (the edit keeps the agents; see
    // Simulation's fork constructor). The rounds up to the fork are played again here, so the branch has the whole
    // history; scenario() is `edited` and forkRound() says where it branched. `answers`: the base run's LLM dialogue,
    // whose answers replay those rounds as they were played, with no new calls.
    void fork(const Scenario& base, int round, const Scenario& edited,
        std::shared_ptr<const lab::LlmDialogue> answers = nullptr);
    int forkRound() const noexcept { return m_forkRound; } // 0: not a fork
    // Stepping, running, pausing and the speed go to the controller directly; this is the run's handle on it.
    SimulationController* controller() const noexcept { return m_controller; }
    // What the run was last reset with (the controller's copy, never the document).
    const Scenario& scenario() const noexcept;
    // The agent whose detail (reputation table, deals) the snapshots carry; kept across resets.
    void setFocus(int agent);
    int focus() const noexcept { return m_focus; }

    // Whether a first snapshot has arrived since the first reset: until then there is nothing to show.
    bool hasStarted() const noexcept { return m_job != 0; }
    // The newest round completed, and the state after it (without batches: see SimulationSnapshot).
    int newestRound() const noexcept { return m_latest.round; }
    const SimulationSnapshot& latest() const noexcept { return m_latest; }
    const lab::DealNetwork& dealNetwork() const noexcept { return m_network; }
    // The round table's rows (bounded; see RoundSummaryModel::capacity()).
    RoundSummaryModel* roundsModel() const noexcept { return m_rounds; }
    // The run so far by demand phase (normal against rush, ...): not bounded, one row per phase name.
    PhaseSummaryModel* phasesModel() const noexcept { return m_phases; }
    // The live charts' buffers. Not const: a chart view sets how many points it can show before drawing.
    charts::RunChartData& chartData() noexcept { return m_chartData; }
    const charts::RunChartData& chartData() const noexcept { return m_chartData; }
    QStringList agentIds() const;
    // The rounds at whose end the agent rejoined under a new identity (a whitewasher), oldest first.
    const std::vector<int>& rejoinRounds(int agent) const;
    const std::vector<std::vector<int>>& rejoins() const noexcept { return m_rejoins; } // per agent

    // The cursor: the round being viewed, in [0, newestRound()]. It follows the newest round until set below it,
    // and follows again once set to the newest. Set below it, the worker restores that round from its checkpoints and
    // replays it (time travel), while the run itself stays where it is and may go on running.
    int cursor() const noexcept { return m_cursor; }
    void setCursor(int round);
    bool followsNewest() const noexcept { return m_follow; }
    // What the views show: the state at the cursor (the newest state while following; a past round once the worker
    // has restored it, the newest until then), and the deal network as of it.
    const SimulationSnapshot& shown() const noexcept { return showsPast() ? m_past->state : m_latest; }
    const lab::DealNetwork& shownNetwork() const noexcept
    {
        return showsPast() && m_past->error.isEmpty() ? m_past->network : m_network;
    }
    // Whether shown() is a past round's state (the cursor is off the newest round and the worker has answered; while
    // the cursor moves, shown().round may still be a round it has passed, until the worker catches up).
    bool showsPast() const noexcept { return !m_follow && m_past != nullptr; }
    // Why the past round cannot be shown in full, if it cannot (empty: it can).
    QString pastError() const { return showsPast() ? m_past->error : QString(); }

    // The run's LLM dialogue (llmdialogue.h): each round's conversations with the model and the call in progress.
    // Null when the run has no LLM negotiator; languageModelChanged() says when it is set or cleared.
    const std::shared_ptr<const lab::LlmDialogue>& languageModel() const noexcept;

    // The deal network as GraphML, with each agent's latest net worth and reputation (written atomically).
    bool writeGraphML(const QString& path, QString* error) const;

signals:
    // A new run's first snapshot arrived: the data is empty again (round 0), for the scenario() reset with.
    void startedOver();
    // The run's data has taken in a snapshot of its current job. `snapshot` still carries its batches (new rounds,
    // deals, messages) for views that keep their own record of them; at most ~30 a second.
    void snapshotChanged(const haggle::ui::SimulationSnapshot& snapshot);
    void cursorChanged(int round);
    // shown() changed: a past round arrived, or the cursor went back to following the newest round.
    void shownChanged();
    void languageModelChanged();

private:
    void onSnapshot(const SimulationSnapshot& snapshot);
    void startOver();
    void moveCursor(int round);
    void onPastView(const std::shared_ptr<const PastView>& view);

    SimulationController* m_controller;
    RoundSummaryModel* m_rounds;
    PhaseSummaryModel* m_phases;
    lab::DealNetwork m_network;
    charts::RunChartData m_chartData;
    SimulationSnapshot m_latest; // the latest snapshot's state, without its batches
    // The state at the cursor when it is in the past (see shown()), shared with the worker's answer: a past view of a
    // large market (its agents, messages and deal network) is handed over, never copied on the GUI thread.
    std::shared_ptr<const PastView> m_past;
    quint64 m_job = 0; // the controller job the data belongs to
    int m_cursor = 0;
    bool m_follow = true;
    int m_focus = -1;
    int m_forkRound = 0;
    std::vector<std::vector<int>> m_rejoins; // per agent, see rejoinRounds()
};

} // namespace haggle::ui
