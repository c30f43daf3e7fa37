// The market activity chart: see activitychart.h.
#include "activitychart.h"

#include "chartstyle.h"
#include "thinning.h"

#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace haggle::charts {

namespace {

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

MarketActivityChart::MarketActivityChart(const Parameters& parameters)
    : LiveChart(QStringLiteral("Market activity"))
    , m_xAxis(style::integerAxis(QStringLiteral("Round"), 0.5, 1.5))
    , m_countAxis(style::integerAxis(QStringLiteral("Per round"), 0.0, 1.0))
    , m_rateAxis(percentAxis(QStringLiteral("Success rate")))
    , m_window(parameters.integer("success_window"))
{
    chart()->addAxis(m_xAxis, Qt::AlignBottom);
    chart()->addAxis(m_countAxis, Qt::AlignLeft);
    chart()->addAxis(m_rateAxis, Qt::AlignRight);
}

void MarketActivityChart::draw(const ChartInput& input)
{
    const std::vector<haggle::RoundSummary>& rounds = input.rounds;
    int maxCount = 0;
    for (const haggle::RoundSummary& summary : rounds)
        maxCount = std::max({ maxCount, summary.negotiations, summary.deals });
    const double top = std::max(1.0, std::ceil(maxCount * 1.08));

    std::vector<SeriesSpec> specs;
    specs.reserve(input.phases.size() + 3);
    // Bands first: series added earlier are drawn underneath, so the data stays on top of the shading.
    appendPhaseBands(specs, input.phases);

    const std::vector<qsizetype> kept = sampledIndices(static_cast<qsizetype>(rounds.size()), input.maxPoints);
    SeriesSpec negotiations;
    SeriesSpec deals;
    SeriesSpec successRate;
    negotiations.points.reserve(static_cast<qsizetype>(kept.size()));
    deals.points.reserve(static_cast<qsizetype>(kept.size()));
    successRate.points.reserve(static_cast<qsizetype>(kept.size()));
    SeriesSpec rolling;
    rolling.points.reserve(static_cast<qsizetype>(kept.size()));
    // Running sums over the rounds held: the window's deals and negotiations at round r are the differences.
    std::vector<long long> dealSum(rounds.size() + 1, 0), negotiationSum(rounds.size() + 1, 0);
    for (std::size_t r = 0; r < rounds.size(); ++r) {
        dealSum[r + 1] = dealSum[r] + rounds[r].deals;
        negotiationSum[r + 1] = negotiationSum[r] + rounds[r].negotiations;
    }
    for (const qsizetype r : kept) {
        const auto at = static_cast<std::size_t>(r);
        const haggle::RoundSummary& summary = rounds[at];
        negotiations.points.append(QPointF(summary.round, summary.negotiations));
        deals.points.append(QPointF(summary.round, summary.deals));
        successRate.points.append(QPointF(summary.round, summary.successRate));
        const std::size_t from = at + 1 >= std::size_t(m_window) ? at + 1 - std::size_t(m_window) : 0;
        const long long tried = negotiationSum[at + 1] - negotiationSum[from];
        const long long made = dealSum[at + 1] - dealSum[from];
        rolling.points.append(QPointF(summary.round, tried > 0 ? double(made) / double(tried) : 0.0));
    }
    negotiations.name = QStringLiteral("Negotiations");
    negotiations.pen = style::linePen(style::agentColor(0), 2.0);
    negotiations.yAxis = m_countAxis;
    deals.name = QStringLiteral("Deals");
    deals.pen = style::linePen(style::agentColor(1), 2.0);
    deals.yAxis = m_countAxis;
    successRate.name = QStringLiteral("Success rate");
    successRate.pen = style::linePen(QColor(0x33, 0x33, 0x33, 110), 1.0, Qt::DotLine);
    successRate.yAxis = m_rateAxis;
    rolling.name = QStringLiteral("Success rate (%1 rounds)").arg(m_window);
    rolling.pen = style::linePen(style::highlightColor().darker(110), 2.5);
    rolling.yAxis = m_rateAxis;
    specs.push_back(std::move(negotiations));
    specs.push_back(std::move(deals));
    specs.push_back(std::move(successRate));
    specs.push_back(std::move(rolling));
    const auto [firstX, lastX] = roundSpan(input);
    applySeries(specs, m_xAxis, [&] {
        setXRange(m_xAxis, firstX, lastX);
        style::setIntegerRange(m_countAxis, 0.0, top);
        m_rateAxis->setRange(0.0, 1.0);
    });
}

KindInfo MarketActivityChart::kindInfo()
{
    return { "market-activity", "Negotiations, deals and success rate per round and rolling, demand phases shaded",
        { { "success_window", 5, 1, 1000, "Rounds in the rolling success rate (deals / negotiations over them)",
            "rounds", ParameterType::Integer } } };
}

} // namespace haggle::charts
