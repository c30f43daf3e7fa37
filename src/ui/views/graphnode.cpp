// An agent in the deal graph (see graphnode.h).
#include "graphnode.h"

#include "chartstyle.h"

#include <QFont>
#include <QGraphicsSimpleTextItem>
#include <QPaintEngine>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace haggle::ui {

namespace {

constexpr qreal RingWidth = 3.0;
constexpr qreal HaloGap = 7.0; // from the disc's edge to the selection halo and the cut-off outline
constexpr qreal HaloWidth = 4.0;
constexpr int ReputationSteps = 50;

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
        float(a.greenF() + (b.greenF() - a.greenF()) * t), float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QGraphicsSimpleTextItem* newText(QGraphicsItem* parent, const QString& text, const QColor& color, bool bold)
{
    // The text is set last: every setText() and setFont() lays the text out again, and a thousand nodes' labels
    // and tags laid out twice were most of the cost of creating a large graph.
    auto* item = new QGraphicsSimpleTextItem(parent);
    // Labels keep their screen size at any zoom (and in exports), so names stay readable when zoomed out.
    item->setFlag(QGraphicsItem::ItemIgnoresTransformations);
    item->setAcceptedMouseButtons(Qt::NoButton);
    item->setAcceptHoverEvents(false);
    QFont font = item->font();
    font.setPointSizeF(8.0);
    font.setBold(bold);
    item->setFont(font);
    item->setBrush(color);
    item->setText(text);
    // The item's own transform still applies under ItemIgnoresTransformations: it centres the text on its
    // anchor in screen pixels.
    const QRectF r = item->boundingRect();
    item->setTransform(QTransform::fromTranslate(-r.width() / 2.0, 0.0));
    return item;
}

} // namespace

GraphNode::GraphNode(int index, const QString& id, const QString& role, const QString& strategy, const QColor& fill)
    : m_index(index)
    , m_id(id)
    , m_role(role)
    , m_strategy(strategy)
    , m_fill(fill)
    , m_label(newText(this, id, QColor(0x22, 0x22, 0x22), false))
    , m_tag(newText(this, QStringLiteral("cut off"), charts::style::highlightColor(), true))
{
    setAcceptHoverEvents(true);
    // Clicks are handled by the view, so a press anywhere still starts a hand drag.
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(1.0);
    m_tag->setVisible(false);
    placeChildren();
}

qreal GraphNode::extent() const
{
    return m_radius + HaloGap + HaloWidth / 2.0 + 1.0;
}

QRectF GraphNode::boundingRect() const
{
    const qreal e = extent();
    return QRectF(-e, -e, 2.0 * e, 2.0 * e);
}

QPainterPath GraphNode::shape() const
{
    QPainterPath path;
    const qreal r = m_radius + RingWidth;
    path.addEllipse(QPointF(0.0, 0.0), r, r);
    return path;
}

void GraphNode::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget* widget)
{
    // On screen, a plain node of a large graph copies the picture it drew last while nothing in it changed (see
    // paintPicture()); exports, small graphs and the selected or hovered node are drawn each time.
    if (widget && !m_highlighted && !m_hovered && paintPicture(painter))
        return;
    draw(painter);
}

void GraphNode::draw(QPainter* painter) const
{
    const QPointF centre(0.0, 0.0);
    if (m_highlighted || m_hovered) {
        QColor halo = m_highlighted ? QColor(0xff, 0xb0, 0x00) : QColor(0x80, 0x80, 0x80);
        halo.setAlphaF(0.7f);
        painter->setPen(QPen(halo, HaloWidth));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(centre, m_radius + HaloGap, m_radius + HaloGap);
    }
    // A cut-off agent is drawn faded; its outline and tag stay at full strength so it still reads as an alert.
    const qreal alpha = m_cutOff ? 0.35 : 1.0;
    QColor fill = m_fill;
    fill.setAlphaF(float(alpha));
    QColor ring = ringColor();
    ring.setAlphaF(float(alpha));
    painter->setPen(QPen(ring, RingWidth));
    painter->setBrush(fill);
    painter->drawEllipse(centre, m_radius + RingWidth / 2.0, m_radius + RingWidth / 2.0);
    if (m_ring != 0) {
        painter->setPen(collusionPen());
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(centre, m_radius + HaloGap - 2.5, m_radius + HaloGap - 2.5);
    }
    if (m_cutOff) {
        painter->setPen(outlinePen());
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(centre, m_radius + HaloGap, m_radius + HaloGap);
    }
}

// Stroking and filling a small ellipse costs the raster engine a path, a stroker and a rasterizer pass each time:
// 3 ms a frame for a thousand nodes, while a frame of a live run changes the look of a tenth of them or fewer. So
// a node drawn aliased on screen draws itself into an image of device pixels, with its centre at the same place
// within a pixel as on screen, and copies that image while its look, the scale and that place stay the same (a
// scroll by whole pixels keeps it). Placed so, the copy is the drawing itself: aliased rasterizing does not
// change under a shift by whole pixels. A node is drawn the first time it is painted so (a picture of a look
// that changes every frame, as most do when a run starts, would only add to the cost), and nodes grown past a few
// dozen pixels are always drawn.
bool GraphNode::paintPicture(QPainter* painter)
{
    static constexpr int MaxHalfSize = 32; // device pixels from the centre
    if (painter->testRenderHint(QPainter::Antialiasing) || !painter->paintEngine()
        || painter->paintEngine()->type() != QPaintEngine::Raster)
        return false;
    const QTransform world = painter->worldTransform();
    if (world.type() > QTransform::TxScale || world.m11() != world.m22() || world.m11() <= 0.0)
        return false;
    const qreal dpr = painter->device()->devicePixelRatioF();
    const qreal scale = world.m11() * dpr; // item units to device pixels
    const int half = int(std::ceil(extent() * scale)) + 1;
    if (half > MaxHalfSize) {
        m_picture = QImage();
        m_pictureScale = 0.0;
        return false;
    }
    const QPointF centre = QPointF(world.dx(), world.dy()) * dpr;
    const QPointF pixel(std::floor(centre.x()), std::floor(centre.y()));
    const QPointF within = centre - pixel;
    const quint64 look = quint64(m_fill.rgba()) | quint64(m_reputationStep) << 32 | quint64(m_radius * 2.0) << 40
        | quint64(m_cutOff) << 48 | quint64(m_ring & 0x7fff) << 49;
    if (m_pictureScale != scale || m_pictureWithin != within || m_pictureLook != look) {
        m_pictureScale = scale;
        m_pictureWithin = within;
        m_pictureLook = look;
        m_pictureDrawn = false;
        return false;
    }
    if (!m_pictureDrawn) {
        if (m_picture.width() != 2 * half)
            m_picture = QImage(2 * half, 2 * half, QImage::Format_ARGB32_Premultiplied);
        m_picture.setDevicePixelRatio(1.0);
        m_picture.fill(Qt::transparent);
        {
            QPainter p(&m_picture);
            p.setTransform(QTransform(scale, 0.0, 0.0, scale, half + within.x(), half + within.y()));
            draw(&p);
        }
        m_picture.setDevicePixelRatio(dpr);
        m_pictureDrawn = true;
    }
    // The picture is in device pixels: copied without the item's transform, which is put back after.
    painter->setWorldTransform(QTransform());
    painter->drawImage(QPointF(pixel.x() - half, pixel.y() - half) / dpr, m_picture);
    painter->setWorldTransform(world);
    return true;
}

void GraphNode::setRadius(qreal radius)
{
    // Half-unit steps: net worth moves a little every round and most of those moves are invisible.
    radius = std::round(std::clamp(radius, MinRadius, MaxRadius) * 2.0) / 2.0;
    if (radius == m_radius)
        return;
    prepareGeometryChange();
    m_radius = radius;
    placeChildren();
}

void GraphNode::setReputation(double reputation)
{
    if (!std::isfinite(reputation))
        reputation = 0.5;
    const int step = int(std::lround(std::clamp(reputation, 0.0, 1.0) * ReputationSteps));
    if (step == m_reputationStep)
        return;
    m_reputationStep = step;
    update();
}

QColor GraphNode::ringColor() const
{
    static const QColor red(0xd6, 0x1a, 0x1a);
    static const QColor amber(0xf0, 0xb0, 0x00);
    static const QColor green(0x2e, 0x9d, 0x3a);
    const double t = double(m_reputationStep) / ReputationSteps;
    return t < 0.5 ? mix(red, amber, t * 2.0) : mix(amber, green, (t - 0.5) * 2.0);
}

void GraphNode::setCutOff(bool cutOff)
{
    if (cutOff == m_cutOff)
        return;
    m_cutOff = cutOff;
    m_tag->setVisible(cutOff);
    update();
}

void GraphNode::setIdentity(int identity, const std::vector<int>& rejoinRounds)
{
    if (identity == m_identity && rejoinRounds == m_rejoins)
        return;
    const bool relabel = identity != m_identity;
    m_identity = identity;
    m_rejoins = rejoinRounds;
    if (!relabel)
        return;
    m_label->setText(labelText());
    // A whitewashed identity reads in the cheater colour, bold, so it stands out among the names.
    QFont font = m_label->font();
    font.setBold(identity > 1);
    m_label->setFont(font);
    m_label->setBrush(identity > 1 ? charts::style::highlightColor() : QColor(0x22, 0x22, 0x22));
    const QRectF r = m_label->boundingRect();
    m_label->setTransform(QTransform::fromTranslate(-r.width() / 2.0, 0.0));
}

QString GraphNode::labelText() const
{
    return m_identity > 1 ? QStringLiteral("%1 #%2").arg(m_id).arg(m_identity) : m_id;
}

void GraphNode::setCollusionRing(int ring, const QColor& color)
{
    if (ring == m_ring && color == m_ringColor)
        return;
    m_ring = ring;
    m_ringColor = color;
    update();
}

QPen GraphNode::collusionPen() const
{
    if (m_ring == 0)
        return QPen(Qt::NoPen);
    QPen pen(m_ringColor, 2.0, Qt::DotLine);
    pen.setCapStyle(Qt::RoundCap);
    return pen;
}

QPen GraphNode::outlinePen() const
{
    if (!m_cutOff)
        return QPen(Qt::NoPen);
    QPen pen(charts::style::highlightColor(), 2.0, Qt::DashLine);
    pen.setCapStyle(Qt::FlatCap);
    return pen;
}

bool GraphNode::isTagVisible() const
{
    return m_tag->isVisible();
}

void GraphNode::setHighlighted(bool highlighted)
{
    if (highlighted == m_highlighted)
        return;
    m_highlighted = highlighted;
    setZValue(highlighted ? 2.0 : 1.0);
    updateLabelVisibility();
    update();
}

void GraphNode::setLabelsAutoHidden(bool hidden)
{
    if (hidden == m_labelsAutoHidden)
        return;
    m_labelsAutoHidden = hidden;
    updateLabelVisibility();
}

bool GraphNode::isLabelVisible() const
{
    return m_label->isVisible();
}

QString GraphNode::toolTipText() const
{
    QString text = QStringLiteral("<b>%1</b> (agent %2)<br>role: %3<br>strategy: %4<br>net worth: %5<br>"
                                  "mean reputation: %6<br>deals: %7<br>refused by: %8")
                       .arg(m_id.toHtmlEscaped())
                       .arg(m_index)
                       .arg(m_role.toHtmlEscaped(), m_strategy.toHtmlEscaped())
                       .arg(m_live.netWorth, 0, 'f', 1)
                       .arg(m_live.meanReputation, 0, 'f', 2)
                       .arg(m_live.deals)
                       .arg(m_live.refusedBy);
    if (m_identity > 1) {
        QStringList rounds;
        for (const int round : m_rejoins)
            rounds.append(QString::number(round));
        text += QStringLiteral("<br><span style=\"color:#d61a1a\">identity #%1: rejoined %2 time%3 under a new "
                               "identity%4</span>")
                    .arg(m_identity)
                    .arg(m_identity - 1)
                    .arg(m_identity == 2 ? QString() : QStringLiteral("s"))
                    .arg(rounds.isEmpty() ? QString()
                                          : QStringLiteral(" (after round%1 %2)")
                                                .arg(rounds.size() == 1 ? QString() : QStringLiteral("s"),
                                                    rounds.join(QStringLiteral(", "))));
    }
    if (m_ring != 0)
        text += QStringLiteral("<br>colluding ring %1: vouches for the ring's members, cheats outsiders").arg(m_ring);
    if (m_cutOff)
        text += m_askedOnly
            ? QStringLiteral("<br><span style=\"color:#d61a1a\">cut off: the others refuse it when asked, but it can "
                             "still deal by asking</span>")
            : QStringLiteral("<br><span style=\"color:#d61a1a\">cut off: the others refuse to deal</span>");
    return text;
}

void GraphNode::hoverEnterEvent(QGraphicsSceneHoverEvent* event)
{
    m_hovered = true;
    updateLabelVisibility();
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void GraphNode::hoverLeaveEvent(QGraphicsSceneHoverEvent* event)
{
    m_hovered = false;
    updateLabelVisibility();
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

void GraphNode::placeChildren()
{
    m_label->setPos(0.0, m_radius + RingWidth + 2.0);
    // The tag sits above the disc; its own transform lifts it by its height in screen pixels.
    const QRectF tag = m_tag->boundingRect();
    m_tag->setPos(0.0, -(m_radius + HaloGap + HaloWidth));
    m_tag->setTransform(QTransform::fromTranslate(-tag.width() / 2.0, -tag.height()));
}

void GraphNode::updateLabelVisibility()
{
    m_label->setVisible(!m_labelsAutoHidden || m_hovered || m_highlighted);
}

} // namespace haggle::ui
