// The sealed-bid auctions (see sealedbidauction.h).
#include "sealedbidauction.h"

#include "marketstate.h"
#include "shoutmarket.h"

#include <algorithm>

namespace haggle {

void SealedBidAuction::clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers)
{
    ShoutMarket market(state, settlement);
    std::vector<AgentIndex> providers = market.sellers();
    state.rng().shuffle(providers);
    std::vector<AgentIndex> waiting(buyers.begin(), buyers.end());
    std::vector<AgentIndex> eligible;
    std::vector<Bid> bids;
    for (AgentIndex s : providers) {
        if (waiting.empty())
            break;
        eligible.clear();
        for (AgentIndex b : waiting) {
            if (market.canSupply(s, b))
                eligible.push_back(b);
        }
        if (eligible.empty())
            continue;
        const std::vector<AgentIndex> invited = state.rng().sample(eligible, static_cast<std::size_t>(m_bidders));
        const auto reserve = market.ask(s, NoAgent);
        if (!reserve)
            continue;
        bids.clear();
        for (AgentIndex b : invited) {
            if (const auto price = market.bid(b, s))
                bids.push_back({ b, *price });
        }
        std::stable_sort(bids.begin(), bids.end(), [](const Bid& x, const Bid& y) { return x.price > y.price; });
        // Winners fit what is left of the provider's capacity after the higher winners' needs.
        ResourceBundle left = state.agent(s).available();
        const auto fits = [&](AgentIndex b) {
            const ResourceBundle& need = state.agent(b).need();
            if (!left.covers(need))
                return false;
            left -= need;
            return true;
        };
        for (const Award& a : award(m_pricing, bids, *reserve, fits)) {
            const AgentIndex b = bids[a.bid].buyer;
            market.trade(b, s, a.price, s);
            waiting.erase(std::find(waiting.begin(), waiting.end(), b));
        }
    }
}

namespace {

ParameterInfo biddersParameter()
{
    return { "bidders", 8, 1, 10000, "Buyers each provider invites to bid in its auction", "buyers",
        ParameterType::Integer };
}

} // namespace

KindInfo SealedBidAuction::firstPriceKind()
{
    return { "first-price",
        "Each provider runs a sealed-bid auction a round; the highest bids win and pay what they bid",
        { biddersParameter() }, { LimitPrices } };
}

KindInfo SealedBidAuction::vickreyKind()
{
    return { "vickrey",
        "Each provider runs a sealed-bid auction a round; the highest bids win and pay the highest losing bid "
        "(second price)",
        { biddersParameter() }, { LimitPrices } };
}

} // namespace haggle
