// The price charts: see pricechart.h.
#include "pricechart.h"

#include "chartfit.h"
#include "chartstyle.h"
#include "extent.h"
#include "thinning.h"

#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace haggle::charts {

namespace {

struct PricePoints {
    QList<QPointF> prices;
    QList<QPointF> rolling;
    qint64 count = 0; // deals in the run
    Extent extent;
};

PricePoints fromDeals(const std::vector<haggle::DealRecord>& deals, qsizetype window, qsizetype maxPoints)
{
    PricePoints out;
    out.count = static_cast<qint64>(deals.size());
    const auto count = static_cast<qsizetype>(deals.size());
    const std::vector<qsizetype> kept = sampledIndices(count, maxPoints);
    out.prices.reserve(static_cast<qsizetype>(kept.size()));
    out.rolling.reserve(static_cast<qsizetype>(kept.size()));
    // The rolling mean needs every deal even where points are thinned; long double keeps the running sum's
    // rounding error negligible over millions of additions and subtractions.
    long double sum = 0.0L;
    std::size_t next = 0;
    for (qsizetype i = 0; i < count; ++i) {
        const double price = deals[static_cast<std::size_t>(i)].unitPrice;
        sum += price;
        if (i >= window)
            sum -= deals[static_cast<std::size_t>(i - window)].unitPrice;
        out.extent.add(price);
        if (next < kept.size() && kept[next] == i) {
            const double x = static_cast<double>(i + 1);
            const auto inWindow = static_cast<long double>(std::min(i + 1, window));
            out.prices.append(QPointF(x, price));
            out.rolling.append(QPointF(x, static_cast<double>(sum / inWindow)));
            ++next;
        }
    }
    return out;
}

PricePoints fromSamples(const std::vector<DealSample>& samples, qsizetype maxPoints)
{
    PricePoints out;
    out.count = samples.empty() ? 0 : samples.back().number;
    const std::vector<qsizetype> kept = sampledIndices(static_cast<qsizetype>(samples.size()), maxPoints);
    out.prices.reserve(static_cast<qsizetype>(kept.size()));
    out.rolling.reserve(static_cast<qsizetype>(kept.size()));
    for (const DealSample& sample : samples)
        out.extent.add(sample.unitPrice);
    for (const qsizetype i : kept) {
        const DealSample& sample = samples[static_cast<std::size_t>(i)];
        const auto x = static_cast<double>(sample.number);
        out.prices.append(QPointF(x, sample.unitPrice));
        out.rolling.append(QPointF(x, sample.rollingMean));
    }
    return out;
}

} // namespace

PriceConvergenceChart::PriceConvergenceChart()
    : LiveChart(QStringLiteral("Price convergence"))
    , m_xAxis(style::integerAxis(QStringLiteral("Deal"), 1.0, 2.0))
    , m_yAxis(style::valueAxis(QStringLiteral("Unit price"), 0.0, 1.0))
{
    chart()->addAxis(m_xAxis, Qt::AlignBottom);
    chart()->addAxis(m_yAxis, Qt::AlignLeft);
}

void PriceConvergenceChart::draw(const ChartInput& input)
{
    const qsizetype window = std::max(1, input.rollingWindow);
    PricePoints data = input.dealSamples ? fromSamples(*input.dealSamples, input.maxPoints)
                                         : fromDeals(input.deals, window, input.maxPoints);
    data.extent.add(input.referencePrice);
    const double lastDeal = std::max<double>(2.0, static_cast<double>(data.count));

    std::vector<SeriesSpec> specs(3);
    QColor pointColor = style::agentColor(0);
    pointColor.setAlpha(110); // overlapping points read as density
    specs[0].type = SeriesType::Scatter;
    specs[0].name = QStringLiteral("Deal unit price");
    specs[0].color = pointColor;
    specs[0].markerSize = 5.0;
    specs[0].points = std::move(data.prices);
    specs[1].name = QStringLiteral("Rolling mean (%1 deals)").arg(window);
    specs[1].pen = style::linePen(QColor(0x0b, 0x3c, 0x5d), 2.2);
    specs[1].points = std::move(data.rolling);
    specs[2].name = QStringLiteral("Reference price (%1)").arg(input.referencePrice, 0, 'f', 2);
    specs[2].pen = style::linePen(QColor(0x33, 0x33, 0x33), 1.5, Qt::DashLine);
    specs[2].points = { QPointF(1.0, input.referencePrice), QPointF(lastDeal, input.referencePrice) };
    for (SeriesSpec& spec : specs)
        spec.yAxis = m_yAxis;
    applySeries(specs, m_xAxis, [&] {
        setXRange(m_xAxis, 1.0, lastDeal);
        auto [lo, hi] = style::paddedRange(data.extent.lo(), data.extent.hi());
        if (data.extent.lo() >= 0.0)
            lo = std::max(lo, 0.0); // prices are never negative: do not invent a negative axis
        m_yAxis->setRange(lo, hi);
        m_yAxis->setTickCount(maxTicks(m_yAxis, style::DefaultTickCount));
        m_yAxis->applyNiceNumbers();
    });
}

KindInfo PriceConvergenceChart::kindInfo()
{
    return { "price-convergence", "Each deal's unit price, their rolling mean and the reference price, over the deals",
        {} };
}

RoundPriceChart::RoundPriceChart()
    : LiveChart(QStringLiteral("Price per round"))
    , m_xAxis(style::integerAxis(QStringLiteral("Round"), 0.5, 1.5))
    , m_yAxis(style::valueAxis(QStringLiteral("Unit price"), 0.0, 1.0))
{
    chart()->addAxis(m_xAxis, Qt::AlignBottom);
    chart()->addAxis(m_yAxis, Qt::AlignLeft);
}

void RoundPriceChart::draw(const ChartInput& input)
{
    std::vector<RoundPrice> computed;
    if (!input.roundPrices)
        computed = roundPricesOf(input.deals);
    const std::vector<RoundPrice>& prices = input.roundPrices ? *input.roundPrices : computed;

    std::vector<SeriesSpec> specs;
    appendPhaseBands(specs, input.phases);
    SeriesSpec range;
    SeriesSpec mean;
    Extent extent;
    extent.add(input.referencePrice);
    const std::vector<qsizetype> kept = sampledIndices(static_cast<qsizetype>(prices.size()), input.maxPoints);
    range.points.reserve(static_cast<qsizetype>(kept.size()));
    range.lower.reserve(static_cast<qsizetype>(kept.size()));
    mean.points.reserve(static_cast<qsizetype>(kept.size()));
    for (const qsizetype i : kept) {
        const RoundPrice& price = prices[static_cast<std::size_t>(i)];
        range.points.append(QPointF(price.round, price.high));
        range.lower.append(QPointF(price.round, price.low));
        mean.points.append(QPointF(price.round, price.mean));
        extent.add(price.low);
        extent.add(price.high);
    }
    QColor fill = style::agentColor(0);
    fill.setAlpha(60);
    range.type = SeriesType::Band;
    range.name = QStringLiteral("Lowest to highest deal");
    range.brush = fill;
    range.pen = QPen(Qt::NoPen);
    range.yAxis = m_yAxis;
    mean.name = QStringLiteral("Mean unit price");
    mean.pen = style::linePen(QColor(0x0b, 0x3c, 0x5d), 2.2);
    mean.yAxis = m_yAxis;
    const auto [firstX, lastX] = roundSpan(input);
    SeriesSpec reference;
    reference.name = QStringLiteral("Reference price (%1)").arg(input.referencePrice, 0, 'f', 2);
    reference.pen = style::linePen(QColor(0x33, 0x33, 0x33), 1.5, Qt::DashLine);
    reference.points = { QPointF(firstX, input.referencePrice), QPointF(lastX, input.referencePrice) };
    reference.yAxis = m_yAxis;
    specs.push_back(std::move(range));
    specs.push_back(std::move(mean));
    specs.push_back(std::move(reference));
    applySeries(specs, m_xAxis, [&] {
        setXRange(m_xAxis, firstX, lastX);
        auto [lo, hi] = style::paddedRange(extent.lo(), extent.hi());
        if (extent.lo() >= 0.0)
            lo = std::max(lo, 0.0);
        m_yAxis->setRange(lo, hi);
        m_yAxis->setTickCount(maxTicks(m_yAxis, style::DefaultTickCount));
        m_yAxis->applyNiceNumbers();
    });
}

KindInfo RoundPriceChart::kindInfo()
{
    return { "price-per-round",
        "Each round's mean unit price and the range of its deals' prices over the rounds, demand phases shaded", {} };
}

} // namespace haggle::charts
