// The shared look of Haggle charts: see chartstyle.h.
#include "chartstyle.h"

#include "chartfit.h"

#include <QVariant>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>

namespace haggle::charts::style {

namespace {

// A step of 1, 2 or 5 times a power of ten giving about `target` ticks over span, never below 1.
double integerTickStep(double span, int target)
{
    const double raw = span / target;
    if (!(raw > 1.0))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double normalized = raw / magnitude;
    const double factor = normalized <= 1.0 ? 1.0 : normalized <= 2.0 ? 2.0 : normalized <= 5.0 ? 5.0 : 10.0;
    return factor * magnitude;
}

} // namespace

QString chartTitle(const QString& prefix, const QString& name)
{
    if (prefix.isEmpty())
        return name;
    return prefix % QStringLiteral(": ") % name;
}

QChart* newChart(const QString& titlePrefix, const QString& name)
{
    auto* chart = new QChart;
    // The theme first: setting it later would overwrite the pens given to series.
    chart->setTheme(QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundBrush(Qt::white);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(8, 8, 8, 8));
    chart->setTitle(chartTitle(titlePrefix, name));
    QFont titleFont = chart->titleFont();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignBottom);
    // Legend labels are elided when space runs out; the tooltip keeps the full agent name reachable.
    chart->legend()->setShowToolTips(true);
    return chart;
}

QColor agentColor(qsizetype index)
{
    // Colour-blind friendly hues (Okabe-Ito without its vermilion) plus darker variants.
    static const std::array<QColor, AgentPaletteSize> palette = {
        QColor(0x00, 0x72, 0xb2),
        QColor(0x00, 0x9e, 0x73),
        QColor(0xe6, 0x9f, 0x00),
        QColor(0x56, 0xb4, 0xe9),
        QColor(0xcc, 0x79, 0xa7),
        QColor(0x55, 0x55, 0x55),
        QColor(0x6a, 0x3d, 0x9a),
        QColor(0x1b, 0x5e, 0x20),
        QColor(0x8c, 0x6d, 0x31),
        QColor(0x00, 0x4d, 0x6e),
        QColor(0x88, 0x84, 0x00),
        QColor(0x33, 0x33, 0x99),
        QColor(0x00, 0x99, 0x99),
        QColor(0x99, 0x66, 0x99),
        QColor(0x9e, 0x9a, 0xc8),
        QColor(0x88, 0x22, 0x55),
    };
    return palette[static_cast<std::size_t>(index) % palette.size()];
}

QColor highlightColor()
{
    return QColor(0xd6, 0x1a, 0x1a);
}

QColor phaseColor(qsizetype index)
{
    static const std::array<QColor, 4> palette = {
        QColor(0xf5, 0xa6, 0x23, 60),
        QColor(0x4a, 0x90, 0xe2, 50),
        QColor(0x7e, 0xd3, 0x21, 55),
        QColor(0xbd, 0x10, 0xe0, 40),
    };
    return palette[static_cast<std::size_t>(index) % palette.size()];
}

QColor sequentialColor(double t)
{
    // viridis at t = 0, 1/8, ..., 1, interpolated linearly in between.
    static const std::array<QColor, 9> stops = {
        QColor(0x44, 0x01, 0x54),
        QColor(0x47, 0x2c, 0x7a),
        QColor(0x3b, 0x52, 0x8b),
        QColor(0x2c, 0x72, 0x8e),
        QColor(0x21, 0x91, 0x8c),
        QColor(0x28, 0xae, 0x80),
        QColor(0x5e, 0xc9, 0x62),
        QColor(0xad, 0xdc, 0x30),
        QColor(0xfd, 0xe7, 0x25),
    };
    const double clamped = std::isfinite(t) ? std::clamp(t, 0.0, 1.0) : 0.0;
    const double at = clamped * static_cast<double>(stops.size() - 1);
    const auto i = std::min(static_cast<std::size_t>(at), stops.size() - 2);
    const double f = at - static_cast<double>(i);
    const QColor& a = stops[i];
    const QColor& b = stops[i + 1];
    const auto mix = [f](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * f)); };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

QPen linePen(const QColor& color, qreal width, Qt::PenStyle style)
{
    QPen pen(color);
    pen.setWidthF(width);
    pen.setStyle(style);
    pen.setCapStyle(Qt::FlatCap);
    return pen;
}

QLineSeries* lineSeries(const QString& name, const QList<QPointF>& points, const QPen& pen)
{
    auto* series = new QLineSeries;
    series->setName(name);
    series->setPen(pen);
    series->replace(points);
    return series;
}

QScatterSeries* scatterSeries(const QString& name, const QList<QPointF>& points, const QColor& color, qreal markerSize)
{
    auto* series = new QScatterSeries;
    series->setName(name);
    series->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    series->setMarkerSize(markerSize);
    series->setColor(color);
    series->setBorderColor(color);
    series->replace(points);
    return series;
}

QAreaSeries* bandSeries(const QString& name, const QList<QPointF>& upper, const QList<QPointF>& lower,
    const QBrush& fill, const QPen& border)
{
    auto* area = new QAreaSeries;
    auto* upperSeries = new QLineSeries(area);
    auto* lowerSeries = new QLineSeries(area);
    upperSeries->replace(upper);
    lowerSeries->replace(lower);
    area->setUpperSeries(upperSeries);
    area->setLowerSeries(lowerSeries);
    area->setName(name);
    area->setBrush(fill);
    area->setPen(border);
    return area;
}

QValueAxis* valueAxis(const QString& title, double min, double max)
{
    auto* axis = new QValueAxis;
    axis->setTitleText(title);
    axis->setRange(min, max);
    // "%.6g" prints 150 rather than 150.0 and 0.25 as is, without switching to exponents for net worths.
    axis->setLabelFormat(QStringLiteral("%.6g"));
    return axis;
}

QValueAxis* integerAxis(const QString& title, double min, double max)
{
    QValueAxis* axis = valueAxis(title, min, max);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(integerTickStep(max - min, maxTicks(axis, 8)));
    axis->setLabelFormat(QStringLiteral("%i"));
    return axis;
}

void setIntegerRange(QValueAxis* axis, double min, double max)
{
    // The axis lays out its ticks after each call: the step goes first when it grows and last when it shrinks, so
    // a range that jumps from 1 to a million rounds is never drawn with a million ticks in between.
    const double step = integerTickStep(max - min, maxTicks(axis, 8));
    if (step >= axis->tickInterval()) {
        axis->setTickInterval(step);
        axis->setRange(min, max);
    } else {
        axis->setRange(min, max);
        axis->setTickInterval(step);
    }
}

std::pair<double, double> paddedRange(double lo, double hi)
{
    if (!std::isfinite(lo) || !std::isfinite(hi) || lo > hi)
        return { 0.0, 1.0 };
    if (hi - lo < 1e-12) {
        const double half = std::max(std::abs(lo) * 0.1, 0.5);
        return { lo - half, hi + half };
    }
    const double margin = (hi - lo) * 0.05;
    return { lo - margin, hi + margin };
}

void addSeries(QChart* chart, QAbstractSeries* series, QAbstractAxis* xAxis, QAbstractAxis* yAxis)
{
    chart->addSeries(series);
    series->attachAxis(xAxis);
    series->attachAxis(yAxis);
}

void hideLegendEntry(QChart* chart, QAbstractSeries* series)
{
    series->setProperty(LegendHiddenProperty, true);
    const QList<QLegendMarker*> markers = chart->legend()->markers(series);
    for (QLegendMarker* marker : markers)
        marker->setVisible(false);
}

} // namespace haggle::charts::style
