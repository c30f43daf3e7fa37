// The order book chart: the depth of a double auction's book (orderbook.h) as the latest round left it, the orders
// no shout met: x the unit price, y the quantity (resource units) bid at that price or above (bids, from the best bid
// down) and asked at that price or below (asks, from the best ask up). The gap between the two curves is the spread.
// A run whose mechanism keeps no book draws nothing and says so in its title.
#pragma once

#include "catalog.h"
#include "livechart.h"

#include <span>

namespace haggle::charts {

class OrderBookChart : public LiveChart {
public:
    OrderBookChart();

    // The chart kind "order-book" (see chartcatalog.h).
    static KindInfo kindInfo();

    // A side's depth as the chart draws it: steps from the best price outwards, each order adding its quantity.
    static QList<QPointF> depthSteps(std::span<const OrderBook::Order> orders);
    bool drawsSomething(const ChartInput& input) const override { return input.book.has_value(); }

protected:
    void draw(const ChartInput& input) override;

private:
    QValueAxis* m_priceAxis;
    QValueAxis* m_quantityAxis;
};

} // namespace haggle::charts
