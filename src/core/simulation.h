// The round-based simulation: demand, partner choice, negotiation, settlement, reputation, and the per-round
// event stream and summary that observers receive.
//
// One round:
//   1. Demand: the active phase's rules (or the base rules) give each agent its need for the round.
//   2. Agents with a need act in a random order (one shuffle per round). Each makes one attempt per round:
//      - candidates: other agents that can supply the need now (spare capacity covers it) or are brokers, and that
//        the buyer's strategy accepts (the reputation-aware wrapper drops those below its threshold). With more
//        than 16 other agents, 16 distinct others are drawn at random first: an agent canvasses a handful of
//        peers, not the whole market, which keeps a round linear in the number of agents;
//      - the buyer's strategy picks one (by default with probability proportional to its reputation of each);
//      - a reputation-aware buyer first asks one random third agent about that seller (QUERY_REPUTATION,
//        REPUTATION_RESPONSE) and blends the answer into its own view; if the seller now falls below its
//        threshold it walks away;
//      - the two negotiate (negotiation.h). A broker without stock buys from a provider first. A seller's market
//        rate rises with the requests it has already received this round (MarketSettings::loadPremium).
//   3. Settlement of an agreement: each party draws whether it defaults (seller first). The seller leases the
//      compute to the buyer for the round (ALLOCATE) unless it defaults; the buyer pays unless it defaults. A
//      default is a DEFAULT message from the victim, lowers the victim's view of the defaulter and moves only one
//      side; otherwise both views rise. A buyer that gets the compute runs its job and is paid
//      job_value x reference value x (1 + urgency): this is where wealth comes from, and why a seeker gains by
//      trading.
//   4. End of round: every lease is RELEASEd (in reverse order), unmet needs are dropped, and the summary is
//      computed and sent to observers.
// Budgets change only by deal payments (zero-sum) and job payments (recorded as JobRecord); holdings never change.
#pragma once

#include "agent.h"
#include "events.h"
#include "prefetch.h"
#include "reputation.h"
#include "rng.h"
#include "scenario.h"

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
    Simulation& operator=(const Simulation&) = delete;
    ~Simulation();

    const Scenario& scenario() const noexcept { return m_scenario; }
    int round() const noexcept { return m_round; } // rounds completed so far
    bool finished() const noexcept { return m_round >= m_scenario.rounds; }

    // Play one round and return its summary. Rounds past scenario().rounds may still be played.
    const RoundSummary& step();
    // Play n rounds.
    void run(int n);
    // Play until scenario().rounds rounds are complete.
    void runToEnd();

    const std::vector<Agent>& agents() const noexcept { return m_agents; }
    const ReputationModel& reputation() const noexcept { return *m_reputation; }
    const RoundEvents& lastEvents() const noexcept { return m_events; }
    const RoundSummary& lastSummary() const noexcept { return m_summary; }

    // Observers are not owned; they are called after every round, in the order added.
    void addObserver(SimulationObserver* observer);
    void removeObserver(SimulationObserver* observer);

    // Keep every message of every negotiation in lastEvents() (on by default). Off, the messages are skipped;
    // negotiations, deals, defaults and the summary are unchanged.
    void setRecordMessages(bool on) noexcept { m_recordMessages = on; }
    bool recordMessages() const noexcept { return m_recordMessages; }
    // Each agent's Agent::history() keeps its newest `limit` deals (between limit and 2 x limit); 0 keeps none.
    // HistoryLimit by default. The model never reads the history (it is for inspecting an agent), so headless runs
    // that report from the event stream turn it off; deal counts and last-deal rounds are kept either way.
    void setDealHistoryLimit(std::size_t limit) noexcept { m_historyLimit = limit; }
    std::size_t dealHistoryLimit() const noexcept { return m_historyLimit; }

    // A 64-bit FNV-1a hash of the state that determines the future (round, generator, budgets, holdings, deal
    // counts, a digest of each reputation table). Equal hashes after equal rounds are what determinism tests compare.
    std::uint64_t stateHash() const;
    double totalBudget() const noexcept;
    ResourceBundle totalHoldings() const noexcept;

private:
    struct ResolvedRule {
        std::vector<AgentIndex> matching;
        std::optional<int> count;
        double probability = 1.0;
        ResourceBundle need;
    };
    struct Lease {
        AgentIndex lessor;
        AgentIndex lessee;
        ResourceBundle resources;
        std::uint64_t negotiation;
    };
    class Supply;
    // What a buyer's canvass reads of each peer, packed apart from the Agent objects so that sixteen random peers
    // cost sixteen cache lines rather than a few each (and no call through the strategy; whether a peer is a broker
    // is in m_peerFlags). `available` is always exactly Agent::available(), refreshed wherever a lease changes.
    struct PeerState {
        ResourceBundle available;
        Strategy* strategy = nullptr; // the agent's, so that a chosen seller's starts loading at once
    };
    // One byte a peer beside PeerState, small enough to stay in cache at a million agents: broker or not, and which
    // resources it has any of. A canvass rules most non-candidates out from it alone (a provider with none of a
    // resource the buyer needs cannot cover the need) and reads PeerState and the reputation table for the rest.
    enum PeerFlag : std::uint8_t { BrokerFlag = 1, HasGpu = 2, HasCpu = 4, HasMemory = 8 };
    static std::uint8_t positiveMask(const ResourceBundle& b) noexcept
    {
        return static_cast<std::uint8_t>(
            (b.gpu > 0.0 ? HasGpu : 0) | (b.cpu > 0.0 ? HasCpu : 0) | (b.memory > 0.0 ? HasMemory : 0));
    }
    void refreshAvailable(AgentIndex i) noexcept
    {
        PeerState& peer = m_peers[i];
        peer.available = m_agents[i].available();
        m_peerFlags[i] = static_cast<std::uint8_t>((m_peerFlags[i] & BrokerFlag) | positiveMask(peer.available));
    }
    // A hint that agent i's round state is read soon (its first three cache lines: see Agent's layout).
    void prefetchAgent(AgentIndex i) const noexcept
    {
        const auto* p = reinterpret_cast<const char*>(&m_agents[i]);
        prefetchMemory(p);
        prefetchMemory(p + 64);
        prefetchMemory(p + 128);
    }

    // A hint that a deal of agent i is recorded soon: the end of its deal history, where the entry goes, and the
    // line its last byte falls in (worked out as an integer: it may lie past a full vector's block, and a pointer may
    // not).
    void prefetchHistoryEnd(AgentIndex i) const noexcept
    {
        if (m_historyLimit == 0)
            return;
        const auto& history = m_agents[i].m_history;
        const DealEntry* end = history.data() + history.size();
        prefetchMemory(end);
        prefetchMemory(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(end) + sizeof(DealEntry) - 1));
    }

    std::vector<ResolvedRule> resolveRules(const std::vector<NeedRule>& rules) const;
    void assignNeeds();
    void attemptPurchase(AgentIndex buyer);
    const std::vector<PartnerCandidate>& candidatesFor(
        AgentIndex buyer, const ResourceBundle& need, AgentIndex exclude, bool sourcing, bool queries);
    // The third agent a query asks: drawn at random, neither the asker nor the subject.
    AgentIndex drawThirdAgent(Rng& rng, AgentIndex asker, AgentIndex subject) const noexcept;
    // A hint: loads what queryReputation(asker, subject) is about to read.
    void prefetchQuery(AgentIndex asker, AgentIndex subject) const noexcept;
    bool queryReputation(AgentIndex asker, AgentIndex subject, std::uint64_t negotiation);
    // Runs one negotiation and settles it; returns whether the buyer received the compute.
    bool trade(AgentIndex buyer, AgentIndex seller, const ResourceBundle& resources, bool sourcing, std::uint64_t id);
    bool sourceForBroker(AgentIndex broker, AgentIndex seeker, const ResourceBundle& resources);
    NegotiationView viewFor(AgentIndex self, AgentIndex partner, Side side, const ResourceBundle& resources) const;
    double marketRateOf(AgentIndex seller) const noexcept;
    void settle(const NegotiationRecord& record, bool sourcing);
    void releaseLeases();
    void summarize();
    void recordMessage(const Message& message);
    std::uint64_t nextNegotiationId() noexcept { return ++m_lastNegotiationId; }

    Scenario m_scenario;
    std::vector<Agent> m_agents;
    std::vector<PeerState> m_peers;
    std::vector<std::uint8_t> m_peerFlags; // PeerFlag bits, kept with m_peers by refreshAvailable()
    std::unique_ptr<ReputationModel> m_reputation;
    Rng m_rng;
    int m_round = 0;
    std::uint64_t m_lastNegotiationId = 0;
    bool m_recordMessages = true;
    std::size_t m_historyLimit = HistoryLimit;
    std::vector<ResolvedRule> m_baseRules;
    std::vector<std::vector<ResolvedRule>> m_phaseRules;
    std::vector<Lease> m_leases;
    std::vector<AgentIndex> m_buyers; // this round's agents with a need, in index order, from assignNeeds()
    std::vector<AgentIndex> m_order; // the same in the order they act this round
    std::vector<AgentIndex> m_requested; // sellers asked for compute this round (their requested value to reset)
    std::vector<PartnerCandidate> m_candidates;
    RoundEvents m_events;
    RoundSummary m_summary;
    std::vector<SimulationObserver*> m_observers;
};

} // namespace haggle
