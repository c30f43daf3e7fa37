// The futures chart: see futureschart.h.
#include "futureschart.h"

#include "chartfit.h"
#include "chartstyle.h"
#include "extent.h"
#include "thinning.h"

#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace haggle::charts {

FuturesChart::FuturesChart()
    : LiveChart(QStringLiteral("Spot and futures"))
    , m_xAxis(style::integerAxis(QStringLiteral("Round"), 0.5, 1.5))
    , m_priceAxis(style::valueAxis(QStringLiteral("Unit price"), 0.0, 1.0))
    , m_interestAxis(style::valueAxis(QStringLiteral("Open interest (units)"), 0.0, 1.0))
{
    chart()->addAxis(m_xAxis, Qt::AlignBottom);
    chart()->addAxis(m_priceAxis, Qt::AlignLeft);
    chart()->addAxis(m_interestAxis, Qt::AlignRight);
}

bool FuturesChart::drawsSomething(const ChartInput& input) const
{
    return std::any_of(input.rounds.begin(), input.rounds.end(),
        [](const RoundSummary& r) { return r.futuresTraded > 0 || r.openInterest > 0.0; });
}

void FuturesChart::draw(const ChartInput& input)
{
    const std::vector<RoundSummary>& rounds = input.rounds;
    std::vector<SeriesSpec> specs;
    appendPhaseBands(specs, input.phases);
    SeriesSpec spot, futures, interest;
    Extent price, units;
    units.add(0.0);
    for (const qsizetype r : sampledIndices(static_cast<qsizetype>(rounds.size()), input.maxPoints)) {
        const RoundSummary& s = rounds[static_cast<std::size_t>(r)];
        if (s.spotUnitPrice) {
            spot.points.append(QPointF(s.round, *s.spotUnitPrice));
            price.add(*s.spotUnitPrice);
        }
        if (s.futuresUnitPrice) {
            futures.points.append(QPointF(s.round, *s.futuresUnitPrice));
            price.add(*s.futuresUnitPrice);
        }
        interest.points.append(QPointF(s.round, s.openInterest));
        units.add(s.openInterest);
    }
    spot.name = QStringLiteral("Spot unit price");
    spot.pen = style::linePen(style::agentColor(0), 2.0);
    spot.yAxis = m_priceAxis;
    futures.name = QStringLiteral("Futures unit price (traded that round)");
    futures.pen = style::linePen(style::agentColor(3), 2.0, Qt::DashLine);
    futures.yAxis = m_priceAxis;
    interest.name = QStringLiteral("Open interest");
    interest.pen = style::linePen(QColor(0x55, 0x55, 0x55, 160), 1.5, Qt::DotLine);
    interest.yAxis = m_interestAxis;
    specs.push_back(std::move(interest));
    specs.push_back(std::move(spot));
    specs.push_back(std::move(futures));
    if (price.isEmpty()) {
        price.add(0.0);
        price.add(2.0);
    }
    const auto [firstX, lastX] = roundSpan(input);
    applySeries(specs, m_xAxis, [&] {
        setXRange(m_xAxis, firstX, lastX);
        const auto [lo, hi] = style::paddedRange(price.lo(), price.hi());
        m_priceAxis->setRange(std::max(lo, 0.0), hi);
        m_priceAxis->setTickCount(maxTicks(m_priceAxis, style::DefaultTickCount));
        m_priceAxis->applyNiceNumbers();
        m_interestAxis->setRange(0.0, std::max(1.0, units.hi() * 1.08));
        m_interestAxis->setTickCount(maxTicks(m_interestAxis, style::DefaultTickCount));
        m_interestAxis->applyNiceNumbers();
    });
    m_xAxis->setTitleText(drawsSomething(input)
            ? QStringLiteral("Round")
            : QStringLiteral("Round (no futures: only the futures mechanism trades them)"));
}

KindInfo FuturesChart::kindInfo()
{
    return { "futures",
        "Spot and futures unit prices per round, and the open interest (units under contract, not yet delivered)", {} };
}

} // namespace haggle::charts
