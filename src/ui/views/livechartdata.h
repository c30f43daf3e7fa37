// The live charts' data: bounded buffers fed from the worker's snapshots on the GUI thread, read by the charts as
// one charts::ChartInput. Appending is cheap (no chart is touched); ChartsPanel::refresh() draws from input().
//
// Memory stays bounded however long the run:
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
// - Phases: those of the static part; when it has none, the bands are built from RoundSummary::phase as rounds
//   arrive (one band per run of consecutive rounds of a phase, so as many as the scenario's phases produce).
#pragma once

#include <algorithm>

#include "chartinput.h"
#include "decimator.h"
#include "scenario.h"
#include "snapshot.h"

#include <deque>

namespace haggle::ui {

class LiveChartData {
public:
    static constexpr qsizetype RoundCap = 20'000;
    static constexpr qsizetype AgentValueBudget = 1'000'000;
    static constexpr qsizetype MinAgentCap = 1'000;

    LiveChartData();

    // The static part for a run of `scenario`, as haggle-cli draws a run: titled with the scenario's name, agent ids
    // and strategy types, cheaters highlighted, the demand phases (clipped to the scenario's rounds) and the trust
    // threshold of the reputation-aware agents (the last one's when they differ).
    static charts::ChartInput staticPartFor(const Scenario& scenario);

    // Starts over for a new run. staticPart gives the title, agent ids, strategies, highlighted agents, phases,
    // reference price, trust threshold, rolling window and maxPoints; its rounds and deals are ignored.
    void reset(const charts::ChartInput& staticPart);
    // Adds the snapshot's new rounds and deals.
    void append(const SimulationSnapshot& s);

    // What the charts draw: the static part plus the buffers (rounds, dealSamples, netWorthSamples,
    // reputationSamples); `deals` stays empty.
    const charts::ChartInput& input() const { return m_input; }
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
    charts::AgentSample sampleOf(const RoundSummary& round, const std::vector<double>& row) const;

    charts::ChartInput m_input;
    charts::Decimator m_roundDecimator;
    charts::Decimator m_dealDecimator;
    charts::Decimator m_netWorthDecimator;
    charts::Decimator m_reputationDecimator;
    std::vector<qsizetype> m_trackedAgents; // agents with their own values in the samples
    qsizetype m_agentCount = 0; // from the static part, else from the first round's values
    bool m_derivePhases = false;
    // The rolling mean over the newest rollingWindow deals, kept as the price chart keeps it (a long double sum).
    std::deque<double> m_window;
    long double m_windowSum = 0.0L;
    qint64 m_dealCount = 0;
    quint64 m_revision = 0;
};

} // namespace haggle::ui
