// What the charts are drawn from: the per-round summaries and deals of one run, plus how to label and shade
// them. Plain values, filled by the lab (desktop) or the command-line tool, so both draw the same charts.
#pragma once

#include "detection.h"
#include "events.h"
#include "orderbook.h"
#include "thinning.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace haggle::charts {

// A deal as the price chart draws it, for callers that keep only some deals of a long run (see
// ChartInput::dealSamples). The rolling mean was computed over every deal when the deal was new.
struct DealSample {
    qint64 number = 0; // in the run, from 1
    double unitPrice = 0.0;
    double rollingMean = 0.0; // over the ChartInput::rollingWindow deals ending at this one
};

// One round of a per-agent measure (net worth or mean reputation) reduced to what the charts draw.
struct AgentSample {
    int round = 0;
    // Over every agent that round; NaN when the round had no values.
    double mean = 0.0;
    double low = 0.0;
    double high = 0.0;
    std::vector<double> values; // the agents of AgentSamples::agents, in that order; NaN: no value that round
};

// A per-agent measure over a run, reduced in advance: what the reputation and wealth charts need of it, no more.
struct AgentSamples {
    qsizetype agentCount = 0; // agents in the run (used when ChartInput::agentIds is empty)
    std::vector<qsizetype> agents; // indices of the agents with their own values (every agent, or the highlighted)
    std::vector<AgentSample> rounds; // in order
};

// One round's deal prices as the per-round price chart draws them: their mean and range. Rounds without deals have
// none.
struct RoundPrice {
    int round = 0;
    qint64 deals = 0;
    double mean = 0.0; // sum of the unit prices in deal order, over their count
    double low = 0.0;
    double high = 0.0;

    bool operator==(const RoundPrice&) const = default;
};

// Gathers RoundPrice entries from deals in the order of the run (rounds never go back). Both the chart (from
// ChartInput::deals) and the lab's buffers use it, so their figures agree to the last bit.
class RoundPriceAccumulator {
public:
    // Adds a deal; when it is the first of a later round, returns the round gathered until then.
    std::optional<RoundPrice> add(const haggle::DealRecord& deal);
    // The round gathered so far, when it has deals and is `round` or earlier (i.e. complete), to be drawn now.
    std::optional<RoundPrice> takeUpTo(int round);

private:
    RoundPrice m_current;
    double m_sum = 0.0;
};

// Every round's RoundPrice from deals in run order.
std::vector<RoundPrice> roundPricesOf(const std::vector<haggle::DealRecord>& deals);

// A demand phase to shade, e.g. "rush hour" over rounds 11-20. Rounds are inclusive and count from 1.
struct PhaseBand {
    QString name;
    int firstRound = 1;
    int lastRound = 1;
};

// One round's detection counts (lab::DetectionCounts: isolated against cheater after the round).
struct DetectionPoint {
    int round = 0;
    lab::DetectionCounts counts;
};

// An agent became isolated (or stopped being) after a round: what the desktop lab's worker reports between
// snapshots, so no span is lost however many rounds a snapshot carries.
struct IsolationChange {
    int round = 0;
    int agent = 0;
    bool isolated = false;
};

// What the detection chart draws: precision, recall and F1 over the rounds and each agent's isolation spans.
struct DetectionInput {
    int lastRound = 0; // the newest round observed: a span still open ends there
    std::vector<DetectionPoint> rounds; // in order (decimated in the window)
    // Per agent, its isolation spans in order; a span still open has last == std::numeric_limits<int>::max() and
    // ends at lastRound.
    std::vector<std::vector<lab::IsolationSpan>> isolations;
    std::vector<bool> cheaters; // per agent: played a cheater kind so far (an injected one included)
};

// The detection input of a finished run's summary (lab::DetectionTracker::summary()).
DetectionInput detectionInputOf(const lab::DetectionSummary& summary);

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

    // Reduced data, for callers that cannot keep every deal and every agent's value of every round (the desktop
    // lab's bounded live buffers). When set, the price charts draw dealSamples and roundPrices instead of `deals`, and
    // the reputation and wealth charts draw their samples instead of the per-agent vectors of `rounds`. They are still
    // thinned to maxPoints.
    std::optional<std::vector<DealSample>> dealSamples;
    std::optional<std::vector<RoundPrice>> roundPrices; // drawn by the per-round price chart instead of `deals`
    std::optional<AgentSamples> netWorthSamples;
    std::optional<AgentSamples> reputationSamples;
    // Detection metrics, for runs that tracked them (up to lab::MaxDetectionAgents agents); unset otherwise.
    std::optional<DetectionInput> detection;
    // The order book of a run whose mechanism keeps one (a double auction), as round bookRound left it; unset
    // otherwise.
    std::optional<OrderBook> book;
    int bookRound = 0;
};

// The phases of a run as bands: each maximal run of consecutive rounds with the same non-empty
// RoundSummary::phase. For callers that have summaries but not the scenario that defined the phases.
std::vector<PhaseBand> phaseBandsFromRounds(const std::vector<haggle::RoundSummary>& rounds);

// The x range of every round chart: [first - 0.5, last + 0.5] over input.rounds ([0.5, 1.5] without rounds),
// so a phase band covering the first or last round is drawn whole and charts of the same run line up.
std::pair<double, double> roundSpan(const ChartInput& input);

} // namespace haggle::charts
