// The reputation chart as a live object: each agent's mean reputation in the others' eyes over the rounds.
#pragma once

#include "agentchart.h"
#include "catalog.h"

namespace haggle::charts {

// y 0..1; a dashed line at ChartInput::trustThreshold when set. See AgentChart for lines and summaries.
class ReputationChart : public AgentChart {
public:
    ReputationChart();

    // The chart kind "reputation" (see chartcatalog.h).
    static KindInfo kindInfo();
};

} // namespace haggle::charts
