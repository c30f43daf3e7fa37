// A run of a scenario under either rules set, as the lab, the CLI and the desktop lab drive it: play rounds, read
// each round's summary and events, the agents' status and reputation tables, and the state hash.
//
//   makeRun(scenario) --> Haggle's Simulation (scenario.rules "haggle", simulation.h), behind SimulationRun
//                     --> the prototype's Market   ("prototype", prototype/prototyperun.h)
//
// Both fill the same RoundSummary and RoundEvents (events.h), so reports, exports, charts and hashes need not know
// which rules ran.
#pragma once

#include "events.h"
#include "resources.h"
#include "scenario.h"
#include "simulation.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace haggle {

// One agent as the run sees it now.
struct AgentStatus {
    std::string_view id;
    std::string_view strategy; // the strategy kind's name
    bool reputationAware = false; // wrapped with a trust threshold
    double budget = 0.0;
    ResourceBundle holdings;
    double netWorth = 0.0; // budget + holdings at the rules' valuation
    int deals = 0; // deals recorded so far
    double meanReputation = 0.5; // mean of the other agents' views of it
};

// What the state hash covers, part by part, each a digest of its own: where two runs first differ, which parts do
// (`haggle-cli verify`). Equal states give equal parts; the parts do not combine into stateHash().
struct StateParts {
    std::uint64_t generator = 0; // the round, the negotiation counter and the random generator
    std::uint64_t budgets = 0;
    std::uint64_t holdings = 0;
    std::uint64_t deals = 0; // each agent's deal count and last deal's round
    std::uint64_t reputation = 0; // each observer's table
    std::uint64_t strategies = 0; // each strategy's own state (a belief, a ring, a learner's table)

    bool operator==(const StateParts&) const = default;
};
// The parts' names, in the order above; and the names of those that differ between a and b.
inline constexpr std::array<std::string_view, 6> StatePartNames
    = { "generator", "budgets", "holdings", "deals", "reputation", "strategies" };
std::array<std::uint64_t, 6> partValues(const StateParts& parts) noexcept;
std::vector<std::string_view> differingParts(const StateParts& a, const StateParts& b);

class MarketRun {
public:
    virtual ~MarketRun() = default;

    virtual const Scenario& scenario() const noexcept = 0;
    virtual int round() const noexcept = 0; // rounds completed so far
    bool finished() const noexcept { return round() >= scenario().rounds; }

    // Play one round and return its summary (rounds past scenario().rounds may still be played).
    virtual const RoundSummary& step() = 0;
    void run(int n)
    {
        for (int i = 0; i < n; ++i)
            step();
    }
    void runToEnd()
    {
        while (!finished())
            step();
    }
    virtual const RoundSummary& lastSummary() const noexcept = 0;
    virtual const RoundEvents& lastEvents() const noexcept = 0;

    // A 64-bit hash of the state that determines the future: equal after equal rounds of equal scenarios.
    virtual std::uint64_t stateHash() const = 0;
    // The state hash's parts, when the rules can tell them apart (Haggle's); null otherwise.
    virtual std::optional<StateParts> stateParts() const { return std::nullopt; }

    virtual std::size_t agentCount() const noexcept = 0;
    virtual AgentStatus agentStatus(AgentIndex agent) const = 0;
    // The observer's own reputation table: (peer, view) pairs (Haggle: by peer index; prototype: in the order it met
    // them).
    virtual std::vector<std::pair<AgentIndex, double>> reputationTable(AgentIndex observer) const = 0;
    // The observer's view of the subject now (the stranger's value when it has none).
    virtual double reputationView(AgentIndex observer, AgentIndex subject) const = 0;
    // Which identity the agent trades under (1 from the start; a whitewasher's grows as it rejoins).
    virtual int identityOf(AgentIndex /*agent*/) const { return 1; }
    // What the agent's strategy has learnt (a Q-table), if it learns anything (Strategy::learned()).
    virtual std::optional<LearnedTable> learned(AgentIndex /*agent*/) const { return std::nullopt; }
    // The mechanism's order book as the last round left it (Mechanism::book()), or null.
    virtual const OrderBook* orderBook() const noexcept { return nullptr; }

    // The agent's newest deals, oldest first, at most `limit` (an inspector's list).
    virtual std::vector<DealEntry> recentDeals(AgentIndex agent, std::size_t limit) const = 0;

    // Keep every message of every negotiation in lastEvents() (on by default); no effect on results.
    virtual void setRecordMessages(bool on) = 0;
    virtual bool recordMessages() const noexcept = 0;
    // How many deals each agent's own history keeps (Simulation::setDealHistoryLimit); rules without one ignore it.
    virtual void setDealHistoryLimit(std::size_t /*limit*/) { }
    // The language model the run's LLM negotiators ask (languagemodel.h); rules without them ignore it.
    virtual void setLanguageModel(std::shared_ptr<LanguageModel> /*model*/) { }

    // Observers are not owned; they are called after every round, in the order added.
    virtual void addObserver(SimulationObserver* observer) = 0;
    virtual void removeObserver(SimulationObserver* observer) = 0;

    // --- Time travel (runhistory.h) ----------------------------------------------------------------------------------
    // A copy of the whole state, packed for keeping (Simulation::packForKeeping(): at most each agent's newest
    // `dealHistory` deals, reputation tables packed): it plays nothing itself, but its restore() plays on exactly as
    // this run does. Null when the rules cannot copy their state (the prototype's: its history replays from the start).
    virtual std::unique_ptr<MarketRun> checkpoint(std::size_t /*dealHistory*/) const { return nullptr; }
    // A run that plays on from this one's state, whole (of a checkpoint: unpacked), with no observers; null when the
    // rules cannot copy their state.
    virtual std::unique_ptr<MarketRun> restore() const { return nullptr; }
    // An estimate of the bytes checkpoint() holds (of a checkpoint: the bytes it holds).
    virtual std::size_t stateBytes() const noexcept { return 0; }
    // A what-if fork: this run's state continued under an edited scenario (Simulation's fork constructor). Throws
    // std::invalid_argument for an edit it cannot continue under, or rules without forks.
    virtual std::unique_ptr<MarketRun> fork(Scenario edited) const;
};

// Haggle's rules: a Simulation behind the interface (simulation() for what only Haggle's engine has).
class SimulationRun final : public MarketRun {
public:
    explicit SimulationRun(Scenario scenario);

    const Scenario& scenario() const noexcept override { return m_sim.scenario(); }
    int round() const noexcept override { return m_sim.round(); }
    const RoundSummary& step() override { return m_sim.step(); }
    const RoundSummary& lastSummary() const noexcept override { return m_sim.lastSummary(); }
    const RoundEvents& lastEvents() const noexcept override { return m_sim.lastEvents(); }
    std::uint64_t stateHash() const override { return m_sim.stateHash(); }
    std::optional<StateParts> stateParts() const override;
    std::size_t agentCount() const noexcept override { return m_sim.agents().size(); }
    AgentStatus agentStatus(AgentIndex agent) const override;
    std::vector<std::pair<AgentIndex, double>> reputationTable(AgentIndex observer) const override;
    double reputationView(AgentIndex observer, AgentIndex subject) const override
    {
        return m_sim.reputation().view(observer, subject);
    }
    int identityOf(AgentIndex agent) const override { return m_sim.agents()[agent].identity(); }
    const OrderBook* orderBook() const noexcept override { return m_sim.mechanism().book(); }
    std::optional<LearnedTable> learned(AgentIndex agent) const override
    {
        return m_sim.agents()[agent].strategy().learned();
    }
    std::vector<DealEntry> recentDeals(AgentIndex agent, std::size_t limit) const override;
    void setRecordMessages(bool on) override { m_sim.setRecordMessages(on); }
    bool recordMessages() const noexcept override { return m_sim.recordMessages(); }
    void setDealHistoryLimit(std::size_t limit) override { m_sim.setDealHistoryLimit(limit); }
    void setLanguageModel(std::shared_ptr<LanguageModel> model) override { m_sim.setLanguageModel(std::move(model)); }
    void addObserver(SimulationObserver* observer) override { m_sim.addObserver(observer); }
    void removeObserver(SimulationObserver* observer) override { m_sim.removeObserver(observer); }
    std::unique_ptr<MarketRun> checkpoint(std::size_t dealHistory) const override;
    std::unique_ptr<MarketRun> restore() const override;
    std::size_t stateBytes() const noexcept override { return m_sim.stateBytes(); }
    std::unique_ptr<MarketRun> fork(Scenario edited) const override;

    Simulation& simulation() noexcept { return m_sim; }
    const Simulation& simulation() const noexcept { return m_sim; }

private:
    explicit SimulationRun(const Simulation& from)
        : m_sim(from)
    {
    }
    SimulationRun(const Simulation& at, Scenario edited)
        : m_sim(at, std::move(edited))
    {
    }
    Simulation m_sim;
};

// A run of the scenario under its rules (scenario.rules). Throws std::invalid_argument naming every problem
// validateScenario() finds.
std::unique_ptr<MarketRun> makeRun(Scenario scenario);

} // namespace haggle
