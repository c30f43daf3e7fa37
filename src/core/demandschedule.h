// The demand schedule: each round, the active phase's rules (or the base rules) give agents their need for the round
// (see Demand in scenario.h). Rules are resolved to the agents they match once, when the run is set up.
#pragma once

#include "scenario.h"
#include "scenarioevents.h"

#include <optional>
#include <span>
#include <vector>

namespace haggle {

class MarketState;

class DemandSchedule {
public:
    DemandSchedule(const Demand& demand, const std::vector<AgentSpec>& agents);

    // Clears last round's needs and gives this round's: the rules', then the extra needs (a demand surge's), each
    // drawn in order. An absent agent (MarketState::absent()) gets none. Returns the agents with a need, in index
    // order. Names the round's phase in the state's events.
    const std::vector<AgentIndex>& assign(MarketState& state, std::span<const ExtraNeed> extra = {});
    const std::vector<AgentIndex>& buyers() const noexcept { return m_buyers; }

private:
    struct ResolvedRule {
        std::vector<AgentIndex> matching;
        std::optional<int> count;
        double probability = 1.0;
        ResourceBundle need;
    };
    static std::vector<ResolvedRule> resolve(const std::vector<NeedRule>& rules, const std::vector<AgentSpec>& agents);

    Demand m_demand;
    std::vector<ResolvedRule> m_baseRules;
    std::vector<std::vector<ResolvedRule>> m_phaseRules;
    std::vector<AgentIndex> m_buyers; // this round's agents with a need, in index order
};

} // namespace haggle
