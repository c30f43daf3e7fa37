// The peer index: what a buyer's canvass reads of each peer, kept apart from the Agent objects so that sixteen random
// peers cost sixteen cache lines rather than a few each, plus one byte of flags a peer that stays in cache even at a
// million agents. It is a copy of agent state for speed only: MarketState refreshes a peer whenever its capacity
// changes, so `available` is always exactly Agent::available(). Model code asks the rules of docs/model.md; this is
// where the canvass's memory layout and its hints live.
#pragma once

#include "agent.h"
#include "prefetch.h"

#include <cstdint>
#include <vector>

namespace haggle {

class PeerIndex {
public:
    struct Peer {
        ResourceBundle available; // Agent::available()
        Strategy* strategy = nullptr; // the agent's, so that a chosen seller's starts loading at once
    };

    // One entry per agent, for these agents (their strategies are pointed to: rebuild after copying the agents).
    void build(std::vector<Agent>& agents);

    const Peer& operator[](AgentIndex i) const noexcept { return m_peers[i]; }
    std::size_t size() const noexcept { return m_peers.size(); }
    bool isBroker(AgentIndex i) const noexcept { return (m_flags[i] & BrokerFlag) != 0; }
    // Strategy::observesFailures(), asked once.
    bool observesFailures(AgentIndex i) const noexcept { return (m_flags[i] & ObservesFailuresFlag) != 0; }

    // Agent i's strategy was replaced: its entry points to the new one, and the flags it gives follow.
    void restrategize(AgentIndex i, Agent& agent) noexcept;

    // Agent i is absent (a scenario event): no buyer finds it as a seller, whatever its capacity; or present again.
    void setAbsent(AgentIndex i, Agent& agent, bool absent) noexcept;

    // Agent i's capacity changed: its entry follows.
    void refresh(AgentIndex i, const Agent& agent) noexcept
    {
        Peer& peer = m_peers[i];
        if (m_flags[i] & AbsentFlag) [[unlikely]] {
            peer.available = {};
            return;
        }
        peer.available = agent.available();
        m_flags[i] = static_cast<std::uint8_t>((m_flags[i] & StrategyFlags) | resourceMask(peer.available));
    }

    // A necessary condition of being a candidate seller, from the flags alone: a broker (unless the buyer is a broker
    // sourcing, which buys from providers only), or a provider with some of every resource in the need, and not
    // `exclude`. Keeps those of `peers[0, count)` that pass, in order, at the front, and returns how many. Which peers
    // pass is random, so the list is compacted without a branch on it. The exact rule (capacity covering the need,
    // the buyer's trust) is the mechanism's; this only spares it the reads for peers that cannot qualify.
    std::size_t keepPossibleSellers(AgentIndex* peers, std::size_t count, const ResourceBundle& need, bool sourcing,
        AgentIndex exclude) const noexcept
    {
        const unsigned needed = resourceMask(need);
        const unsigned brokersPass = sourcing ? 0U : 1U;
        std::size_t kept = 0;
        for (std::size_t k = 0; k < count; ++k) {
            const AgentIndex j = peers[k];
            const unsigned flags = m_flags[j];
            const unsigned broker = flags & BrokerFlag;
            const unsigned covers = (needed & ~flags) == 0 ? 1U : 0U;
            const unsigned other = j != exclude ? 1U : 0U;
            peers[kept] = j;
            kept += ((broker & brokersPass) | (~broker & covers & 1U)) & other;
        }
        return kept;
    }

    // Hints (no effect on results): peer i's flags, and its entry, are read soon.
    void prefetchFlags(AgentIndex i) const noexcept { prefetchMemory(&m_flags[i]); }
    void prefetch(AgentIndex i) const noexcept { prefetchMemory(&m_peers[i]); }
    void prefetchStrategy(AgentIndex i) const noexcept { prefetchMemory(m_peers[i].strategy); }

private:
    enum Flag : std::uint8_t {
        BrokerFlag = 1,
        HasGpu = 2,
        HasCpu = 4,
        HasMemory = 8,
        ObservesFailuresFlag = 16,
        AbsentFlag = 32
    };
    static constexpr std::uint8_t StrategyFlags = BrokerFlag | ObservesFailuresFlag; // fixed while the strategy is
    static std::uint8_t resourceMask(const ResourceBundle& b) noexcept
    {
        return static_cast<std::uint8_t>(
            (b.gpu > 0.0 ? HasGpu : 0) | (b.cpu > 0.0 ? HasCpu : 0) | (b.memory > 0.0 ? HasMemory : 0));
    }

    std::vector<Peer> m_peers;
    std::vector<std::uint8_t> m_flags; // Flag bits, kept with m_peers by refresh()
};

} // namespace haggle
