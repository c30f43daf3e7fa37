// The deal graph's coalition groups (see coalitiongroups.h).
#include "coalitiongroups.h"

#include "graphnode.h"
#include "inspectormodels.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QPolygonF>

#include <algorithm>
#include <cmath>

namespace haggle::ui {

namespace {

// The convex hull of the points, counter-clockwise (Andrew's monotone chain); the points themselves when fewer than 3.
QPolygonF convexHull(std::vector<QPointF> points)
{
    std::sort(points.begin(), points.end(),
        [](const QPointF& a, const QPointF& b) { return a.x() < b.x() || (a.x() == b.x() && a.y() < b.y()); });
    points.erase(std::unique(points.begin(), points.end()), points.end());
    if (points.size() < 3)
        return QPolygonF(QList<QPointF>(points.begin(), points.end()));
    const auto cross = [](const QPointF& o, const QPointF& a, const QPointF& b) {
        return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
    };
    std::vector<QPointF> hull(2 * points.size());
    std::size_t k = 0;
    for (const QPointF& p : points) {
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0.0)
            --k;
        hull[k++] = p;
    }
    for (std::size_t i = points.size() - 1, lower = k + 1; i-- > 0;) {
        while (k >= lower && cross(hull[k - 2], hull[k - 1], points[i]) <= 0.0)
            --k;
        hull[k++] = points[i];
    }
    hull.resize(k - 1);
    return QPolygonF(QList<QPointF>(hull.begin(), hull.end()));
}

// The hull of the points widened by `padding` all round: a rounded outline.
QPainterPath roundedHull(const std::vector<QPointF>& points, qreal padding)
{
    QPainterPath path;
    const QPolygonF hull = convexHull(points);
    if (hull.isEmpty())
        return path;
    if (hull.size() == 1) {
        path.addEllipse(hull.front(), padding, padding);
        return path;
    }
    QPainterPath core;
    core.addPolygon(hull);
    if (hull.size() > 2)
        core.closeSubpath();
    QPainterPathStroker stroker;
    stroker.setWidth(2.0 * padding);
    stroker.setJoinStyle(Qt::RoundJoin);
    stroker.setCapStyle(Qt::RoundCap);
    path = stroker.createStroke(core).united(core);
    return path.simplified();
}

} // namespace

CoalitionGroups::CoalitionGroups()
{
    setZValue(-1.0); // under the edges and nodes
    setAcceptedMouseButtons(Qt::NoButton);
}

std::vector<AgentIndex> CoalitionGroups::parties(const CoalitionRecord& coalition)
{
    std::vector<AgentIndex> agents = coalition.buyers;
    for (const auto& m : coalition.members)
        agents.push_back(m.agent);
    return agents;
}

QColor CoalitionGroups::color(std::size_t k)
{
    // Spread round the hue circle by the golden angle: neighbours in the list never look alike.
    const int hue = int(std::fmod(30.0 + 137.508 * double(k), 360.0));
    return QColor::fromHsv(hue, 150, 200);
}

QString CoalitionGroups::describe(const CoalitionRecord& c, SplitRule split, const QStringList& ids)
{
    const auto name
        = [&](AgentIndex a) { return a < AgentIndex(ids.size()) ? ids.at(int(a)) : QStringLiteral("#%1").arg(a); };
    QStringList buyers;
    for (const AgentIndex b : c.buyers)
        buyers.append(name(b));
    double total = 0.0;
    for (const auto& m : c.members)
        total += m.payout;
    const bool pool = c.buyers.size() > 1;
    QString text = pool
        ? QStringLiteral("Buyer pool of %1 (%2), served by").arg(c.buyers.size()).arg(buyers.join(u", "))
        : QStringLiteral("Coalition of %1 sellers for %2, split %3:")
              .arg(c.members.size())
              .arg(buyers.join(u", "), QString::fromUtf8(splitRuleName(split).data()));
    for (const auto& m : c.members) {
        const double share = total > 0.0 ? m.payout / total : 0.0;
        text += QStringLiteral("\n  %1: %2, paid %3 (%4%)%5")
                    .arg(name(m.agent), resourcesText(m.part))
                    .arg(m.payout, 0, 'f', 2)
                    .arg(100.0 * share, 0, 'f', 1)
                    .arg(m.delivered ? QString() : QStringLiteral(", did not deliver"));
    }
    return text;
}

void CoalitionGroups::setCoalitions(
    std::vector<CoalitionRecord> coalitions, SplitRule split, const std::vector<GraphNode*>& nodes)
{
    if (coalitions.size() > MaxGroups)
        coalitions.resize(MaxGroups);
    if (coalitions == m_coalitions && split == m_split)
        return;
    m_coalitions = std::move(coalitions);
    m_split = split;
    adjust(nodes);
}

void CoalitionGroups::adjust(const std::vector<GraphNode*>& nodes)
{
    prepareGeometryChange();
    m_paths.clear();
    m_bounds = QRectF();
    std::vector<QPointF> points;
    for (const CoalitionRecord& c : m_coalitions) {
        points.clear();
        for (const AgentIndex a : parties(c)) {
            if (a < nodes.size())
                points.push_back(nodes[a]->pos());
        }
        m_paths.push_back(roundedHull(points, Padding));
        m_bounds = m_bounds.united(m_paths.back().boundingRect().adjusted(-2.0, -2.0, 2.0, 2.0));
    }
    update();
}

int CoalitionGroups::groupAt(const QPointF& scenePos) const
{
    int best = -1;
    qreal bestArea = 0.0;
    for (std::size_t k = 0; k < m_paths.size(); ++k) {
        if (!m_paths[k].contains(scenePos))
            continue;
        const QRectF r = m_paths[k].boundingRect();
        if (best < 0 || r.width() * r.height() < bestArea) {
            best = int(k);
            bestArea = r.width() * r.height();
        }
    }
    return best;
}

QString CoalitionGroups::toolTipText(std::size_t k) const
{
    const CoalitionRecord& c = m_coalitions[k];
    return QStringLiteral("Round %1, agreement %2\n").arg(c.round).arg(qulonglong(c.agreement))
        + describe(c, m_split, m_ids);
}

void CoalitionGroups::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (m_paths.empty())
        return;
    // The view does not save the painter's state around each item: restore what this changes.
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    for (std::size_t k = 0; k < m_paths.size(); ++k) {
        QColor fill = color(k);
        fill.setAlpha(40);
        QPen pen(color(k).darker(130), 1.5, Qt::DashLine);
        pen.setCosmetic(true);
        painter->setPen(pen);
        painter->setBrush(fill);
        painter->drawPath(m_paths[k]);
        const CoalitionRecord& c = m_coalitions[k];
        const QString label = c.buyers.size() > 1 ? QStringLiteral("pool of %1").arg(c.buyers.size())
                                                  : QStringLiteral("coalition of %1").arg(c.members.size());
        const QRectF r = m_paths[k].boundingRect();
        painter->setPen(color(k).darker(170));
        painter->drawText(QPointF(r.left() + 0.6 * Padding, r.top() + 0.6 * Padding), label);
    }
    painter->restore();
}

} // namespace haggle::ui
