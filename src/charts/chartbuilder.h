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
};

// Lines over a shared numeric x axis, in the palette's order, with both axes fitted to the data: what an experiment's
// "line" series is drawn as.
QChart* makeLineChart(
    const QString& title, const QString& xTitle, const QString& yTitle, const std::vector<ChartLine>& lines);

} // namespace haggle::charts
