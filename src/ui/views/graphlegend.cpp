// The deal graph's legend (see graphlegend.h).
#include "graphlegend.h"

#include "chartstyle.h"

#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

namespace haggle::ui {

namespace {

constexpr qreal Pad = 8.0;
constexpr qreal Swatch = 18.0; // the width of an entry's mark

enum class Mark { Disc, Ring, Sizes, Width, Dashed, Faded, CutOff, Collusion, Identity, Coalition };

struct Entry {
    Mark mark;
    QString text;
    QColor color;
};

QList<Entry> entriesOf(const GraphLegendContent& content)
{
    QList<Entry> entries;
    for (const auto& [name, color] : content.strategies)
        entries.append({ Mark::Disc, name, color });
    entries.append({ Mark::Ring, QStringLiteral("Ring: reputation (red low, green high)"), {} });
    entries.append({ Mark::Sizes, QStringLiteral("Size: net worth"), {} });
    entries.append({ Mark::Width, QStringLiteral("Edge width: volume traded"), {} });
    entries.append({ Mark::Dashed, QStringLiteral("Red dashed: a default between them"), {} });
    entries.append({ Mark::Faded, QStringLiteral("Faded: no deal in the last 3 rounds"), {} });
    entries.append({ Mark::CutOff,
        QStringLiteral("Cut off: refused by %1% or more of its reputation-aware peers%2")
            .arg(std::lround(content.cutOffShare * 100.0))
            .arg(content.askedOnly ? QStringLiteral(" when they are asked (it can still deal by asking)") : QString()),
        {} });
    for (const auto& [ring, color] : content.rings)
        entries.append({ Mark::Collusion,
            QStringLiteral("Dotted outline: colluding ring %1 (they vouch for each other)").arg(ring), color });
    if (content.whitewashers)
        entries.append({ Mark::Identity, QStringLiteral("\u201cname #2\u201d: rejoined under a new identity"), {} });
    if (content.coalitions)
        entries.append(
            { Mark::Coalition, QStringLiteral("Tinted outline: a coalition of the round (hover for its split)"), {} });
    return entries;
}

} // namespace

GraphLegendPainter::GraphLegendPainter(const GraphLegendContent& content, const QFont& font)
    : m_content(content)
    , m_font(font)
{
}

QStringList GraphLegendPainter::lines() const
{
    QStringList out;
    for (const Entry& e : entriesOf(m_content))
        out.append(e.text);
    return out;
}

QSizeF GraphLegendPainter::size() const
{
    const QFontMetricsF metrics(m_font);
    qreal width = 0.0;
    const QList<Entry> entries = entriesOf(m_content);
    for (const Entry& e : entries)
        width = std::max(width, metrics.horizontalAdvance(e.text));
    const qreal line = std::max(metrics.height(), Swatch) + 2.0;
    return { 2 * Pad + Swatch + 6.0 + width, 2 * Pad + line * qreal(entries.size()) };
}

void GraphLegendPainter::paint(QPainter* painter, QPointF topLeft) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(m_font);
    const QSizeF box = size();
    painter->setPen(QPen(QColor(0xc8, 0xc8, 0xc8), 1.0));
    painter->setBrush(QColor(255, 255, 255, 225));
    painter->drawRoundedRect(QRectF(topLeft, box), 4.0, 4.0);
    const QFontMetricsF metrics(m_font);
    const qreal line = std::max(metrics.height(), Swatch) + 2.0;
    qreal y = topLeft.y() + Pad;
    const qreal x = topLeft.x() + Pad;
    for (const Entry& e : entriesOf(m_content)) {
        const QPointF centre(x + Swatch / 2.0, y + line / 2.0);
        painter->setBrush(Qt::NoBrush);
        switch (e.mark) {
        case Mark::Disc:
            painter->setPen(Qt::NoPen);
            painter->setBrush(e.color);
            painter->drawEllipse(centre, 6.0, 6.0);
            break;
        case Mark::Ring: {
            painter->setBrush(QColor(0xb0, 0xb0, 0xb0));
            painter->setPen(QPen(QColor(0xd6, 0x1a, 0x1a), 3.0));
            painter->drawEllipse(centre - QPointF(4.0, 0.0), 4.0, 4.0);
            painter->setPen(QPen(QColor(0x2e, 0x9d, 0x3a), 3.0));
            painter->drawEllipse(centre + QPointF(5.0, 0.0), 4.0, 4.0);
            break;
        }
        case Mark::Sizes:
            painter->setPen(Qt::NoPen);
            painter->setBrush(QColor(0x90, 0x90, 0x90));
            painter->drawEllipse(centre - QPointF(5.0, 0.0), 2.5, 2.5);
            painter->drawEllipse(centre + QPointF(3.0, 0.0), 6.0, 6.0);
            break;
        case Mark::Width:
            painter->setPen(QPen(QColor(0x3b, 0x4a, 0x5c), 1.0));
            painter->drawLine(QPointF(x, centre.y() - 4.0), QPointF(x + Swatch, centre.y() - 4.0));
            painter->setPen(QPen(QColor(0x3b, 0x4a, 0x5c), 5.0, Qt::SolidLine, Qt::FlatCap));
            painter->drawLine(QPointF(x, centre.y() + 3.0), QPointF(x + Swatch, centre.y() + 3.0));
            break;
        case Mark::Dashed:
            painter->setPen(QPen(charts::style::highlightColor(), 2.0, Qt::DashLine, Qt::FlatCap));
            painter->drawLine(QPointF(x, centre.y()), QPointF(x + Swatch, centre.y()));
            break;
        case Mark::Faded: {
            QColor faded(0x3b, 0x4a, 0x5c);
            faded.setAlphaF(0.3f);
            painter->setPen(QPen(faded, 2.0, Qt::SolidLine, Qt::FlatCap));
            painter->drawLine(QPointF(x, centre.y()), QPointF(x + Swatch, centre.y()));
            break;
        }
        case Mark::CutOff: {
            QColor fill(0x90, 0x90, 0x90);
            fill.setAlphaF(0.35f);
            painter->setBrush(fill);
            painter->setPen(QPen(charts::style::highlightColor(), 1.5, Qt::DashLine));
            painter->drawEllipse(centre, 7.0, 7.0);
            break;
        }
        case Mark::Collusion:
            painter->setBrush(QColor(0xb0, 0xb0, 0xb0));
            painter->setPen(QPen(e.color, 2.0, Qt::DotLine));
            painter->drawEllipse(centre, 7.0, 7.0);
            break;
        case Mark::Coalition: {
            QColor fill(0xe0, 0xa0, 0x60);
            fill.setAlpha(60);
            painter->setBrush(fill);
            painter->setPen(QPen(fill.darker(160), 1.5, Qt::DashLine));
            painter->drawRoundedRect(QRectF(x, centre.y() - 6.0, Swatch, 12.0), 5.0, 5.0);
            break;
        }
        case Mark::Identity: {
            QFont bold = m_font;
            bold.setBold(true);
            painter->setFont(bold);
            painter->setPen(charts::style::highlightColor());
            painter->drawText(QRectF(x, y, Swatch, line), Qt::AlignCenter, QStringLiteral("#2"));
            painter->setFont(m_font);
            break;
        }
        }
        painter->setPen(QColor(0x20, 0x20, 0x20));
        painter->drawText(QRectF(x + Swatch + 6.0, y, box.width(), line), Qt::AlignVCenter | Qt::AlignLeft, e.text);
        y += line;
    }
    painter->restore();
}

GraphLegendOverlay::GraphLegendOverlay(QWidget* parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setObjectName(QStringLiteral("graphLegend"));
}

void GraphLegendOverlay::setContent(const GraphLegendContent& content)
{
    m_content = content;
    const GraphLegendPainter legend(m_content, font());
    resize(legend.size().toSize() + QSize(2, 2));
    update();
}

void GraphLegendOverlay::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    GraphLegendPainter(m_content, font()).paint(&painter, QPointF(0.5, 0.5));
}

} // namespace haggle::ui
