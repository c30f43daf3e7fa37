// One trading pair in the deal graph: a line between two agents whose pen carries the pair's volume (width),
// recency (opacity) and defaults (red, dashed). The view computes the pen; the edge only draws it and repaints
// when it differs.
#pragma once

#include "dealnetwork.h"

#include <QGraphicsItem>
#include <QLineF>
#include <QPen>

namespace haggle::ui {

class GraphNode;

class GraphEdge : public QGraphicsItem {
public:
    enum { Type = UserType + 0x4802 };

    // The nodes must outlive the edge (the view deletes edges first).
    GraphEdge(const GraphNode* a, const GraphNode* b);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // Follows the endpoints after they moved.
    void adjust();
    QLineF line() const { return m_line; }

    void setDeal(const lab::DealEdge& deal) { m_deal = deal; }
    const lab::DealEdge& deal() const { return m_deal; }

    void setPen(const QPen& pen);
    const QPen& pen() const { return m_pen; }

    // Bookkeeping for the view: the frame in which the edge was last among those drawn.
    quint64 stamp = 0;

    QString toolTipText() const;

private:
    const GraphNode* m_a;
    const GraphNode* m_b;
    lab::DealEdge m_deal;
    QLineF m_line;
    QPen m_pen;
};

} // namespace haggle::ui
