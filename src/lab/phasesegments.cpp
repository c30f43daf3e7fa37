// Phase segments of a scenario (see phasesegments.h).
#include "phasesegments.h"

namespace haggle::lab {

std::vector<PhaseSegment> phaseSegments(const Scenario& scenario)
{
    std::vector<PhaseSegment> segments;
    for (int round = 1; round <= scenario.rounds; ++round) {
        const DemandPhase* phase = scenario.demand.phaseAt(round);
        const std::string name = phase ? phase->name : std::string("normal");
        const bool continues = !segments.empty() && segments.back().lastRound == round - 1
            && segments.back().name == name
            && (phase ? round > phase->firstRound : !scenario.demand.phaseAt(round - 1));
        if (continues)
            segments.back().lastRound = round;
        else
            segments.push_back({ name, round, round });
    }
    return segments;
}

} // namespace haggle::lab
