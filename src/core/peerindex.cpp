// The peer index (see peerindex.h).
#include "peerindex.h"

#include "hugepages.h"

namespace haggle {

void PeerIndex::build(std::vector<Agent>& agents)
{
    // Reserved and advised before the first write: a large population's index starts on huge pages.
    m_peers.clear();
    m_peers.reserve(agents.size());
    adviseHugePages(m_peers.data(), m_peers.capacity() * sizeof(Peer));
    m_peers.resize(agents.size());
    m_flags.assign(agents.size(), 0);
    for (AgentIndex i = 0; i < agents.size(); ++i) {
        m_flags[i] = 0;
        restrategize(i, agents[i]);
    }
}

void PeerIndex::restrategize(AgentIndex i, Agent& agent) noexcept
{
    m_peers[i].strategy = &agent.strategy();
    const Strategy& strategy = agent.strategy();
    const bool absent = (m_flags[i] & AbsentFlag) != 0;
    m_flags[i] = static_cast<std::uint8_t>(
        (strategy.isBroker() ? BrokerFlag : 0) | (strategy.observesFailures() ? ObservesFailuresFlag : 0));
    setAbsent(i, agent, absent);
}

void PeerIndex::setAbsent(AgentIndex i, Agent& agent, bool absent) noexcept
{
    // An absent agent's flags say nothing but that: not a broker, no capacity (so keepPossibleSellers() drops it).
    if (absent) {
        m_flags[i] = AbsentFlag | (m_flags[i] & ObservesFailuresFlag);
        m_peers[i].available = {};
        return;
    }
    if (m_flags[i] & AbsentFlag) {
        m_flags[i] = 0;
        restrategize(i, agent);
        return;
    }
    refresh(i, agent);
}

} // namespace haggle
