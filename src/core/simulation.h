// A run of a scenario: the round as a pipeline of pluggable parts over one market state.
//
//   Scenario --> MarketState (agents, peer index, reputation, generator, round, event sink)
//   each round:  scenario events --> DemandSchedule --> Mechanism --> agreements --> Settlement --> Gossip
//                --> identities renewed --> ReputationModel::endRound() --> RoundCollector --> observers
//
//   1. Demand: the active phase's rules (or the base rules) give each agent its need for the round.
//   2. The mechanism (bilateral by default: canvass and alternating offers, bilateralmechanism.h) makes agreements
//      and hands each to the settlement as it is made.
//   3. The settlement (the lease for the round by default, leasesettlement.h) moves compute and money, draws defaults
//      and records the deal; at the round's end it closes what it opened (every lease is RELEASEd).
//   4. Gossip (gossip.h): agents that dealt share their views of their partners, if the scenario turns it on; then
//      whitewashers that want to rejoin under a new identity do (MarketState::rejoin()).
//   5. The reputation model ends its round (a global model recomputes), unmet needs are dropped, and the collector
//      makes the round's summary, which observers receive with the round's events.
// Budgets change only by deal payments (zero-sum) and job payments (recorded as JobRecord); holdings never change.
#pragma once

#include "demandschedule.h"
#include "events.h"
#include "gossip.h"
#include "marketstate.h"
#include "mechanism.h"
#include "roundcollector.h"
#include "scenario.h"
#include "scenarioevents.h"
#include "settlement.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace haggle {

class SimulationObserver {
public:
    virtual ~SimulationObserver() = default;
    virtual void onRound(const RoundEvents& events, const RoundSummary& summary) = 0;
};

class Simulation {
public:
    // Throws std::invalid_argument naming every problem validateScenario() finds. Pass an rvalue to spare the copy
    // (a million-agent scenario is a few hundred megabytes).
    explicit Simulation(Scenario scenario);
    Simulation(const Simulation& other);
    // A what-if fork: the state of `at` (its round, agents, views, generator) continued under an edited scenario. The
    // edit keeps the agents (their ids, in order: a newcomer is a join event); from the fork on, each agent whose
    // strategy the edit changes plays the edited one, the edited events act at their rounds still to come (those of
    // rounds already played do not act again), and demand, market settings, mechanism, settlement and rounds are the
    // edited ones. A changed reputation model starts empty (every view a stranger's). Throws std::invalid_argument
    // naming what is wrong with the edit.
    Simulation(const Simulation& at, Scenario edited);
    Simulation& operator=(const Simulation&) = delete;
    ~Simulation();

    const Scenario& scenario() const noexcept { return *m_scenario; }
    int round() const noexcept { return m_state.round(); } // rounds completed so far
    bool finished() const noexcept { return round() >= m_scenario->rounds; }

    // Play one round and return its summary. Rounds past scenario().rounds may still be played.
    const RoundSummary& step();
    // Play n rounds.
    void run(int n);
    // Play until scenario().rounds rounds are complete.
    void runToEnd();

    const MarketState& state() const noexcept { return m_state; }
    const std::vector<Agent>& agents() const noexcept { return m_state.agents(); }
    const ReputationModel& reputation() const noexcept { return m_state.reputation(); }
    const Mechanism& mechanism() const noexcept { return *m_mechanism; }
    const Settlement& settlement() const noexcept { return *m_settlement; }
    const RoundEvents& lastEvents() const noexcept { return m_state.events(); }
    const RoundSummary& lastSummary() const noexcept { return m_collector.summary(); }

    // Observers are not owned; they are called after every round, in the order added.
    void addObserver(SimulationObserver* observer);
    void removeObserver(SimulationObserver* observer);

    // Keep every message of every negotiation in lastEvents() (on by default). Off, the messages are skipped;
    // negotiations, deals, defaults and the summary are unchanged.
    void setRecordMessages(bool on) noexcept { m_state.setRecordMessages(on); }
    bool recordMessages() const noexcept { return m_state.recordsMessages(); }
    // Each agent's Agent::history() keeps its newest `limit` deals (between limit and 2 x limit); 0 keeps none.
    // HistoryLimit by default. The model never reads the history (it is for inspecting an agent), so headless runs
    // that report from the event stream turn it off; deal counts and last-deal rounds are kept either way.
    void setDealHistoryLimit(std::size_t limit) noexcept { m_state.setDealHistoryLimit(limit); }
    // The language model its LLM negotiators ask (MarketState::setLanguageModel()); forks and checkpoints share it.
    void setLanguageModel(std::shared_ptr<LanguageModel> model) { m_state.setLanguageModel(std::move(model)); }
    std::size_t dealHistoryLimit() const noexcept { return m_state.dealHistoryLimit(); }

    // A 64-bit FNV-1a hash of the state that determines the future (round, generator, budgets, holdings, deal
    // counts, each strategy's own state, a digest of each reputation table). Equal hashes after equal rounds are what
    // determinism tests compare.
    std::uint64_t stateHash() const;
    // An estimate of the bytes a copy of this simulation holds (a checkpoint's size): agents, their histories and
    // strategies, the peer index and the reputation model's storage. The scenario is shared by copies, not counted.
    std::size_t stateBytes() const noexcept;
    // Makes this copy a checkpoint, kept only to be copied again: each agent's deal history keeps at most its newest
    // `keep` deals (the model never reads them) and the reputation model packs its tables. It plays no round and
    // answers nothing of reputation until copied; its copies are whole.
    void packForKeeping(std::size_t keep)
    {
        m_state.trimDealHistories(keep);
        m_state.reputation().pack();
    }
    double totalBudget() const noexcept;
    ResourceBundle totalHoldings() const noexcept;

private:
    // The scenario's events at the start of the round just begun: the round's prices, who is absent, extra needs, and
    // what the events do. Whether an event changed views beyond single subjects (every summary is refreshed then).
    bool startEvents();
    void resolveEvents();
    // Agents that want to leave and rejoin under a new identity do so.
    void renewIdentities();

    std::shared_ptr<const Scenario> m_scenario; // shared by copies (checkpoints): a large one is large
    MarketState m_state;
    DemandSchedule m_demand;
    std::unique_ptr<Mechanism> m_mechanism;
    std::unique_ptr<Settlement> m_settlement;
    Gossip m_gossip;
    RoundCollector m_collector;
    std::vector<SimulationObserver*> m_observers;
    // Per scenario event: its kind's rule and the agents it concerns (index order).
    std::vector<std::shared_ptr<const EventEffect>> m_effects;
    std::vector<std::vector<AgentIndex>> m_eventAgents;
    std::vector<AgentIndex> m_presenceAgents; // every agent a join or leave concerns, sorted
    bool m_pricesChange = false;
    bool m_refreshViews = false; // a fork replaced the reputation model: every summary's views change
    std::vector<ExtraNeed> m_extraNeeds; // the round's, from demand surges
};

} // namespace haggle
