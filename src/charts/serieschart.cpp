// An experiment's series as a chart: see serieschart.h.
#include "serieschart.h"

#include "chartbuilder.h"
#include "runchartdata.h"

#include <QStringList>
#include <QtCharts/QChart>

namespace haggle::charts {

namespace {

QList<QPointF> pointsOf(const std::vector<double>& x, const std::vector<double>& y)
{
    QList<QPointF> points;
    for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
        points.append({ x[i], y[i] });
    return points;
}

QStringList categoriesOf(const lab::ResultSeries& series)
{
    QStringList names;
    for (const auto& c : series.categories)
        names.append(QString::fromStdString(c));
    return names;
}

} // namespace

QChart* makeSeriesChart(const lab::ResultSeries& series)
{
    const QString title = QString::fromStdString(series.title);
    const QString xTitle = QString::fromStdString(series.xTitle);
    const QString yTitle = QString::fromStdString(series.yTitle);
    switch (series.chart) {
    case lab::ChartKind::Ranking: {
        const auto values = [&series](const char* line) {
            const lab::SeriesLine* l = series.line(line);
            return l ? l->y : std::vector<double>();
        };
        return makeRankingChart(
            title, categoriesOf(series), values("mean"), values("low"), values("high"), values("ci95"), yTitle);
    }
    case lab::ChartKind::Heatmap: {
        std::vector<HeatmapRow> rows;
        for (const auto& l : series.lines)
            rows.push_back({ QString::fromStdString(l.name), l.y });
        return makeHeatmapChart(title, xTitle, yTitle, categoriesOf(series), rows);
    }
    case lab::ChartKind::Line:
    case lab::ChartKind::Band:
        break;
    }
    const bool banded = series.chart == lab::ChartKind::Band;
    std::vector<ChartLine> lines;
    for (const auto& l : series.lines) {
        ChartLine line { QString::fromStdString(l.name), pointsOf(l.x, l.y) };
        if (banded) {
            line.lower = pointsOf(l.x, l.low);
            line.upper = pointsOf(l.x, l.high);
        }
        lines.push_back(std::move(line));
    }
    return makeLineChart(title, xTitle, yTitle, lines);
}

ChartInput runChartInput(const lab::RunResult& run, const QString& title, std::optional<double> trustThreshold)
{
    // The charts' input as the desktop lab builds it from the same scenario, keeping every round and deal.
    RunChartData data(RunChartData::Retention::Everything);
    ChartInput staticPart = RunChartData::staticPartFor(run.scenario);
    staticPart.title = title;
    if (trustThreshold)
        staticPart.trustThreshold = trustThreshold;
    data.reset(staticPart);
    data.append(run.rounds, run.deals);
    if (run.detection)
        data.setDetection(*run.detection);
    data.setBook(run.book, run.rounds.empty() ? 0 : run.rounds.back().round);
    return data.input();
}

} // namespace haggle::charts
