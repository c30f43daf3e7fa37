// What the charts are drawn from: the per-round summaries and deals of one run, plus how to label and shade
// them. Plain values, filled by the lab (desktop) or the command-line tool, so both draw the same charts.
#pragma once

#include "events.h"
#include "thinning.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace haggle::charts {

// A demand phase to shade, e.g. "rush hour" over rounds 11-20. Rounds are inclusive and count from 1.
struct PhaseBand {
    QString name;
    int firstRound = 1;
    int lastRound = 1;
};

struct ChartInput {
    QString title; // optional prefix for chart titles, e.g. the scenario name
    QStringList agentIds; // index i = agent index in the summaries
    QStringList agentStrategies; // e.g. "fair", "adaptive" (same length as agentIds)
    std::vector<bool> highlighted; // e.g. cheaters: drawn prominently (same length or empty)
    std::vector<haggle::RoundSummary> rounds; // one per round, in order (RoundSummary::round from 1)
    std::vector<haggle::DealRecord> deals; // every deal in order
    std::vector<PhaseBand> phases; // demand phases to shade (e.g. "rush hour" rounds 11-20)
    double referencePrice = 1.0; // unit price drawn as the reference line
    std::optional<double> trustThreshold; // drawn on the reputation chart when set
    int rollingWindow = 10; // deals in the rolling mean of the price chart
    qsizetype maxPoints = DefaultMaxPoints; // longer series are thinned to at most this many points
};

// The phases of a run as bands: each maximal run of consecutive rounds with the same non-empty
// RoundSummary::phase. For callers that have summaries but not the scenario that defined the phases.
std::vector<PhaseBand> phaseBandsFromRounds(const std::vector<haggle::RoundSummary>& rounds);

} // namespace haggle::charts
