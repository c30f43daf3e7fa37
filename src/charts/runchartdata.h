// The one way a run's data becomes what the charts draw (a ChartInput): the static part from the scenario, then the
// rounds and deals as they come. haggle-cli feeds a finished run in one go and keeps everything; the desktop lab feeds
// the worker's snapshots on the GUI thread into bounded buffers. Appending is cheap (no chart is touched); the charts
// draw from input(). Both reduce the same way (the rolling mean, the per-agent samples, the phase bands), so a chart of
// the same run is the same chart in a file and in the window.
//
// With Retention::Bounded (the window), memory stays bounded however long the run:
// - Rounds (negotiations, deals, success rate, phase) and deals (number, unit price, rolling mean) are kept by
//   decimation (charts::Decimator): at most RoundCap entries each. When a buffer would exceed its cap, every other
//   entry is dropped and only every 2nd, 4th, ... new one is kept, so the buffer covers the whole run evenly, the
//   first round (deal) and the newest one are always there. About 200 bytes per round and 24 per deal: a few MB.
// - The rolling mean of the price chart is computed here over every deal as it arrives (the last rollingWindow
//   prices are held), so decimation does not change it.
// - Per-agent values (net worth, mean reputation) are not kept per agent and round as in RoundSummary: with at
//   most charts::MaxAgentLines agents, each agent's values; above that, the per-round mean, minimum and maximum
//   over all agents plus the highlighted agents' values, which is all the charts draw. Their buffers share a
//   budget of AgentValueBudget values per measure, so their cap is RoundCap or less when many agents are
//   highlighted (never below MinAgentCap).
// - Per-round prices (mean, lowest, highest) are gathered from every deal as it arrives and kept by decimation like
//   the rounds; a round's entry is added once its summary has arrived (the round is complete).
// - Phases: those of the static part; when it has none, the bands are built from RoundSummary::phase as rounds
//   arrive (one band per run of consecutive rounds of a phase, so as many as the scenario's phases produce).
// With Retention::Everything (files), nothing is decimated: every round, deal and highlighted agent's value is kept,
// and the charts thin what they draw to ChartInput::maxPoints, as they always do.
#pragma once

#include "chartinput.h"
#include "decimator.h"
#include "scenario.h"

#include <algorithm>
#include <deque>

namespace haggle::charts {

class RunChartData {
public:
    static constexpr qsizetype RoundCap = 20'000;
    static constexpr qsizetype AgentValueBudget = 1'000'000;
    static constexpr qsizetype MinAgentCap = 1'000;

    enum class Retention {
        Bounded, // the caps above: a live run of any length
        Everything, // a finished run written to files: no decimation
    };

    explicit RunChartData(Retention retention = Retention::Bounded);

    // The static part for a run of `scenario`, as haggle-cli draws a run: titled with the scenario's name, agent ids
    // and strategy types, cheaters highlighted, the demand phases (clipped to the scenario's rounds) and the trust
    // threshold of the reputation-aware agents (the last one's when they differ).
    static ChartInput staticPartFor(const Scenario& scenario);

    // Starts over for a new run. staticPart gives the title, agent ids, strategies, highlighted agents, phases,
    // reference price, trust threshold, rolling window and maxPoints; its rounds and deals are ignored.
    void reset(const ChartInput& staticPart);
    // Adds rounds and deals that follow those already added (a snapshot's, or a whole finished run's).
    void append(const std::vector<RoundSummary>& rounds, const std::vector<DealRecord>& deals);

    // Detection metrics as they come (the desktop lab's worker): the rounds' counts, the isolation changes since the
    // last call (in round order) and who has cheated so far (per agent). Starts the detection input on first use;
    // the counts are kept by decimation like the rounds.
    void appendDetection(const std::vector<DetectionPoint>& rounds, const std::vector<IsolationChange>& changes,
        const std::vector<bool>& cheaters);
    // A finished run's detection metrics in one go (haggle-cli): replaces what appendDetection() gathered.
    void setDetection(const lab::DetectionSummary& summary);
    // The mechanism's order book as round `round` left it (nothing: the mechanism keeps none); the latest replaces
    // the one before.
    void setBook(const std::optional<OrderBook>& book, int round);

    // What the charts draw: the static part plus the buffers (rounds, dealSamples, roundPrices, netWorthSamples,
    // reputationSamples); `deals` stays empty.
    const ChartInput& input() const { return m_input; }
    // Live charts need no more points than their plot is pixels wide; the window sets this as views resize.
    void setMaxPoints(qsizetype points) { m_input.maxPoints = std::max<qsizetype>(points, 50); }

    // Bumped by every reset() and by every append() that adds something: a view that remembers the revision it drew
    // knows whether it is stale, whoever fed the buffers (a run, or the view itself when it has no run).
    quint64 revision() const { return m_revision; }
    qint64 roundsSeen() const { return m_roundDecimator.pushed(); }
    qint64 dealsSeen() const { return m_dealCount; }
    // Entries held, for tests and for a status line.
    qsizetype bufferedRounds() const { return static_cast<qsizetype>(m_input.rounds.size()); }
    qsizetype bufferedDeals() const;
    qsizetype bufferedAgentSamples() const;
    qsizetype agentSampleCap() const { return m_netWorthDecimator.cap(); }

private:
    void appendRound(const RoundSummary& round);
    void appendDeal(const DealRecord& deal);
    void extendPhases(const RoundSummary& round);
    AgentSample sampleOf(const RoundSummary& round, const std::vector<double>& row) const;

    Decimator newDecimator(qsizetype cap) const;

    Retention m_retention;
    ChartInput m_input;
    Decimator m_roundDecimator;
    Decimator m_dealDecimator;
    Decimator m_netWorthDecimator;
    Decimator m_reputationDecimator;
    std::vector<qsizetype> m_trackedAgents; // agents with their own values in the samples
    qsizetype m_agentCount = 0; // from the static part, else from the first round's values
    bool m_derivePhases = false;
    // The rolling mean over the newest rollingWindow deals, kept as the price chart keeps it (a long double sum).
    RoundPriceAccumulator m_roundPrice; // the newest round's deals, until the round is complete
    Decimator m_roundPriceDecimator;
    Decimator m_detectionDecimator;
    int m_lastRound = 0; // the newest round summarised
    std::deque<double> m_window;
    long double m_windowSum = 0.0L;
    qint64 m_dealCount = 0;
    quint64 m_revision = 0;
};

} // namespace haggle::charts
