// The look shared by every Haggle chart (theme, legend, palette, pens, axes) and the small factories that
// fill a series with a single replace(), so chartbuilder.cpp only decides what to draw.
#pragma once

#include <QBrush>
#include <QColor>
#include <QList>
#include <QPen>
#include <QPointF>
#include <QString>

#include <cstddef>
#include <utility>

QT_BEGIN_NAMESPACE
class QAbstractAxis;
class QAbstractSeries;
class QAreaSeries;
class QChart;
class QLineSeries;
class QScatterSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace haggle::charts::style {

// Above this many agents, charts and the deal graph are drawn on screen without antialiasing: a large population's
// lines cost the GUI thread more to smooth than the smoothing shows (exports are always antialiased).
inline constexpr std::size_t AntialiasLimit = 200;

// "prefix: name", or just name without a prefix.
QString chartTitle(const QString& prefix, const QString& name);

// A new chart with the common settings: light theme on white, no animation (exports and tests render at
// once), legend at the bottom.
QChart* newChart(const QString& titlePrefix, const QString& name);

// Colours for ordinary agents. Red is left out: it marks highlighted agents (e.g. cheaters).
QColor agentColor(qsizetype index);
// How many distinct colours agentColor() has before it repeats.
inline constexpr qsizetype AgentPaletteSize = 16;
QColor highlightColor();
// Translucent fills for demand phases, distinct per phase name.
QColor phaseColor(qsizetype index);

// A sequential colour scale for values (a heatmap's cells): t in [0, 1] (clamped; NaN as 0) from dark violet through
// blue and green to yellow, like matplotlib's viridis: lighter with every step, so it reads in grey and to
// colour-blind eyes, higher values lighter.
QColor sequentialColor(double t);

QPen linePen(const QColor& color, qreal width, Qt::PenStyle style = Qt::SolidLine);

// Series filled with one replace() call: every append() would re-lay the chart.
QLineSeries* lineSeries(const QString& name, const QList<QPointF>& points, const QPen& pen);
QScatterSeries* scatterSeries(const QString& name, const QList<QPointF>& points, const QColor& color, qreal markerSize);
// The area between upper and lower; the two line series become children of the area series, which does
// not own them otherwise.
QAreaSeries* bandSeries(const QString& name, const QList<QPointF>& upper, const QList<QPointF>& lower,
    const QBrush& fill, const QPen& border);

QValueAxis* valueAxis(const QString& title, double min, double max);
// An axis of whole numbers (rounds, deals): ticks at a round step so labels read 10, 20, 30 rather than 7.25.
QValueAxis* integerAxis(const QString& title, double min, double max);
// Moves an integerAxis() to a new range, with the tick step for that range.
void setIntegerRange(QValueAxis* axis, double min, double max);

// The tick count of a new QValueAxis. QValueAxis::applyNiceNumbers() starts from the current tick count and
// changes it, so a chart that refits its axis every frame restores this first to get the same ticks as a new one.
inline constexpr int DefaultTickCount = 5;

// [lo, hi] widened by a margin so data does not touch the frame; a flat range is opened up around its value.
std::pair<double, double> paddedRange(double lo, double hi);

// Adds a series to a chart and attaches it to the given axes (already added to the chart).
void addSeries(QChart* chart, QAbstractSeries* series, QAbstractAxis* xAxis, QAbstractAxis* yAxis);

// Hides the legend entry of a series that repeats another entry (a second band of the same phase), and marks
// the series with LegendHiddenProperty so views that restyle legend markers leave that entry hidden.
void hideLegendEntry(QChart* chart, QAbstractSeries* series);
inline constexpr char LegendHiddenProperty[] = "haggleLegendHidden";

} // namespace haggle::charts::style
