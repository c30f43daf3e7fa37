// Gossip (see gossip.h).
#include "gossip.h"

#include "marketstate.h"

#include <algorithm>

namespace haggle {

Gossip::Gossip(const GossipSettings& settings)
    : m_settings(settings)
{
}

void Gossip::collectTellers(const MarketState& state)
{
    if (m_slotOf.size() != state.size())
        m_slotOf.assign(state.size(), 0);
    m_tellerCount = 0;
    const auto tell = [this](AgentIndex teller, AgentIndex partner) {
        std::size_t& slot = m_slotOf[teller];
        if (slot == 0) {
            if (m_tellerCount == m_tellers.size())
                m_tellers.emplace_back();
            m_tellers[m_tellerCount].agent = teller;
            m_tellers[m_tellerCount].partners.clear();
            slot = ++m_tellerCount;
        }
        auto& partners = m_tellers[slot - 1].partners;
        if (std::find(partners.begin(), partners.end(), partner) == partners.end())
            partners.push_back(partner);
    };
    for (const auto& deal : state.events().deals) {
        tell(deal.buyer, deal.seller);
        tell(deal.seller, deal.buyer);
    }
}

void Gossip::spread(MarketState& state)
{
    if (!enabled() || state.size() < 2)
        return;
    collectTellers(state);
    const auto population = state.size();
    for (std::size_t t = 0; t < m_tellerCount; ++t) {
        const Teller& teller = m_tellers[t];
        m_slotOf[teller.agent] = 0; // ready for the next round
        if (!state.rng().bernoulli(m_settings.probability))
            continue;
        for (int f = 0; f < m_settings.fanout; ++f) {
            // Uniform among the others: an index below population - 1, moved past the teller.
            auto listener = static_cast<AgentIndex>(state.rng().below(population - 1));
            if (listener >= teller.agent)
                ++listener;
            for (AgentIndex subject : teller.partners) {
                if (subject == listener)
                    continue;
                const double reported = state.reportOf(teller.agent, subject);
                if (!m_settings.shares(reported))
                    continue;
                Message m;
                m.type = MessageType::Gossip;
                m.from = teller.agent;
                m.to = listener;
                m.subject = subject;
                m.reputation = reported;
                state.recordMessage(m);
                state.events().reputationChanges.push_back(
                    state.reputation().recordReport(listener, subject, reported, teller.agent));
            }
        }
    }
}

} // namespace haggle
