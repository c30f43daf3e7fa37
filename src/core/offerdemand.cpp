// The offer/demand market with agreements (see offerdemand.h).
#include "offerdemand.h"

#include "digest.h"
#include "marketstate.h"
#include "shoutmarket.h"

#include <cmath>
#include <limits>
#include <optional>

namespace haggle {

void OfferDemand::clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers)
{
    ShoutMarket market(state, settlement);
    const auto needs = [&](AgentIndex i) { return state.agent(i).need().units() > 0.0; };

    // 1. Standing agreements.
    std::vector<std::uint8_t> bound(state.size(), 0);
    std::vector<Agreement> kept;
    for (Agreement& a : m_agreements) {
        std::optional<std::pair<AgentIndex, MessageReason>> ends;
        if (state.absent(a.requestor) || state.absent(a.provider) || !needs(a.requestor))
            ends = { a.requestor, MessageReason::Finished };
        else if (!state.agent(a.provider).available().covers(a.resources))
            ends = { a.provider, MessageReason::NoCapacity };
        if (ends) {
            market.end(ends->first, ends->first == a.requestor ? a.provider : a.requestor, a.resources, ends->second);
            continue;
        }
        if (state.agent(a.requestor).budget() < a.unitPrice * market.referenceValue(a.resources)) {
            market.end(a.provider, a.requestor, a.resources, MessageReason::PaymentLate); // it cannot pay the bill
            continue;
        }
        const SettledAgreement done = market.deliver({ a.requestor, a.provider, a.resources, a.unitPrice });
        bound[a.requestor] = 1; // served, or cheated, this round: it does not look again until the next
        a.unpaid = done.paid ? 0 : a.unpaid + 1;
        if (!done.delivered) {
            market.end(a.requestor, a.provider, a.resources, MessageReason::DeliveryWithheld);
            continue;
        }
        if (a.unpaid >= m_paymentTimeout) {
            market.end(a.provider, a.requestor, a.resources, MessageReason::PaymentLate);
            continue;
        }
        kept.push_back(a);
    }
    m_agreements = std::move(kept);

    // 2. Offers.
    m_rates.assign(state.size(), std::numeric_limits<double>::quiet_NaN());
    std::vector<AgentIndex> offering;
    for (AgentIndex p : market.sellers()) {
        if (const auto rate = market.ask(p, NoAgent)) {
            m_rates[p] = *rate;
            offering.push_back(p);
        }
    }

    // 3. Demands.
    std::vector<AgentIndex> order;
    for (AgentIndex b : buyers) {
        if (!bound[b] && needs(b))
            order.push_back(b);
    }
    state.rng().shuffle(order);
    for (AgentIndex r : order) {
        const AgentIndex provider = market.cheapestVisited(r, offering, m_rates, m_candidates);
        if (provider == NoAgent)
            continue;
        const auto cap = market.bid(r, provider);
        if (!cap)
            continue;
        const ResourceBundle resources = state.agent(r).need();
        const double value = market.referenceValue(resources);
        double rate = m_rates[provider];
        Message m;
        m.from = r;
        m.to = provider;
        m.resources = resources;
        if (rate > *cap) {
            m.type = MessageType::Counter;
            m.price = *cap * value;
            state.recordMessage(m);
            const auto ask = market.ask(provider, r);
            if (!ask || *ask > *cap) {
                market.end(provider, r, resources, MessageReason::Declined);
                continue;
            }
            rate = *cap;
        }
        if (state.agent(r).budget() < m_startFee + rate * value)
            continue; // it cannot pay the start fee and a first round
        m.type = MessageType::Request; // the requestor proposes the agreement
        m.price = rate * value;
        state.recordMessage(m);
        state.pay(r, provider, m_startFee);
        const SettledAgreement done = market.deliver({ r, provider, resources, rate, false, false, provider });
        if (!done.delivered)
            market.end(r, provider, resources, MessageReason::DeliveryWithheld);
        else if (!done.paid && m_paymentTimeout <= 1)
            market.end(provider, r, resources, MessageReason::PaymentLate);
        else
            m_agreements.push_back({ r, provider, resources, rate, done.paid ? 0 : 1 });
    }
}

std::uint64_t OfferDemand::stateDigest() const noexcept
{
    if (m_agreements.empty())
        return 0;
    Fnv1a h;
    for (const Agreement& a : m_agreements) {
        h.add(static_cast<std::uint64_t>(a.requestor));
        h.add(static_cast<std::uint64_t>(a.provider));
        h.add(a.resources);
        h.add(a.unitPrice);
        h.add(static_cast<std::uint64_t>(a.unpaid));
    }
    return h.value();
}

KindInfo OfferDemand::kind()
{
    return { "offer-demand",
        "Golem-style: offers and capped demands, counter-proposals, agreements billed each round until the "
        "requestor is done or stops paying",
        {
            { "start_fee", 0.05, 0, 1e6, "What a requestor pays the provider when an agreement starts", "money" },
            { "candidates", 3, 1, 10000, "Offers a requestor compares", "offers", ParameterType::Integer },
            { "payment_timeout", 2, 1, 1000, "Unpaid bills in a row after which the provider terminates the agreement",
                "rounds", ParameterType::Integer },
        },
        { LimitPrices } };
}

} // namespace haggle
