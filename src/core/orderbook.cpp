// The order book (see orderbook.h).
#include "orderbook.h"

#include <algorithm>

namespace haggle {

namespace {

void cancel(std::vector<OrderBook::Order>& side, AgentIndex trader) noexcept
{
    const auto at = std::find_if(side.begin(), side.end(), [trader](const auto& o) { return o.trader == trader; });
    if (at != side.end())
        side.erase(at);
}

} // namespace

void OrderBook::placeBid(AgentIndex trader, double price, double quantity)
{
    cancel(m_bids, trader);
    // After every bid at a higher or equal price: time priority among equals.
    const auto at
        = std::upper_bound(m_bids.begin(), m_bids.end(), price, [](double p, const Order& o) { return p > o.price; });
    m_bids.insert(at, { price, trader, m_sequence++, quantity });
}

void OrderBook::placeAsk(AgentIndex trader, double price, double quantity)
{
    cancel(m_asks, trader);
    const auto at
        = std::upper_bound(m_asks.begin(), m_asks.end(), price, [](double p, const Order& o) { return p < o.price; });
    m_asks.insert(at, { price, trader, m_sequence++, quantity });
}

void OrderBook::setAskQuantity(AgentIndex trader, double quantity) noexcept
{
    for (Order& o : m_asks) {
        if (o.trader == trader)
            o.quantity = quantity;
    }
}

void OrderBook::setBidQuantity(AgentIndex trader, double quantity) noexcept
{
    for (Order& o : m_bids) {
        if (o.trader == trader)
            o.quantity = quantity;
    }
}

void OrderBook::cancelBid(AgentIndex trader) noexcept
{
    cancel(m_bids, trader);
}

void OrderBook::cancelAsk(AgentIndex trader) noexcept
{
    cancel(m_asks, trader);
}

} // namespace haggle
