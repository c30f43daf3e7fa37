// A buyer's canvass (see canvass.h).
#include "canvass.h"

#include "marketstate.h"

#include <algorithm>
#include <span>

namespace haggle {

AgentIndex Canvass::thirdAgent(Rng& rng, std::size_t population, AgentIndex asker, AgentIndex subject) noexcept
{
    AgentIndex peer = asker;
    while (peer == asker || peer == subject)
        peer = static_cast<AgentIndex>(rng.below(population));
    return peer;
}

const std::vector<PartnerCandidate>& Canvass::candidates(
    MarketState& state, AgentIndex buyer, const ResourceBundle& need, AgentIndex exclude, bool sourcing, bool queries)
{
    const Strategy& strategy = state.agent(buyer).strategy();
    const PeerIndex& peers = state.peers();
    const ReputationModel& reputation = state.reputation();
    auto& candidates = m_candidates;
    candidates.clear();
    // Peer j, whom the buyer rates rep, if it is a candidate.
    const auto consider = [&](AgentIndex j, double rep) {
        const bool broker = peers.isBroker(j);
        if (sourcing && broker)
            return; // a broker sources from providers, not from other middlemen
        if (!broker && !peers[j].available.covers(need))
            return;
        if (!strategy.acceptsPartner(rep))
            return;
        candidates.push_back({ j, rep, broker });
    };
    const std::size_t n = state.size();
    if (n - 1 <= PoolSize) {
        for (AgentIndex j = 0; j < n; ++j) {
            if (j != buyer && j != exclude)
                consider(j, reputation.view(buyer, j));
        }
        return candidates;
    }
    // Draw distinct others; a short list of picks is cheaper than a set at this size. The generator is copied in and
    // back so that its state stays in registers through the sixteen draws.
    AgentIndex picked[PoolSize];
    std::size_t count = 0;
    Rng rng = state.rng();
    while (count < PoolSize) {
        const auto j = static_cast<AgentIndex>(rng.below(n));
        if (j == buyer || std::find(picked, picked + count, j) != picked + count)
            continue;
        picked[count++] = j;
        peers.prefetchFlags(j); // all sixteen in flight before the first is tested below
        // The buyer's view of each: loaded for peers the flags then turn down too, but started sooner.
        reputation.prefetch(buyer, j);
    }
    state.rng() = rng;
    // Peers the flags alone rule out are left out; the rest are read, their entries loaded first so that those loads
    // overlap instead of waiting in turn.
    const std::size_t kept = peers.keepPossibleSellers(picked, count, need, sourcing, exclude);
    const std::span<const AgentIndex> qualifying(picked, kept);
    // Each one's table header as well: the one picked is the seller, whose view of the buyer the negotiation reads and
    // updates, and its entry can only be found once the header is in. Likewise the third agent a querying buyer will
    // ask: drawn right after the partner choice, which draws once (a broker's may draw twice, and then this guess is
    // wrong, which costs a load and changes nothing).
    for (AgentIndex j : qualifying) {
        peers.prefetch(j);
        reputation.prefetchTable(j);
    }
    if (queries) {
        Rng ahead = state.rng();
        ahead.nextU64();
        reputation.prefetchTable(thirdAgent(ahead, n, buyer, NoAgent));
    }
    double reps[PoolSize];
    reputation.views(buyer, qualifying, reps);
    for (std::size_t k = 0; k < kept; ++k)
        consider(picked[k], reps[k]);
    return candidates;
}

} // namespace haggle
