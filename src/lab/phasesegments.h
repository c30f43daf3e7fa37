// A scenario's rounds split into maximal runs of the same demand phase, for the rush-hour table and for shading
// phases on charts. Rounds outside every phase are called "normal".
#pragma once

#include "scenario.h"

#include <string>
#include <vector>

namespace haggle::lab {

struct PhaseSegment {
    std::string name; // a demand phase's name, or "normal" between phases
    int firstRound = 0;
    int lastRound = 0;
};

std::vector<PhaseSegment> phaseSegments(const Scenario& scenario);

} // namespace haggle::lab
