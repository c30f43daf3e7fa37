// Phase segments of a scenario (see phasesegments.h).
#include "phasesegments.h"

#include <algorithm>
#include <string_view>

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

double PhaseTotals::successRate() const
{
    return negotiations > 0 ? static_cast<double>(deals) / static_cast<double>(negotiations) : 0.0;
}

std::optional<double> PhaseTotals::meanUnitPrice() const
{
    if (deals == 0)
        return std::nullopt;
    return priceSum / static_cast<double>(deals);
}

double PhaseTotals::needsMetShare() const
{
    return needs > 0 ? static_cast<double>(needsMet) / static_cast<double>(needs) : 0.0;
}

void tallyPhases(std::vector<PhaseTotals>& totals, const std::vector<RoundSummary>& rounds)
{
    for (const RoundSummary& round : rounds) {
        const std::string_view name = round.phase.empty() ? std::string_view("normal") : std::string_view(round.phase);
        auto it = std::find_if(totals.begin(), totals.end(), [&](const PhaseTotals& t) { return t.name == name; });
        if (it == totals.end())
            it = totals.insert(totals.end(), PhaseTotals { std::string(name) });
        ++it->rounds;
        it->negotiations += round.negotiations;
        it->deals += round.deals;
        it->needs += round.needs;
        it->needsMet += round.needsMet;
        if (round.meanUnitPrice)
            it->priceSum += *round.meanUnitPrice * round.deals;
    }
}

} // namespace haggle::lab
