// The price charts as live objects: per deal (unit prices, their rolling mean, the reference price), and per round
// (the round's mean and range, the demand phases shaded, so a price rise can be tied to a rush).
#pragma once

#include "catalog.h"
#include "livechart.h"

namespace haggle::charts {

// x: deal number (1..n); each deal's unit price as a point, the rolling mean over input.rollingWindow deals
// (over the deals so far for the first window - 1 deals), and a dashed line at input.referencePrice. Draws
// input.dealSamples when set, else input.deals.
class PriceConvergenceChart : public LiveChart {
public:
    PriceConvergenceChart();

    // The chart kind "price-convergence" (see chartcatalog.h).
    static KindInfo kindInfo();

protected:
    void draw(const ChartInput& input) override;

private:
    QValueAxis* m_xAxis;
    QValueAxis* m_yAxis;
};

// x: round; the mean unit price of each round's deals (line), the lowest to highest of them (band), the reference
// price (dashed) and the demand phases shaded. Rounds without deals have no point. Draws input.roundPrices when set,
// else the rounds of input.deals.
class RoundPriceChart : public LiveChart {
public:
    RoundPriceChart();

    // The chart kind "price-per-round" (see chartcatalog.h).
    static KindInfo kindInfo();

protected:
    void draw(const ChartInput& input) override;

private:
    QValueAxis* m_xAxis;
    QValueAxis* m_yAxis;
};

} // namespace haggle::charts
