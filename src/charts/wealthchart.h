// The wealth chart as a live object: each agent's net worth over the rounds.
#pragma once

#include "agentchart.h"
#include "catalog.h"

namespace haggle::charts {

// y fitted to the data. See AgentChart for lines and summaries.
class WealthChart : public AgentChart {
public:
    WealthChart();

    // The chart kind "wealth" (see chartcatalog.h).
    static KindInfo kindInfo();
};

} // namespace haggle::charts
