// Allocative efficiency: the surplus a round's market made against the most it could have made.
//
// A buyer's surplus from compute it runs a job on is the job's value, job_value x reference value x (1 + urgency); the
// seller's running cost, unit_cost x reference value, is subtracted (prices are transfers and cancel out). The round's
// realised surplus is that over the compute delivered (RoundSummary::surplus). Its maximum is the surplus of the best
// allocation of the round's capacity to its needs, taken in units of reference value: needs by value per unit,
// highest first, served from capacity by cost per unit, lowest first, while value exceeds cost. That is exact when
// every need and every capacity is of one kind of resource in whole units of one size (the double-auction markets of
// Gode and Sunder, the mechanisms experiment) and no agent both buys and sells, and an upper bound otherwise (a need's
// bundle counted divisible, a kind of resource stood in for by another of the same reference value, an agent's need
// served from its own capacity, which no mechanism does).
#pragma once

#include "message.h"

#include <span>
#include <vector>

namespace haggle {

class MarketState;

// An amount of compute (in units of reference value) at a value or cost per unit.
struct SurplusUnits {
    double unitPrice = 0.0; // a buyer's value per unit, a seller's cost per unit
    double quantity = 0.0;
};

// The maximum surplus of serving the demand from the supply, as above.
double maximumSurplus(std::vector<SurplusUnits> demand, std::vector<SurplusUnits> supply);

// The round's: its buyers' needs against the capacity available now (before the mechanism clears).
double maximumSurplus(const MarketState& state, std::span<const AgentIndex> buyers);

} // namespace haggle
