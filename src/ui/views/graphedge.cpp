// A trading pair in the deal graph (see graphedge.h).
#include "graphedge.h"

#include "graphnode.h"

namespace haggle::ui {

GraphEdge::GraphEdge(const GraphNode* a, const GraphNode* b)
    : m_a(a)
    , m_b(b)
    , m_pen(Qt::NoPen)
{
    adjust();
}

bool GraphEdge::adjust()
{
    const QLineF line(m_a->pos(), m_b->pos());
    if (line == m_line)
        return false;
    m_line = line;
    return true;
}

bool GraphEdge::setPen(const QPen& pen)
{
    if (pen == m_pen)
        return false;
    m_pen = pen;
    return true;
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
