// "Fork from This Round...": the scenario as of the timeline's cursor, for editing before a what-if branch runs from
// there. What may change is what a fork can continue under (Simulation's fork constructor): the events still to come
// (add, edit and remove, every kind), each agent's strategy and its parameters (played from the fork on), and the
// reputation model (a new one starts with no views). The agents themselves stay: a newcomer is a join event.
#pragma once

#include "scenario.h"

#include <QDialog>

class QLabel;
class QTableView;
class QTableWidget;

namespace haggle::ui {

class EventsModel;
class KindEditor;

class ForkDialog : public QDialog {
    Q_OBJECT

public:
    // `base`: the run's scenario; `round`: the round the branch starts after.
    ForkDialog(const Scenario& base, int round, QWidget* parent = nullptr);

    // The edited scenario the branch continues under.
    const Scenario& edited() const noexcept { return m_edited; }
    int round() const noexcept { return m_round; }

    // For tests: the editors.
    EventsModel* eventsModel() const noexcept { return m_events; }
    QTableWidget* strategiesTable() const noexcept { return m_strategies; }
    KindEditor* reputationEditor() const noexcept { return m_reputation; }
    void addEvent();
    void removeEvent(int row);

private:
    void fillStrategies();
    void editParameters(int row);
    void updateSummary();

    Scenario m_base;
    Scenario m_edited;
    int m_round;
    EventsModel* m_events;
    QTableView* m_eventsView;
    QTableWidget* m_strategies;
    KindEditor* m_reputation;
    QLabel* m_summary;
};

} // namespace haggle::ui
