// The live deal graph (see dealgraphview.h).
#include "dealgraphview.h"

#include "kinds.h"

#include "chartexport.h"
#include "chartstyle.h"
#include "coalitiongroups.h"
#include "dealnetwork.h"
#include "edgeselection.h"
#include "edgestyles.h"
#include "graphedge.h"
#include "graphedgelayer.h"
#include "graphfilterbar.h"
#include "graphlayout.h"
#include "graphnode.h"
#include "handofffence.h"
#include "sfdplayout.h"
#include "snapshot.h"

#include <QApplication>
#include <QGraphicsScene>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <utility>

namespace haggle::ui {

namespace {

constexpr int LayoutIterations = 250;
constexpr qreal MinZoom = 0.01;
constexpr qreal MaxZoom = 40.0;
constexpr qreal MaxFitZoom = 2.0; // fitting two agents should not blow them up to fill the screen
constexpr qreal EdgeHitPixels = 3.0; // an edge's tooltip shows within this distance of its line, however thin

// The layout thread hands its result to the GUI thread in a queued call; this lets ThreadSanitizer see that
// (see handofffence.h). One for all views: a hand-off is rare and short.
HandoffFence layoutFence;

std::uint64_t pairKey(std::uint64_t a, std::uint64_t b)
{
    return (a << 32) | b;
}

} // namespace

DealGraphView::DealGraphView(QWidget* parent)
    : QGraphicsView(parent)
    , m_scene(new QGraphicsScene(this))
{
    m_scene->setBackgroundBrush(Qt::white);
    setWhatsThis(
        QStringLiteral("Who deals with whom: a node per agent (colour: strategy; ring: its reputation in the "
                       "others' eyes, red to green), an edge per pair that has dealt (width: volume; dashed: "
                       "defaults). An agent its reputation-aware peers refuse is marked \"cut off\". Ctrl+wheel "
                       "zooms, drag pans, 0 fits, click selects."));
    // The scene's background fills every exposed pixel; the viewport filling it first was a second, wasted fill
    // of the whole view per frame.
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    // Every frame changes many items' geometry (node sizes); keeping a BSP tree current would cost more than the
    // linear scans hovering needs.
    m_scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    m_edgeLayer = new GraphEdgeLayer;
    m_scene->addItem(m_edgeLayer);
    setScene(m_scene);
    setObjectName(QStringLiteral("dealGraphView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    // One rectangle around what changed: a hovered node repaints its own, a busy frame the view. Smart (and
    // Minimal) unite every changed item's rectangle into a region first, which costs time in the number of
    // rectangles already in it: 10 ms for the first frame of a thousand new nodes. No item cache: items change
    // every frame, and a cached pixmap would end up in SVG exports.
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setFocusPolicy(Qt::StrongFocus);
    // A child of the view, not of its viewport: the viewport's children move with every scroll.
    m_legend = new GraphLegendOverlay(this);
    m_legend->move(viewport()->geometry().topLeft() + QPoint(8, 8));
    m_legend->setToolTip(QStringLiteral("What the marks mean (L hides and shows this legend)"));
    m_filterBar = new GraphFilterBar(this);
}

DealGraphView::~DealGraphView()
{
    // The worker posts to this object: it must be finished before the object goes.
    stopLayout();
}

QColor DealGraphView::strategyColor(const QString& strategy)
{
    if (strategy == QLatin1String("cheater"))
        return charts::style::highlightColor();
    // The strategy catalog's honest kinds, in catalog order, take the palette's colours in turn (cheaters are drawn
    // in the highlight colour wherever they show), so the built-in kinds never share a colour.
    static const QStringList honest = [] {
        QStringList names;
        for (const auto& e : strategyCatalog().entries()) {
            if (!e.make(Parameters(e.info, {}))->cheats())
                names.append(QString::fromUtf8(e.info.name.data(), qsizetype(e.info.name.size())));
        }
        return names;
    }();
    if (const qsizetype at = honest.indexOf(strategy); at >= 0)
        return charts::style::agentColor(at);
    // Another name (a prototype rules' kind, one registered later): FNV-1a over it, not qHash, so the same name gets
    // the same colour in every session.
    std::uint32_t hash = 2166136261u;
    for (const QChar c : strategy) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    return charts::style::agentColor(qsizetype(hash % charts::style::AgentPaletteSize));
}

QColor DealGraphView::collusionRingColor(int ring)
{
    // Dark, saturated colours that read as an outline beside the strategies' fills and the reputation ring.
    static const std::array<QColor, 5> colours = { QColor(0x6a, 0x1b, 0x9a), QColor(0x00, 0x69, 0x5c),
        QColor(0xe6, 0x51, 0x00), QColor(0x28, 0x35, 0x93), QColor(0x88, 0x0e, 0x4f) };
    return colours[std::size_t(std::max(ring - 1, 0)) % colours.size()];
}

void DealGraphView::setAgents(const std::vector<AgentInfo>& agents, bool askedOnly)
{
    stopLayout();
    ++m_layoutGeneration;
    clearGraph();
    m_agents = agents;
    m_ids.clear();
    m_ids.reserve(qsizetype(agents.size()));
    for (const AgentInfo& a : agents)
        m_ids.append(a.id);
    m_groups->setAgentIds(m_ids);
    m_round = 0;
    m_arrangement = Arrangement::Role; // a new graph starts in its role bands
    // The legend names the strategies present, in the order they first appear.
    GraphLegendContent legend;
    legend.cutOffShare = CutOffShare;
    legend.askedOnly = askedOnly;
    m_askedOnly = askedOnly;
    for (const AgentInfo& info : agents) {
        const QString name = info.cheater ? QStringLiteral("cheater") : info.strategy;
        const bool listed = std::any_of(
            legend.strategies.begin(), legend.strategies.end(), [&](const auto& entry) { return entry.first == name; });
        if (!listed)
            legend.strategies.append({ name, info.cheater ? charts::style::highlightColor() : strategyColor(name) });
    }
    for (const AgentInfo& info : agents) {
        legend.whitewashers = legend.whitewashers || info.whitewasher;
        const bool listed = info.ring == 0
            || std::any_of(
                legend.rings.begin(), legend.rings.end(), [&](const auto& entry) { return entry.first == info.ring; });
        if (!listed)
            legend.rings.append({ info.ring, collusionRingColor(info.ring) });
    }
    std::sort(legend.rings.begin(), legend.rings.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    m_legend->setContent(legend);
    m_filterBar->refreshAgents();
    std::vector<QString> roles;
    roles.reserve(agents.size());
    for (const AgentInfo& info : agents)
        roles.push_back(info.role);
    m_pendingPositions = graphlayout::roleLayout(roles);
    m_pendingNodes.reserve(agents.size());
    // The selection survives a reset of the same run, as it does in the other views.
    if (m_selected >= int(agents.size()))
        m_selected = -1;
    // Antialiasing a thousand nodes and thousands of edges costs the GUI thread far more per frame than a small
    // graph's few dozen items; large graphs are drawn aliased so a full-speed run keeps the window responsive.
    setRenderHint(QPainter::Antialiasing, agents.size() <= AntialiasLimit);
    // A node's label and tag are laid out as it is made: 10-12 ms for a thousand, on top of the rest of opening a
    // run. Past a slice, the rest are made a slice per turn of the event loop, so input and paints come in
    // between; the nodes go into the scene together once all are made.
    m_building = agents.size() > NodesPerSlice;
    buildNodes(m_build);
}

void DealGraphView::buildNodes(quint64 build)
{
    if (build != m_build)
        return; // another setAgents() (or a clear) since
    const bool autoHide = m_agents.size() > LabelLimit;
    const std::size_t end = std::min(m_agents.size(), m_pendingNodes.size() + NodesPerSlice);
    for (std::size_t i = m_pendingNodes.size(); i < end; ++i) {
        const AgentInfo& info = m_agents[i];
        const QColor fill = info.cheater ? charts::style::highlightColor() : strategyColor(info.strategy);
        auto node = std::make_unique<GraphNode>(int(i), info.id, info.role, info.strategy, fill);
        node->setLabelsAutoHidden(autoHide);
        node->setTrustCheckedWhenAskedOnly(m_askedOnly);
        if (info.ring != 0)
            node->setCollusionRing(info.ring, collusionRingColor(info.ring));
        m_pendingNodes.push_back(std::move(node));
    }
    if (m_pendingNodes.size() < m_agents.size()) {
        QTimer::singleShot(0, this, [this, build] { buildNodes(build); });
        return;
    }
    m_nodes.reserve(m_pendingNodes.size());
    for (auto& node : m_pendingNodes) {
        m_nodes.push_back(node.release());
        m_scene->addItem(m_nodes.back());
    }
    m_pendingNodes.clear();
    if (m_selected >= 0)
        m_nodes[std::size_t(m_selected)]->setHighlighted(true);
    placeNodes(m_pendingPositions);
    m_pendingPositions.clear();
    fitAll();
    m_building = false;
    emit agentsShown();
}

void DealGraphView::clearGraph()
{
    m_scene->clear(); // deletes every item: the edge layer (edges first), the nodes and their labels
    m_nodes.clear();
    m_pendingNodes.clear(); // not in the scene yet
    m_pendingPositions.clear();
    ++m_build;
    m_building = false;
    m_selection.clear();
    m_filteredSelection.clear();
    m_network = nullptr;
    m_edgeLayer = new GraphEdgeLayer;
    m_scene->addItem(m_edgeLayer);
    m_groups = new CoalitionGroups;
    m_scene->addItem(m_groups);
}

int DealGraphView::drawnEdgeCount() const
{
    return int(m_edgeLayer->size());
}

void DealGraphView::updateLive(const SimulationSnapshot& snapshot, const lab::DealNetwork& network)
{
    ++m_frame;
    m_round = snapshot.round;
    m_network = &network;
    updateNodes(snapshot);
    updateEdges(network, snapshot.round);
    if (!snapshot.coalitions.empty() || m_groups->size() > 0)
        m_groups->setCoalitions(snapshot.coalitions, snapshot.split, m_nodes);
    if (!snapshot.coalitions.empty() && !m_legend->content().coalitions) {
        GraphLegendContent legend = m_legend->content();
        legend.coalitions = true;
        m_legend->setContent(legend);
    }
}

void DealGraphView::updateNodes(const SimulationSnapshot& snapshot)
{
    const std::size_t n = std::min(m_nodes.size(), snapshot.agents.size());
    double maxWorth = 0.0;
    for (std::size_t i = 0; i < n; ++i)
        maxWorth = std::max(maxWorth, snapshot.agents[i].netWorth);
    for (std::size_t i = 0; i < n; ++i) {
        const AgentLive& live = snapshot.agents[i];
        GraphNode* node = m_nodes[i];
        // Area in proportion to net worth relative to the richest agent now; the clamp keeps the poor visible.
        const double share = maxWorth > 0.0 ? std::clamp(live.netWorth / maxWorth, 0.0, 1.0) : 0.0;
        node->setRadius(GraphNode::MaxRadius * std::sqrt(share));
        node->setReputation(live.meanReputation);
        // Cut off when at least CutOffShare of the reputation-aware agents that could refuse it do (it cannot
        // refuse itself).
        const int couldRefuse = snapshot.reputationAware - (m_agents[i].reputationAware ? 1 : 0);
        // An isolated agent (detection: every aware peer rates it below its threshold) is cut off too, even when a
        // global model (EigenTrust) leaves the peers' own tables without it.
        node->setCutOff(
            live.isolated || (live.refusedBy > 0 && live.refusedBy >= std::ceil(CutOffShare * couldRefuse - 1e-9)));
        node->setLive({ live.netWorth, live.meanReputation, live.deals, live.refusedBy });
        if (live.identity != node->identity() || (m_rejoins && i < m_rejoins->size()))
            node->setIdentity(
                live.identity, m_rejoins && i < m_rejoins->size() ? (*m_rejoins)[i] : std::vector<int> {});
    }
}

void DealGraphView::updateEdges(const lab::DealNetwork& network, int round)
{
    const std::vector<lab::DealEdge>* source = &network.edges();
    const std::vector<std::size_t>* drawnIndices = nullptr;
    std::vector<std::size_t> mapped;
    if (m_filter.isActive(m_selected)) {
        // The heaviest of the pairs that pass, not the passing ones of the heaviest: a filter finds what the limit
        // hid.
        m_filtered.clear();
        m_filteredIndex.clear();
        for (std::size_t i = 0; i < source->size(); ++i) {
            if (m_filter.passes((*source)[i], round, m_selected)) {
                m_filtered.push_back((*source)[i]);
                m_filteredIndex.push_back(i);
            }
        }
        for (std::size_t i : m_filteredSelection.heaviest(m_filtered, MaxDrawnEdges))
            mapped.push_back(m_filteredIndex[i]);
        drawnIndices = &mapped;
    } else {
        drawnIndices = &m_selection.heaviest(*source, MaxDrawnEdges);
    }
    const std::vector<lab::DealEdge>& all = *source;
    const std::vector<std::size_t>& drawn = *drawnIndices;
    double maxVolume = 0.0;
    for (std::size_t i : drawn)
        maxVolume = std::max(maxVolume, all[i].volume);

    const std::size_t n = m_nodes.size();
    bool changed = false;
    for (std::size_t i : drawn) {
        const lab::DealEdge& e = all[i];
        if (e.a >= n || e.b >= n || e.a == e.b)
            continue;
        bool created = false;
        GraphEdge& edge = m_edgeLayer->edge(pairKey(e.a, e.b), m_nodes[e.a], m_nodes[e.b], &created);
        edge.stamp = m_frame;
        edge.setDeal(e);
        const std::uint32_t style
            = EdgeStyles::key(e, maxVolume, round, m_nodes[e.a]->isCutOff() || m_nodes[e.b]->isCutOff());
        if (created || style != edge.style) {
            edge.style = style;
            changed = edge.setPen(m_edgeStyles.pen(style)) || changed;
        }
        changed = changed || created;
    }
    // Pairs that fell out of the drawn set (or a network that was reset) are no longer drawn.
    changed = m_edgeLayer->removeUnstamped(m_frame) || changed;
    if (changed)
        m_edgeLayer->edgesChanged();
    applyNeighbourhood(all);
}

void DealGraphView::applyNeighbourhood(const std::vector<lab::DealEdge>& all)
{
    // Focus on an agent: the others it has dealt with stay, everyone else fades.
    const bool focus = m_filter.neighbourhoodOnly && m_selected >= 0 && std::size_t(m_selected) < m_nodes.size();
    std::vector<char> near(m_nodes.size(), focus ? 0 : 1);
    if (focus) {
        near[std::size_t(m_selected)] = 1;
        for (const lab::DealEdge& e : all) {
            if (int(e.a) == m_selected && e.b < near.size())
                near[e.b] = 1;
            else if (int(e.b) == m_selected && e.a < near.size())
                near[e.a] = 1;
        }
    }
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const qreal opacity = near[i] ? 1.0 : 0.15;
        if (m_nodes[i]->opacity() != opacity)
            m_nodes[i]->setOpacity(opacity);
    }
}

void DealGraphView::setEdgeFilter(const EdgeFilter& filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    m_filteredSelection.clear();
    if (m_network) {
        ++m_frame;
        updateEdges(*m_network, m_round);
    }
}

int DealGraphView::findAgent(const QString& text)
{
    const QString wanted = text.trimmed();
    if (wanted.isEmpty())
        return -1;
    int found = -1;
    for (std::size_t i = 0; i < m_agents.size() && found < 0; ++i) {
        if (m_agents[i].id.compare(wanted, Qt::CaseInsensitive) == 0)
            found = int(i);
    }
    for (std::size_t i = 0; i < m_agents.size() && found < 0; ++i) {
        if (m_agents[i].id.contains(wanted, Qt::CaseInsensitive))
            found = int(i);
    }
    if (found < 0)
        return -1;
    selectAgent(found);
    if (std::size_t(found) < m_nodes.size()) {
        m_autoFit = false;
        centerOn(m_nodes[std::size_t(found)]);
    }
    emit agentClicked(found);
    return found;
}

void DealGraphView::selectAgent(int agent)
{
    if (agent < 0 || agent >= int(m_agents.size()))
        agent = -1;
    if (agent == m_selected)
        return;
    if (m_selected >= 0 && m_selected < int(m_nodes.size()))
        m_nodes[std::size_t(m_selected)]->setHighlighted(false);
    m_selected = agent;
    // While the nodes are being made, the one selected is highlighted when they go into the scene.
    if (agent >= 0 && agent < int(m_nodes.size())) {
        m_nodes[std::size_t(agent)]->setHighlighted(true);
        ensureVisible(m_nodes[std::size_t(agent)], 40, 40);
    }
    // A neighbourhood in focus follows the selection.
    if (m_filter.neighbourhoodOnly && m_network) {
        ++m_frame;
        updateEdges(*m_network, m_round);
    }
}

bool DealGraphView::isCutOff(int agent) const
{
    const GraphNode* n = node(agent);
    return n && n->isCutOff();
}

const GraphNode* DealGraphView::node(int agent) const
{
    return agent >= 0 && agent < int(m_nodes.size()) ? m_nodes[std::size_t(agent)] : nullptr;
}

const GraphEdge* DealGraphView::edge(int a, int b) const
{
    if (a < 0 || b < 0)
        return nullptr;
    return m_edgeLayer->find(pairKey(std::uint64_t(std::min(a, b)), std::uint64_t(std::max(a, b))));
}

const GraphEdge* DealGraphView::edgeAt(const QPoint& viewportPos) const
{
    const qreal scale = transform().m11();
    return m_edgeLayer->edgeAt(mapToScene(viewportPos), scale > 0.0 ? EdgeHitPixels / scale : EdgeHitPixels);
}

void DealGraphView::relayout()
{
    if (m_building)
        return; // nothing to lay out yet
    stopLayout();
    std::vector<QPointF> positions;
    positions.reserve(m_nodes.size());
    for (const GraphNode* node : m_nodes)
        positions.push_back(node->pos());
    std::vector<graphlayout::WeightedEdge> edges;
    edges.reserve(m_edgeLayer->size());
    double maxVolume = 0.0;
    for (const auto& [key, edge] : m_edgeLayer->edges())
        maxVolume = std::max(maxVolume, edge.deal().volume);
    for (const auto& [key, edge] : m_edgeLayer->edges()) {
        const lab::DealEdge& e = edge.deal();
        const double share = maxVolume > 0.0 ? std::log1p(std::max(0.0, e.volume)) / std::log1p(maxVolume) : 0.0;
        edges.push_back({ int(e.a), int(e.b), 0.5 + 1.5 * share });
    }
    // Map order is unspecified; sorting keeps the layout the same for the same graph.
    std::sort(edges.begin(), edges.end(),
        [](const auto& x, const auto& y) { return std::pair(x.a, x.b) < std::pair(y.a, y.b); });

    const quint64 generation = ++m_layoutGeneration;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_layoutCancel = cancel;
    m_layoutRunning = true;
    // The worker reads only its own copies. It may post to `this` because the destructor and stopLayout() join
    // it first; Qt drops a queued call whose receiver has since been deleted.
    m_layoutThread
        = std::thread([this, generation, cancel, positions = std::move(positions), edges = std::move(edges)]() mutable {
              // Large graphs go to Graphviz's sfdp (multilevel, made for thousands of nodes); small ones, or any
              // when sfdp is not there, to the built-in force-directed layout.
              std::optional<std::vector<QPointF>> laidOut;
              if (positions.size() > graphlayout::SfdpLimit)
                  laidOut = graphlayout::sfdpLayout(positions.size(), edges);
              std::vector<QPointF> result = laidOut
                  ? std::move(*laidOut)
                  : graphlayout::forceDirected(std::move(positions), edges, LayoutIterations, cancel.get());
              if (cancel->load())
                  return;
              [[maybe_unused]] const auto posting = layoutFence.posting();
              QMetaObject::invokeMethod(
                  this,
                  [this, generation, result = std::move(result)] {
                      layoutFence.received();
                      applyLayout(generation, result);
                  },
                  Qt::QueuedConnection);
          });
}

void DealGraphView::arrangeBy(Arrangement arrangement)
{
    if (m_building || m_nodes.empty())
        return;
    m_arrangement = arrangement;
    if (arrangement == Arrangement::Deals) {
        relayout();
        return;
    }
    stopLayout();
    ++m_layoutGeneration; // a layout still on its way is stale
    std::vector<QString> keys;
    keys.reserve(m_agents.size());
    for (const AgentInfo& a : m_agents)
        keys.push_back(
            arrangement == Arrangement::Role ? a.role : (a.cheater ? QStringLiteral("cheater") : a.strategy));
    placeNodes(graphlayout::roleLayout(keys));
    fitAll();
    emit layoutFinished();
}

void DealGraphView::applyLayout(quint64 generation, const std::vector<QPointF>& positions)
{
    if (generation != m_layoutGeneration || positions.size() != m_nodes.size())
        return; // stale: a newer layout or another run
    if (m_layoutThread.joinable())
        m_layoutThread.join(); // it has posted its result and is returning
    m_layoutRunning = false;
    placeNodes(positions);
    fitAll();
    emit layoutFinished();
}

void DealGraphView::stopLayout()
{
    if (m_layoutCancel)
        m_layoutCancel->store(true);
    if (m_layoutThread.joinable())
        m_layoutThread.join();
    m_layoutCancel.reset();
    m_layoutRunning = false;
}

void DealGraphView::placeNodes(const std::vector<QPointF>& positions)
{
    const std::size_t n = std::min(positions.size(), m_nodes.size());
    for (std::size_t i = 0; i < n; ++i)
        m_nodes[i]->setPos(positions[i]);
    m_edgeLayer->adjust();
    m_groups->adjust(m_nodes);
    // Room around the graph to pan into; the scene would otherwise only ever grow.
    QRectF bounds = m_scene->itemsBoundingRect();
    if (bounds.isEmpty())
        bounds = QRectF(-100.0, -100.0, 200.0, 200.0);
    const qreal margin = std::max(bounds.width(), bounds.height()) * 0.5 + 100.0;
    m_scene->setSceneRect(bounds.adjusted(-margin, -margin, margin, margin));
}

void DealGraphView::fitAll()
{
    if (m_nodes.empty())
        return;
    QRectF bounds = m_scene->itemsBoundingRect().adjusted(-20.0, -20.0, 20.0, 20.0);
    if (!m_legend->isHidden() && bounds.width() > 0.0 && bounds.height() > 0.0) {
        // Room on the left for the legend, so it covers no agent: the graph fits in what is left of the view.
        const qreal reserved = m_legend->width() + 16.0;
        const qreal free = std::max<qreal>(viewport()->width() - reserved, viewport()->width() / 2.0);
        const qreal scale = std::min({ free / bounds.width(), viewport()->height() / bounds.height(), MaxFitZoom });
        bounds.setLeft(bounds.left() - reserved / scale);
    }
    // The scene's room to pan in, and the legend's column.
    setSceneRect(m_scene->sceneRect().united(bounds));
    fitInView(bounds, Qt::KeepAspectRatio);
    if (transform().m11() > MaxFitZoom)
        setTransform(QTransform::fromScale(MaxFitZoom, MaxFitZoom));
    centerOn(bounds.center());
    m_autoFit = true;
}

void DealGraphView::zoomBy(qreal factor)
{
    const qreal current = transform().m11();
    const qreal target = std::clamp(current * factor, MinZoom, MaxZoom);
    if (current > 0.0 && target != current)
        scale(target / current, target / current);
    m_autoFit = false;
}

void DealGraphView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        // 120 units per notch: about 20% per notch, smooth on touchpads.
        zoomBy(std::pow(1.0015, qreal(event->angleDelta().y())));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void DealGraphView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        return;
    case Qt::Key_Minus:
        zoomBy(0.8);
        return;
    case Qt::Key_0:
    case Qt::Key_Home:
        fitAll();
        return;
    case Qt::Key_L:
        m_legend->setVisible(m_legend->isHidden());
        if (m_autoFit)
            fitAll();
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

int DealGraphView::nodeAt(const QPoint& viewportPos) const
{
    const QList<QGraphicsItem*> hits = items(viewportPos);
    for (QGraphicsItem* item : hits) {
        for (QGraphicsItem* i = item; i; i = i->parentItem())
            if (i->type() == GraphNode::Type)
                return static_cast<const GraphNode*>(i)->index();
    }
    return -1;
}

void DealGraphView::mousePressEvent(QMouseEvent* event)
{
    m_pressPos = event->position().toPoint();
    m_pressNode = event->button() == Qt::LeftButton ? nodeAt(m_pressPos) : -1;
    QGraphicsView::mousePressEvent(event);
}

void DealGraphView::mouseReleaseEvent(QMouseEvent* event)
{
    QGraphicsView::mouseReleaseEvent(event);
    const QPoint pos = event->position().toPoint();
    const int pressed = std::exchange(m_pressNode, -1);
    if (event->button() != Qt::LeftButton)
        return;
    if ((pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        m_autoFit = false; // the end of a pan, not a click
        return;
    }
    if (pressed < 0) {
        // A click inside a coalition's outline selects the agent it formed for (its buyer, or a pool's first).
        const int group = m_groups->groupAt(mapToScene(pos));
        if (group < 0 || nodeAt(pos) >= 0)
            return;
        const CoalitionRecord& c = m_groups->coalition(std::size_t(group));
        const AgentIndex leader = c.buyers.empty() ? NoAgent : c.buyers.front();
        if (leader >= m_nodes.size())
            return;
        selectAgent(int(leader));
        emit agentClicked(int(leader));
        return;
    }
    if (nodeAt(pos) != pressed)
        return;
    selectAgent(pressed);
    emit agentClicked(pressed);
}

void DealGraphView::mouseDoubleClickEvent(QMouseEvent* event)
{
    m_pressNode = -1;
    fitAll();
    event->accept();
}

bool DealGraphView::viewportEvent(QEvent* event)
{
    if (event->type() != QEvent::ToolTip)
        return QGraphicsView::viewportEvent(event);
    // Tooltips are built on demand from the items' values, not set on every item every frame. Nodes are on top;
    // the edges are one layer the scene never hits, asked directly.
    auto* help = static_cast<QHelpEvent*>(event);
    QString text;
    const int agent = nodeAt(help->pos());
    if (agent >= 0)
        text = m_nodes[std::size_t(agent)]->toolTipText();
    else if (const GraphEdge* e = edgeAt(help->pos()))
        text = e->toolTipText();
    else if (const int group = m_groups->groupAt(mapToScene(help->pos())); group >= 0)
        text = m_groups->toolTipText(std::size_t(group));
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), text, viewport());
    return true;
}

void DealGraphView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    m_legend->move(viewport()->geometry().topLeft() + QPoint(8, 8));
    m_legend->raise();
    m_filterBar->place();
    if (m_autoFit)
        fitAll();
}

} // namespace haggle::ui
