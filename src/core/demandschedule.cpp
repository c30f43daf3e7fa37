// The demand schedule (see demandschedule.h).
#include "demandschedule.h"

#include "marketstate.h"

#include <algorithm>

namespace haggle {

DemandSchedule::DemandSchedule(const Demand& demand, const std::vector<AgentSpec>& agents)
    : m_demand(demand)
    , m_baseRules(resolve(demand.rules, agents))
{
    for (const auto& phase : demand.phases)
        m_phaseRules.push_back(resolve(phase.rules, agents));
}

std::vector<DemandSchedule::ResolvedRule> DemandSchedule::resolve(
    const std::vector<NeedRule>& rules, const std::vector<AgentSpec>& agents)
{
    std::vector<ResolvedRule> resolved;
    for (const auto& rule : rules) {
        ResolvedRule r;
        r.count = rule.count;
        r.probability = rule.probability;
        r.need = rule.need;
        for (AgentIndex i = 0; i < agents.size(); ++i) {
            const AgentSpec& a = agents[i];
            const bool match = rule.who == NeedRule::Who::All
                || (rule.who == NeedRule::Who::Role && a.role == rule.role)
                || (rule.who == NeedRule::Who::Agents
                    && std::find(rule.agents.begin(), rule.agents.end(), a.id) != rule.agents.end());
            if (match)
                r.matching.push_back(i);
        }
        resolved.push_back(std::move(r));
    }
    return resolved;
}

const std::vector<AgentIndex>& DemandSchedule::assign(MarketState& state, std::span<const ExtraNeed> extra)
{
    // Only last round's buyers (in index order) can still hold a need, and only agents a rule reaches can get one: the
    // round costs what demand costs, not a pass over every agent.
    for (AgentIndex i : m_buyers)
        state.clearNeed(i);
    m_buyers.clear();
    const DemandPhase* phase = m_demand.phaseAt(state.round());
    const std::vector<ResolvedRule>* rules = &m_baseRules;
    if (phase) {
        state.events().phase = phase->name;
        rules = &m_phaseRules[static_cast<std::size_t>(phase - m_demand.phases.data())];
    }
    const bool anyAbsent = state.anyAbsent();
    const auto give = [&](AgentIndex i, const ResourceBundle& need) {
        if (anyAbsent && state.absent(i))
            return;
        state.addNeed(i, need);
        m_buyers.push_back(i);
    };
    Rng& rng = state.rng();
    bool inOrder = rules->size() <= 1; // one rule reaches each agent once; a probability rule goes in index order
    bool zeroNeed = false;
    for (const auto& rule : *rules) {
        inOrder = inOrder && !rule.count;
        zeroNeed = zeroNeed || rule.need.isZero();
        if (rule.count) {
            for (AgentIndex i : rng.sample(rule.matching, static_cast<std::size_t>(*rule.count)))
                give(i, rule.need);
        } else {
            for (AgentIndex i : rule.matching) {
                if (rng.bernoulli(rule.probability))
                    give(i, rule.need);
            }
        }
    }
    for (const ExtraNeed& surge : extra) {
        inOrder = inOrder && m_buyers.empty();
        zeroNeed = zeroNeed || surge.need.isZero();
        for (AgentIndex i : surge.agents) {
            if (rng.bernoulli(surge.probability))
                give(i, surge.need);
        }
    }
    // The buyers: agents with a need, in index order (several rules may reach one agent, a count rule lists its agents
    // in draw order; a zero need is none, and needs are never negative, so only a rule with a zero need leaves one).
    if (!inOrder) {
        std::sort(m_buyers.begin(), m_buyers.end());
        m_buyers.erase(std::unique(m_buyers.begin(), m_buyers.end()), m_buyers.end());
    }
    if (zeroNeed)
        std::erase_if(m_buyers, [&state](AgentIndex i) { return state.agent(i).need().isZero(); });
    return m_buyers;
}

} // namespace haggle
