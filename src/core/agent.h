// An agent's state during a simulation: identity, capacity, budget, urgency, this round's need, its strategy,
// its deal history and the leases it is part of this round.
//
// Holdings are capacity: an agent leases part of it to a buyer for one round (ALLOCATE) and gets it back at the
// round's end (RELEASE). Net worth = budget + holdings valued at the reference prices; leases do not change it.
// The agent's own reputation table is kept by the simulation's ReputationModel (indexed by this agent), so that
// models stay pluggable; Simulation::reputation().table(index) reads it.
#pragma once

#include "resources.h"
#include "strategy.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace haggle {

struct DealEntry {
    int round = 0;
    AgentIndex partner = NoAgent;
    Side side = Side::Buyer;
    ResourceBundle resources;
    double price = 0.0;
    bool fulfilled = true; // from this agent's point of view: the partner kept its side

    bool operator==(const DealEntry&) const = default;
};

inline constexpr std::size_t HistoryLimit = 1000;

class alignas(64) Agent {
public:
    Agent(std::string id, std::string role, std::unique_ptr<Strategy> strategy, ResourceBundle holdings, double budget,
        double urgency);
    Agent(const Agent& other);
    Agent& operator=(const Agent& other);
    Agent(Agent&&) noexcept = default;
    Agent& operator=(Agent&&) noexcept = default;
    ~Agent();

    const std::string& id() const noexcept { return m_id; }
    const std::string& role() const noexcept { return m_role; }
    // Which identity it trades under: 1 from the start, one more each time it leaves and rejoins as someone new.
    int identity() const noexcept { return m_identity; }
    const ResourceBundle& holdings() const noexcept { return m_holdings; }
    double budget() const noexcept { return m_budget; }
    double urgency() const noexcept { return m_urgency; }
    const ResourceBundle& need() const noexcept { return m_need; }
    const Strategy& strategy() const noexcept { return *m_strategy; }
    Strategy& strategy() noexcept { return *m_strategy; }
    // Its deals, oldest first: at least the newest HistoryLimit of them (Simulation::setDealHistoryLimit()), at most
    // twice that (older ones are dropped, so memory stays bounded however long a run lasts). dealCount() counts them
    // all.
    const std::vector<DealEntry>& history() const noexcept { return m_history; }
    int dealCount() const noexcept { return m_dealCount; }
    int lastDealRound() const noexcept { return m_lastDealRound; }

    double netWorth(const ReferencePrices& prices) const noexcept { return m_budget + m_holdings.value(prices); }
    // Capacity it can still lease out this round: own holdings plus what it leased in, minus what it leased out and
    // what its own jobs use (MarketState::useLeased(): a broker's stock is leased in and not used, so it can resell
    // it).
    ResourceBundle available() const noexcept { return m_holdings + m_leasedIn - m_leasedOut; }
    const ResourceBundle& leasedIn() const noexcept { return m_leasedIn; }
    const ResourceBundle& leasedOut() const noexcept { return m_leasedOut; }
    // A broker's cost for what it holds to resell this round (unit price), if any.
    const std::optional<double>& costBasis() const noexcept { return m_costBasis; }
    // Reference value of the REQUESTs it received this round (its load, see MarketSettings::loadPremium).
    double requestedValue() const noexcept { return m_requestedValue; }

    // Changes. Only MarketState makes them: the parts of a round are handed a MarketState, which gives them agents
    // to read and these changes by name, so no part reaches into an agent's state by itself.
    void addNeed(const ResourceBundle& need) noexcept { m_need += need; }
    void clearNeed() noexcept { m_need = {}; }
    void leaseOut(const ResourceBundle& resources) noexcept { m_leasedOut += resources; }
    void leaseIn(const ResourceBundle& resources) noexcept { m_leasedIn += resources; }
    void adjustBudget(double amount) noexcept { m_budget += amount; }
    void addRequestedValue(double value) noexcept { m_requestedValue += value; }
    void setCostBasis(double unitPrice) noexcept { m_costBasis = unitPrice; }
    void setStrategy(std::unique_ptr<Strategy> strategy) noexcept { m_strategy = std::move(strategy); }
    // It rejoins under a new identity in this round: a newcomer, with no deal yet under it.
    void startIdentity(int round) noexcept
    {
        ++m_identity;
        m_lastDealRound = round;
    }
    // Counts a deal of this round; keeps it in the history when historyLimit > 0, trimmed to the newest historyLimit
    // once it holds twice that (in halves, so amortised O(1) a deal: a million-round run's memory stays flat).
    void recordDeal(const DealEntry& entry, std::size_t historyLimit)
    {
        if (historyLimit > 0)
            m_history.push_back(entry);
        ++m_dealCount;
        m_lastDealRound = entry.round;
        if (historyLimit > 0 && m_history.size() >= 2 * historyLimit)
            m_history.erase(m_history.begin(), m_history.begin() + std::ptrdiff_t(historyLimit));
    }
    // The round is over: every lease is back and the round's requests and cost basis are forgotten. Reset exactly
    // rather than by subtraction, so no rounding of many += and -= is left behind.
    void endRound() noexcept
    {
        m_leasedIn = {};
        m_leasedOut = {};
        m_costBasis.reset();
        m_requestedValue = 0.0;
    }
    // Keeps at most the newest `keep` entries of the history, in memory sized to them.
    void trimHistory(std::size_t keep)
    {
        if (m_history.size() > keep)
            m_history.erase(m_history.begin(), m_history.end() - std::ptrdiff_t(keep));
        m_history.shrink_to_fit();
    }
    // Where the next history entry goes (for a prefetch hint; one past the last entry).
    const DealEntry* historyEnd() const noexcept { return m_history.data() + m_history.size(); }

private:
    // What a round reads of an agent comes first, so that a seller's part spans two cache lines (the Agent is aligned
    // to them): at a million agents every agent a negotiation touches is a miss in memory.
    std::unique_ptr<Strategy> m_strategy;
    double m_budget = 0.0;
    double m_urgency = 0.0;
    double m_requestedValue = 0.0; // reference value of the REQUESTs received this round
    std::optional<double> m_costBasis;
    int m_dealCount = 0;
    int m_lastDealRound = 0;
    ResourceBundle m_holdings;
    ResourceBundle m_leasedIn;
    ResourceBundle m_leasedOut;
    ResourceBundle m_need; // read of buyers only, which the round loop loads ahead
    std::vector<DealEntry> m_history;
    std::string m_id;
    std::string m_role;
    int m_identity = 1;
};

} // namespace haggle
