// The posted-price market (see postedprice.h).
#include "postedprice.h"

#include "marketstate.h"
#include "shoutmarket.h"

#include <cmath>
#include <limits>

namespace haggle {

void PostedPrice::clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers)
{
    ShoutMarket market(state, settlement);
    const std::vector<AgentIndex> providers = market.sellers();
    m_posted.assign(state.size(), std::numeric_limits<double>::quiet_NaN());
    std::vector<AgentIndex> posting;
    for (AgentIndex s : providers) {
        if (const auto price = market.ask(s, NoAgent)) {
            m_posted[s] = *price;
            posting.push_back(s);
        }
    }
    std::vector<AgentIndex> order(buyers.begin(), buyers.end());
    state.rng().shuffle(order);
    for (AgentIndex b : order) {
        const AgentIndex cheapest = market.cheapestVisited(b, posting, m_posted, m_visits);
        if (cheapest == NoAgent)
            continue;
        const auto limit = market.bid(b, cheapest);
        if (limit && *limit >= m_posted[cheapest])
            market.trade(b, cheapest, m_posted[cheapest], b);
    }
}

KindInfo PostedPrice::kind()
{
    return { "posted-price",
        "Providers post a price each round; each buyer compares a few and takes the cheapest if it is worth it",
        { { "visits", 3, 1, 10000, "Providers a buyer compares before it buys", "providers", ParameterType::Integer } },
        { LimitPrices } };
}

} // namespace haggle
