// The market activity chart as a live object: negotiations, deals and success rate per round, with the demand
// phases shaded behind them.
#pragma once

#include "catalog.h"
#include "livechart.h"

QT_BEGIN_NAMESPACE
class QCategoryAxis;
QT_END_NAMESPACE

namespace haggle::charts {

// x: round; negotiations and deals per round (left axis), the success rate per round (thin) and over the last
// `success_window` rounds (deals / negotiations of those rounds, bold; right axis, percent), demand phases
// (ChartInput::phases) shaded behind the data and named once each in the legend. A round's own rate jumps between
// 0 and 100% when few agents negotiate; the rolling one shows a rush hour's drop.
class MarketActivityChart : public LiveChart {
public:
    // At the kind's parameters (success_window), by default its defaults.
    explicit MarketActivityChart(const Parameters& parameters = Parameters(kindInfo(), {}));

    // The chart kind "market-activity" (see chartcatalog.h).
    static KindInfo kindInfo();

protected:
    void draw(const ChartInput& input) override;

private:
    QValueAxis* m_xAxis;
    QValueAxis* m_countAxis;
    QCategoryAxis* m_rateAxis;
    int m_window; // rounds in the rolling success rate
};

} // namespace haggle::charts
