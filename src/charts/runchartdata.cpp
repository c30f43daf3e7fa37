// A run's data as the charts read it: see runchartdata.h.
#include "runchartdata.h"

#include "agentchart.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace haggle::charts {

namespace {

constexpr double NoValue = std::numeric_limits<double>::quiet_NaN();

// What the round charts read of a summary: everything but the per-agent vectors, which are sampled apart.
RoundSummary withoutAgents(const RoundSummary& round)
{
    RoundSummary slim;
    slim.round = round.round;
    slim.phase = round.phase;
    slim.needs = round.needs;
    slim.needsMet = round.needsMet;
    slim.negotiations = round.negotiations;
    slim.deals = round.deals;
    slim.defaults = round.defaults;
    slim.successRate = round.successRate;
    slim.meanUnitPrice = round.meanUnitPrice;
    slim.volume = round.volume;
    slim.jobValue = round.jobValue;
    slim.bargaining = round.bargaining;
    slim.futuresTraded = round.futuresTraded;
    slim.futuresUnitPrice = round.futuresUnitPrice;
    slim.spotUnitPrice = round.spotUnitPrice;
    slim.openInterest = round.openInterest;
    return slim;
}

} // namespace

RunChartData::RunChartData(Retention retention)
    : m_retention(retention)
{
    reset(ChartInput {});
}

Decimator RunChartData::newDecimator(qsizetype cap) const
{
    // Keeping everything is a cap that is never reached.
    return Decimator(m_retention == Retention::Everything ? std::numeric_limits<qsizetype>::max() : cap);
}

ChartInput RunChartData::staticPartFor(const Scenario& scenario)
{
    ChartInput input;
    input.title = QString::fromStdString(scenario.name);
    for (const AgentSpec& agent : scenario.agents) {
        input.agentIds.append(QString::fromStdString(agent.id));
        input.agentStrategies.append(QString::fromStdString(agent.strategy.type));
        input.highlighted.push_back(isCheaterStrategy(scenario.rules, agent.strategy.type));
        if (agent.strategy.trustThreshold)
            input.trustThreshold = *agent.strategy.trustThreshold;
    }
    // Each phase its own band, as lab::phaseSegments() splits a run (without walking every round of a long one).
    for (const DemandPhase& phase : scenario.demand.phases) {
        const int first = std::max(phase.firstRound, 1);
        const int last = std::min(phase.lastRound, scenario.rounds);
        if (first <= last)
            input.phases.push_back({ QString::fromStdString(phase.name), first, last });
    }
    std::sort(input.phases.begin(), input.phases.end(),
        [](const PhaseBand& a, const PhaseBand& b) { return a.firstRound < b.firstRound; });
    return input;
}

void RunChartData::reset(const ChartInput& staticPart)
{
    ++m_revision;
    m_input = staticPart;
    m_input.rounds.clear();
    m_input.deals.clear();
    m_input.rounds.shrink_to_fit();
    m_input.deals.shrink_to_fit();
    m_input.dealSamples.emplace();
    m_input.roundPrices.emplace();
    m_input.netWorthSamples.emplace();
    m_input.reputationSamples.emplace();
    m_derivePhases = staticPart.phases.empty();
    m_roundDecimator = newDecimator(RoundCap);
    m_dealDecimator = newDecimator(RoundCap);
    m_roundPriceDecimator = newDecimator(RoundCap);
    m_detectionDecimator = newDecimator(RoundCap);
    m_input.detection.reset();
    m_roundPrice = RoundPriceAccumulator {};
    m_lastRound = 0;
    m_netWorthDecimator = newDecimator(RoundCap);
    m_reputationDecimator = newDecimator(RoundCap);
    m_trackedAgents.clear();
    m_agentCount = 0;
    m_window.clear();
    m_windowSum = 0.0L;
    m_dealCount = 0;
}

qsizetype RunChartData::bufferedDeals() const
{
    return static_cast<qsizetype>(m_input.dealSamples->size());
}

qsizetype RunChartData::bufferedAgentSamples() const
{
    return static_cast<qsizetype>(m_input.netWorthSamples->rounds.size());
}

void RunChartData::append(const std::vector<RoundSummary>& rounds, const std::vector<DealRecord>& deals)
{
    if (rounds.empty() && deals.empty())
        return;
    ++m_revision;
    for (const RoundSummary& round : rounds)
        appendRound(round);
    for (const DealRecord& deal : deals)
        appendDeal(deal);
    // The rounds summarised are complete: their deals are all in.
    if (const auto done = m_roundPrice.takeUpTo(m_lastRound))
        m_roundPriceDecimator.push(*m_input.roundPrices, *done);
}

void RunChartData::appendDetection(const std::vector<DetectionPoint>& rounds,
    const std::vector<IsolationChange>& changes, const std::vector<bool>& cheaters)
{
    if (rounds.empty() && changes.empty() && (m_input.detection || cheaters.empty()))
        return;
    ++m_revision;
    if (!m_input.detection)
        m_input.detection.emplace();
    DetectionInput& d = *m_input.detection;
    if (d.isolations.size() < cheaters.size())
        d.isolations.resize(cheaters.size());
    if (!cheaters.empty())
        d.cheaters = cheaters;
    for (const DetectionPoint& point : rounds) {
        m_detectionDecimator.push(d.rounds, point);
        d.lastRound = std::max(d.lastRound, point.round);
    }
    for (const IsolationChange& change : changes) {
        if (change.agent < 0)
            continue;
        const auto agent = static_cast<std::size_t>(change.agent);
        if (d.isolations.size() <= agent)
            d.isolations.resize(agent + 1);
        std::vector<lab::IsolationSpan>& spans = d.isolations[agent];
        const bool open = !spans.empty() && spans.back().last == std::numeric_limits<int>::max();
        if (change.isolated && !open)
            spans.push_back({ change.round, std::numeric_limits<int>::max() });
        else if (!change.isolated && open)
            spans.back().last = change.round - 1;
    }
}

void RunChartData::setDetection(const lab::DetectionSummary& summary)
{
    ++m_revision;
    m_input.detection = detectionInputOf(summary);
}

void RunChartData::setBook(const std::optional<OrderBook>& book, int round)
{
    if (!book && !m_input.book)
        return;
    ++m_revision;
    m_input.book = book;
    m_input.bookRound = round;
}

void RunChartData::appendRound(const RoundSummary& round)
{
    if (m_roundDecimator.pushed() == 0) {
        // Which agents get their own values is known once the agent count is: from the ids, else the first round.
        m_agentCount
            = !m_input.agentIds.isEmpty() ? m_input.agentIds.size() : static_cast<qsizetype>(round.netWorth.size());
        const bool summarise = m_agentCount > MaxAgentLines;
        for (qsizetype a = 0; a < m_agentCount; ++a) {
            const auto i = static_cast<std::size_t>(a);
            if (!summarise || (i < m_input.highlighted.size() && m_input.highlighted[i]))
                m_trackedAgents.push_back(a);
        }
        const qsizetype perSample = std::max<qsizetype>(1, static_cast<qsizetype>(m_trackedAgents.size()));
        const qsizetype cap = std::clamp(AgentValueBudget / perSample, MinAgentCap, RoundCap);
        m_netWorthDecimator = newDecimator(cap);
        m_reputationDecimator = newDecimator(cap);
        for (AgentSamples* samples : { &*m_input.netWorthSamples, &*m_input.reputationSamples }) {
            samples->agentCount = m_agentCount;
            samples->agents = m_trackedAgents;
        }
    }
    m_lastRound = round.round;
    if (m_derivePhases)
        extendPhases(round);
    m_roundDecimator.push(m_input.rounds, withoutAgents(round));
    m_netWorthDecimator.push(m_input.netWorthSamples->rounds, sampleOf(round, round.netWorth));
    m_reputationDecimator.push(m_input.reputationSamples->rounds, sampleOf(round, round.meanReputation));
}

AgentSample RunChartData::sampleOf(const RoundSummary& round, const std::vector<double>& row) const
{
    AgentSample sample;
    sample.round = round.round;
    // The same band, computed the same way, as the charts draw from full summaries.
    if (const auto band = agentBand(row, static_cast<std::size_t>(m_agentCount))) {
        sample.mean = band->mean;
        sample.low = band->low;
        sample.high = band->high;
    } else {
        sample.mean = sample.low = sample.high = NoValue;
    }
    sample.values.reserve(m_trackedAgents.size());
    for (const qsizetype agent : m_trackedAgents) {
        const auto i = static_cast<std::size_t>(agent);
        sample.values.push_back(i < row.size() ? row[i] : NoValue);
    }
    return sample;
}

void RunChartData::appendDeal(const DealRecord& deal)
{
    if (const auto done = m_roundPrice.add(deal))
        m_roundPriceDecimator.push(*m_input.roundPrices, *done);
    const auto window = static_cast<std::size_t>(std::max(1, m_input.rollingWindow));
    // Add first, then drop the oldest: the order of the price chart's own running sum, so both agree exactly.
    m_windowSum += deal.unitPrice;
    m_window.push_back(deal.unitPrice);
    if (m_window.size() > window) {
        m_windowSum -= m_window.front();
        m_window.pop_front();
    }
    ++m_dealCount;
    DealSample sample;
    sample.number = m_dealCount;
    sample.unitPrice = deal.unitPrice;
    sample.rollingMean = static_cast<double>(m_windowSum / static_cast<long double>(m_window.size()));
    m_dealDecimator.push(*m_input.dealSamples, sample);
}

void RunChartData::extendPhases(const RoundSummary& round)
{
    if (round.phase.empty())
        return;
    const QString name = QString::fromStdString(round.phase);
    std::vector<PhaseBand>& bands = m_input.phases;
    if (!bands.empty() && bands.back().name == name && bands.back().lastRound + 1 == round.round)
        bands.back().lastRound = round.round;
    else
        bands.push_back({ name, round.round, round.round });
}

} // namespace haggle::charts
