// The market's state during a run, and the one owner of agent state: the agents, the peer index that mirrors their
// capacity, the reputation model, the generator, the round, and the event sink a round's parts write to.
//
// Every part of a round (demand, the mechanism, the settlement, the collector) is handed the MarketState and changes
// agents only through the changes named here, which keep the peer index in step. Nothing else holds an Agent it can
// change.
#pragma once

#include "agent.h"
#include "events.h"
#include "peerindex.h"
#include "prefetch.h"
#include "reputation.h"
#include "rng.h"
#include "scenario.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace haggle {

class MarketState {
public:
    // The agents, the reputation model and the generator of a validated scenario, at round 0.
    MarketState(const Scenario& scenario, std::unique_ptr<ReputationModel> reputation);
    MarketState(const MarketState& other);
    MarketState& operator=(const MarketState&) = delete;
    ~MarketState();

    // --- Reading -----------------------------------------------------------------------------------------------
    std::size_t size() const noexcept { return m_agents.size(); }
    const std::vector<Agent>& agents() const noexcept { return m_agents; }
    const Agent& agent(AgentIndex i) const noexcept { return m_agents[i]; }
    // An agent's strategy, to ask it a decision (which may change the strategy's own state, as learning does).
    Strategy& strategy(AgentIndex i) noexcept { return m_agents[i].strategy(); }
    const PeerIndex& peers() const noexcept { return m_peers; }
    ReputationModel& reputation() noexcept { return *m_reputation; }
    const ReputationModel& reputation() const noexcept { return *m_reputation; }
    Rng& rng() noexcept { return m_rng; }
    const Rng& rng() const noexcept { return m_rng; }
    const MarketSettings& market() const noexcept { return m_market; }
    int round() const noexcept { return m_round; } // the round being played, or the last one played
    std::uint64_t lastNegotiationId() const noexcept { return m_lastNegotiationId; }
    std::uint64_t nextNegotiationId() noexcept { return ++m_lastNegotiationId; }
    // What leasing out compute costs agent i per unit of reference value (agents[].unit_cost; 0 for most agents).
    double unitCostOf(AgentIndex i) const noexcept { return m_unitCosts.empty() ? 0.0 : m_unitCosts[i]; }
    // What compute is worth to agent i as a buyer per unit of reference value: the job it runs pays
    // job_value x (1 + urgency).
    double unitValueOf(AgentIndex i) const noexcept { return m_market.jobValue * (1.0 + m_agents[i].urgency()); }
    // Its reservation unit price on a side: its unit value as a buyer, its unit cost as a seller.
    double reservationOf(AgentIndex i, Side side) const noexcept
    {
        return side == Side::Buyer ? unitValueOf(i) : unitCostOf(i);
    }
    // A seller's market rate: 1 + loadPremium x its demand pressure (the reference value of the requests it has had
    // this round over its capacity, capped at 2). It sees only its own inbox: the price signal stays decentralized.
    double marketRateOf(AgentIndex seller) const noexcept;

    // --- The event sink ----------------------------------------------------------------------------------------
    RoundEvents& events() noexcept { return m_events; }
    const RoundEvents& events() const noexcept { return m_events; }
    bool recordsMessages() const noexcept { return m_recordMessages; }
    void setRecordMessages(bool on) noexcept { m_recordMessages = on; }
    void recordMessage(const Message& message)
    {
        if (m_recordMessages)
            m_events.messages.push_back(message);
    }
    // Where the mechanism may append its messages directly (null when messages are not kept).
    std::vector<Message>* messageLog() noexcept { return m_recordMessages ? &m_events.messages : nullptr; }
    std::size_t dealHistoryLimit() const noexcept { return m_historyLimit; }
    void setDealHistoryLimit(std::size_t limit) noexcept { m_historyLimit = limit; }
    // Each agent's history keeps at most its newest `keep` deals (until more are recorded).
    void trimDealHistories(std::size_t keep)
    {
        for (Agent& a : m_agents)
            a.trimHistory(keep);
    }

    // --- Changes -----------------------------------------------------------------------------------------------
    // A new round starts: the round counter moves on and the event sink is emptied.
    void beginRound();
    void addNeed(AgentIndex i, const ResourceBundle& need) noexcept { m_agents[i].addNeed(need); }
    void clearNeed(AgentIndex i) noexcept { m_agents[i].clearNeed(); }
    // The seller received a REQUEST for compute worth `referenceValue` (its load rises; see marketRateOf()).
    void noteRequest(AgentIndex seller, double referenceValue)
    {
        Agent& a = m_agents[seller];
        if (a.requestedValue() == 0.0)
            m_requested.push_back(seller);
        a.addRequestedValue(referenceValue);
    }
    // The lessor leases the resources to the lessee until endRoundFor() of both.
    void lease(AgentIndex lessor, AgentIndex lessee, const ResourceBundle& resources) noexcept
    {
        m_agents[lessor].leaseOut(resources);
        m_agents[lessee].leaseIn(resources);
        m_peers.refresh(lessor, m_agents[lessor]);
        m_peers.refresh(lessee, m_agents[lessee]);
    }
    // Agent i uses compute it leased (its job runs on it, or it stands reserved for one): no longer available to lease
    // on this round.
    void useLeased(AgentIndex i, const ResourceBundle& resources) noexcept
    {
        m_agents[i].leaseOut(resources);
        m_peers.refresh(i, m_agents[i]);
    }
    void pay(AgentIndex payer, AgentIndex payee, double amount) noexcept
    {
        m_agents[payer].adjustBudget(-amount);
        m_agents[payee].adjustBudget(amount);
    }
    // Money from outside the market: a job's payment.
    void credit(AgentIndex i, double amount) noexcept { m_agents[i].adjustBudget(amount); }
    // Money out of the market: what running leased-out compute cost its seller (unitCostOf()).
    void debit(AgentIndex i, double amount) noexcept { m_agents[i].adjustBudget(-amount); }
    void setCostBasis(AgentIndex i, double unitPrice) noexcept { m_agents[i].setCostBasis(unitPrice); }
    void recordDeal(AgentIndex i, const DealEntry& entry) { m_agents[i].recordDeal(entry, m_historyLimit); }
    // Agent i's round is over: its leases are back, its load and cost basis forgotten.
    void endRoundFor(AgentIndex i) noexcept
    {
        m_agents[i].endRound();
        m_peers.refresh(i, m_agents[i]);
    }
    // endRoundFor() every agent asked for compute this round.
    void endRequests() noexcept;

    // --- Strategies, rings and identities -------------------------------------------------------------------------
    // The colluding ring agent i belongs to (Strategy::ring()), 0 for none; whether two agents share one.
    int ringOf(AgentIndex i) const noexcept { return m_rings.empty() ? 0 : m_rings[i]; }
    bool sameRing(AgentIndex a, AgentIndex b) const noexcept
    {
        const int ring = ringOf(a);
        return ring != 0 && ring == ringOf(b);
    }
    // What the witness tells a peer about the subject (a query's answer, gossip): its own view, as its strategy
    // reports it (a colluder vouches for its ring).
    double reportOf(AgentIndex witness, AgentIndex subject) const
    {
        return m_agents[witness].strategy().report(m_reputation->view(witness, subject), sameRing(witness, subject));
    }
    // Agents whose strategies may leave and rejoin under a new identity (Strategy::wantsNewIdentity()), in index order.
    const std::vector<AgentIndex>& identityChangers() const noexcept { return m_identityChangers; }
    // Agent i plays this strategy from now on (a scenario event: a cheater injected mid-run); recorded in events().
    void setStrategy(AgentIndex i, std::unique_ptr<Strategy> strategy);
    // The language model LLM negotiators ask (Strategy::useLanguageModel()), now and in strategies set later; null
    // disconnects them. Copies of the state share it.
    void setLanguageModel(std::shared_ptr<LanguageModel> model);
    const std::shared_ptr<LanguageModel>& languageModel() const noexcept { return m_languageModel; }
    // Agent i leaves and rejoins under a new identity: every peer's view of it is a stranger's again, its deals so far
    // stay its own; recorded in events().
    void rejoin(AgentIndex i);

    // --- Coalitions (the scenario's coalitions section; coalitionmechanism.h)
    // -----------------------------------------
    struct Cartel {
        std::vector<AgentIndex> members;
        std::vector<double> shares; // one per member; empty: the split rule divides what the cartel earns

        // A member's share (0 for an agent that is not one).
        double shareOf(AgentIndex agent) const noexcept
        {
            for (std::size_t k = 0; k < members.size() && k < shares.size(); ++k) {
                if (members[k] == agent)
                    return shares[k];
            }
            return 0.0;
        }
    };
    SplitRule splitRule() const noexcept { return m_splitRule; }
    int cartelCount() const noexcept { return static_cast<int>(m_cartels.size()); }
    // Cartel c, from 1 to cartelCount().
    const Cartel& cartel(int c) const noexcept { return m_cartels[static_cast<std::size_t>(c - 1)]; }
    // The cartel agent i belongs to, 0 for none.
    int cartelOf(AgentIndex i) const noexcept { return m_cartelOf.empty() ? 0 : m_cartelOf[i]; }
    // The futures the scenario opens the run with (Scenario::futures), for the futures mechanism to book.
    struct OpeningContract {
        AgentIndex buyer = NoAgent;
        AgentIndex seller = NoAgent;
        ResourceBundle resources; // one resource's units
        double unitPrice = 0.0;
        int deliveryRound = 1;
    };
    const std::vector<OpeningContract>& openingContracts() const noexcept { return m_openingContracts; }

    // --- A fork's edits (Simulation's fork constructor) --------------------------------------------------------------
    void setMarket(const MarketSettings& market) noexcept { m_market = market; }
    // Another reputation model, for the same population (reset to it).
    void replaceReputation(std::unique_ptr<ReputationModel> model);

    // --- Scenario events (scenarioevents.h) -----------------------------------------------------------------------
    // The round's reference prices (a price shock; the simulation sets them at each round's start).
    void setReferencePrices(const ReferencePrices& prices) noexcept { m_market.referencePrices = prices; }
    // Whether agent i is absent this round (not joined yet, or left): it neither buys nor sells.
    bool absent(AgentIndex i) const noexcept { return !m_absent.empty() && m_absent[i] != 0; }
    bool anyAbsent() const noexcept { return !m_absentNow.empty(); }
    // Agent i is absent (or present again) from now on; no peer finds an absent agent as a seller.
    void setAbsent(AgentIndex i, bool absent);
    // Part of agent i's capacity is offline for this round (an outage): it cannot lease it out. At most what it has
    // available; back at the round's end.
    void takeOffline(AgentIndex i, const ResourceBundle& resources);
    // Every view of agent i is a stranger's again (it keeps its own views of others).
    void forgetReputation(AgentIndex i) { m_reputation->forget(i); }
    // Every view of everyone is a stranger's again.
    void resetReputation() { m_reputation->reset(m_agents.size()); }

    // --- Hints (no effect on results) --------------------------------------------------------------------------
    // Agent i's round state is read soon (its first three cache lines: see Agent's layout).
    void prefetchAgent(AgentIndex i) const noexcept
    {
        const auto* p = reinterpret_cast<const char*>(&m_agents[i]);
        prefetchMemory(p);
        prefetchMemory(p + 64);
        prefetchMemory(p + 128);
    }
    // A deal of agent i is recorded soon: the end of its deal history, where the entry goes, and the line its last
    // byte falls in (worked out as an integer: it may lie past a full vector's block, and a pointer may not).
    void prefetchHistoryEnd(AgentIndex i) const noexcept
    {
        if (m_historyLimit == 0)
            return;
        const DealEntry* end = m_agents[i].historyEnd();
        prefetchMemory(end);
        prefetchMemory(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(end) + sizeof(DealEntry) - 1));
    }

private:
    // Agent i's strategy is new: its ring and whether it may change identity follow.
    void noteStrategy(AgentIndex i);

    MarketSettings m_market;
    std::vector<Agent> m_agents;
    PeerIndex m_peers;
    std::unique_ptr<ReputationModel> m_reputation;
    Rng m_rng;
    int m_round = 0;
    std::uint64_t m_lastNegotiationId = 0;
    bool m_recordMessages = true;
    std::size_t m_historyLimit = HistoryLimit;
    std::vector<AgentIndex> m_requested; // sellers asked for compute this round (their load to reset)
    std::vector<AgentIndex> m_offline; // agents with capacity offline this round (to give back at its end)
    std::vector<std::uint8_t> m_absent; // per agent, whether absent; empty while nobody ever was
    std::vector<AgentIndex> m_absentNow; // the absent agents, in the order they left
    std::vector<int> m_rings; // per agent, its ring; empty while nobody is in one
    std::vector<double> m_unitCosts; // per agent, its unit cost; empty while every cost is 0
    std::shared_ptr<LanguageModel> m_languageModel;
    std::vector<AgentIndex> m_identityChangers;
    SplitRule m_splitRule = SplitRule::Proportional;
    std::vector<Cartel> m_cartels;
    std::vector<int> m_cartelOf; // per agent, its cartel from 1; empty while there is none
    std::vector<OpeningContract> m_openingContracts;
    RoundEvents m_events;
};

} // namespace haggle
