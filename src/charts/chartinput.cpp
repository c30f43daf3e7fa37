// Helpers for building a ChartInput: see chartinput.h.
#include "chartinput.h"

namespace haggle::charts {

std::vector<PhaseBand> phaseBandsFromRounds(const std::vector<haggle::RoundSummary>& rounds)
{
    std::vector<PhaseBand> bands;
    const haggle::RoundSummary* previous = nullptr;
    for (const haggle::RoundSummary& summary : rounds) {
        if (!summary.phase.empty()) {
            // A gap in round numbers ends a band too, so a band never claims rounds that were not summarised.
            const bool continues = previous && previous->phase == summary.phase && !bands.empty()
                && bands.back().lastRound + 1 == summary.round;
            if (continues)
                bands.back().lastRound = summary.round;
            else
                bands.push_back({ QString::fromStdString(summary.phase), summary.round, summary.round });
        }
        previous = &summary;
    }
    return bands;
}

} // namespace haggle::charts
