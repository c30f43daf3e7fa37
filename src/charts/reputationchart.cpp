// The reputation chart: see reputationchart.h.
#include "reputationchart.h"

namespace haggle::charts {

namespace {

AgentChart::Measure reputationMeasure()
{
    AgentChart::Measure measure;
    measure.name = QStringLiteral("Reputation");
    measure.yTitle = QStringLiteral("Mean reputation"); // in the others' eyes (the chart's description)
    measure.values = &haggle::RoundSummary::meanReputation;
    measure.samples = &ChartInput::reputationSamples;
    measure.unitRange = true;
    measure.drawsThreshold = true;
    return measure;
}

} // namespace

ReputationChart::ReputationChart()
    : AgentChart(reputationMeasure())
{
}

KindInfo ReputationChart::kindInfo()
{
    return { "reputation",
        "Each agent's mean reputation in the others' eyes over the rounds, cheaters in red, the trust threshold", {} };
}

} // namespace haggle::charts
