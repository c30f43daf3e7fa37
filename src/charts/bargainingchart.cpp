// The bargaining chart: see bargainingchart.h.
#include "bargainingchart.h"

#include "chartfit.h"
#include "chartstyle.h"
#include "extent.h"
#include "thinning.h"

#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <optional>

namespace haggle::charts {

BargainingChart::BargainingChart()
    : LiveChart(QStringLiteral("Bargaining"))
    , m_xAxis(style::integerAxis(QStringLiteral("Round"), 0.5, 1.5))
    , m_utilityAxis(style::valueAxis(QStringLiteral("Utility"), 0.0, 1.0))
    , m_priceAxis(style::valueAxis(QStringLiteral("Over SPE price"), 0.0, 1.0))
{
    chart()->addAxis(m_xAxis, Qt::AlignBottom);
    chart()->addAxis(m_utilityAxis, Qt::AlignLeft);
    chart()->addAxis(m_priceAxis, Qt::AlignRight);
}

void BargainingChart::draw(const ChartInput& input)
{
    const std::vector<haggle::RoundSummary>& rounds = input.rounds;
    std::vector<SeriesSpec> specs;
    appendPhaseBands(specs, input.phases);
    SeriesSpec buyer, seller, nash, price;
    Extent utility, above;
    utility.add(0.0);
    utility.add(1.0);
    above.add(0.0);
    const auto add = [](SeriesSpec& spec, Extent& extent, int round, const std::optional<double>& value) {
        if (!value)
            return;
        spec.points.append(QPointF(round, *value));
        extent.add(*value);
    };
    for (const qsizetype r : sampledIndices(static_cast<qsizetype>(rounds.size()), input.maxPoints)) {
        const haggle::RoundSummary& s = rounds[static_cast<std::size_t>(r)];
        add(buyer, utility, s.round, s.bargaining.meanBuyerUtility);
        add(seller, utility, s.round, s.bargaining.meanSellerUtility);
        add(nash, utility, s.round, s.bargaining.meanNashDistance);
        add(price, above, s.round, s.bargaining.meanPriceOverRubinstein);
    }
    buyer.name = QStringLiteral("Buyers' utility");
    buyer.pen = style::linePen(style::agentColor(0), 2.0);
    buyer.yAxis = m_utilityAxis;
    seller.name = QStringLiteral("Sellers' utility");
    seller.pen = style::linePen(style::agentColor(1), 2.0);
    seller.yAxis = m_utilityAxis;
    nash.name = QStringLiteral("Distance to the Nash solution");
    nash.pen = style::linePen(QColor(0x33, 0x33, 0x33), 1.5, Qt::DashLine);
    nash.yAxis = m_utilityAxis;
    price.name = QStringLiteral("Price above the SPE price");
    price.pen = style::linePen(style::highlightColor().darker(110), 2.5);
    price.yAxis = m_priceAxis;
    specs.push_back(std::move(buyer));
    specs.push_back(std::move(seller));
    specs.push_back(std::move(nash));
    specs.push_back(std::move(price));
    const auto [firstX, lastX] = roundSpan(input);
    applySeries(specs, m_xAxis, [&] {
        setXRange(m_xAxis, firstX, lastX);
        for (auto [axis, extent] : { std::pair { m_utilityAxis, utility }, std::pair { m_priceAxis, above } }) {
            auto [lo, hi] = style::paddedRange(extent.lo(), extent.hi());
            axis->setRange(extent.lo() >= 0.0 ? std::max(lo, 0.0) : lo, hi);
            axis->setTickCount(maxTicks(axis, style::DefaultTickCount));
            axis->applyNiceNumbers();
        }
    });
}

KindInfo BargainingChart::kindInfo()
{
    return { "bargaining",
        "Each round's negotiations against bargaining theory: utilities of deals, distance to the Nash solution, price "
        "above Rubinstein's SPE price",
        {} };
}

} // namespace haggle::charts
