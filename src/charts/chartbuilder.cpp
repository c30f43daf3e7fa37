// The charts of a run and of a tournament: see chartbuilder.h. Only what to draw is decided here; the look
// comes from chartstyle.h and the thinning rule from thinning.h.
#include "chartbuilder.h"

#include "chartstyle.h"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBoxPlotSeries>
#include <QtCharts/QBoxSet>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace haggle::charts {

namespace {

using PerAgentValues = std::vector<double> haggle::RoundSummary::*;

// Beyond this many highlighted agents, the legend names them once instead of one entry each.
constexpr qsizetype MaxHighlightedLegendEntries = 8;

// The smallest and largest finite value seen, for axis ranges.
class Extent {
public:
    void add(double value)
    {
        if (!std::isfinite(value))
            return;
        m_lo = std::min(m_lo, value);
        m_hi = std::max(m_hi, value);
    }
    bool isEmpty() const { return m_lo > m_hi; }
    double lo() const { return m_lo; }
    double hi() const { return m_hi; }

private:
    double m_lo = std::numeric_limits<double>::infinity();
    double m_hi = -std::numeric_limits<double>::infinity();
};

struct AgentChartSpec {
    QString name;
    QString yTitle;
    PerAgentValues values = nullptr;
    bool unitRange = false; // reputation lives in [0, 1]; wealth gets a range fitted to the data
    std::optional<double> threshold;
};

// Rounds span [first - 0.5, last + 0.5] on every round chart, so a phase band covering the first or last
// round is drawn whole and charts of the same run line up when stacked in a report.
QValueAxis* roundAxis(const ChartInput& input)
{
    double first = 1.0;
    double last = 1.0;
    if (!input.rounds.empty()) {
        first = input.rounds.front().round;
        last = std::max(first, static_cast<double>(input.rounds.back().round));
    }
    return style::integerAxis(QStringLiteral("Round"), first - 0.5, last + 0.5);
}

qsizetype agentCount(const ChartInput& input, PerAgentValues values)
{
    if (!input.agentIds.isEmpty())
        return input.agentIds.size();
    return input.rounds.empty() ? 0 : static_cast<qsizetype>((input.rounds.front().*values).size());
}

QString agentLabel(const ChartInput& input, qsizetype agent)
{
    const QString id = agent < input.agentIds.size() ? input.agentIds.at(agent) : QStringLiteral("agent %1").arg(agent);
    if (agent >= input.agentStrategies.size() || input.agentStrategies.at(agent).isEmpty())
        return id;
    return id % QStringLiteral(" (") % input.agentStrategies.at(agent) % QLatin1Char(')');
}

bool isHighlighted(const ChartInput& input, qsizetype agent)
{
    return static_cast<std::size_t>(agent) < input.highlighted.size()
        && input.highlighted[static_cast<std::size_t>(agent)];
}

// One agent's values at the kept rounds; a round whose summary lacks the agent is skipped rather than
// drawn as zero.
QList<QPointF> agentPoints(
    const ChartInput& input, const std::vector<qsizetype>& kept, PerAgentValues values, qsizetype agent, Extent& extent)
{
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(kept.size()));
    for (const qsizetype r : kept) {
        const haggle::RoundSummary& summary = input.rounds[static_cast<std::size_t>(r)];
        const std::vector<double>& row = summary.*values;
        if (static_cast<std::size_t>(agent) >= row.size())
            continue;
        const double value = row[static_cast<std::size_t>(agent)];
        extent.add(value);
        points.append(QPointF(summary.round, value));
    }
    return points;
}

// The many-agents view: mean over agents and the min-max band, one point per kept round.
void addAgentSummary(QChart* chart, const ChartInput& input, const AgentChartSpec& spec,
    const std::vector<qsizetype>& kept, qsizetype agents, QValueAxis* xAxis, QValueAxis* yAxis, Extent& extent)
{
    QList<QPointF> mean;
    QList<QPointF> low;
    QList<QPointF> high;
    mean.reserve(static_cast<qsizetype>(kept.size()));
    low.reserve(static_cast<qsizetype>(kept.size()));
    high.reserve(static_cast<qsizetype>(kept.size()));
    for (const qsizetype r : kept) {
        const haggle::RoundSummary& summary = input.rounds[static_cast<std::size_t>(r)];
        const std::vector<double>& row = summary.*spec.values;
        const std::size_t n = std::min(row.size(), static_cast<std::size_t>(agents));
        if (n == 0)
            continue;
        double sum = 0.0;
        double lo = row[0];
        double hi = row[0];
        for (std::size_t a = 0; a < n; ++a) {
            sum += row[a];
            lo = std::min(lo, row[a]);
            hi = std::max(hi, row[a]);
        }
        const double x = summary.round;
        mean.append(QPointF(x, sum / static_cast<double>(n)));
        low.append(QPointF(x, lo));
        high.append(QPointF(x, hi));
        extent.add(lo);
        extent.add(hi);
    }
    const QColor base = style::agentColor(0);
    QColor fill = base;
    fill.setAlpha(50);
    style::addSeries(
        chart, style::bandSeries(QStringLiteral("Min-max"), high, low, fill, QPen(Qt::NoPen)), xAxis, yAxis);
    style::addSeries(chart,
        style::lineSeries(QStringLiteral("Mean (%1 agents)").arg(agents), mean, style::linePen(base.darker(130), 2.0)),
        xAxis, yAxis);
}

// Reputation and wealth: one line per agent, or the summary above MaxAgentLines agents; highlighted agents
// always get their own thick red line, added last so they are drawn on top.
QChart* makeAgentChart(const ChartInput& input, const AgentChartSpec& spec)
{
    QChart* chart = style::newChart(input.title, spec.name);
    QValueAxis* xAxis = roundAxis(input);
    QValueAxis* yAxis = style::valueAxis(spec.yTitle, 0.0, 1.0);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);

    const std::vector<qsizetype> kept = sampledIndices(static_cast<qsizetype>(input.rounds.size()), input.maxPoints);
    const qsizetype agents = agentCount(input, spec.values);
    const bool summarise = agents > MaxAgentLines;
    Extent extent;

    if (summarise) {
        addAgentSummary(chart, input, spec, kept, agents, xAxis, yAxis, extent);
    } else {
        for (qsizetype a = 0; a < agents; ++a) {
            if (isHighlighted(input, a))
                continue;
            const QList<QPointF> points = agentPoints(input, kept, spec.values, a, extent);
            style::addSeries(chart,
                style::lineSeries(agentLabel(input, a), points, style::linePen(style::agentColor(a), 1.2)), xAxis,
                yAxis);
        }
    }

    qsizetype highlightedCount = 0;
    for (qsizetype a = 0; a < agents; ++a)
        highlightedCount += isHighlighted(input, a) ? 1 : 0;
    const bool collapseLegend = summarise && highlightedCount > MaxHighlightedLegendEntries;
    bool firstHighlighted = true;
    for (qsizetype a = 0; a < agents; ++a) {
        if (!isHighlighted(input, a))
            continue;
        const QList<QPointF> points = agentPoints(input, kept, spec.values, a, extent);
        const QString name
            = collapseLegend ? QStringLiteral("%1 highlighted agents").arg(highlightedCount) : agentLabel(input, a);
        QLineSeries* series = style::lineSeries(name, points, style::linePen(style::highlightColor(), 3.0));
        style::addSeries(chart, series, xAxis, yAxis);
        if (collapseLegend && !firstHighlighted)
            style::hideLegendEntry(chart, series);
        firstHighlighted = false;
    }

    if (spec.threshold) {
        const double y = *spec.threshold;
        extent.add(y);
        const QList<QPointF> points = { QPointF(xAxis->min(), y), QPointF(xAxis->max(), y) };
        style::addSeries(chart,
            style::lineSeries(QStringLiteral("Trust threshold (%1)").arg(y, 0, 'f', 2), points,
                style::linePen(QColor(0x33, 0x33, 0x33), 1.5, Qt::DashLine)),
            xAxis, yAxis);
    }

    // Ranges last: attaching a series may refit an axis to it.
    if (spec.unitRange) {
        yAxis->setRange(0.0, 1.0);
        yAxis->setTickCount(6);
        yAxis->setLabelFormat(QStringLiteral("%.1f"));
    } else {
        const auto [lo, hi] = extent.isEmpty() ? std::pair(0.0, 1.0) : style::paddedRange(extent.lo(), extent.hi());
        yAxis->setRange(lo, hi);
        yAxis->applyNiceNumbers();
    }
    return chart;
}

// The success-rate axis keeps the data in [0, 1] (RoundSummary::successRate as is) but labels it in percent.
QCategoryAxis* percentAxis(const QString& title)
{
    auto* axis = new QCategoryAxis;
    axis->setTitleText(title);
    axis->setRange(0.0, 1.0);
    axis->setStartValue(0.0);
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (int percent = 0; percent <= 100; percent += 25)
        axis->append(QString::number(percent) % QLatin1Char('%'), percent / 100.0);
    // The count axis already draws the grid; a second set of lines at other heights would only add noise.
    axis->setGridLineVisible(false);
    return axis;
}

} // namespace

QChart* makePriceConvergenceChart(const ChartInput& input)
{
    QChart* chart = style::newChart(input.title, QStringLiteral("Price convergence"));
    const std::vector<haggle::DealRecord>& deals = input.deals;
    const auto count = static_cast<qsizetype>(deals.size());
    const qsizetype window = std::max(1, input.rollingWindow);

    const std::vector<qsizetype> kept = sampledIndices(count, input.maxPoints);
    QList<QPointF> prices;
    QList<QPointF> rolling;
    prices.reserve(static_cast<qsizetype>(kept.size()));
    rolling.reserve(static_cast<qsizetype>(kept.size()));
    Extent extent;
    extent.add(input.referencePrice);
    // The rolling mean needs every deal even where points are thinned; long double keeps the running sum's
    // rounding error negligible over millions of additions and subtractions.
    long double sum = 0.0L;
    std::size_t next = 0;
    for (qsizetype i = 0; i < count; ++i) {
        const double price = deals[static_cast<std::size_t>(i)].unitPrice;
        sum += price;
        if (i >= window)
            sum -= deals[static_cast<std::size_t>(i - window)].unitPrice;
        extent.add(price);
        if (next < kept.size() && kept[next] == i) {
            const double x = static_cast<double>(i + 1);
            const auto inWindow = static_cast<long double>(std::min(i + 1, window));
            prices.append(QPointF(x, price));
            rolling.append(QPointF(x, static_cast<double>(sum / inWindow)));
            ++next;
        }
    }

    const double lastDeal = std::max<double>(2.0, static_cast<double>(count));
    QValueAxis* xAxis = style::integerAxis(QStringLiteral("Deal"), 1.0, lastDeal);
    QValueAxis* yAxis = style::valueAxis(QStringLiteral("Unit price"), 0.0, 1.0);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);

    QColor pointColor = style::agentColor(0);
    pointColor.setAlpha(110); // overlapping points read as density
    style::addSeries(
        chart, style::scatterSeries(QStringLiteral("Deal unit price"), prices, pointColor, 5.0), xAxis, yAxis);
    style::addSeries(chart,
        style::lineSeries(QStringLiteral("Rolling mean (%1 deals)").arg(window), rolling,
            style::linePen(QColor(0x0b, 0x3c, 0x5d), 2.2)),
        xAxis, yAxis);
    const QList<QPointF> reference = { QPointF(1.0, input.referencePrice), QPointF(lastDeal, input.referencePrice) };
    style::addSeries(chart,
        style::lineSeries(QStringLiteral("Reference price (%1)").arg(input.referencePrice, 0, 'f', 2), reference,
            style::linePen(QColor(0x33, 0x33, 0x33), 1.5, Qt::DashLine)),
        xAxis, yAxis);

    auto [lo, hi] = style::paddedRange(extent.lo(), extent.hi());
    if (extent.lo() >= 0.0)
        lo = std::max(lo, 0.0); // prices are never negative: do not invent a negative axis
    yAxis->setRange(lo, hi);
    yAxis->applyNiceNumbers();
    return chart;
}

QChart* makeReputationChart(const ChartInput& input)
{
    AgentChartSpec spec;
    spec.name = QStringLiteral("Reputation");
    spec.yTitle = QStringLiteral("Mean reputation in others' eyes");
    spec.values = &haggle::RoundSummary::meanReputation;
    spec.unitRange = true;
    spec.threshold = input.trustThreshold;
    return makeAgentChart(input, spec);
}

QChart* makeWealthChart(const ChartInput& input)
{
    AgentChartSpec spec;
    spec.name = QStringLiteral("Wealth");
    spec.yTitle = QStringLiteral("Net worth");
    spec.values = &haggle::RoundSummary::netWorth;
    return makeAgentChart(input, spec);
}

QChart* makeMarketActivityChart(const ChartInput& input)
{
    QChart* chart = style::newChart(input.title, QStringLiteral("Market activity"));
    const std::vector<haggle::RoundSummary>& rounds = input.rounds;

    int maxCount = 0;
    for (const haggle::RoundSummary& summary : rounds)
        maxCount = std::max({ maxCount, summary.negotiations, summary.deals });
    const double top = std::max(1.0, std::ceil(maxCount * 1.08));

    QValueAxis* xAxis = roundAxis(input);
    QValueAxis* countAxis = style::integerAxis(QStringLiteral("Per round"), 0.0, top);
    QCategoryAxis* rateAxis = percentAxis(QStringLiteral("Success rate"));
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(countAxis, Qt::AlignLeft);
    chart->addAxis(rateAxis, Qt::AlignRight);

    // Bands first: series added earlier are drawn underneath, so the data stays on top of the shading.
    QStringList seenPhases;
    for (const PhaseBand& phase : input.phases) {
        if (phase.lastRound < phase.firstRound)
            continue;
        const double left = phase.firstRound - 0.5;
        const double right = phase.lastRound + 0.5;
        qsizetype colorIndex = seenPhases.indexOf(phase.name);
        const bool repeated = colorIndex >= 0;
        if (!repeated) {
            colorIndex = seenPhases.size();
            seenPhases.append(phase.name);
        }
        QAreaSeries* band = style::bandSeries(phase.name, { QPointF(left, top), QPointF(right, top) },
            { QPointF(left, 0.0), QPointF(right, 0.0) }, style::phaseColor(colorIndex), QPen(Qt::NoPen));
        style::addSeries(chart, band, xAxis, countAxis);
        // A phase that recurs (a rush hour every day) is named once in the legend.
        if (repeated)
            style::hideLegendEntry(chart, band);
    }

    const std::vector<qsizetype> kept = sampledIndices(static_cast<qsizetype>(rounds.size()), input.maxPoints);
    QList<QPointF> negotiations;
    QList<QPointF> deals;
    QList<QPointF> successRate;
    negotiations.reserve(static_cast<qsizetype>(kept.size()));
    deals.reserve(static_cast<qsizetype>(kept.size()));
    successRate.reserve(static_cast<qsizetype>(kept.size()));
    for (const qsizetype r : kept) {
        const haggle::RoundSummary& summary = rounds[static_cast<std::size_t>(r)];
        negotiations.append(QPointF(summary.round, summary.negotiations));
        deals.append(QPointF(summary.round, summary.deals));
        successRate.append(QPointF(summary.round, summary.successRate));
    }
    style::addSeries(chart,
        style::lineSeries(QStringLiteral("Negotiations"), negotiations, style::linePen(style::agentColor(0), 2.0)),
        xAxis, countAxis);
    style::addSeries(chart,
        style::lineSeries(QStringLiteral("Deals"), deals, style::linePen(style::agentColor(1), 2.0)), xAxis, countAxis);
    style::addSeries(chart,
        style::lineSeries(QStringLiteral("Success rate"), successRate,
            style::linePen(QColor(0x33, 0x33, 0x33), 1.5, Qt::DashDotLine)),
        xAxis, rateAxis);

    countAxis->setRange(0.0, top);
    rateAxis->setRange(0.0, 1.0);
    return chart;
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

} // namespace haggle::charts
