// Detection metrics (see detection.h).
#include "detection.h"

#include "scenarioevents.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace haggle::lab {

namespace {

constexpr double NotAware = std::numeric_limits<double>::quiet_NaN();

double thresholdOf(const StrategySpec& spec)
{
    return spec.trustThreshold.value_or(NotAware);
}

std::optional<double> ratio(int numerator, int denominator)
{
    if (denominator == 0)
        return std::nullopt;
    return static_cast<double>(numerator) / denominator;
}

} // namespace

std::optional<double> DetectionCounts::precision() const noexcept
{
    return ratio(truePositives, truePositives + falsePositives);
}

std::optional<double> DetectionCounts::recall() const noexcept
{
    return ratio(truePositives, truePositives + falseNegatives);
}

std::optional<double> DetectionCounts::f1() const noexcept
{
    return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
}

DetectionTracker::DetectionTracker(const Scenario& scenario)
    : m_scenario(&scenario)
    , m_enabled(scenario.agents.size() <= MaxDetectionAgents)
{
    if (!m_enabled)
        return;
    const std::size_t n = scenario.agents.size();
    m_threshold.resize(n);
    m_cheater.resize(n);
    m_cheatsNow.resize(n);
    m_isolated.assign(n, 0);
    m_agents.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& spec = scenario.agents[i];
        m_threshold[i] = thresholdOf(spec.strategy);
        m_cheatsNow[i] = isCheaterStrategy(scenario.rules, spec.strategy.type) ? 1 : 0;
        m_cheater[i] = m_cheatsNow[i];
        m_agents[i].id = spec.id;
    }
    m_eventOrder.resize(scenario.events.size());
    for (std::size_t e = 0; e < m_eventOrder.size(); ++e)
        m_eventOrder[e] = e;
    std::stable_sort(m_eventOrder.begin(), m_eventOrder.end(),
        [&scenario](std::size_t a, std::size_t b) { return scenario.events[a].round < scenario.events[b].round; });
}

void DetectionTracker::applyEvents(int round)
{
    const auto& events = m_scenario->events;
    while (m_nextEvent < m_eventOrder.size() && events[m_eventOrder[m_nextEvent]].round <= round) {
        const ScenarioEvent& e = events[m_eventOrder[m_nextEvent++]];
        const auto i = m_scenario->indexOf(e.agent);
        if (!i || e.type != strategyEventKind().name)
            continue;
        m_threshold[*i] = thresholdOf(e.strategy);
        m_cheatsNow[*i] = isCheaterStrategy(m_scenario->rules, e.strategy.type) ? 1 : 0;
        m_cheater[*i] = m_cheater[*i] | m_cheatsNow[*i];
    }
}

void DetectionTracker::observe(const MarketRun& run)
{
    if (!m_enabled)
        return;
    m_round = run.round();
    applyEvents(m_round);
    const RoundEvents& events = run.lastEvents();
    for (const DefaultRecord& d : events.defaults) {
        AgentDetection& a = m_agents[d.defaulter];
        ++a.defaults;
        a.lossInflicted += d.price;
        if (m_cheatsNow[d.defaulter])
            m_loss += d.price;
    }
    const std::size_t n = m_agents.size();
    DetectionCounts counts;
    for (AgentIndex s = 0; s < n; ++s) {
        bool watched = false;
        bool refused = true;
        for (AgentIndex o = 0; o < n && refused; ++o) {
            if (o == s || std::isnan(m_threshold[o]))
                continue;
            watched = true;
            refused = run.reputationView(o, s) < m_threshold[o];
        }
        const bool isolated = watched && refused;
        AgentDetection& a = m_agents[s];
        if (isolated) {
            if (!m_isolated[s])
                a.isolations.push_back({ m_round, m_round });
            else
                a.isolations.back().last = m_round;
            if (!a.isolatedFrom)
                a.isolatedFrom = m_round;
        } else {
            a.isolatedFrom.reset(); // isolation must last to the end to count
        }
        m_isolated[s] = isolated ? 1 : 0;
        a.identities = run.identityOf(s);
        const bool cheater = m_cheater[s] != 0;
        counts.truePositives += cheater && isolated ? 1 : 0;
        counts.falsePositives += !cheater && isolated ? 1 : 0;
        counts.falseNegatives += cheater && !isolated ? 1 : 0;
        counts.trueNegatives += !cheater && !isolated ? 1 : 0;
    }
    m_byRound.push_back(counts);
}

DetectionSummary DetectionTracker::summary(const MarketRun* run) const
{
    DetectionSummary s;
    s.rounds = m_round;
    s.agents = m_agents;
    s.byRound = m_byRound;
    s.lossToCheaters = m_loss;
    if (!m_byRound.empty())
        s.atEnd = m_byRound.back();
    for (std::size_t i = 0; i < s.agents.size(); ++i) {
        s.agents[i].cheater = m_cheater[i] != 0;
        s.agents[i].aware = !std::isnan(m_threshold[i]);
        if (run)
            s.agents[i].finalWorth = run->agentStatus(static_cast<AgentIndex>(i)).netWorth;
    }
    return s;
}

Scenario honestTwin(const Scenario& scenario, AgentIndex i)
{
    Scenario twin = scenario;
    const auto honest = [&scenario](StrategySpec& spec) {
        if (isCheaterStrategy(scenario.rules, spec.type)) {
            spec.type = "fair";
            spec.params.clear();
        }
    };
    honest(twin.agents[i].strategy);
    for (auto& e : twin.events) {
        if (e.agent == twin.agents[i].id)
            honest(e.strategy);
    }
    return twin;
}

} // namespace haggle::lab
