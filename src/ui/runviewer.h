// The window's centre showing one run: the deal graph, the charts and the round table. The run's snapshots are not
// pushed into the graph and charts one by one: a frame timer pulls the run's latest data at most ~30 times a
// second (slower when a frame is expensive), and only the view on screen is drawn; a hidden one catches up when
// its tab is shown. A step or a pause is drawn at once.
#pragma once

#include "dealgraphview.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <vector>

class QTabWidget;
class QTableView;

namespace haggle {
struct Scenario;
}

namespace haggle::ui {

class ChartsPanel;
class Run;
struct SimulationSnapshot;

// The deal graph's agents for a scenario: ids, roles, strategies, and who is drawn as a cheater, a colluder's ring or
// a whitewasher (Haggle's kinds).
std::vector<DealGraphView::AgentInfo> dealGraphAgents(const Scenario& scenario);

class RunViewer : public QObject {
    Q_OBJECT

public:
    RunViewer(QTabWidget* tabs, DealGraphView* graph, ChartsPanel* charts, QTableView* rounds, QTableView* phases,
        QObject* parent);

    // Shows this run from now on (null: none). The graph is rebuilt for its agents, the charts and the round table
    // read its data.
    void setRun(Run* run);
    Run* run() const;

    // Draws the latest data in the view on screen now, every chart at once if they are.
    void refresh();
    // Brings the graph up to date now without painting (an export draws it); the next frame paints it.
    void updateGraph();

private:
    void rebuildGraph();
    void onSnapshot(const SimulationSnapshot& snapshot);
    void showCursor(int round);
    void draw(bool oneChart);

    QTabWidget* m_tabs;
    DealGraphView* m_graph;
    ChartsPanel* m_charts;
    QTableView* m_rounds;
    QTableView* m_phases;
    QPointer<Run> m_run;
    QTimer m_frame;
    bool m_dirty = false; // the graph has not drawn the run's latest data
    bool m_startedOver = false; // until the first snapshot of a new run has been taken in
};

} // namespace haggle::ui
