// A buyer's canvass: the peers it considers as sellers for a need, each with the buyer's own view of it.
//
// A candidate can supply the need now (its spare capacity covers it) or is a broker (unless the buyer is a broker
// sourcing: brokers buy from providers), and the buyer's strategy accepts it at the buyer's view of it (the
// reputation-aware wrapper drops those below its threshold). With more than 16 other agents, 16 distinct others are
// drawn at random first: an agent canvasses a handful of peers, not the whole market, which keeps a round linear in
// the number of agents.
#pragma once

#include "strategy.h"

#include <vector>

namespace haggle {

class MarketState;

class Canvass {
public:
    static constexpr std::size_t PoolSize = 16;

    // The buyer's candidates for the need, never `exclude`. The list is reused: read it before the next call (a
    // broker's purchase inside a negotiation canvasses again). `queries`: the buyer will ask a third agent about the
    // one it picks (see thirdAgent()), whose table this starts loading.
    const std::vector<PartnerCandidate>& candidates(MarketState& state, AgentIndex buyer, const ResourceBundle& need,
        AgentIndex exclude, bool sourcing, bool queries);

    // The third agent a reputation query asks: drawn at random, neither the asker nor the subject.
    static AgentIndex thirdAgent(Rng& rng, std::size_t population, AgentIndex asker, AgentIndex subject) noexcept;

private:
    std::vector<PartnerCandidate> m_candidates;
};

} // namespace haggle
