// A scenario's rounds split into maximal runs of the same demand phase, for the rush-hour table and for shading
// phases on charts, and a run's totals by phase, for the summaries that set a rush against normal rounds. Rounds
// outside every phase are called "normal".
#pragma once

#include "events.h"
#include "scenario.h"

#include <optional>

#include <string>
#include <vector>

namespace haggle::lab {

struct PhaseSegment {
    std::string name; // a demand phase's name, or "normal" between phases
    int firstRound = 0;
    int lastRound = 0;
};

std::vector<PhaseSegment> phaseSegments(const Scenario& scenario);

// One phase's share of a run, over every round of it however often the phase recurs.
struct PhaseTotals {
    std::string name; // the phase's name, or "normal"
    int rounds = 0;
    long long negotiations = 0;
    long long deals = 0;
    long long needs = 0; // agents that needed compute, summed over the phase's rounds
    long long needsMet = 0; // of those, how many got it delivered
    double priceSum = 0.0; // each round's mean unit price times its deals, summed: the deals' unit prices

    // deals / negotiations over the phase's rounds (0 without negotiations).
    double successRate() const;
    // needsMet / needs (0 without needs): the success that counts where every trade is agreed (the auctions).
    double needsMetShare() const;
    // The mean unit price of the phase's deals; none without deals.
    std::optional<double> meanUnitPrice() const;
};

// Adds rounds to totals, one entry per phase name in the order the phases first occur.
void tallyPhases(std::vector<PhaseTotals>& totals, const std::vector<RoundSummary>& rounds);

} // namespace haggle::lab
