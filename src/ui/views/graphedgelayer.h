// Every drawn trading pair of the deal graph as one scene item. A thousand agents trade along thousands of pairs;
// as one item each, every frame cost the scene a geometry change, a repaint rectangle and a painter set-up per
// pair. Here the pairs are values (GraphEdge) held in one map, and painting groups them by pen and draws each
// group with one drawLines().
//
// On screen, a large (aliased) graph's lines are rasterized on a worker thread into an image of the viewport, and
// the GUI thread only draws the newest finished image (moved to the current zoom and scroll until a render for
// them lands). Thousands of long lines cost 25-60 ms of rasterizing per frame, and Qt's rasterizer hands every
// batch of more than ~96 scanlines to a thread pool and waits for it, so on a busy machine the GUI thread would
// stall for far longer. The image lags the data by one render, and while only the edges change (a live run) a
// render starts at most every MinRenderIntervalMs, so the worker does not take the simulation's core; a new zoom
// or scroll is rendered at once. The first paint, exports and antialiased (small) graphs draw the pens directly.
//
// The layer is never hit by the scene's item queries (its shape is empty), so clicks, drags and hovers reach the
// nodes and the view; the view asks edgeAt() for tooltips.
#pragma once

#include "graphedge.h"

#include <QColor>
#include <QElapsedTimer>
#include <QGraphicsItem>
#include <QImage>
#include <QList>
#include <QObject>
#include <QTransform>

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace haggle::ui {

class GraphEdgeLayer : public QGraphicsItem {
public:
    enum { Type = UserType + 0x4803 };
    static constexpr int MinRenderIntervalMs = 100;
    // Before the first render lands, up to this many lines are drawn on the GUI thread; more wait for it.
    static constexpr std::size_t SynchronousFirstPaintLimit = 500;

    GraphEdgeLayer();
    ~GraphEdgeLayer() override;

    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override { return {}; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // The edge under `key`, created between a and b when absent (`created` says which).
    GraphEdge& edge(std::uint64_t key, const GraphNode* a, const GraphNode* b, bool* created = nullptr);
    const GraphEdge* find(std::uint64_t key) const;
    // Drops the edges whose stamp is not `frame`; true when any went.
    bool removeUnstamped(quint64 frame);
    // After edges were added, removed or restyled: recomputes the bounds and schedules a repaint.
    void edgesChanged();
    // After nodes moved: every line follows its endpoints.
    void adjust();
    void clear();

    std::size_t size() const { return m_edges.size(); }
    const std::unordered_map<std::uint64_t, GraphEdge>& edges() const { return m_edges; }

    // The edge nearest to `scenePos` whose line passes within max(tolerance, half its pen width); null if none.
    const GraphEdge* edgeAt(QPointF scenePos, qreal tolerance) const;

    // Whether a background render is under way, and how many have landed (for tests and measurements).
    bool isRendering() const { return m_rendering; }
    int rendersDone() const { return m_rendersDone; }

private:
    struct Batch {
        QPen pen;
        QList<QLineF> lines;
    };
    struct Render {
        QImage image; // the viewport's size, transparent but for the lines
        QTransform transform; // scene to viewport when it was drawn
        quint64 generation = 0;
    };
    void rebuildBatches();
    void drawBatches(QPainter* painter) const;
    void startRender(const QTransform& transform, QSize size, qreal dpr);
    void renderDone(Render render);

    std::unordered_map<std::uint64_t, GraphEdge> m_edges;
    std::vector<Batch> m_batches; // by pen, faint ones first so fresh and defaulted pairs are drawn on top
    bool m_batchesDirty = true;
    quint64 m_generation = 0; // bumped whenever the edges change
    QRectF m_bounds;
    // Scratch for rebuildBatches(): each drawn edge with its pen's place in the drawing order.
    using PenOrder = std::tuple<bool, int, qreal, QRgb>;
    std::vector<std::pair<PenOrder, const GraphEdge*>> m_order;

    // One render at a time; it works on copies and posts its image to m_receiver (GUI thread), which Qt drops if
    // the layer has gone. The destructor cancels and joins it.
    Render m_cache;
    QElapsedTimer m_sinceRender; // since the last render started
    bool m_retryQueued = false;
    std::thread m_renderThread;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::unique_ptr<QObject> m_receiver;
    bool m_rendering = false;
    int m_rendersDone = 0;
};

} // namespace haggle::ui
