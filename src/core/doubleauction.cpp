// The continuous double auction (see doubleauction.h).
#include "doubleauction.h"

#include "marketstate.h"
#include "shoutmarket.h"

#include <algorithm>

namespace haggle {

void DoubleAuction::clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers)
{
    ShoutMarket market(state, settlement);
    m_book.clear();
    m_traders.clear();
    for (AgentIndex b : buyers)
        m_traders.push_back({ b, Side::Buyer });
    for (AgentIndex s : market.sellers())
        m_traders.push_back({ s, Side::Seller });
    // Whether a trader has left the market: a buyer once it is served, a seller once it has nothing left.
    auto& buyerDone = m_buyerDone;
    auto& sellerDone = m_sellerDone;
    buyerDone.assign(state.size(), 0);
    sellerDone.assign(state.size(), 0);
    const auto left = [&](AgentIndex s) { return state.agent(s).available().units(); };
    const auto sellerLeaves = [&](AgentIndex s) {
        if (left(s) > 0.0) {
            m_book.setAskQuantity(s, left(s));
            return false;
        }
        sellerDone[s] = 1;
        m_book.cancelAsk(s);
        return true;
    };

    for (int pass = 0; pass < m_passes; ++pass) {
        m_order.clear();
        bool anyBuyer = false;
        bool anySeller = false;
        for (const Trader& t : m_traders) {
            if (t.side == Side::Buyer ? buyerDone[t.agent] : sellerDone[t.agent])
                continue;
            m_order.push_back(t);
            (t.side == Side::Buyer ? anyBuyer : anySeller) = true;
        }
        if (!anyBuyer || !anySeller)
            break;
        state.rng().shuffle(m_order);
        for (const Trader& t : m_order) {
            if (t.side == Side::Buyer) {
                const AgentIndex b = t.agent;
                if (buyerDone[b])
                    continue;
                const auto price = market.bid(b, NoAgent, m_book.bestBid(), m_book.bestAsk());
                if (!price)
                    continue;
                const auto* ask = m_book.matchBid(*price, [&](AgentIndex s) { return market.canSupply(s, b); });
                if (!ask) {
                    m_book.placeBid(b, *price, state.agent(b).need().units());
                    continue;
                }
                const AgentIndex s = ask->trader;
                const double at = ask->price;
                m_book.cancelBid(b);
                buyerDone[b] = 1;
                market.trade(b, s, at, b);
                sellerLeaves(s);
            } else {
                const AgentIndex s = t.agent;
                if (sellerDone[s])
                    continue;
                const auto price = market.ask(s, NoAgent, m_book.bestBid(), m_book.bestAsk());
                if (!price)
                    continue;
                const auto* bid = m_book.matchAsk(*price, [&](AgentIndex b) { return market.canSupply(s, b); });
                if (!bid) {
                    m_book.placeAsk(s, *price, left(s));
                    continue;
                }
                const AgentIndex b = bid->trader;
                const double at = bid->price;
                m_book.cancelBid(b);
                buyerDone[b] = 1;
                market.trade(b, s, at, s);
                if (!sellerLeaves(s))
                    m_book.placeAsk(s, *price, left(s)); // its ask stands for what it has left
            }
        }
    }
    m_lastBook = m_book;
    m_book.clear();
}

KindInfo DoubleAuction::kind()
{
    return { "double-auction",
        "Continuous double auction: bids and asks on an order book, a trade whenever a shout meets the standing quote",
        { { "passes", 10, 1, 1000, "Times each trader may shout in a round (a new shout replaces its standing one)",
            "shouts", ParameterType::Integer } },
        { LimitPrices } };
}

} // namespace haggle
