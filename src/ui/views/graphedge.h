// One trading pair in the deal graph: a line between two agents whose pen carries the pair's volume (width),
// recency (opacity) and defaults (red, dashed). A plain value held and drawn by GraphEdgeLayer, not a scene item
// of its own: thousands of items cost the scene more per frame than drawing the lines.
#pragma once

#include "dealnetwork.h"

#include <QLineF>
#include <QPen>
#include <QString>

#include <cstdint>

namespace haggle::ui {

class GraphNode;

class GraphEdge {
public:
    // The nodes must outlive the edge (the layer's edges go before the nodes).
    GraphEdge(const GraphNode* a, const GraphNode* b);

    const GraphNode* nodeA() const { return m_a; }
    const GraphNode* nodeB() const { return m_b; }

    // Follows the endpoints after they moved; true when the line changed.
    bool adjust();
    QLineF line() const { return m_line; }

    void setDeal(const lab::DealEdge& deal) { m_deal = deal; }
    const lab::DealEdge& deal() const { return m_deal; }

    // True when the pen changed.
    bool setPen(const QPen& pen);
    const QPen& pen() const { return m_pen; }

    // Bookkeeping for the view: the frame in which the edge was last among those drawn, and the style its pen
    // was made from.
    quint64 stamp = 0;
    std::uint32_t style = 0;

    QString toolTipText() const;

private:
    const GraphNode* m_a;
    const GraphNode* m_b;
    lab::DealEdge m_deal;
    QLineF m_line;
    QPen m_pen;
};

} // namespace haggle::ui
