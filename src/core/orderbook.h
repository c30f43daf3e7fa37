// The order book of a continuous double auction (doubleauction.h): standing bids, best (highest) first, and standing
// asks, best (lowest) first, one order per trader. Performance code behind a name: two sorted arrays of small entries,
// so that a round's thousand shouts stay in a few cache lines' reach.
//
// Ties keep time priority: of two orders at one price the earlier stands first.
#pragma once

#include "message.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace haggle {

class OrderBook {
public:
    struct Order {
        double price = 0.0; // unit price
        AgentIndex trader = NoAgent;
        std::uint32_t sequence = 0; // arrival, for time priority
        double quantity = 0.0; // resource units: a buyer's need, what a seller has left (the book's depth)

        bool operator==(const Order&) const = default;
    };

    void clear() noexcept
    {
        m_bids.clear();
        m_asks.clear();
        m_sequence = 0;
    }
    // Places the trader's order at the price for the quantity, replacing its standing order on that side, if any.
    void placeBid(AgentIndex trader, double price, double quantity = 1.0);
    void placeAsk(AgentIndex trader, double price, double quantity = 1.0);
    // A standing ask now stands for less (its seller sold some), keeping its place.
    void setAskQuantity(AgentIndex trader, double quantity) noexcept;
    // A standing bid now stands for less (its buyer bought some), keeping its place.
    void setBidQuantity(AgentIndex trader, double quantity) noexcept;
    // Takes the trader's standing order off the book (nothing if it has none).
    void cancelBid(AgentIndex trader) noexcept;
    void cancelAsk(AgentIndex trader) noexcept;

    // Best first.
    std::span<const Order> bids() const noexcept { return m_bids; }
    std::span<const Order> asks() const noexcept { return m_asks; }
    std::optional<double> bestBid() const noexcept
    {
        return m_bids.empty() ? std::nullopt : std::optional<double>(m_bids.front().price);
    }
    std::optional<double> bestAsk() const noexcept
    {
        return m_asks.empty() ? std::nullopt : std::optional<double>(m_asks.front().price);
    }

    // The best ask at or below `price` that `fits(trader)` accepts (a seller able to supply), or nothing.
    template <typename Fits> const Order* matchBid(double price, Fits fits) const
    {
        for (const Order& o : m_asks) {
            if (o.price > price)
                break;
            if (fits(o.trader))
                return &o;
        }
        return nullptr;
    }
    // The best bid at or above `price` that `fits(trader)` accepts, or nothing.
    template <typename Fits> const Order* matchAsk(double price, Fits fits) const
    {
        for (const Order& o : m_bids) {
            if (o.price < price)
                break;
            if (fits(o.trader))
                return &o;
        }
        return nullptr;
    }

private:
    std::vector<Order> m_bids; // price descending, then sequence ascending
    std::vector<Order> m_asks; // price ascending, then sequence ascending
    std::uint32_t m_sequence = 0;
};

} // namespace haggle
