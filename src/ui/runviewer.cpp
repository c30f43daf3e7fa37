// The window's centre showing one run (see runviewer.h).
#include "runviewer.h"

#include "chartspanel.h"
#include "dealgraphview.h"
#include "phasesummarymodel.h"
#include "roundsummarymodel.h"
#include "rulessets.h"
#include "run.h"

#include <QChartView>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTableView>

#include <algorithm>
#include <cmath>

namespace haggle::ui {

namespace {

constexpr int FrameIntervalMs = 33; // at most ~30 frames a second
constexpr int MaxFrameIntervalMs = 1000;

// Paints a graphics view whose scene just changed, now and once. The scene handles its changed items in a queued
// call, and that call already paints: the view marks what changed and sends its window's pending update request
// at once (QGraphicsView dispatches it). A repaint() after it painted the whole viewport a second time. Sending
// the window's update request then paints whatever is still marked (nothing, usually), never twice.
void paintNow(QGraphicsView* view)
{
    if (view->scene())
        QCoreApplication::sendPostedEvents(view->scene(), QEvent::MetaCall);
    QCoreApplication::sendPostedEvents(view->window(), QEvent::UpdateRequest);
}

} // namespace

RunViewer::RunViewer(QTabWidget* tabs, DealGraphView* graph, ChartsPanel* charts, QTableView* rounds,
    QTableView* phases, QObject* parent)
    : QObject(parent)
    , m_tabs(tabs)
    , m_graph(graph)
    , m_charts(charts)
    , m_rounds(rounds)
    , m_phases(phases)
{
    // A large graph's nodes are made over a few turns of the event loop: the next frame draws them.
    connect(m_graph, &DealGraphView::agentsShown, this, [this] { m_dirty = true; });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        m_dirty = true;
        refresh();
    });
    m_frame.setInterval(FrameIntervalMs);
    connect(&m_frame, &QTimer::timeout, this, [this] { draw(true); });
    m_frame.start();
}

void RunViewer::setRun(Run* run)
{
    if (run == m_run)
        return;
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    m_run = run;
    m_charts->setRun(run);
    m_rounds->setModel(run ? run->roundsModel() : nullptr);
    m_phases->setModel(run ? run->phasesModel() : nullptr);
    if (!run)
        return;
    connect(run, &Run::startedOver, this, [this] {
        rebuildGraph();
        m_startedOver = true;
    });
    connect(run, &Run::snapshotChanged, this, &RunViewer::onSnapshot);
    // Time travel: the graph and the inspector follow the cursor; the round table selects its round and the charts
    // draw a line at it.
    connect(run, &Run::shownChanged, this, [this] {
        m_dirty = true;
        refresh();
    });
    connect(run, &Run::cursorChanged, this, &RunViewer::showCursor);
    showCursor(run->cursor());
    // A run that has not started yet is drawn when it starts over, not twice.
    if (run->hasStarted())
        rebuildGraph();
    else
        m_graph->setAgents({});
}

Run* RunViewer::run() const
{
    return m_run;
}

std::vector<DealGraphView::AgentInfo> dealGraphAgents(const Scenario& scenario)
{
    std::vector<DealGraphView::AgentInfo> infos;
    infos.reserve(scenario.agents.size());
    for (const auto& a : scenario.agents) {
        DealGraphView::AgentInfo info { QString::fromStdString(a.id), QString::fromStdString(a.role),
            QString::fromStdString(a.strategy.type), isCheaterStrategy(scenario.rules, a.strategy.type),
            a.strategy.trustThreshold.has_value() };
        // A colluder's ring and a whitewasher's new identities are marked in the graph (Haggle's kinds).
        if (!isPrototypeRules(scenario.rules)) {
            if (const KindInfo* kind = findStrategyKind(scenario.rules, a.strategy.type); kind && kind->param("ring"))
                info.ring = int(std::lround(strategyParameterValue(scenario.rules, a.strategy, "ring")));
            info.whitewasher = a.strategy.type == "whitewasher";
        }
        infos.push_back(std::move(info));
    }
    return infos;
}

void RunViewer::rebuildGraph()
{
    const Scenario& scenario = m_run->scenario();
    m_graph->setAgents(dealGraphAgents(scenario), isPrototypeRules(scenario.rules));
    m_graph->setRejoinHistory(&m_run->rejoins());
    m_graph->setTitle(QString::fromStdString(scenario.name));
    m_graph->selectAgent(m_run->focus()); // the selected agent is the run's focus
    m_dirty = true;
}

void RunViewer::onSnapshot(const SimulationSnapshot& s)
{
    m_dirty = true;
    // A step or a pause: show it at once. Not the first snapshot of a new run: a new graph may still be making its
    // nodes, and the next frame draws them.
    const bool first = std::exchange(m_startedOver, false);
    if (!s.running && !first)
        refresh();
    if (!s.newRounds.empty() && m_run->followsNewest())
        m_rounds->scrollToBottom();
}

void RunViewer::showCursor(int round)
{
    m_charts->setCursorRound(m_run->followsNewest() ? -1 : round);
    if (m_run->followsNewest() || round < 1) {
        m_rounds->clearSelection();
        return;
    }
    // The round table's rows are consecutive rounds, bounded (the oldest go first): the cursor's is found from the
    // first row's, if it is still kept.
    QAbstractItemModel* model = m_rounds->model();
    if (!model || model->rowCount() == 0)
        return;
    const int row = round - model->index(0, 0).data().toInt();
    if (row < 0 || row >= model->rowCount()) {
        m_rounds->clearSelection();
        return;
    }
    m_rounds->selectRow(row);
    m_rounds->scrollTo(model->index(row, 0), QAbstractItemView::PositionAtCenter);
}

void RunViewer::refresh()
{
    draw(false);
}

void RunViewer::updateGraph()
{
    if (!m_run)
        return;
    m_graph->updateLive(m_run->shown(), m_run->shownNetwork());
    m_dirty = true;
}

void RunViewer::draw(bool oneChart)
{
    if (!m_run)
        return;
    // Only what is on screen is redrawn; a hidden view catches up when its tab is shown.
    QWidget* current = m_tabs->currentWidget();
    const bool charts
        = current == m_charts && (oneChart ? m_charts->hasStaleVisibleChart() : m_charts->hasPendingData());
    const bool graph = current == m_graph && m_dirty && !m_run->shown().agents.empty();
    if (!charts && !graph)
        return;
    QElapsedTimer cost;
    cost.start();
    if (charts && oneChart) {
        // A frame of a live run redraws one chart; the charts take turns (see ChartsPanel::refreshNext()).
        if (QChartView* drawn = m_charts->refreshNext())
            paintNow(drawn);
    } else if (charts) {
        m_charts->refresh();
        for (const QString& kind : m_charts->kinds())
            paintNow(m_charts->view(kind));
    }
    if (graph) {
        m_dirty = false;
        m_graph->updateLive(m_run->shown(), m_run->shownNetwork());
        paintNow(m_graph);
    }
    // Frame pacing: the next frame waits at least three times what this one cost (update and paint), so however
    // large the population, the GUI thread spends at most a quarter of its time drawing and input stays prompt.
    const int spent = int(cost.elapsed());
    m_frame.setInterval(std::clamp(3 * spent, FrameIntervalMs, MaxFrameIntervalMs));
}

} // namespace haggle::ui
