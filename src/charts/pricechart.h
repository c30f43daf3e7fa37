// The price convergence chart as a live object: deals' unit prices, their rolling mean and the reference price.
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

} // namespace haggle::charts
