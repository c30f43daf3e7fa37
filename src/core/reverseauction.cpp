// The reverse auction with escrow (see reverseauction.h).
#include "reverseauction.h"

#include "digest.h"
#include "marketstate.h"
#include "shoutmarket.h"

#include <algorithm>
#include <optional>
#include <sstream>

namespace haggle {

namespace {

struct Bid {
    AgentIndex provider;
    double price; // unit price
};

struct Order {
    AgentIndex tenant;
    double maxPrice;
    std::vector<Bid> bids;
};

} // namespace

void ReverseAuction::clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers)
{
    ShoutMarket market(state, settlement);
    const int round = state.round();
    const auto needs = [&](AgentIndex i) { return state.agent(i).need().units() > 0.0; };

    // 1. Standing leases.
    std::vector<std::uint8_t> leased(state.size(), 0);
    std::vector<Lease> kept;
    for (Lease& lease : m_leases) {
        const double payment = lease.payment;
        std::optional<MessageReason> ends;
        lease.idle = needs(lease.tenant) ? 0 : lease.idle + 1;
        if (state.absent(lease.tenant) || state.absent(lease.provider)
            || (m_settings.idleRounds > 0 && lease.idle >= m_settings.idleRounds))
            ends = MessageReason::Finished;
        else if (lease.noticeEnds != 0 && round >= lease.noticeEnds)
            ends = MessageReason::Notice;
        else if (lease.escrow + 1e-12 < payment) {
            const double topUp = std::min(state.agent(lease.tenant).budget(), m_settings.escrowRounds * payment);
            if (m_settings.topUp && lease.escrow + topUp + 1e-12 >= payment) {
                state.debit(lease.tenant, topUp);
                lease.escrow += topUp;
            } else {
                ends = MessageReason::EscrowEmpty;
            }
        }
        if (!ends && !state.agent(lease.provider).available().covers(lease.resources))
            ends = MessageReason::NoCapacity; // the provider lost the capacity (an outage): it ends the lease
        if (ends) {
            market.end(
                *ends == MessageReason::Finished ? lease.tenant : lease.provider, lease.tenant, lease.resources, *ends);
            state.credit(lease.tenant, lease.escrow);
            // A lease that runs dry stops the job running on it: the tenant's round is lost, whatever it orders next.
            if (*ends == MessageReason::EscrowEmpty)
                leased[lease.tenant] = 1;
            continue;
        }
        // The escrow pays the round through the tenant's hands: the settlement moves it on to the provider.
        const double paid = std::min(payment, lease.escrow);
        lease.escrow -= paid;
        state.credit(lease.tenant, paid);
        const SettledAgreement done = market.deliver(
            { lease.tenant, lease.provider, lease.resources, lease.unitPrice, true, !needs(lease.tenant) });
        if (!done.delivered) { // the tenant leaves a provider that took the payment and delivered nothing
            market.end(lease.tenant, lease.provider, lease.resources, MessageReason::DeliveryWithheld);
            state.credit(lease.tenant, lease.escrow);
            continue;
        }
        leased[lease.tenant] = 1;
        if (lease.noticeEnds == 0
            && payment < state.unitCostOf(lease.provider) * market.referenceValue(lease.resources)) {
            lease.noticeEnds = round + m_settings.notice + 1;
            market.end(lease.provider, lease.tenant, lease.resources, MessageReason::Notice);
        }
        kept.push_back(lease);
    }
    m_leases = std::move(kept);

    // 2. Orders.
    std::vector<Order> orders;
    for (AgentIndex b : buyers) {
        if (leased[b] || !needs(b))
            continue;
        if (const auto max = market.bid(b, NoAgent))
            orders.push_back({ b, *max, {} });
    }
    if (orders.empty())
        return;

    // 3. Bids.
    std::vector<AgentIndex> providers = market.sellers();
    state.rng().shuffle(providers);
    for (AgentIndex p : providers) {
        std::optional<double> ask;
        for (Order& order : orders) {
            if (static_cast<int>(order.bids.size()) >= m_settings.bidCap || !market.canSupply(p, order.tenant))
                continue;
            if (m_settings.bidDeposit > 0.0 && state.agent(p).budget() < m_settings.bidDeposit)
                break;
            if (!ask && !(ask = market.ask(p, NoAgent)))
                break;
            if (*ask > order.maxPrice)
                continue;
            state.debit(p, m_settings.bidDeposit);
            order.bids.push_back({ p, *ask });
        }
    }

    // 4. Leases.
    for (Order& order : orders) {
        const AgentIndex t = order.tenant;
        const Bid* best = nullptr;
        double bestScore = 0.0;
        for (const Bid& bid : order.bids) {
            if (!market.canSupply(bid.provider, t))
                continue;
            const double score
                = bid.price * (1.0 + m_settings.reputationWeight * (1.0 - state.reputation().view(t, bid.provider)));
            if (!best || score < bestScore) {
                best = &bid;
                bestScore = score;
            }
        }
        for (const Bid& bid : order.bids)
            state.credit(bid.provider, m_settings.bidDeposit);
        if (!best)
            continue;
        const ResourceBundle resources = state.agent(t).need();
        const double payment = best->price * market.referenceValue(resources);
        const double deposit = std::min(state.agent(t).budget(), m_settings.escrowRounds * payment);
        if (deposit + 1e-12 < payment)
            continue;
        state.debit(t, deposit);
        Lease lease { t, best->provider, resources, best->price, payment, deposit - payment, 0 };
        state.credit(t, payment);
        if (market.deliver({ t, best->provider, resources, best->price, true, false, t }).delivered) {
            m_leases.push_back(lease);
        } else {
            market.end(t, best->provider, resources, MessageReason::DeliveryWithheld);
            state.credit(t, lease.escrow);
        }
    }
}

void ReverseAuction::closeAll(MarketState& state)
{
    for (const Lease& lease : m_leases)
        state.credit(lease.tenant, lease.escrow);
    m_leases.clear();
}

double ReverseAuction::heldFunds() const noexcept
{
    double held = 0.0;
    for (const Lease& lease : m_leases)
        held += lease.escrow;
    return held;
}

std::uint64_t ReverseAuction::stateDigest() const noexcept
{
    if (m_leases.empty())
        return 0;
    Fnv1a h;
    for (const Lease& lease : m_leases) {
        h.add(static_cast<std::uint64_t>(lease.tenant));
        h.add(static_cast<std::uint64_t>(lease.provider));
        h.add(lease.resources);
        h.add(lease.unitPrice);
        h.add(lease.payment);
        h.add(lease.escrow);
        h.add(static_cast<std::uint64_t>(lease.noticeEnds));
        h.add(static_cast<std::uint64_t>(lease.idle));
    }
    return h.value();
}

KindInfo ReverseAuction::kind()
{
    KindInfo info { "reverse-auction",
        "Akash-style: tenants post orders with a maximum price, providers bid under it, leases paid from escrow",
        {
            { "bid_cap", 20, 1, 500, "Bids an order takes at most", "bids", ParameterType::Integer },
            { "bid_deposit", 0.5, 0, 1e6, "Money a provider locks for each bid until the order closes", "money" },
            { "escrow_rounds", 5, 1, 10000, "Rounds of payment a tenant deposits in escrow (and tops up)", "rounds",
                ParameterType::Integer },
            { "top_up", 1, 0, 1, "Whether a tenant tops its escrow up when it runs low (0: the lease ends)", "",
                ParameterType::Boolean },
            { "notice", 2, 0, 1000, "Rounds of notice a provider gives before it ends a lease", "rounds",
                ParameterType::Integer },
            { "reputation_weight", 1, 0, 100,
                "How much a tenant's distrust of a provider weighs against its price (0: the cheapest bid wins)" },
            { "idle_rounds", 2, 0, 10000,
                "Rounds in a row without a need after which a tenant closes its lease (0: never)", "rounds",
                ParameterType::Integer },
        },
        { LimitPrices } };
    info.scenarioCheck = [](const Parameters& p, const Scenario& scenario) -> std::optional<SpecError> {
        // A provider that cannot lock one deposit can never bid.
        for (const AgentSpec& a : scenario.agents) {
            if (a.holdings.units() <= 0.0 || a.budget >= p["bid_deposit"])
                continue;
            std::ostringstream text;
            text << "a bid deposit of " << p["bid_deposit"] << " is above provider '" << a.id << "''s budget ("
                 << a.budget << "): it could never bid";
            return SpecError { "params.bid_deposit", text.str() };
        }
        return std::nullopt;
    };
    return info;
}

} // namespace haggle
