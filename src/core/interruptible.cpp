// On-demand and interruptible instances (see interruptible.h).
#include "interruptible.h"

#include "digest.h"
#include "marketstate.h"
#include "shoutmarket.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace haggle {

void Interruptible::clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers)
{
    ShoutMarket market(state, settlement);
    const auto needs = [&](AgentIndex i) { return state.agent(i).need().units() > 0.0; };
    if (m_onDemand.size() != state.size())
        m_onDemand.resize(state.size(), std::numeric_limits<double>::quiet_NaN());
    m_preemptions = 0;

    // 1. Instances no longer wanted.
    std::vector<Instance> kept;
    std::vector<std::uint8_t> renting(state.size(), 0);
    for (const Instance& i : m_instances) {
        if (state.absent(i.renter) || state.absent(i.provider) || !needs(i.renter)) {
            market.end(i.renter, i.provider, i.resources, MessageReason::Finished);
            continue;
        }
        kept.push_back(i);
    }
    m_instances = std::move(kept);

    // 2. On-demand instances.
    for (auto it = m_instances.begin(); it != m_instances.end();) {
        if (it->interruptible) {
            renting[it->renter] = 1;
            ++it;
            continue;
        }
        if (!state.agent(it->provider).available().covers(it->resources)) {
            market.end(it->provider, it->renter, it->resources, MessageReason::NoCapacity);
            it = m_instances.erase(it);
            continue;
        }
        renting[it->renter] = 1;
        if (!serve(market, *it, NoAgent))
            it = m_instances.erase(it);
        else
            ++it;
    }

    // 3. New renters. Providers fix their on-demand price the first round they offer compute.
    const std::vector<AgentIndex> providers = market.sellers();
    for (AgentIndex p : providers) {
        if (std::isnan(m_onDemand[p])) {
            if (const auto price = market.ask(p, NoAgent))
                m_onDemand[p] = *price;
        }
    }
    std::vector<AgentIndex> order;
    for (AgentIndex b : buyers) {
        if (!renting[b] && needs(b))
            order.push_back(b);
    }
    state.rng().shuffle(order);
    std::vector<AgentIndex> able;
    for (AgentIndex r : order) {
        const ResourceBundle& need = state.agent(r).need();
        able.clear();
        for (AgentIndex p : providers) {
            if (p != r && !std::isnan(m_onDemand[p]) && state.agent(p).holdings().covers(need))
                able.push_back(p);
        }
        if (able.empty())
            continue;
        const std::vector<AgentIndex> visited = state.rng().sample(able, static_cast<std::size_t>(m_visits));
        const auto bid = market.bid(r, NoAgent);
        if (!bid)
            continue;
        AgentIndex onDemand = NoAgent;
        AgentIndex cheapest = NoAgent;
        for (AgentIndex p : visited) {
            if (cheapest == NoAgent || m_onDemand[p] < m_onDemand[cheapest])
                cheapest = p;
            if (m_onDemand[p] <= *bid && market.canSupply(p, r)
                && (onDemand == NoAgent || m_onDemand[p] < m_onDemand[onDemand]))
                onDemand = p;
        }
        if (onDemand != NoAgent) {
            Instance i { r, onDemand, need, m_onDemand[onDemand], false, true, m_created++ };
            if (serve(market, i, onDemand))
                m_instances.push_back(i);
        } else if (*bid >= m_minBidShare * m_onDemand[cheapest]) {
            m_instances.push_back({ r, cheapest, need, *bid, true, false, m_created++ });
        }
    }

    // 4. Interruptible instances, by bid.
    std::vector<std::size_t> ranked;
    for (std::size_t k = 0; k < m_instances.size(); ++k) {
        if (m_instances[k].interruptible)
            ranked.push_back(k);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
        [&](std::size_t a, std::size_t b) { return m_instances[a].unitPrice > m_instances[b].unitPrice; });
    for (std::size_t k : ranked) {
        Instance& i = m_instances[k];
        const bool runs = state.agent(i.provider).available().covers(i.resources);
        if (runs) {
            i.ended = !serve(market, i, i.running ? NoAgent : i.provider);
        } else if (i.running) {
            market.end(i.provider, i.renter, i.resources, MessageReason::Preempted);
            ++m_preemptions;
        }
        i.running = runs;
        i.paused = runs ? 0 : i.paused + 1;
        if (i.paused >= m_patience)
            market.end(i.renter, i.provider, i.resources, MessageReason::Declined);
    }
    std::erase_if(
        m_instances, [&](const Instance& i) { return i.ended || (i.interruptible && i.paused >= m_patience); });
}

bool Interruptible::serve(ShoutMarket& market, const Instance& i, AgentIndex taker)
{
    MarketState& state = market.state();
    if (state.agent(i.renter).budget() < i.unitPrice * market.referenceValue(i.resources)) {
        market.end(i.provider, i.renter, i.resources, MessageReason::PaymentLate);
        return false;
    }
    const SettledAgreement done
        = market.deliver({ i.renter, i.provider, i.resources, i.unitPrice, false, false, taker });
    if (!done.delivered) {
        market.end(i.renter, i.provider, i.resources, MessageReason::DeliveryWithheld);
        return false;
    }
    if (!done.paid) {
        market.end(i.provider, i.renter, i.resources, MessageReason::PaymentLate);
        return false;
    }
    return true;
}

std::uint64_t Interruptible::stateDigest() const noexcept
{
    Fnv1a h;
    bool any = false;
    for (std::size_t p = 0; p < m_onDemand.size(); ++p) {
        if (!std::isnan(m_onDemand[p])) {
            h.add(static_cast<std::uint64_t>(p));
            h.add(m_onDemand[p]);
            any = true;
        }
    }
    for (const Instance& i : m_instances) {
        h.add(static_cast<std::uint64_t>(i.renter));
        h.add(static_cast<std::uint64_t>(i.provider));
        h.add(i.resources);
        h.add(i.unitPrice);
        h.add(static_cast<std::uint64_t>(i.interruptible) | (static_cast<std::uint64_t>(i.running) << 1));
        h.add(static_cast<std::uint64_t>(i.paused));
        any = true;
    }
    return any ? h.value() : 0;
}

KindInfo Interruptible::kind()
{
    return { "interruptible",
        "Vast-style: fixed on-demand prices beside interruptible instances, where the highest bids run and the "
        "rest are paused",
        {
            { "visits", 3, 1, 10000, "Providers a renter compares", "providers", ParameterType::Integer },
            { "min_bid_share", 0.5, 0, 1, "The least an interruptible bid may be, as a share of the on-demand price",
                "share" },
            { "patience", 3, 1, 1000, "Rounds in a row a paused instance waits before its renter bids anew", "rounds",
                ParameterType::Integer },
        },
        { LimitPrices } };
}

} // namespace haggle
