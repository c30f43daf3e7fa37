// The charts of a run and of a tournament, built in one go: see chartbuilder.h. The run charts are drawn by
// their LiveChart objects; the ranking is only ever built once, so it is drawn here.
#include "chartbuilder.h"

#include "activitychart.h"
#include "chartstyle.h"
#include "extent.h"
#include "pricechart.h"
#include "reputationchart.h"
#include "wealthchart.h"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBoxPlotSeries>
#include <QtCharts/QBoxSet>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace haggle::charts {

namespace {

template <typename Chart> QChart* buildOnce(const ChartInput& input)
{
    Chart live; // at the kind's default parameters
    live.update(input);
    return live.release().release();
}

} // namespace

QChart* makePriceConvergenceChart(const ChartInput& input)
{
    return buildOnce<PriceConvergenceChart>(input);
}

QChart* makeRoundPriceChart(const ChartInput& input)
{
    return buildOnce<RoundPriceChart>(input);
}

QChart* makeReputationChart(const ChartInput& input)
{
    return buildOnce<ReputationChart>(input);
}

QChart* makeMarketActivityChart(const ChartInput& input)
{
    return buildOnce<MarketActivityChart>(input);
}

QChart* makeWealthChart(const ChartInput& input)
{
    return buildOnce<WealthChart>(input);
}

QChart* makeRankingChart(const QString& title, const QStringList& names, const std::vector<double>& mean,
    const std::vector<double>& low, const std::vector<double>& high, const std::vector<double>& ci95,
    const QString& valueTitle)
{
    QChart* chart = style::newChart(QString(), title.isEmpty() ? QStringLiteral("Tournament ranking") : title);
    const std::size_t count
        = std::min({ static_cast<std::size_t>(names.size()), mean.size(), low.size(), high.size(), ci95.size() });

    auto* series = new QBoxPlotSeries;
    series->setName(QStringLiteral("Mean \u00b1 95% CI (box), min-max (whiskers)"));
    QColor fill = style::agentColor(0);
    fill.setAlpha(90);
    series->setBrush(fill);
    series->setPen(style::linePen(style::agentColor(0).darker(140), 1.5));

    Extent extent;
    QList<QBoxSet*> boxes;
    boxes.reserve(static_cast<qsizetype>(count));
    for (std::size_t i = 0; i < count; ++i) {
        const double halfWidth = std::abs(ci95[i]);
        // Parented to the series: QBoxPlotSeries::append() keeps the sets but does not delete them.
        boxes.append(new QBoxSet(low[i], mean[i] - halfWidth, mean[i], mean[i] + halfWidth, high[i],
            names.at(static_cast<qsizetype>(i)), series));
        extent.add(low[i]);
        extent.add(high[i]);
        extent.add(mean[i] - halfWidth);
        extent.add(mean[i] + halfWidth);
    }
    series->append(boxes);

    auto* xAxis = new QBarCategoryAxis;
    xAxis->append(names.first(static_cast<qsizetype>(count)));
    // Long lists of strategy names collide horizontally; slanted labels stay readable.
    if (count > 8)
        xAxis->setLabelsAngle(-40);
    QValueAxis* yAxis = style::valueAxis(valueTitle, 0.0, 1.0);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    style::addSeries(chart, series, xAxis, yAxis);

    const auto [lo, hi] = extent.isEmpty() ? std::pair(0.0, 1.0) : style::paddedRange(extent.lo(), extent.hi());
    yAxis->setRange(lo, hi);
    yAxis->applyNiceNumbers();
    return chart;
}

QChart* makeLineChart(
    const QString& title, const QString& xTitle, const QString& yTitle, const std::vector<ChartLine>& lines)
{
    QChart* chart = style::newChart(QString(), title);
    Extent xs, ys;
    bool wholeX = true; // rounds, deal numbers: ticks at whole numbers read 25, 50 rather than 25.75
    const auto finite = [&](const QList<QPointF>& given) {
        QList<QPointF> points;
        for (const QPointF& p : given) {
            if (std::isfinite(p.x()) && std::isfinite(p.y())) {
                points.append(p);
                xs.add(p.x());
                ys.add(p.y());
                wholeX = wholeX && p.x() == std::floor(p.x());
            }
        }
        return points;
    };
    std::vector<QList<QPointF>> kept, lower, upper;
    for (const auto& line : lines) {
        kept.push_back(finite(line.points));
        lower.push_back(finite(line.lower));
        upper.push_back(finite(line.upper));
    }
    const auto [xLo, xHi] = xs.isEmpty() ? std::pair(0.0, 1.0) : std::pair(xs.lo(), xs.hi());
    QValueAxis* xAxis = wholeX ? style::integerAxis(xTitle, xLo, xHi > xLo ? xHi : xLo + 1.0)
                               : style::valueAxis(xTitle, xLo, xHi > xLo ? xHi : xLo + 1.0);
    if (!wholeX)
        xAxis->applyNiceNumbers();
    // Shares (every value and band within [0, 1], spanning at least half of it: detection rates, reputations) are
    // drawn on exactly 0 to 1 in fifths, where nice numbers would pad them out to -0.5 and 1.5.
    const bool shares = !ys.isEmpty() && ys.lo() >= 0.0 && ys.hi() <= 1.0 && ys.hi() - ys.lo() >= 0.5;
    const auto [yLo, yHi] = ys.isEmpty() || shares ? std::pair(0.0, 1.0) : style::paddedRange(ys.lo(), ys.hi());
    QValueAxis* yAxis = style::valueAxis(yTitle, yLo, yHi);
    if (shares)
        yAxis->setTickCount(6);
    else
        yAxis->applyNiceNumbers();
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    // Bands first, so that every line is drawn over every band.
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lower[i].isEmpty() && upper[i].isEmpty())
            continue;
        QColor fill = style::agentColor(static_cast<qsizetype>(i));
        fill.setAlpha(50);
        QAreaSeries* band
            = style::bandSeries(lines[i].name + QStringLiteral(" (band)"), upper[i], lower[i], fill, Qt::NoPen);
        style::addSeries(chart, band, xAxis, yAxis);
        style::hideLegendEntry(chart, band);
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const QColor color = style::agentColor(static_cast<qsizetype>(i));
        style::addSeries(chart, style::lineSeries(lines[i].name, kept[i], style::linePen(color, 2.0)), xAxis, yAxis);
    }
    return chart;
}

} // namespace haggle::charts
