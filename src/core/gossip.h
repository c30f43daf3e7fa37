// Gossip: the word after the round's deals. Agents that dealt this round share their views of this round's partners
// with peers drawn at random, who take them as witness reports (ReputationModel::recordReport() with the teller as
// witness).
//
//   for each agent that dealt this round, in the order of its first deal:
//       with probability p (GossipSettings::probability):
//           for each of `fanout` listeners drawn uniformly among the others:
//               for each of its partners this round (in deal order), other than the listener:
//                   if its report of the partner is below `below` (or `below` is 1):
//                   GOSSIP teller -> listener (subject: the partner; reputation: the teller's report of it)
//
// A teller reports its own view, or what its strategy says instead (a colluder vouches for its ring:
// MarketState::reportOf()); with GossipSettings::below under 1 it tells only warnings, reports below that level (the
// prototype's gossip shared views below 0.4). The draws do not depend on what is shared. With p = 0 nothing is drawn,
// so a run without gossip is exactly the run it was before gossip existed. Any reputation model takes reports; whether
// and how they move its views is the model's rule.
#pragma once

#include "message.h"
#include "reputation.h"

#include <cstddef>
#include <vector>

namespace haggle {

class MarketState;

class Gossip {
public:
    explicit Gossip(const GossipSettings& settings);

    bool enabled() const noexcept { return m_settings.probability > 0.0; }
    // Gossip about the round's deals (MarketState::events().deals), recording messages and reputation changes.
    void spread(MarketState& state);

private:
    struct Teller {
        AgentIndex agent = NoAgent;
        std::vector<AgentIndex> partners;
    };
    // The round's tellers and their partners, in the order of their first deal; kept to spare allocations.
    void collectTellers(const MarketState& state);

    GossipSettings m_settings;
    std::vector<Teller> m_tellers;
    std::size_t m_tellerCount = 0;
    std::vector<std::size_t> m_slotOf; // per agent, its teller's place + 1 this round (0: none yet)
};

} // namespace haggle
