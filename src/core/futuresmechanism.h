// The "futures" mechanism: a spot market (a continuous double auction, doubleauction.h) beside a futures market, where
// traders buy and sell compute for delivery `horizon` rounds later at a price agreed now (Agreement::deliveryRound).
//
// The scenario's opening contracts (Scenario::futures) are booked as the first round starts: their buyers pay into the
// escrow then. A round, in order:
//   1. Forecasts: each agent's forecast of its own need of each resource is smoothed with this round's need
//      (forecast = smoothing x need + (1 - smoothing) x forecast).
//   2. Delivery: every contract due this round is delivered, in the order made, as a spot agreement paid from the
//      escrow (the buyer paid the price when it traded) and settled by the scenario's settlement: the seller leases the
//      bundle to the buyer for the round, unless it defaults (its strategy's draw) or no longer has the capacity. A
//      defaulting seller pays the buyer `penalty` x the price (the price back and a compensation), as far as its budget
//      goes, and the buyer's view of it falls as for any default. A hedger's need this round shrinks by what was
//      delivered, and runs its job on it (a buyer with no need of that resource this round holds it idle); a
//      speculator (an arbitrageur) holds it to resell.
//   3. Spot: the double auction over the needs left.
//   4. The spot forecast: for each resource, the smoothed mean unit price of this round's spot trades in it.
//   5. Futures: one order book per resource, for delivery in round r + horizon. Every trader shouts once, in a random
//      order, limit prices from its strategy (protocol LimitPrices, ShoutView::forward = horizon, with the spot
//      forecast): a hedger bids for `hedge` x its forecast need, a provider asks for `hedge` x its holdings, a
//      speculator bids for `position` units of each resource the market has a spot forecast for. A bid buys from the
//      best asks at or below it whose sellers the buyer rates at least `min_trust` (defaults are tied to reputation:
//      a seller that defaulted before finds fewer buyers), at the standing price, partly if need be; what is left
//      stands. The books are emptied at the round's end. The buyer pays the price into the escrow at once (a bid
//      never asks for more than its budget pays for).
// What it carries from round to round: the open contracts and their escrow, and the forecasts.
#pragma once

#include "agreement.h"
#include "catalog.h"
#include "doubleauction.h"
#include "mechanism.h"
#include "orderbook.h"
#include "resources.h"

#include <array>
#include <optional>
#include <span>
#include <vector>

namespace haggle {

class ShoutMarket;

class FuturesMechanism final : public Mechanism {
public:
    struct Settings {
        int horizon = 5; // rounds from a contract's trade to its delivery
        int passes = 10; // the spot double auction's
        double hedge = 0.5; // share of its forecast need a hedger buys forward, of its holdings a provider sells
        double penalty = 1.5; // what a defaulting seller pays back, as a multiple of the price
        double minTrust = 0.3; // a buyer buys forward only from sellers it rates at least this
        double smoothing = 0.3; // the forecasts' weight on the newest round
        double position = 2.0; // units of each resource a speculator bids for forward each round
    };

    static KindInfo kind();

    FuturesMechanism(); // the default settings
    explicit FuturesMechanism(const Settings& settings)
        : m_settings(settings)
        , m_spot(settings.passes)
    {
    }

    std::string_view name() const noexcept override { return "futures"; }
    std::unique_ptr<Mechanism> clone() const override { return std::make_unique<FuturesMechanism>(*this); }
    void clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers) override;
    double heldFunds() const noexcept override; // the open contracts' escrow
    void closeAll(MarketState& state) override;
    std::uint64_t stateDigest() const noexcept override;
    const OrderBook* book() const noexcept override { return m_spot.book(); }

    const Settings& settings() const noexcept { return m_settings; }
    // The contracts traded and not yet delivered, in the order made.
    std::span<const Agreement> openContracts() const noexcept { return m_open; }
    // Their units of compute (open interest).
    double openInterest() const noexcept override;
    std::optional<double> spotForecast(ResourceKind kind) const noexcept
    {
        return m_spotForecast[static_cast<std::size_t>(kind)];
    }
    // The mean unit price of the last round's spot trades in the resource (none: it had none).
    std::optional<double> lastSpotPrice(ResourceKind kind) const noexcept
    {
        return m_lastSpot[static_cast<std::size_t>(kind)];
    }
    // A futures book as the last round left it before it was emptied.
    const OrderBook& futuresBook(ResourceKind kind) const noexcept { return m_books[static_cast<std::size_t>(kind)]; }

private:
    void bookOpeningContracts(MarketState& state);
    void deliverDue(MarketState& state, ShoutMarket& market);
    void observeSpot(MarketState& state, std::size_t firstSpotDeal);
    void tradeForward(MarketState& state);
    // A contract of `quantity` units of the resource at the unit price; the buyer pays it into the escrow.
    void contract(MarketState& state, AgentIndex buyer, AgentIndex seller, ResourceKind kind, double quantity,
        double unitPrice, AgentIndex taker);

    Settings m_settings;
    bool m_opened = false; // the scenario's opening contracts are booked
    DoubleAuction m_spot;
    std::vector<Agreement> m_open;
    std::array<std::optional<double>, ResourceKindCount> m_spotForecast;
    std::array<std::optional<double>, ResourceKindCount> m_lastSpot; // what the last round's spot trades paid
    std::vector<std::array<double, ResourceKindCount>> m_needForecast; // per agent
    std::array<OrderBook, ResourceKindCount> m_books;
};

} // namespace haggle
