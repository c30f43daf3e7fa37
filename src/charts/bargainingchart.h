// The bargaining chart as a live object: each round's negotiations scored against bargaining theory
// (RoundSummary::bargaining, bargaining.h): the buyers' and sellers' mean utility over deals and the mean distance to
// the Nash solution (left axis, utility), and the mean price above Rubinstein's SPE price (right axis, unit price).
#pragma once

#include "catalog.h"
#include "livechart.h"

namespace haggle::charts {

// x: round; rounds without a scored negotiation leave a gap in the lines that need one (a deal for the utilities and
// the price). Demand phases are shaded behind the data.
class BargainingChart : public LiveChart {
public:
    BargainingChart();

    // The chart kind "bargaining" (see chartcatalog.h).
    static KindInfo kindInfo();

protected:
    void draw(const ChartInput& input) override;

private:
    QValueAxis* m_xAxis;
    QValueAxis* m_utilityAxis;
    QValueAxis* m_priceAxis;
};

} // namespace haggle::charts
