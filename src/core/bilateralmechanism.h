// The "bilateral" mechanism: each buyer canvasses peers, picks a seller and negotiates with it by alternating offers.
//
// Agents with a need act in a random order (one shuffle per round), each making one attempt a round:
//   - it canvasses peers for candidates (canvass.h) and its strategy picks one (by default with probability
//     proportional to its reputation of each);
//   - a reputation-aware buyer first asks one random third agent about that seller (QUERY_REPUTATION,
//     REPUTATION_RESPONSE) and blends the answer into its own view; if the seller now falls below its threshold it
//     walks away;
//   - the two negotiate (negotiation.h), at most max_turns proposals. A broker without stock buys from a provider
//     first (a purchase of its own, the same way). A seller's market rate rises with the requests it has already
//     received this round (MarketSettings::loadPremium).
// An agreement goes to the settlement at once, so later negotiations of the round see the capacity it took.
#pragma once

#include "canvass.h"
#include "catalog.h"
#include "mechanism.h"

#include <vector>

namespace haggle {

class Settlement;
struct NegotiationView;

class BilateralMechanism final : public Mechanism {
public:
    static KindInfo kind();

    explicit BilateralMechanism(int maxTurns = 6)
        : m_maxTurns(maxTurns)
    {
    }

    std::string_view name() const noexcept override { return "bilateral"; }
    std::unique_ptr<Mechanism> clone() const override { return std::make_unique<BilateralMechanism>(*this); }
    void clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers) override;

    int maxTurns() const noexcept { return m_maxTurns; }
    // What `self` sees negotiating over these resources with `partner` on this side (the coalition mechanism's
    // providers too).
    static NegotiationView viewFor(
        const MarketState& state, AgentIndex self, AgentIndex partner, Side side, const ResourceBundle& resources);

private:
    class Supply;
    struct Market {
        MarketState& state;
        Settlement& settlement;
    };
    void attemptPurchase(Market& market, AgentIndex buyer);
    bool sourceForBroker(Market& market, AgentIndex broker, AgentIndex seeker, const ResourceBundle& resources);
    // A hint: loads what queryReputation(asker, subject) is about to read.
    void prefetchQuery(const MarketState& state, AgentIndex asker, AgentIndex subject) const noexcept;
    bool queryReputation(MarketState& state, AgentIndex asker, AgentIndex subject, std::uint64_t negotiation);
    // Runs one negotiation and settles an agreement; returns whether the buyer received the compute.
    bool trade(Market& market, AgentIndex buyer, AgentIndex seller, const ResourceBundle& resources, bool sourcing,
        std::uint64_t id);

    int m_maxTurns;
    Canvass m_canvass;
    std::vector<AgentIndex> m_order; // this round's buyers in the order they act
};

} // namespace haggle
