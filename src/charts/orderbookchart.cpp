// The order book chart: see orderbookchart.h.
#include "orderbookchart.h"

#include "chartfit.h"
#include "chartstyle.h"
#include "extent.h"

#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>

namespace haggle::charts {

OrderBookChart::OrderBookChart()
    : LiveChart(QStringLiteral("Order book"))
    , m_priceAxis(style::valueAxis(QStringLiteral("Unit price"), 0.0, 2.0))
    , m_quantityAxis(style::valueAxis(QStringLiteral("Depth (units)"), 0.0, 1.0))
{
    chart()->addAxis(m_priceAxis, Qt::AlignBottom);
    chart()->addAxis(m_quantityAxis, Qt::AlignLeft);
}

QList<QPointF> OrderBookChart::depthSteps(std::span<const OrderBook::Order> orders)
{
    QList<QPointF> points;
    double depth = 0.0;
    for (const OrderBook::Order& o : orders) {
        points.append(QPointF(o.price, depth));
        depth += o.quantity;
        points.append(QPointF(o.price, depth));
    }
    return points;
}

void OrderBookChart::draw(const ChartInput& input)
{
    std::vector<SeriesSpec> specs;
    Extent price, depth;
    depth.add(0.0);
    if (input.book) {
        SeriesSpec bids, asks;
        bids.name = QStringLiteral("Bids (%1)").arg(input.book->bids().size());
        bids.pen = style::linePen(style::agentColor(1), 2.5);
        bids.yAxis = m_quantityAxis;
        bids.points = depthSteps(input.book->bids());
        asks.name = QStringLiteral("Asks (%1)").arg(input.book->asks().size());
        asks.pen = style::linePen(style::agentColor(2), 2.5);
        asks.yAxis = m_quantityAxis;
        asks.points = depthSteps(input.book->asks());
        for (const auto* side : { &bids.points, &asks.points }) {
            for (const QPointF& p : *side) {
                price.add(p.x());
                depth.add(p.y());
            }
        }
        specs.push_back(std::move(bids));
        specs.push_back(std::move(asks));
    }
    if (price.isEmpty()) {
        price.add(0.0);
        price.add(2.0);
    }
    applySeries(specs, m_priceAxis, [&] {
        const auto [lo, hi] = style::paddedRange(price.lo(), price.hi());
        m_priceAxis->setRange(std::max(lo, 0.0), hi);
        m_priceAxis->setTickCount(maxTicks(m_priceAxis, style::DefaultTickCount));
        m_priceAxis->applyNiceNumbers();
        const auto [dlo, dhi] = style::paddedRange(depth.lo(), depth.hi());
        m_quantityAxis->setRange(std::max(dlo, 0.0), dhi);
        m_quantityAxis->setTickCount(maxTicks(m_quantityAxis, style::DefaultTickCount));
        m_quantityAxis->applyNiceNumbers();
    });
    m_priceAxis->setTitleText(input.book
            ? QStringLiteral("Unit price (the book after round %1)").arg(input.bookRound)
            : QStringLiteral("Unit price (no order book: only the double auction keeps one)"));
}

KindInfo OrderBookChart::kindInfo()
{
    return { "order-book",
        "The depth of the double auction's order book as the latest round left it: bids and asks no shout met", {} };
}

} // namespace haggle::charts
