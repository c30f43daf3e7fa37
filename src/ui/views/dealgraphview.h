// The live deal graph: who deals with whom, drawn from the snapshots the window receives. One node item per agent
// and one layer item holding every drawn trading pair (GraphEdgeLayer) are kept for the whole run and only their
// changed properties are set, so a thousand agents stay fluid at 30 snapshots a second. The force-directed
// layout runs on a worker thread.
#pragma once

#include "chartexport.h"
#include "chartstyle.h"

#include "edgeselection.h"
#include "edgestyles.h"
#include "graphlegend.h"

#include <QGraphicsView>
#include <QPen>
#include <QPoint>
#include <QPointF>
#include <QSize>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <unordered_map>
#include <vector>

namespace haggle::lab {
class DealNetwork;
}

namespace haggle::ui {

struct SimulationSnapshot;
class CoalitionGroups;
class GraphEdge;
class GraphFilterBar;
class GraphEdgeLayer;
class GraphNode;

class DealGraphView : public QGraphicsView {
    Q_OBJECT
public:
    struct AgentInfo {
        QString id;
        QString role;
        QString strategy;
        bool cheater = false;
        bool reputationAware = false;
        int ring = 0; // the colluding ring it belongs to (Strategy::ring(); 0: none)
        bool whitewasher = false; // its kind may rejoin under a new identity
    };
    // The outline colour of a colluding ring, by its number (stable across runs).
    static QColor collusionRingColor(int ring);

    // Above this many agents, names show only on hover or selection.
    static constexpr std::size_t LabelLimit = 80;
    // At most this many pairs are drawn, the heaviest by volume.
    static constexpr std::size_t MaxDrawnEdges = 3000;
    // Above this many agents the graph is drawn without antialiasing.
    static constexpr std::size_t AntialiasLimit = charts::style::AntialiasLimit;
    // Nodes made per turn of the event loop: a larger graph appears once all of its nodes are made.
    static constexpr std::size_t NodesPerSlice = 250;
    // An agent is "cut off" when at least this share of the reputation-aware agents that could refuse it do: at
    // scale some peer always still trades with it, so "all of them" would never happen.
    static constexpr double CutOffShare = 0.5;

    explicit DealGraphView(QWidget* parent = nullptr);
    ~DealGraphView() override;

    // A new run: rebuilds the nodes at the role-based layout, with no edges. Up to NodesPerSlice agents the nodes
    // are in the scene on return; a larger graph is empty until its nodes are made, a slice per turn of the event
    // loop, and agentsShown() says when they are all in.
    // `askedOnly`: trust is checked only by the agent asked (the prototype rules); the legend says what "cut off" means
    // then.
    void setAgents(const std::vector<AgentInfo>& agents, bool askedOnly = false);
    bool isBuilding() const { return m_building; }
    // snapshot.agents gives net worth, reputation and refusedBy; network the pairs; snapshot.round the round.
    void updateLive(const SimulationSnapshot& snapshot, const lab::DealNetwork& network);

    void selectAgent(int agent); // -1 clears; emits nothing
    int selectedAgent() const { return m_selected; }

    // The force-directed layout over the drawn edges, in the background; when it lands the view is refitted
    // and layoutFinished() emitted.
    void relayout();
    // How the agents are placed: in bands by role (the first layout), in bands by strategy, or by whom they deal
    // with (relayout(), in the background). Large populations read best grouped.
    enum class Arrangement { Role, Strategy, Deals };
    void arrangeBy(Arrangement arrangement);
    Arrangement arrangement() const noexcept { return m_arrangement; }
    bool isLayoutRunning() const { return m_layoutRunning; }
    void fitAll();

    int agentCount() const { return int(m_nodes.size()); }
    bool isCutOff(int agent) const; // as drawn now
    int drawnEdgeCount() const;
    QGraphicsScene* graphScene() const { return m_scene; }
    // What is drawn, for tests and for callers that want to inspect it; null when absent.
    const GraphNode* node(int agent) const;
    const GraphEdge* edge(int a, int b) const;
    const GraphEdgeLayer* edgeLayer() const { return m_edgeLayer; }
    // The coalitions of the shown round, outlined as groups (coalitiongroups.h).
    const CoalitionGroups* coalitionGroups() const { return m_groups; }
    // The drawn pair under a point of the viewport (within a few pixels), as its tooltip finds it; null if none.
    const GraphEdge* edgeAt(const QPoint& viewportPos) const;
    // The strategy's colour: fixed for the registry's strategies, a stable hash of the name for others.
    static QColor strategyColor(const QString& strategy);

    // The whole graph (items' bounds with a margin, widened to the size's aspect ratio) on white, titled (see
    // setTitle()) with the round, the legend beside it and no selection halo.
    bool exportPng(const QString& path, QSize logicalSize, qreal scale, QString* error = nullptr,
        const charts::Provenance& provenance = {});
    bool exportSvg(
        const QString& path, QSize logicalSize, QString* error = nullptr, const charts::Provenance& provenance = {});
    // Which pairs are drawn (see EdgeFilter); with neighbourhoodOnly and an agent selected, the agents it has not
    // dealt with are faded too. Applied at once to the last update's network.
    void setEdgeFilter(const EdgeFilter& filter);
    const EdgeFilter& edgeFilter() const noexcept { return m_filter; }
    // Selects the first agent whose id contains `text` (case-insensitive; an exact id first), centres it and emits
    // agentClicked() so the window follows. -1 when none matches.
    int findAgent(const QString& text);
    const QStringList& agentIds() const noexcept { return m_ids; } // by index, as setAgents() gave them
    // Per agent, the rounds at which it rejoined under a new identity (Run::rejoins()), for the nodes' tooltips; null
    // for none. Read at each update, so it must live as long as the view draws from it (the run's).
    void setRejoinHistory(const std::vector<std::vector<int>>* rejoins) { m_rejoins = rejoins; }
    // The scenario's name, for the exports' title.
    void setTitle(const QString& title) { m_title = title; }
    // The legend over the view's corner (L shows and hides it), and what it says.
    GraphLegendOverlay* legend() const noexcept { return m_legend; }
    // Search and filters over the view's top-right corner.
    GraphFilterBar* filterBar() const noexcept { return m_filterBar; }

signals:
    void agentsShown(); // the nodes of the last setAgents() are in the scene
    void agentClicked(int agent);
    void layoutFinished();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void clearGraph();
    void buildNodes(quint64 build);
    void updateNodes(const SimulationSnapshot& snapshot);
    void updateEdges(const lab::DealNetwork& network, int round);
    void applyNeighbourhood(const std::vector<lab::DealEdge>& all);
    void applyLayout(quint64 generation, const std::vector<QPointF>& positions);
    void placeNodes(const std::vector<QPointF>& positions);
    void stopLayout();
    void zoomBy(qreal factor);
    int nodeAt(const QPoint& viewportPos) const;
    QRectF exportSource(QSize logicalSize) const;
    class ExportDressing; // the title and legend in the scene, the halo off, for the length of an export

    QGraphicsScene* m_scene;
    std::vector<AgentInfo> m_agents;
    std::vector<GraphNode*> m_nodes; // owned by the scene
    // A graph being made (see setAgents()): the nodes made so far, outside the scene, and where they go.
    std::vector<std::unique_ptr<GraphNode>> m_pendingNodes;
    std::vector<QPointF> m_pendingPositions;
    quint64 m_build = 0; // bumped by every clear: a slice of an older graph is not made
    bool m_building = false;
    GraphEdgeLayer* m_edgeLayer = nullptr; // owned by the scene; its edges are keyed by (a << 32 | b)
    CoalitionGroups* m_groups = nullptr; // owned by the scene
    QStringList m_ids; // the agents' ids, kept with m_agents
    EdgeSelection m_selection; // which pairs are drawn
    EdgeFilter m_filter;
    std::vector<lab::DealEdge> m_filtered; // the pairs that pass an active filter, and their indices in the network
    std::vector<std::size_t> m_filteredIndex;
    EdgeSelection m_filteredSelection;
    const lab::DealNetwork* m_network = nullptr; // of the last update, while it lives (the run's)
    EdgeStyles m_edgeStyles; // their pens, by style key
    quint64 m_frame = 0;
    int m_selected = -1;
    int m_round = 0; // of the latest update
    const std::vector<std::vector<int>>* m_rejoins = nullptr; // see setRejoinHistory()
    Arrangement m_arrangement = Arrangement::Role;
    QString m_title;
    GraphLegendOverlay* m_legend = nullptr;
    bool m_askedOnly = false; // trust is checked only by the agent asked (the prototype rules)
    GraphFilterBar* m_filterBar = nullptr;

    // Layout: the worker computes on copies and posts the result back with its generation; anything newer
    // (another relayout, a new run) makes it stale.
    std::thread m_layoutThread;
    std::shared_ptr<std::atomic_bool> m_layoutCancel;
    quint64 m_layoutGeneration = 0;
    bool m_layoutRunning = false;

    // Until the person zooms or pans, the graph is refitted when the view is resized (e.g. first shown).
    bool m_autoFit = true;
    QPoint m_pressPos;
    int m_pressNode = -1;
};

} // namespace haggle::ui
