// The deal graph's edges as one item (see graphedgelayer.h).
#include "graphedgelayer.h"

#include "handofffence.h"
#include "threadpriority.h"

#include <QPaintEngine>
#include <QPainter>
#include <QTimer>
#include <QWidget>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace haggle::ui {

namespace {

// Lets ThreadSanitizer see the queued hand-over of a render (see handofffence.h). One for the process: the receiving
// lambda must reach it without reading its captures first.
HandoffFence& renderFence()
{
    static HandoffFence fence;
    return fence;
}

} // namespace

namespace {

// Pens sort faint first, then thin first; dashed (defaulted) pairs last so they stay visible on top.
auto penOrder(const QPen& pen)
{
    return std::tuple(pen.style() != Qt::SolidLine, pen.color().alpha(), pen.widthF(), pen.color().rgba());
}

qreal distanceToSegment(QPointF p, const QLineF& line)
{
    const QPointF d = line.p2() - line.p1();
    const qreal length2 = QPointF::dotProduct(d, d);
    qreal t = length2 > 0.0 ? QPointF::dotProduct(p - line.p1(), d) / length2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const QPointF nearest = line.p1() + t * d;
    return std::hypot(p.x() - nearest.x(), p.y() - nearest.y());
}

} // namespace

GraphEdgeLayer::GraphEdgeLayer()
{
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setZValue(0.0); // under the nodes
}

GraphEdgeLayer::~GraphEdgeLayer()
{
    // The render posts to m_receiver and reads nothing of the layer's: cancelled and joined, it is gone before
    // the receiver (and any result still queued for it).
    if (m_cancel)
        m_cancel->store(true);
    if (m_renderThread.joinable())
        m_renderThread.join();
}

GraphEdge& GraphEdgeLayer::edge(std::uint64_t key, const GraphNode* a, const GraphNode* b, bool* created)
{
    auto it = m_edges.find(key);
    const bool inserted = it == m_edges.end();
    if (inserted)
        it = m_edges.emplace(key, GraphEdge(a, b)).first;
    if (created)
        *created = inserted;
    return it->second;
}

const GraphEdge* GraphEdgeLayer::find(std::uint64_t key) const
{
    const auto it = m_edges.find(key);
    return it == m_edges.end() ? nullptr : &it->second;
}

bool GraphEdgeLayer::removeUnstamped(quint64 frame)
{
    const std::size_t before = m_edges.size();
    std::erase_if(m_edges, [frame](const auto& entry) { return entry.second.stamp != frame; });
    return m_edges.size() != before;
}

void GraphEdgeLayer::edgesChanged()
{
    m_batchesDirty = true;
    ++m_generation;
    QRectF bounds;
    qreal widest = 0.0;
    if (!m_edges.empty()) {
        qreal left = std::numeric_limits<qreal>::max();
        qreal top = left;
        qreal right = std::numeric_limits<qreal>::lowest();
        qreal bottom = right;
        for (const auto& [key, e] : m_edges) {
            const QLineF l = e.line();
            left = std::min({ left, l.x1(), l.x2() });
            right = std::max({ right, l.x1(), l.x2() });
            top = std::min({ top, l.y1(), l.y2() });
            bottom = std::max({ bottom, l.y1(), l.y2() });
            widest = std::max(widest, e.pen().widthF());
        }
        const qreal margin = widest / 2.0 + 1.0;
        bounds = QRectF(QPointF(left, top), QPointF(right, bottom)).adjusted(-margin, -margin, margin, margin);
    }
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
    update();
}

void GraphEdgeLayer::adjust()
{
    bool moved = false;
    for (auto& [key, e] : m_edges)
        moved = e.adjust() || moved;
    if (moved)
        edgesChanged();
}

void GraphEdgeLayer::clear()
{
    if (m_edges.empty())
        return;
    m_edges.clear();
    edgesChanged();
}

const GraphEdge* GraphEdgeLayer::edgeAt(QPointF scenePos, qreal tolerance) const
{
    const GraphEdge* best = nullptr;
    qreal bestDistance = 0.0;
    for (const auto& [key, e] : m_edges) {
        const qreal reach = std::max(tolerance, e.pen().widthF() / 2.0);
        const QLineF l = e.line();
        // Cheap rejection by the line's box before the exact distance.
        if (scenePos.x() < std::min(l.x1(), l.x2()) - reach || scenePos.x() > std::max(l.x1(), l.x2()) + reach
            || scenePos.y() < std::min(l.y1(), l.y2()) - reach || scenePos.y() > std::max(l.y1(), l.y2()) + reach)
            continue;
        const qreal d = distanceToSegment(scenePos, l);
        if (d <= reach && (!best || d < bestDistance)) {
            best = &e;
            bestDistance = d;
        }
    }
    return best;
}

void GraphEdgeLayer::rebuildBatches()
{
    m_batchesDirty = false;
    m_batches.clear();
    m_order.clear();
    m_order.reserve(m_edges.size());
    // Each pen's sort key is read once, not in every comparison of the sort.
    for (const auto& [key, e] : m_edges)
        if (e.pen().style() != Qt::NoPen)
            m_order.emplace_back(penOrder(e.pen()), &e);
    std::sort(m_order.begin(), m_order.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [order, e] : m_order) {
        if (m_batches.empty() || m_batches.back().pen != e->pen())
            m_batches.push_back({ e->pen(), {} });
        m_batches.back().lines.append(e->line());
    }
}

void GraphEdgeLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget* widget)
{
    if (m_batchesDirty)
        rebuildBatches();
    if (m_batches.empty())
        return;
    const QTransform world = painter->worldTransform();
    const bool raster = painter->paintEngine() && painter->paintEngine()->type() == QPaintEngine::Raster;
    if (!widget || !raster || painter->testRenderHint(QPainter::Antialiasing)) {
        drawBatches(painter); // exports, small graphs
        return;
    }
    const QSize size = widget->size();
    const bool current = !m_cache.image.isNull() && m_cache.generation == m_generation && m_cache.transform == world
        && m_cache.image.deviceIndependentSize().toSize() == size;
    if (!current && !m_rendering) {
        // Only the edges changed: at most one render per interval; a paint when it is up brings the latest.
        const bool sameView = !m_cache.image.isNull() && m_cache.transform == world
            && m_cache.image.deviceIndependentSize().toSize() == size;
        const qint64 since = m_sinceRender.isValid() ? m_sinceRender.elapsed() : MinRenderIntervalMs;
        if (!sameView || since >= MinRenderIntervalMs) {
            startRender(world, size, widget->devicePixelRatioF());
        } else if (!m_retryQueued) {
            m_retryQueued = true;
            if (!m_receiver)
                m_receiver = std::make_unique<QObject>();
            QTimer::singleShot(int(MinRenderIntervalMs - since), m_receiver.get(), [this] {
                m_retryQueued = false;
                update();
            });
        }
    }
    if (m_cache.image.isNull()) {
        // Nothing rendered yet. A few edges are drawn here, this once; thousands would hold the GUI thread for a
        // tenth of a second or more (the raster engine's hand-offs), so they appear with the first render instead.
        std::size_t lines = 0;
        for (const Batch& batch : m_batches)
            lines += std::size_t(batch.lines.size());
        if (m_rendering && lines > SynchronousFirstPaintLimit)
            return;
        drawBatches(painter);
        return;
    }
    // The newest image, moved from the zoom and scroll it was drawn for to the current ones. The render is in
    // viewport coordinates, so the item's own transform is replaced for the blit and put back.
    painter->setWorldTransform(m_cache.transform.inverted() * world);
    painter->drawImage(QPointF(0.0, 0.0), m_cache.image);
    painter->setWorldTransform(world);
}

void GraphEdgeLayer::drawBatches(QPainter* painter) const
{
    for (const Batch& batch : m_batches) {
        painter->setPen(batch.pen);
        painter->drawLines(batch.lines);
    }
}

void GraphEdgeLayer::startRender(const QTransform& transform, QSize size, qreal dpr)
{
    if (m_renderThread.joinable())
        m_renderThread.join(); // a finished one, already landed
    if (!m_receiver)
        m_receiver = std::make_unique<QObject>();
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    m_rendering = true;
    m_sinceRender.start();
    // Copies: QPen and QList share their data with reference counts that are safe across threads.
    m_renderThread = std::thread([this, cancel, receiver = m_receiver.get(), batches = m_batches, transform, size, dpr,
                                     generation = m_generation] {
        yieldToTheGuiThread();
        Render render;
        render.transform = transform;
        render.generation = generation;
        render.image = QImage(size * dpr, QImage::Format_ARGB32_Premultiplied);
        render.image.setDevicePixelRatio(dpr);
        render.image.fill(Qt::transparent);
        {
            QPainter painter(&render.image);
            painter.setWorldTransform(transform);
            for (const Batch& batch : batches) {
                if (cancel->load())
                    return;
                painter.setPen(batch.pen);
                painter.drawLines(batch.lines);
            }
        }
        [[maybe_unused]] const auto posting = renderFence().posting();
        QMetaObject::invokeMethod(
            receiver,
            [this, render = std::move(render)]() mutable {
                renderFence().received(); // before reading the captures
                renderDone(std::move(render));
            },
            Qt::QueuedConnection);
    });
}

void GraphEdgeLayer::renderDone(Render render)
{
    if (m_renderThread.joinable())
        m_renderThread.join(); // it has posted this and is returning
    m_rendering = false;
    ++m_rendersDone;
    const bool latest = render.generation == m_generation;
    m_cache = std::move(render);
    // Shown at once when it is of the latest edges (a paused run, a relayout). In a live run the edges have moved
    // on: the next frame's paint shows it and starts the next render, without a paint in between.
    if (latest)
        update();
}

} // namespace haggle::ui
