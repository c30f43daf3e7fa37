// The futures chart: a run under the futures mechanism (futuresmechanism.h), round by round: the mean unit price of
// the spot deals and of the futures traded (left axis), and the open interest, the units under contract and not yet
// delivered (right axis), demand phases shaded. A run without futures draws nothing and says so in its title.
#pragma once

#include "catalog.h"
#include "livechart.h"

namespace haggle::charts {

class FuturesChart : public LiveChart {
public:
    FuturesChart();

    // The chart kind "futures" (see chartcatalog.h).
    static KindInfo kindInfo();
    bool drawsSomething(const ChartInput& input) const override;

protected:
    void draw(const ChartInput& input) override;

private:
    QValueAxis* m_xAxis;
    QValueAxis* m_priceAxis;
    QValueAxis* m_interestAxis;
};

} // namespace haggle::charts
