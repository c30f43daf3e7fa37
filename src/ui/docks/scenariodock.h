// The Scenario dock: the scenario's settings (name, rounds, seed, turn limit, market and reputation constants, the
// trust threshold of reputation-aware agents), its cheaters, and its demand: base rules and phases such as a rush
// hour. Every change is one undo command; loading values into the widgets never writes back (QSignalBlocker).
#pragma once

#include "scenario.h"

#include <QDockWidget>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTableView;

namespace haggle::ui {

class DemandRulesModel;
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
    QSpinBox* roundsBox() const noexcept { return m_rounds; }
    QLineEdit* seedEdit() const noexcept { return m_seed; }
    QListWidget* phaseList() const noexcept { return m_phases; }
    DemandRulesModel* baseRules() const noexcept { return m_baseRules; }
    DemandRulesModel* phaseRules() const noexcept { return m_phaseRules; }
    KindEditor* mechanismEditor() const noexcept { return m_mechanism; }
    KindEditor* settlementEditor() const noexcept { return m_settlement; }
    KindEditor* reputationEditor() const noexcept { return m_reputation; }

signals:
    void message(const QString& text);

private:
    void load();
    void loadPhase();
    void apply(const Scenario& edited, const QString& description);
    Scenario current() const { return m_settings; }
    int currentPhase() const;

    ScenarioDocument* m_document;
    Scenario m_settings; // the document's scenario as last loaded
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
