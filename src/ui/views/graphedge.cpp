// A trading pair in the deal graph (see graphedge.h).
#include "graphedge.h"

#include "graphnode.h"

#include <QPainter>
#include <QPainterPathStroker>

#include <algorithm>

namespace haggle::ui {

namespace {

// Thin edges are still easy to hover.
constexpr qreal MinHitWidth = 6.0;

} // namespace

GraphEdge::GraphEdge(const GraphNode* a, const GraphNode* b)
    : m_a(a)
    , m_b(b)
    , m_pen(Qt::NoPen)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(0.0);
    adjust();
}

QRectF GraphEdge::boundingRect() const
{
    const qreal margin = std::max(m_pen.widthF(), MinHitWidth) / 2.0 + 1.0;
    return QRectF(m_line.p1(), m_line.p2()).normalized().adjusted(-margin, -margin, margin, margin);
}

QPainterPath GraphEdge::shape() const
{
    QPainterPath path(m_line.p1());
    path.lineTo(m_line.p2());
    QPainterPathStroker stroker;
    stroker.setWidth(std::max(m_pen.widthF(), MinHitWidth));
    return stroker.createStroke(path);
}

void GraphEdge::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setPen(m_pen);
    painter->drawLine(m_line);
}

void GraphEdge::adjust()
{
    const QLineF line(m_a->pos(), m_b->pos());
    if (line == m_line)
        return;
    prepareGeometryChange();
    m_line = line;
}

void GraphEdge::setPen(const QPen& pen)
{
    if (pen == m_pen)
        return;
    if (pen.widthF() != m_pen.widthF())
        prepareGeometryChange();
    m_pen = pen;
    update();
}

QString GraphEdge::toolTipText() const
{
    QString text = QStringLiteral("<b>%1 \u2194 %2</b><br>deals: %3<br>volume: %4<br>value: %5<br>defaults: %6<br>"
                                  "last round: %7")
                       .arg(m_a->id().toHtmlEscaped(), m_b->id().toHtmlEscaped())
                       .arg(m_deal.deals)
                       .arg(m_deal.volume, 0, 'f', 1)
                       .arg(m_deal.value, 0, 'f', 1)
                       .arg(m_deal.defaults)
                       .arg(m_deal.lastRound);
    return text;
}

} // namespace haggle::ui
