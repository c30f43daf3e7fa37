// The "double-auction" mechanism: a continuous double auction (the market of Gode and Sunder 1993, and of most
// exchanges) over an order book (orderbook.h).
//
// A round is up to `passes` passes. In each pass every trader still in the market shouts once, in a random order (one
// shuffle a pass): a buyer with an unmet need bids for it, a seller with compute available asks for it (limit prices,
// shoutmarket.h). A shout that meets the book trades at once, at the standing order's price: a bid at or above the
// lowest ask whose seller can supply the bid's need buys from that seller at its ask; an ask at or below the highest
// bid whose need the seller can supply sells to that buyer at its bid. Otherwise the shout stands on the book, in
// place of the trader's previous one. A served buyer leaves; a seller's ask stands for everything it has left, and it
// leaves when it has nothing left. The book is emptied at the round's end.
#pragma once

#include "catalog.h"
#include "mechanism.h"
#include "orderbook.h"
#include "strategy.h"

#include <cstdint>
#include <vector>

namespace haggle {

class DoubleAuction final : public Mechanism {
public:
    static KindInfo kind();

    explicit DoubleAuction(int passes = 10)
        : m_passes(passes)
    {
    }

    std::string_view name() const noexcept override { return "double-auction"; }
    std::unique_ptr<Mechanism> clone() const override { return std::make_unique<DoubleAuction>(*this); }
    void clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers) override;

    int passes() const noexcept { return m_passes; }
    // The book as the last round left it before it was emptied (the depth a chart draws).
    const OrderBook* book() const noexcept override { return &m_lastBook; }

private:
    struct Trader {
        AgentIndex agent;
        Side side;
    };

    int m_passes;
    OrderBook m_book;
    OrderBook m_lastBook;
    std::vector<Trader> m_traders; // this round's
    std::vector<Trader> m_order; // this pass's
    std::vector<std::uint8_t> m_buyerDone; // per agent
    std::vector<std::uint8_t> m_sellerDone;
};

} // namespace haggle
