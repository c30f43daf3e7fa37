// The Scenario dock: the scenario's settings (the rules set it runs under, name, rounds, seed, turn limit, market and
// reputation constants, the trust threshold of reputation-aware agents), its cheaters, and its demand: base rules and
// phases such as a rush hour. Every change is one undo command; loading values into the widgets never writes back
// (QSignalBlocker).
#pragma once

#include "scenario.h"

#include <QDockWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTableView;

namespace haggle::ui {

class DemandRulesModel;
class EventsModel;
class KindEditor;
class ScenarioDocument;

class ScenarioDock : public QDockWidget {
    Q_OBJECT

public:
    ScenarioDock(ScenarioDocument* document, QWidget* parent = nullptr);

    void setEditable(bool editable);
    // While a run plays: the sentence that says why the fields are disabled and how to edit; empty when editable.
    QString lockedReason() const;
    // Widgets, for tests and keyboard focus.
    QComboBox* rulesBox() const noexcept { return m_rules; }
    QSpinBox* roundsBox() const noexcept { return m_rounds; }
    QLineEdit* seedEdit() const noexcept { return m_seed; }
    QListWidget* phaseList() const noexcept { return m_phases; }
    DemandRulesModel* baseRules() const noexcept { return m_baseRules; }
    DemandRulesModel* phaseRules() const noexcept { return m_phaseRules; }
    KindEditor* mechanismEditor() const noexcept { return m_mechanism; }
    KindEditor* settlementEditor() const noexcept { return m_settlement; }
    KindEditor* reputationEditor() const noexcept { return m_reputation; }
    // Reputation: the pre-trusted peers (a checkable list of the agents), gossip's probability, fanout and warning
    // level.
    QListWidget* pretrustedList() const noexcept { return m_pretrusted; }
    QDoubleSpinBox* gossipProbabilityBox() const noexcept { return m_gossipProbability; }
    QSpinBox* gossipFanoutBox() const noexcept { return m_gossipFanout; }
    QDoubleSpinBox* gossipBelowBox() const noexcept { return m_gossipBelow; }
    // The events (strategy changes at a round's start) and their table.
    EventsModel* eventsModel() const noexcept { return m_events; }
    QTableView* eventsView() const noexcept { return m_eventsView; }
    // Adds an event (the first agent turns cheater half-way) and removes the selected one, as the buttons do.
    void addEvent();
    void removeSelectedEvent();
    // At most this many agents are listed as candidate pre-trusted peers (those already chosen always are).
    static constexpr int MaxPretrustedChoices = 2000;
    // Switch the scenario to a rules set ("haggle", "prototype") as one undoable edit, as choosing it in the Rules
    // box does. A scenario the rules cannot run is left as it is: false, and the problems (by JSON path) are shown
    // under the box (rulesProblems()) and in message().
    bool switchRules(const QString& rules);
    // Why the last switch was refused, while it still would be (empty otherwise).
    QString rulesProblems() const;

signals:
    void message(const QString& text);

private:
    void load();
    void loadPhase();
    void loadRulesProblems();
    void apply(const Scenario& edited, const QString& description);
    void loadReputationExtras();
    // Whether the reputation model (by name) needs pre-trusted peers (KindInfo::protocols has PretrustedPeers).
    bool needsPretrusted(const std::string& model) const;
    Scenario current() const { return m_settings; }
    int currentPhase() const;

    ScenarioDocument* m_document;
    Scenario m_settings; // the document's scenario as last loaded
    std::string m_shownRules; // the rules set whose catalogs the kind editors offer
    std::string m_refusedRules; // the rules set last refused, while its problems are shown
    QComboBox* m_rules;
    QLabel* m_rulesProblems;
    QLineEdit* m_name;
    QSpinBox* m_rounds;
    QLineEdit* m_seed;
    KindEditor* m_mechanism;
    KindEditor* m_settlement;
    QDoubleSpinBox* m_loadPremium;
    QDoubleSpinBox* m_jobValue;
    KindEditor* m_reputation;
    QDoubleSpinBox* m_trust;
    QLabel* m_cheaters;
    QLabel* m_pretrustedLabel;
    QListWidget* m_pretrusted;
    QDoubleSpinBox* m_gossipProbability;
    QSpinBox* m_gossipFanout;
    QDoubleSpinBox* m_gossipBelow;
    EventsModel* m_events;
    QTableView* m_eventsView;
    DemandRulesModel* m_baseRules;
    QTableView* m_baseView;
    QListWidget* m_phases;
    QLineEdit* m_phaseName;
    QSpinBox* m_phaseFirst;
    QSpinBox* m_phaseLast;
    DemandRulesModel* m_phaseRules;
    QTableView* m_phaseView;
    QWidget* m_body;
    QLabel* m_locked; // why the fields are disabled, while they are
};

} // namespace haggle::ui
