// The prototype's market (docs/prototype-rules.md, "Market"): each buyer asks one seller drawn at random, they
// exchange messages for at most maxTurns turns, and an agreed deal is executed at once: ownership of the bundle
// moves to the buyer, the price to the seller, and both record the deal in their ledgers.
//
// The parts of the round, as the prototype's simulators combine them:
//   mechanism  - one random partner per buyer (choice() on the Python generator), alternating messages, the final
//                ACCEPT or REJECT not delivered (negotiate());
//   settlement - transfer of ownership; a deal that cannot be carried out is blamed on the seller by the buyer
//                alone; with cheaters marked, one draw per agreed deal involving a cheater decides whether it cheats
//                (execute());
//   reputation - each agent's own ledger, +0.1 for a fulfilled deal and -0.3 for a broken one, optionally gossiped
//                after the round (gossip());
//   futures    - contracts paid now and delivered later (createContract(), settleContracts()).
#pragma once

#include "protoagent.h"
#include "pyrandom.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace haggle::prototype {

struct NegotiationResult {
    int buyer = 0;
    int seller = 0;
    bool agreed = false; // after execution
    Resource resource; // the bundle agreed (the buyer's need); empty without agreement
    double price = 0.0;
    int rounds = 0; // turns taken
    bool cheated = false; // the trust settlement drew a cheat
    bool executionFailed = false; // agreed, but the seller lacked the compute or the buyer the money
};

struct RoundMetrics {
    int negotiations = 0;
    int dealsMade = 0;
    double volume = 0.0;
    double currency = 0.0;
    double avgPricePerUnit = 0.0; // currency / volume, or 0
};

struct Contract {
    int seller = 0;
    int buyer = 0;
    Resource resource;
    double price = 0.0;
    int deliveryRound = 0;
    int created = 0;
    bool fulfilled = false;
    bool defaulted = false;
};

class Market {
public:
    // The agents in order (buyer order, seller lists and summaries follow it). `rng` is the run's generator, shared
    // with whoever draws needs; a seed reseeds it, as the prototype's Simulator(seed=...) does.
    Market(std::vector<Agent> agents, PyRandom& rng, int maxTurns = 6, std::optional<std::int64_t> seed = {});

    std::vector<Agent>& agents() noexcept { return m_agents; }
    const std::vector<Agent>& agents() const noexcept { return m_agents; }
    Agent& agent(int i) noexcept { return m_agents[static_cast<std::size_t>(i)]; }
    const Agent& agent(int i) const noexcept { return m_agents[static_cast<std::size_t>(i)]; }
    int indexOf(std::string_view id) const noexcept; // -1 if absent
    PyRandom& rng() noexcept { return *m_rng; }
    int round() const noexcept { return m_round; }
    int maxTurns() const noexcept { return m_maxTurns; }

    // The trust settlement: deals involving a marked agent draw whether it cheats.
    void markCheater(int i);
    bool isCheater(int i) const noexcept { return m_cheater[static_cast<std::size_t>(i)]; }
    int incidents() const noexcept { return m_incidents; }
    // Gossip after every round (the collaborative simulator).
    void setGossip(bool on) noexcept { m_gossip = on; }
    // Every message of every negotiation goes here, in order (null: none kept).
    void setMessageLog(std::vector<Message>* log) noexcept { m_log = log; }

    // One round: every agent with a need buys from one seller drawn among those without (everyone, if nobody is
    // without), in agent order.
    RoundMetrics runRound();
    // One round of the given (buyer, seller) pairs, in order: no draw at all.
    RoundMetrics runRound(std::span<const std::pair<int, int>> pairings);

    // The results of the last round, in order; the totals over all rounds.
    const std::vector<NegotiationResult>& lastResults() const noexcept { return m_roundResults; }
    int totalNegotiations() const noexcept { return m_totalNegotiations; }
    int totalDeals() const noexcept { return m_totalDeals; }

    // Futures: the buyer pays now; the seller delivers at deliveryRound or defaults (refunding 1.5x, as far as its
    // budget goes). settleContracts() settles those due by round(): (deliveries, defaults).
    void createContract(int seller, int buyer, const Resource& resource, double price, int deliveryRound);
    std::pair<int, int> settleContracts();
    const std::vector<Contract>& contracts() const noexcept { return m_contracts; }

    // The prototype's summary(): totals, then each agent's budget, holdings, deals and ledger.
    std::string summary() const;
    // A digest of everything that decides the future (generator, agents, strategies, ledgers, contracts).
    std::uint64_t stateHash() const noexcept;

private:
    void negotiate(int buyer, int seller, const Resource& need, NegotiationResult& result);
    void execute(NegotiationResult& result);
    void executeTransfer(NegotiationResult& result);
    RoundMetrics finishRound();
    void gossip();

    std::vector<Agent> m_agents;
    PyRandom* m_rng;
    int m_maxTurns;
    int m_round = 0;
    std::vector<char> m_cheater;
    int m_incidents = 0;
    bool m_gossip = false;
    std::vector<Message>* m_log = nullptr;
    std::vector<NegotiationResult> m_roundResults;
    int m_totalNegotiations = 0;
    int m_totalDeals = 0;
    std::vector<Contract> m_contracts;
    std::vector<int> m_sellers; // scratch
};

} // namespace haggle::prototype
