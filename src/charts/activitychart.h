// The market activity chart as a live object: negotiations, deals and success rate per round, with the demand
// phases shaded behind them.
#pragma once

#include "catalog.h"
#include "livechart.h"

QT_BEGIN_NAMESPACE
class QCategoryAxis;
QT_END_NAMESPACE

namespace haggle::charts {

// x: round; negotiations and deals per round (left axis), the success rate (right axis, percent), demand
// phases (ChartInput::phases) shaded behind the data and named once each in the legend.
class MarketActivityChart : public LiveChart {
public:
    MarketActivityChart();

    // The chart kind "market-activity" (see chartcatalog.h).
    static KindInfo kindInfo();

protected:
    void draw(const ChartInput& input) override;

private:
    QValueAxis* m_xAxis;
    QValueAxis* m_countAxis;
    QCategoryAxis* m_rateAxis;
};

} // namespace haggle::charts
