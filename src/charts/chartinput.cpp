// Helpers for building a ChartInput: see chartinput.h.
#include "chartinput.h"

#include <algorithm>

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

std::pair<double, double> roundSpan(const ChartInput& input)
{
    double first = 1.0;
    double last = 1.0;
    if (!input.rounds.empty()) {
        first = input.rounds.front().round;
        last = std::max(first, static_cast<double>(input.rounds.back().round));
    }
    return { first - 0.5, last + 0.5 };
}

} // namespace haggle::charts
