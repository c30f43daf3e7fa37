// The auction mechanisms' shared parts (see shoutmarket.h).
#include "shoutmarket.h"

#include "agreement.h"
#include "marketstate.h"
#include "settlement.h"

#include <algorithm>
#include <cassert>

namespace haggle {

std::vector<AgentIndex> ShoutMarket::sellers() const
{
    std::vector<AgentIndex> result;
    for (AgentIndex i = 0; i < m_state.size(); ++i) {
        if (!m_state.absent(i) && m_state.agent(i).available().units() > 0.0)
            result.push_back(i);
    }
    return result;
}

bool ShoutMarket::canSupply(AgentIndex seller, AgentIndex buyer) const noexcept
{
    return seller != buyer && m_state.agent(seller).available().covers(m_state.agent(buyer).need());
}

AgentIndex ShoutMarket::cheapestVisited(
    AgentIndex buyer, std::span<const AgentIndex> offering, std::span<const double> prices, int visits)
{
    m_able.clear();
    for (AgentIndex s : offering) {
        if (canSupply(s, buyer))
            m_able.push_back(s);
    }
    AgentIndex cheapest = NoAgent;
    if (m_able.empty())
        return cheapest;
    for (AgentIndex s : m_state.rng().sample(m_able, static_cast<std::size_t>(visits))) {
        if (cheapest == NoAgent || prices[s] < prices[cheapest])
            cheapest = s;
    }
    return cheapest;
}

ShoutView ShoutMarket::viewFor(AgentIndex agent, Side side) const
{
    const Agent& a = m_state.agent(agent);
    ShoutView v;
    v.side = side;
    v.round = m_state.round();
    v.self = agent;
    v.resources = side == Side::Buyer ? a.need() : a.available();
    v.budget = a.budget();
    v.urgency = a.urgency();
    v.reservation = m_state.reservationOf(agent, side);
    return v;
}

void ShoutMarket::record(
    MessageType type, AgentIndex from, AgentIndex to, const ResourceBundle& resources, double total)
{
    if (!m_state.recordsMessages())
        return;
    Message m;
    m.type = type;
    m.from = from;
    m.to = to;
    m.resources = resources;
    m.price = total;
    m_state.recordMessage(m);
}

std::optional<double> ShoutMarket::bid(
    AgentIndex buyer, AgentIndex to, std::optional<double> bestBid, std::optional<double> bestAsk)
{
    ShoutView v = viewFor(buyer, Side::Buyer);
    v.bestBid = bestBid;
    v.bestAsk = bestAsk;
    std::optional<double> price = m_state.strategy(buyer).limitPrice(v, m_state.rng());
    const double referenceValue = v.resources.value(m_state.market().referencePrices);
    if (!price || !(referenceValue > 0.0))
        return std::nullopt;
    price = std::min(*price, std::max(0.0, v.budget) / referenceValue); // no bid beyond what the budget pays
    record(MessageType::Bid, buyer, to, v.resources, *price * referenceValue);
    return price;
}

std::optional<double> ShoutMarket::ask(
    AgentIndex seller, AgentIndex to, std::optional<double> bestBid, std::optional<double> bestAsk)
{
    ShoutView v = viewFor(seller, Side::Seller);
    v.bestBid = bestBid;
    v.bestAsk = bestAsk;
    const std::optional<double> price = m_state.strategy(seller).limitPrice(v, m_state.rng());
    if (price)
        record(MessageType::Ask, seller, to, v.resources, *price * v.resources.value(m_state.market().referencePrices));
    return price;
}

bool ShoutMarket::trade(AgentIndex buyer, AgentIndex seller, double unitPrice, AgentIndex taker)
{
    return deliver({ buyer, seller, m_state.agent(buyer).need(), unitPrice, false, false, taker }).delivered;
}

double ShoutMarket::referenceValue(const ResourceBundle& resources) const noexcept
{
    return resources.value(m_state.market().referencePrices);
}

SettledAgreement ShoutMarket::deliver(const Delivery& d)
{
    const double price = d.unitPrice * referenceValue(d.resources);
    const std::uint64_t id = m_state.nextNegotiationId();
    if (d.taker != NoAgent) {
        Message accept;
        accept.type = MessageType::Accept;
        accept.from = d.taker;
        accept.to = d.taker == d.buyer ? d.seller : d.buyer;
        accept.negotiation = id;
        accept.resources = d.resources;
        accept.price = price;
        m_state.recordMessage(accept);
    }
    NegotiationRecord record;
    record.id = id;
    record.round = m_state.round();
    record.buyer = d.buyer;
    record.seller = d.seller;
    record.resources = d.resources;
    record.outcome = NegotiationOutcome::Accepted;
    record.price = price;
    record.unitPrice = d.unitPrice;
    m_state.events().negotiations.push_back(record);

    auto agreement
        = Agreement::bilateral(id, m_state.round(), d.buyer, d.seller, d.resources, price, d.unitPrice, d.sourcing, 0);
    agreement.escrowed = d.escrowed;
    agreement.idle = d.idle;
    assert(m_settlement.accepts(agreement));
    return m_settlement.settle(m_state, agreement);
}

void ShoutMarket::end(AgentIndex from, AgentIndex to, const ResourceBundle& resources, MessageReason reason)
{
    Message m;
    m.type = MessageType::Reject;
    m.from = from;
    m.to = to;
    m.resources = resources;
    m.reason = reason;
    m_state.recordMessage(m);
}

} // namespace haggle
