// The charts of a run (price convergence, reputation, market activity, wealth), of a tournament (ranking) and of
// any experiment's line series, built in one go. The run charts are kinds of the chart catalog (chartcatalog.h), which
// haggle-cli and the desktop lab both draw from; these one-shot builders remain for the tests and callers that want
// one particular chart. The desktop lab keeps the same charts alive as LiveChart objects and updates them, so both
// draw the same.
#pragma once

#include "agentchart.h"
#include "chartinput.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <vector>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace haggle::charts {

// Each returns a new QChart the caller owns (or hands to a QChartView / scene). A QApplication must exist.
// Lines longer than input.maxPoints are thinned (see thinning.h). The run charts are their LiveChart
// updated once and released.

// x: deal number (1..n); each deal's unit price as a point, the rolling mean over input.rollingWindow deals
// (over the deals so far for the first window - 1 deals), and a dashed line at input.referencePrice.
QChart* makePriceConvergenceChart(const ChartInput& input);

// x: round; each round's mean unit price, the lowest to highest deal price as a band, the reference price dashed and
// the demand phases shaded (see RoundPriceChart).
QChart* makeRoundPriceChart(const ChartInput& input);

// x: round; per agent, its mean reputation in the others' eyes (y 0..1), highlighted agents thick and red,
// a dashed line at the trust threshold when set. Above 12 agents: the mean over agents, the min-max band
// and the highlighted agents only.
QChart* makeReputationChart(const ChartInput& input);

// x: round; negotiations and deals per round (left axis), the success rate (right axis, percent), demand
// phases shaded behind the data and named in the legend.
QChart* makeMarketActivityChart(const ChartInput& input);

// x: round; net worth per agent, with the same above-12-agents rule as the reputation chart.
QChart* makeWealthChart(const ChartInput& input);

// A tournament ranking: one box per entry, in the order given (whiskers: low and high; box: mean -/+ ci95;
// median line: mean), names on the category axis. Entries beyond the shortest vector are ignored.
QChart* makeRankingChart(const QString& title, const QStringList& names, const std::vector<double>& mean,
    const std::vector<double>& low, const std::vector<double>& high, const std::vector<double>& ci95,
    const QString& valueTitle = QStringLiteral("Final net worth"));

// One named line of a line chart.
struct ChartLine {
    QString name;
    QList<QPointF> points; // in x order; non-finite y values are left out
    // A band around the line (a confidence interval): its lower and upper edges, in x order, points with a
    // non-finite x or y left out. Both empty: no band.
    QList<QPointF> lower = {};
    QList<QPointF> upper = {};
};

// Lines over a shared numeric x axis, in the palette's order, with both axes fitted to the data (bands included):
// what an experiment's "line" and "band" series are drawn as. A line with a band gets a translucent area series in
// its colour, named "<line> (band)", drawn under every line and left out of the legend.
QChart* makeLineChart(
    const QString& title, const QString& xTitle, const QString& yTitle, const std::vector<ChartLine>& lines);

// One row of a heatmap: its label and one value per column (NaN: no value, the cell is left empty).
struct HeatmapRow {
    QString name;
    std::vector<double> values;
};

// A grid of coloured cells, a column per entry of `columns` and a row per entry of `rows` (the first row on top), each
// cell coloured by its value on style::sequentialColor() from the smallest value (0) to the largest (1). Each cell is
// a QAreaSeries one unit square, its value in HeatmapValueProperty and its column and row in HeatmapCellProperty
// (a QPoint), out of the legend; the legend shows the scale instead, as swatches from the minimum to the maximum. A
// grid of at most HeatmapLabelledColumns x HeatmapLabelledRows prints each value in its cell.
QChart* makeHeatmapChart(const QString& title, const QString& xTitle, const QString& yTitle, const QStringList& columns,
    const std::vector<HeatmapRow>& rows);
inline constexpr char HeatmapValueProperty[] = "haggleHeatmapValue";
inline constexpr char HeatmapCellProperty[] = "haggleHeatmapCell";
inline constexpr int HeatmapLabelledColumns = 25;
inline constexpr int HeatmapLabelledRows = 15;

} // namespace haggle::charts
