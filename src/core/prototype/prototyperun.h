// A scenario run under the prototype rules (scenario.rules == "prototype"): the prototype's Market (protomarket.h)
// built from the scenario, behind the MarketRun interface (marketrun.h).
//
// Set-up: the agents in order (holdings -> owned resources, budget, urgency, the strategy from the prototype catalog,
// trust_threshold -> ReputationAware), cheater and adaptive-cheater agents marked as cheaters, the mechanism's
// max_turns, gossip when the reputation model is "gossip", and the PyRandom seeded with scenario.seed.
//
// Each round, the needs come from the scenario's demand drawn the prototype's way, on the one generator the market
// also draws from:
//   - the active phase's rules (or the base rules), in order; for each, the matching agents in agent order;
//   - a rule with `count` picks sample(matched, count) (CPython's sample, selection order);
//   - otherwise each matched agent is picked when probability == 1 (no draw) or random() < probability (one draw);
//   - picked agents' needs add up; every agent's pendingNeeds is set to its sum (zero if not picked);
// then Market::runRound(). This is what lets a scenario file reproduce the prototype's own runs: exp3's cheater_run
// is the rules [{agents: the five honest ids, count 3, need gpu 5}, {agents: [cheater_mallory], probability 0.5,
// need gpu 5}] (tst_prototyperun checks the reference trace).
#pragma once

#include "../marketrun.h"
#include "protomarket.h"
#include "pyrandom.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

namespace haggle::prototype {

class PrototypeRun final : public MarketRun {
public:
    // Throws std::invalid_argument naming every problem validateScenario() finds (or for other rules).
    explicit PrototypeRun(Scenario scenario);
    PrototypeRun(const PrototypeRun&) = delete;
    PrototypeRun& operator=(const PrototypeRun&) = delete;

    const Scenario& scenario() const noexcept override { return m_scenario; }
    int round() const noexcept override { return m_market->round(); }
    const RoundSummary& step() override;
    const RoundSummary& lastSummary() const noexcept override { return m_summary; }
    const RoundEvents& lastEvents() const noexcept override { return m_events; }
    std::uint64_t stateHash() const override { return m_market->stateHash(); }
    std::size_t agentCount() const noexcept override { return m_market->agents().size(); }
    AgentStatus agentStatus(AgentIndex agent) const override;
    std::vector<std::pair<AgentIndex, double>> reputationTable(AgentIndex observer) const override;
    double reputationView(AgentIndex observer, AgentIndex subject) const override;
    std::vector<DealEntry> recentDeals(AgentIndex agent, std::size_t limit) const override;
    void setRecordMessages(bool on) override { m_recordMessages = on; }
    bool recordMessages() const noexcept override { return m_recordMessages; }
    void addObserver(SimulationObserver* observer) override;
    void removeObserver(SimulationObserver* observer) override;

    // The prototype's market itself (its summary() text, ledgers, cheat counters).
    const Market& market() const noexcept { return *m_market; }

private:
    void assignNeeds();
    void collectEvents(const std::string& phase);
    void collectSummary(int needs);
    double meanViewOf(AgentIndex subject) const;
    void keepDeal(AgentIndex agent, const DealEntry& entry);

    Scenario m_scenario;
    PyRandom m_rng;
    std::unique_ptr<Market> m_market;
    bool m_recordMessages = true;
    std::vector<Message> m_log; // the round's prototype messages (always kept: they tell a REJECT from a timeout)
    std::uint64_t m_nextNegotiation = 1;
    RoundEvents m_events;
    RoundSummary m_summary;
    std::vector<SimulationObserver*> m_observers;
    // Each agent's newest deals (at most HistoryLimit), from the rounds' deals: the prototype's agents keep only a
    // count.
    std::vector<std::deque<DealEntry>> m_recentDeals;
    // scratch
    std::vector<Resource> m_needs;
    std::vector<std::size_t> m_matched;
    std::vector<std::size_t> m_picked;
    std::vector<double> m_row;
};

} // namespace haggle::prototype
