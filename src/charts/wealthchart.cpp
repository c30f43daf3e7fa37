// The wealth chart: see wealthchart.h.
#include "wealthchart.h"

namespace haggle::charts {

namespace {

AgentChart::Measure wealthMeasure()
{
    AgentChart::Measure measure;
    measure.name = QStringLiteral("Wealth");
    measure.yTitle = QStringLiteral("Net worth");
    measure.values = &haggle::RoundSummary::netWorth;
    measure.samples = &ChartInput::netWorthSamples;
    return measure;
}

} // namespace

WealthChart::WealthChart()
    : AgentChart(wealthMeasure())
{
}

KindInfo WealthChart::kindInfo()
{
    return { "wealth", "Each agent's net worth over the rounds", {} };
}

} // namespace haggle::charts
