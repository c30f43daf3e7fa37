// The futures mechanism (see futuresmechanism.h).
#include "futuresmechanism.h"

#include "digest.h"
#include "marketstate.h"
#include "shoutmarket.h"

#include <algorithm>

namespace haggle {

namespace {

constexpr double Tiny = 1e-9; // units of compute below this are nothing

constexpr std::array<ResourceKind, ResourceKindCount> Kinds { ResourceKind::Gpu, ResourceKind::Cpu,
    ResourceKind::Memory };

// The one resource a contract is for.
ResourceKind kindOf(const ResourceBundle& bundle) noexcept
{
    for (const ResourceKind k : Kinds) {
        if (bundle[k] > 0.0)
            return k;
    }
    return ResourceKind::Gpu;
}

} // namespace

FuturesMechanism::FuturesMechanism()
    : FuturesMechanism(Settings {})
{
}

void FuturesMechanism::clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers)
{
    ShoutMarket market(state, settlement);
    if (!m_opened)
        bookOpeningContracts(state);
    // 1. Forecasts of need.
    const double a = m_settings.smoothing;
    m_needForecast.resize(state.size(), std::array<double, ResourceKindCount> {});
    for (std::size_t i = 0; i < state.size(); ++i) {
        const ResourceBundle& need = state.agent(static_cast<AgentIndex>(i)).need();
        for (const ResourceKind k : Kinds) {
            double& f = m_needForecast[i][static_cast<std::size_t>(k)];
            f = a * need[k] + (1.0 - a) * f;
        }
    }
    // 2. Delivery.
    deliverDue(state, market);
    // 3. Spot, over the needs left.
    std::vector<AgentIndex> left;
    left.reserve(buyers.size());
    for (const AgentIndex b : buyers) {
        if (state.agent(b).need().units() > Tiny)
            left.push_back(b);
    }
    const std::size_t firstSpotDeal = state.events().deals.size();
    m_spot.clear(state, settlement, left);
    // 4. The spot forecast.
    observeSpot(state, firstSpotDeal);
    // 5. Futures.
    tradeForward(state);
}

void FuturesMechanism::bookOpeningContracts(MarketState& state)
{
    m_opened = true;
    for (const MarketState::OpeningContract& spec : state.openingContracts()) {
        const double price = spec.unitPrice * spec.resources.value(state.market().referencePrices);
        const std::uint64_t id = state.nextNegotiationId();
        Agreement c = Agreement::bilateral(id, 0, spec.buyer, spec.seller, spec.resources, price, spec.unitPrice,
            state.strategy(spec.buyer).speculates(), 0);
        c.deliveryRound = spec.deliveryRound;
        c.escrowed = true;
        state.debit(spec.buyer, price);
        m_open.push_back(c);
        state.events().futures.push_back({ FuturesRecord::Kind::Traded, id, 0, c.deliveryRound, spec.buyer, spec.seller,
            spec.resources, spec.unitPrice, price, 0.0 });
    }
}

void FuturesMechanism::deliverDue(MarketState& state, ShoutMarket& market)
{
    const int round = state.round();
    std::vector<Agreement> kept;
    kept.reserve(m_open.size());
    for (const Agreement& c : m_open) {
        if (c.deliveryRound > round) {
            kept.push_back(c);
            continue;
        }
        const AgentIndex buyer = c.buyer();
        const AgentIndex seller = c.seller();
        const ResourceKind kind = kindOf(c.resources);
        FuturesRecord record { FuturesRecord::Kind::Delivered, c.id, round, c.deliveryRound, buyer, seller, c.resources,
            c.unitPrice, c.price, 0.0 };
        // The escrow hands the price back to the buyer; a delivery moves it on to the seller.
        state.credit(buyer, c.price);
        const double sellerFunds = std::max(0.0, state.agent(seller).budget());
        if (state.absent(buyer)) {
            record.kind = FuturesRecord::Kind::Defaulted; // the buyer left: the contract lapses, nobody's fault
        } else if (state.absent(seller) || !state.agent(seller).available().covers(c.resources)) {
            // The seller no longer has the capacity: a default with no lease, the compensation from its budget.
            record.kind = FuturesRecord::Kind::Defaulted;
            record.compensation = std::min((m_settings.penalty - 1.0) * c.price, sellerFunds);
            state.pay(seller, buyer, record.compensation);
            market.end(seller, buyer, c.resources, MessageReason::NoCapacity);
            state.events().defaults.push_back({ c.id, round, seller, buyer, MessageReason::DeliveryWithheld, c.price });
            state.events().reputationChanges.push_back(state.reputation().recordDeal(buyer, seller, false));
        } else {
            const bool idle = !c.sourcing && state.agent(buyer).need()[kind] <= Tiny;
            const SettledAgreement done
                = market.deliver({ buyer, seller, c.resources, c.unitPrice, true, idle, NoAgent, c.sourcing });
            record.settled = true;
            if (!done.delivered) {
                // It took the price and withheld the compute: it pays back the penalty's multiple of the price.
                record.kind = FuturesRecord::Kind::Defaulted;
                const double back = std::min(m_settings.penalty * c.price, std::max(0.0, state.agent(seller).budget()));
                state.pay(seller, buyer, back);
                record.compensation = back - c.price;
            } else if (!c.sourcing && !idle) {
                ResourceBundle need = state.agent(buyer).need();
                need[kind] = std::max(0.0, need[kind] - c.resources[kind]);
                state.clearNeed(buyer);
                state.addNeed(buyer, need);
            }
        }
        state.events().futures.push_back(record);
    }
    m_open = std::move(kept);
}

void FuturesMechanism::observeSpot(MarketState& state, std::size_t firstSpotDeal)
{
    std::array<double, ResourceKindCount> sum {}, count {};
    const auto& deals = state.events().deals;
    for (std::size_t i = firstSpotDeal; i < deals.size(); ++i) {
        for (const ResourceKind k : Kinds) {
            if (deals[i].resources[k] > Tiny) {
                sum[static_cast<std::size_t>(k)] += deals[i].unitPrice;
                count[static_cast<std::size_t>(k)] += 1.0;
            }
        }
    }
    const double a = m_settings.smoothing;
    for (std::size_t k = 0; k < ResourceKindCount; ++k) {
        m_lastSpot[k].reset();
        if (count[k] == 0.0)
            continue;
        const double mean = sum[k] / count[k];
        m_lastSpot[k] = mean;
        m_spotForecast[k] = m_spotForecast[k] ? a * mean + (1.0 - a) * *m_spotForecast[k] : mean;
    }
}

void FuturesMechanism::tradeForward(MarketState& state)
{
    struct Shout {
        AgentIndex agent;
        Side side;
        ResourceKind kind;
        double quantity;
    };
    std::vector<Shout> shouts;
    for (std::size_t i = 0; i < state.size(); ++i) {
        const auto agent = static_cast<AgentIndex>(i);
        if (state.absent(agent))
            continue;
        const bool speculator = state.strategy(agent).speculates();
        for (const ResourceKind k : Kinds) {
            const auto ki = static_cast<std::size_t>(k);
            if (speculator) {
                if (m_spotForecast[ki] && m_settings.position > Tiny)
                    shouts.push_back({ agent, Side::Buyer, k, m_settings.position });
                continue;
            }
            const double need = m_settings.hedge * m_needForecast[i][ki];
            if (need > Tiny)
                shouts.push_back({ agent, Side::Buyer, k, need });
            const double supply = m_settings.hedge * state.agent(agent).holdings()[k];
            if (supply > Tiny)
                shouts.push_back({ agent, Side::Seller, k, supply });
        }
    }
    for (OrderBook& book : m_books)
        book.clear();
    if (shouts.empty())
        return;
    state.rng().shuffle(shouts);
    const ReferencePrices& prices = state.market().referencePrices;
    const auto trusts = [&](AgentIndex buyer, AgentIndex seller) {
        return buyer != seller && !state.absent(buyer) && !state.absent(seller)
            && state.reputation().view(buyer, seller) >= m_settings.minTrust;
    };
    for (const Shout& s : shouts) {
        OrderBook& book = m_books[static_cast<std::size_t>(s.kind)];
        const Agent& self = state.agent(s.agent);
        const double perUnit = prices[s.kind];
        ShoutView view;
        view.side = s.side;
        view.round = state.round();
        view.self = s.agent;
        view.resources[s.kind] = s.quantity;
        view.budget = self.budget();
        view.urgency = self.urgency();
        view.reservation = state.reservationOf(s.agent, s.side);
        view.bestBid = book.bestBid();
        view.bestAsk = book.bestAsk();
        view.forward = m_settings.horizon;
        view.spotForecast = m_spotForecast[static_cast<std::size_t>(s.kind)];
        std::optional<double> price = state.strategy(s.agent).limitPrice(view, state.rng());
        if (!price || *price < 0.0)
            continue;
        double left = s.quantity;
        if (s.side == Side::Buyer) {
            price = std::min(*price, std::max(0.0, self.budget()) / (s.quantity * perUnit)); // what its budget pays
            if (!(*price > 0.0))
                continue;
            while (left > Tiny) {
                const auto* ask = book.matchBid(*price, [&](AgentIndex seller) { return trusts(s.agent, seller); });
                if (!ask)
                    break;
                const AgentIndex seller = ask->trader;
                const double at = ask->price;
                const double q = std::min(left, ask->quantity);
                if (ask->quantity - q > Tiny)
                    book.setAskQuantity(seller, ask->quantity - q);
                else
                    book.cancelAsk(seller);
                contract(state, s.agent, seller, s.kind, q, at, s.agent);
                left -= q;
            }
            if (left > Tiny)
                book.placeBid(s.agent, *price, left);
            else
                book.cancelBid(s.agent);
            continue;
        }
        while (left > Tiny) {
            const auto* bid = book.matchAsk(*price, [&](AgentIndex buyer) { return trusts(buyer, s.agent); });
            if (!bid)
                break;
            const AgentIndex buyer = bid->trader;
            const double at = bid->price;
            // A standing bid fits the budget its buyer had when it shouted: it buys what it can still pay for.
            const double affordable = at > 0.0 ? std::max(0.0, state.agent(buyer).budget()) / (at * perUnit) : left;
            const double q = std::min({ left, bid->quantity, affordable });
            const double stillWanted = std::min(bid->quantity, affordable) - q;
            if (stillWanted > Tiny)
                book.setBidQuantity(buyer, stillWanted);
            else
                book.cancelBid(buyer);
            if (q > Tiny) {
                contract(state, buyer, s.agent, s.kind, q, at, s.agent);
                left -= q;
            }
        }
        if (left > Tiny)
            book.placeAsk(s.agent, *price, left);
        else
            book.cancelAsk(s.agent);
    }
}

void FuturesMechanism::contract(MarketState& state, AgentIndex buyer, AgentIndex seller, ResourceKind kind,
    double quantity, double unitPrice, AgentIndex taker)
{
    ResourceBundle bundle;
    bundle[kind] = quantity;
    const double price = unitPrice * bundle.value(state.market().referencePrices);
    const int round = state.round();
    const std::uint64_t id = state.nextNegotiationId();
    Agreement c = Agreement::bilateral(
        id, round, buyer, seller, bundle, price, unitPrice, state.strategy(buyer).speculates(), 0);
    c.deliveryRound = round + m_settings.horizon;
    c.escrowed = true;
    state.debit(buyer, price);
    m_open.push_back(c);
    Message accept;
    accept.type = MessageType::Accept;
    accept.from = taker;
    accept.to = taker == buyer ? seller : buyer;
    accept.negotiation = id;
    accept.resources = bundle;
    accept.price = price;
    state.recordMessage(accept);
    state.events().futures.push_back(
        { FuturesRecord::Kind::Traded, id, round, c.deliveryRound, buyer, seller, bundle, unitPrice, price, 0.0 });
}

double FuturesMechanism::openInterest() const noexcept
{
    double units = 0.0;
    for (const Agreement& c : m_open)
        units += c.resources.units();
    return units;
}

double FuturesMechanism::heldFunds() const noexcept
{
    double held = 0.0;
    for (const Agreement& c : m_open)
        held += c.price;
    return held;
}

void FuturesMechanism::closeAll(MarketState& state)
{
    for (const Agreement& c : m_open)
        state.credit(c.buyer(), c.price);
    m_open.clear();
}

std::uint64_t FuturesMechanism::stateDigest() const noexcept
{
    Fnv1a h;
    h.add(static_cast<std::uint64_t>(m_opened));
    for (const Agreement& c : m_open) {
        h.add(c.id);
        h.add(static_cast<std::uint64_t>(c.buyer()));
        h.add(static_cast<std::uint64_t>(c.seller()));
        h.add(c.resources);
        h.add(c.price);
        h.add(static_cast<std::uint64_t>(c.deliveryRound));
        h.add(static_cast<std::uint64_t>(c.sourcing));
    }
    for (const auto& f : m_spotForecast)
        h.add(f ? *f : -1.0);
    for (const auto& agent : m_needForecast) {
        for (const double f : agent)
            h.add(f);
    }
    return h.value();
}

KindInfo FuturesMechanism::kind()
{
    return { "futures",
        "A spot double auction beside futures books: compute bought and sold now for delivery rounds later, paid into "
        "escrow, delivered or defaulted on at its round",
        {
            { "horizon", 5, 1, 1000, "Rounds from a futures trade to its delivery", "rounds", ParameterType::Integer },
            { "passes", 10, 1, 1000, "Times each trader may shout on the spot book in a round", "shouts",
                ParameterType::Integer },
            { "hedge", 0.5, 0.0, 1.0,
                "Share of its forecast need a buyer buys forward (and of its holdings a provider sells forward)",
                "share" },
            { "penalty", 1.5, 1.0, 10.0, "What a defaulting seller pays back, as a multiple of the price", "x price" },
            { "min_trust", 0.3, 0.0, 1.0, "A buyer buys forward only from sellers it rates at least this",
                "reputation" },
            { "smoothing", 0.3, 0.01, 1.0, "Weight of the newest round in the need and spot price forecasts", "share" },
            { "position", 2.0, 0.0, 1e6, "Units of each resource an arbitrageur bids for forward each round", "units" },
        },
        { LimitPrices } };
}

} // namespace haggle
