// Charts that read at the size they are shown (see chartfit.h).
#include "chartfit.h"

#include "chartstyle.h"

#include <QFontMetricsF>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QtCharts/QAbstractSeries>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace haggle::charts {

namespace {

constexpr char MaxTicksProperty[] = "haggleMaxTicks";
constexpr int MostTicks = 12;

void collectElided(const QGraphicsItem* item, QStringList& out)
{
    for (const QGraphicsItem* child : item->childItems()) {
        if (!child->isVisible())
            continue;
        QString text;
        if (const auto* rich = qgraphicsitem_cast<const QGraphicsTextItem*>(child))
            text = rich->toPlainText();
        else if (const auto* simple = qgraphicsitem_cast<const QGraphicsSimpleTextItem*>(child))
            text = simple->text();
        // Qt Charts shortens with three full stops; U+2026 in case another version uses the ellipsis.
        if (text.endsWith(QStringLiteral("...")) || text.contains(QChar(0x2026)))
            out.append(text);
        collectElided(child, out);
    }
}

// Roughly the widest tick label of the axis: its ends and middle in its label format.
qreal widestLabel(const QValueAxis* axis)
{
    const QFontMetricsF metrics(axis->labelsFont());
    const bool integral = axis->labelFormat().contains(u'i') || axis->labelFormat().contains(u'd');
    qreal widest = 0.0;
    for (const double v : { axis->min(), axis->max(), (axis->min() + axis->max()) / 2.0 }) {
        const QString label = integral ? QString::number(std::llround(v)) : QString::number(v, 'g', 4);
        widest = std::max(widest, metrics.horizontalAdvance(label));
    }
    return widest;
}

void fitAxis(QValueAxis* axis, const QRectF& plot)
{
    const QFontMetricsF metrics(axis->labelsFont());
    const int fit = axis->orientation() == Qt::Horizontal
        ? int(plot.width() / (widestLabel(axis) + 2.0 * metrics.averageCharWidth() + 8.0)) + 1
        : int(plot.height() / (metrics.height() * 2.0)) + 1;
    const int ticks = std::clamp(fit, 2, MostTicks);
    if (axis->property(MaxTicksProperty).toInt() == ticks)
        return;
    axis->setProperty(MaxTicksProperty, ticks);
    if (axis->tickType() == QValueAxis::TicksDynamic)
        style::setIntegerRange(axis, axis->min(), axis->max());
    else if (axis->tickCount() > ticks)
        axis->setTickCount(ticks);
}

void fitLegend(QChart* chart)
{
    QLegend* legend = chart->legend();
    if (!legend || !legend->isVisible())
        return;
    // The width the entries need on one line: icon, gap and label each.
    const QFontMetricsF metrics(legend->font());
    qreal needed = 0.0;
    int entries = 0;
    const QList<QLegendMarker*> markers = legend->markers();
    for (QLegendMarker* marker : markers) {
        // QLegendMarker::isVisible() reads false until the legend has been laid out: ask the series.
        const QAbstractSeries* series = marker->series();
        if (!series || !series->isVisible() || series->property(style::LegendHiddenProperty).toBool())
            continue;
        needed += metrics.horizontalAdvance(marker->label()) + metrics.height() + 3.0 * metrics.averageCharWidth();
        ++entries;
    }
    const qreal available = chart->size().width() - chart->margins().left() - chart->margins().right();
    // Beside the plot, one entry a line, when they do not fit below and there is room across for the plot and
    // them; otherwise below (where Qt shortens what does not fit).
    const bool besides = needed > available && entries > 0 && chart->size().width() > 2.2 * (needed / entries);
    const Qt::Alignment want = besides ? Qt::AlignRight : Qt::AlignBottom;
    if (legend->alignment() != want)
        legend->setAlignment(want);
}

} // namespace

QStringList elidedTexts(const QChart* chart)
{
    QStringList out;
    if (chart)
        collectElided(chart, out);
    return out;
}

void fitToSize(QChart* chart)
{
    if (!chart)
        return;
    fitLegend(chart);
    const QRectF plot = chart->plotArea();
    if (plot.width() <= 0.0 || plot.height() <= 0.0)
        return;
    const QList<QAbstractAxis*> axes = chart->axes();
    for (QAbstractAxis* a : axes) {
        if (auto* axis = qobject_cast<QValueAxis*>(a))
            fitAxis(axis, plot);
    }
}

int maxTicks(const QValueAxis* axis, int fallback)
{
    const int set = axis ? axis->property(MaxTicksProperty).toInt() : 0;
    return set > 0 ? std::min(set, fallback) : fallback;
}

ChartFonts::ChartFonts(const QChart* chart)
{
    m_title = chart->titleFont();
    m_legend = chart->legend()->font();
    for (QAbstractAxis* axis : chart->axes())
        m_axes.push_back({ axis, axis->titleFont(), axis->labelsFont() });
}

void ChartFonts::apply(QChart* chart, qreal scale) const
{
    const auto scaled = [scale](QFont font) {
        if (font.pointSizeF() > 0)
            font.setPointSizeF(font.pointSizeF() * scale);
        else if (font.pixelSize() > 0)
            font.setPixelSize(std::max(1, qRound(font.pixelSize() * scale)));
        return font;
    };
    chart->setTitleFont(scaled(m_title));
    chart->legend()->setFont(scaled(m_legend));
    const QList<QAbstractAxis*> present = chart->axes();
    for (const AxisFonts& fonts : m_axes) {
        if (!present.contains(fonts.axis))
            continue;
        fonts.axis->setTitleFont(scaled(fonts.title));
        fonts.axis->setLabelsFont(scaled(fonts.labels));
    }
}

} // namespace haggle::charts
