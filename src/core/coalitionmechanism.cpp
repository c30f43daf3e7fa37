// The coalition mechanism (see coalitionmechanism.h): forming coalitions of providers for large jobs and pools of
// buyers, the agreement they make, and the monitoring of what each member delivers.
#include "coalitionmechanism.h"

#include "digest.h"
#include "marketstate.h"
#include "profitsplit.h"
#include "settlement.h"

#include <algorithm>
#include <cassert>

namespace haggle {

namespace {

ResourceBundle eachAtMost(const ResourceBundle& a, const ResourceBundle& b) noexcept
{
    return { std::min(a.gpu, b.gpu), std::min(a.cpu, b.cpu), std::min(a.memory, b.memory) };
}

// Nothing, or what is left of a sum of parts by rounding.
bool negligible(const ResourceBundle& b) noexcept
{
    constexpr double Rounding = 1e-9;
    return b.gpu <= Rounding && b.cpu <= Rounding && b.memory <= Rounding;
}

// The part of `need` still uncovered (never below zero).
ResourceBundle uncovered(const ResourceBundle& need, const ResourceBundle& covered) noexcept
{
    return { std::max(0.0, need.gpu - covered.gpu), std::max(0.0, need.cpu - covered.cpu),
        std::max(0.0, need.memory - covered.memory) };
}

class CoalitionMessages {
public:
    CoalitionMessages(MarketState& state, std::uint64_t id)
        : m_state(state)
        , m_id(id)
    {
    }
    void send(MessageType type, AgentIndex from, AgentIndex to, const ResourceBundle& resources, double price,
        MessageReason reason = MessageReason::None, double urgency = 0.0)
    {
        Message m;
        m.type = type;
        m.from = from;
        m.to = to;
        m.negotiation = m_id;
        m.resources = resources;
        m.price = price;
        m.urgency = urgency;
        m.reason = reason;
        m_state.recordMessage(m);
    }

private:
    MarketState& m_state;
    std::uint64_t m_id;
};

} // namespace

CoalitionMechanism::CoalitionMechanism(const Settings& settings)
    : m_settings(settings)
    , m_bilateral(settings.maxTurns)
    , m_monitor(settings.tolerance, settings.minCommitments)
{
}

std::span<const AgentIndex> CoalitionMechanism::standingCoalition(AgentIndex buyer) const noexcept
{
    const auto it = m_standing.find(buyer);
    return it == m_standing.end() ? std::span<const AgentIndex>() : std::span<const AgentIndex>(it->second);
}

bool CoalitionMechanism::tooLargeForOne(const ResourceBundle& need) const noexcept
{
    return need.gpu > m_largestSpare.gpu || need.cpu > m_largestSpare.cpu || need.memory > m_largestSpare.memory;
}

CoalitionMechanism::Demander CoalitionMechanism::demander(const MarketState& state, AgentIndex buyer) const
{
    const Agent& a = state.agent(buyer);
    NegotiationView v;
    v.side = Side::Buyer;
    v.round = state.round();
    v.self = buyer;
    v.resources = a.need();
    v.referenceValue = a.need().value(state.market().referencePrices);
    v.budget = a.budget();
    v.urgency = a.urgency();
    v.partnerUrgency = a.urgency();
    v.roundsSinceLastDeal = state.round() - a.lastDealRound() - 1;
    v.reservation = state.reservationOf(buyer, Side::Buyer);
    const double limit = std::min(a.strategy().maxUnitPrice(v) * v.referenceValue, a.budget());
    return { buyer, a.need(), std::max(0.0, limit) };
}

const std::vector<AgentIndex>& CoalitionMechanism::canvass(MarketState& state, AgentIndex leader)
{
    m_peers.clear();
    const std::size_t population = state.size();
    if (population - 1 <= CanvassSize) {
        for (AgentIndex i = 0; i < population; ++i)
            m_peers.push_back(i);
        return m_peers;
    }
    // Distinct draws, each checked against a stamp per agent rather than against the draws so far.
    m_drawn.resize(population, 0);
    if (++m_stamp == 0) {
        std::fill(m_drawn.begin(), m_drawn.end(), 0);
        m_stamp = 1;
    }
    m_drawn[leader] = m_stamp;
    while (m_peers.size() < CanvassSize) {
        const auto i = static_cast<AgentIndex>(state.rng().below(population));
        if (m_drawn[i] != m_stamp) {
            m_drawn[i] = m_stamp;
            m_peers.push_back(i);
        }
    }
    return m_peers;
}

std::vector<AgentIndex> CoalitionMechanism::candidatesFor(MarketState& state, AgentIndex leader)
{
    std::vector<AgentIndex> standing;
    for (AgentIndex m : standingCoalition(leader)) {
        if (!state.absent(m))
            standing.push_back(m);
    }
    struct Ranked {
        double view;
        AgentIndex agent;
    };
    std::vector<Ranked> others;
    const Strategy& strategy = state.agent(leader).strategy();
    const std::span<const AgentIndex> flagged = m_monitor.flaggedBy(leader);
    for (AgentIndex i : canvass(state, leader)) {
        if (i == leader || state.absent(i) || negligible(state.peers()[i].available) || state.peers().isBroker(i)
            || std::binary_search(flagged.begin(), flagged.end(), i)
            || std::find(standing.begin(), standing.end(), i) != standing.end())
            continue;
        const double view = state.reputation().view(leader, i);
        if (strategy.acceptsPartner(view))
            others.push_back({ view, i });
    }
    // Best first, equal views in index order; only as many as the leader can propose to.
    const auto better
        = [](const Ranked& a, const Ranked& b) { return a.view != b.view ? a.view > b.view : a.agent < b.agent; };
    const std::size_t wanted = std::min(others.size(), std::size_t(2 * m_settings.maxMembers));
    std::partial_sort(others.begin(), others.begin() + std::ptrdiff_t(wanted), others.end(), better);
    for (std::size_t k = 0; k < wanted; ++k)
        standing.push_back(others[k].agent);
    return standing;
}

std::vector<double> CoalitionMechanism::payouts(
    const MarketState& state, std::span<const Member> members, double price, const ResourceBundle& need) const
{
    const ReferencePrices& prices = state.market().referencePrices;
    const SplitRule rule = state.splitRule();
    std::vector<double> contributions;
    for (const Member& m : members)
        contributions.push_back((rule == SplitRule::Shapley ? m.offer : m.part).value(prices));
    std::vector<double> split = splitProceeds(rule, price, contributions, need.value(prices));
    // A cartel's members share what the cartel earned by the cartel's own shares, when it has them.
    for (int c = 1; c <= state.cartelCount(); ++c) {
        const MarketState::Cartel& cartel = state.cartel(c);
        if (cartel.shares.empty())
            continue;
        double earned = 0.0, shareIn = 0.0;
        for (std::size_t k = 0; k < members.size(); ++k) {
            if (state.cartelOf(members[k].agent) == c) {
                earned += split[k];
                shareIn += cartel.shareOf(members[k].agent);
            }
        }
        if (earned <= 0.0 || shareIn <= 0.0)
            continue;
        for (std::size_t k = 0; k < members.size(); ++k) {
            if (state.cartelOf(members[k].agent) == c)
                split[k] = earned * cartel.shareOf(members[k].agent) / shareIn;
        }
    }
    return split;
}

bool CoalitionMechanism::formCoalition(
    MarketState& state, Settlement& settlement, std::span<const Demander> buyers, std::uint64_t id)
{
    const AgentIndex leader = buyers.front().agent;
    const ReferencePrices& prices = state.market().referencePrices;
    ResourceBundle need;
    double limit = 0.0;
    for (const Demander& d : buyers) {
        need += d.need;
        limit += d.limit;
    }
    const double needValue = need.value(prices);
    if (needValue <= 0.0)
        return false;
    CoalitionMessages messages(state, id);
    const double urgency = state.agent(leader).urgency();

    // 1. Proposals, until the parts cover the need.
    std::vector<Member> members;
    std::vector<AgentIndex> refused;
    ResourceBundle covered;
    // A pool buys from one provider, who must cover the pooled need alone (the settlement settles one seller with
    // several buyers, or one buyer with several sellers).
    const bool pooled = buyers.size() > 1;
    const auto join = [&](AgentIndex provider) {
        const ResourceBundle remaining = uncovered(need, covered);
        const ResourceBundle part = eachAtMost(state.peers()[provider].available, remaining);
        if (negligible(part) || (pooled && !negligible(uncovered(remaining, part)))) {
            messages.send(MessageType::Reject, provider, leader, remaining, 0.0, MessageReason::NoCapacity);
            refused.push_back(provider);
            return;
        }
        NegotiationView view = BilateralMechanism::viewFor(state, provider, leader, Side::Seller, part);
        view.partnerMaxPrice = limit / needValue;
        state.noteRequest(provider, view.referenceValue);
        const std::optional<double> unit = state.strategy(provider).openingOffer(view, state.rng());
        if (!unit) {
            messages.send(MessageType::Reject, provider, leader, part, 0.0, MessageReason::Declined);
            refused.push_back(provider);
            return;
        }
        const double ask = std::max(0.0, *unit) * view.referenceValue;
        messages.send(MessageType::Join, provider, leader, part, ask);
        // The leader takes no part dearer than its own limit per unit: the coalition could not afford it.
        if (*unit > limit / needValue) {
            messages.send(MessageType::Reject, leader, provider, part, ask, MessageReason::Declined);
            refused.push_back(provider);
            return;
        }
        members.push_back({ provider, part, eachAtMost(state.peers()[provider].available, need), ask });
        covered += part;
    };
    int proposals = 0;
    for (AgentIndex provider : candidatesFor(state, leader)) {
        if (negligible(uncovered(need, covered)) || int(members.size()) >= m_settings.maxMembers
            || proposals >= 2 * m_settings.maxMembers)
            break;
        if (std::any_of(members.begin(), members.end(), [&](const Member& m) { return m.agent == provider; }))
            continue; // came with its cartel
        ++proposals;
        messages.send(
            MessageType::Propose, leader, provider, uncovered(need, covered), limit, MessageReason::None, urgency);
        if (!state.agent(provider).strategy().acceptsPartner(state.reputation().view(provider, leader))) {
            messages.send(
                MessageType::Reject, provider, leader, uncovered(need, covered), 0.0, MessageReason::Untrusted);
            refused.push_back(provider);
            continue;
        }
        const int cartel = state.cartelOf(provider);
        if (cartel == 0) {
            join(provider);
            continue;
        }
        // A cartel answers as one: the member asked, then the others with spare capacity, in the cartel's order.
        join(provider);
        for (AgentIndex other : state.cartel(cartel).members) {
            if (other == provider || state.absent(other) || int(members.size()) >= m_settings.maxMembers
                || negligible(uncovered(need, covered)))
                continue;
            join(other);
        }
    }

    // 2. Commit, or dissolve.
    double price = 0.0;
    for (const Member& m : members)
        price += m.ask;
    bool affordable = !negligible(need) && negligible(uncovered(need, covered)) && price <= limit;
    for (const Demander& d : buyers)
        affordable = affordable && price * d.need.value(prices) / needValue <= d.limit;
    const auto record = [&](AgentIndex provider, const ResourceBundle& resources, bool agreed, double paid) {
        NegotiationRecord r;
        r.id = id;
        r.round = state.round();
        r.buyer = leader;
        r.seller = provider;
        r.resources = resources;
        r.outcome = agreed ? NegotiationOutcome::Accepted : NegotiationOutcome::Rejected;
        r.turns = 1;
        r.price = agreed ? paid : 0.0;
        r.unitPrice = agreed && resources.value(prices) > 0.0 ? paid / resources.value(prices) : 0.0;
        state.events().negotiations.push_back(r);
    };
    for (AgentIndex provider : refused)
        record(provider, uncovered(need, covered), false, 0.0);
    if (!affordable || members.empty()) {
        const MessageReason why
            = negligible(uncovered(need, covered)) ? MessageReason::Declined : MessageReason::NoCapacity;
        for (const Member& m : members) {
            messages.send(MessageType::Leave, leader, m.agent, m.part, m.ask, why);
            record(m.agent, m.part, false, 0.0);
        }
        m_standing.erase(leader);
        return false;
    }
    const std::vector<double> split = payouts(state, members, price, need);
    Agreement agreement;
    agreement.id = id;
    agreement.round = state.round();
    agreement.deliveryRound = state.round();
    agreement.resources = need;
    agreement.price = price;
    agreement.unitPrice = price / needValue;
    agreement.turns = 1;
    for (const Demander& d : buyers) {
        const double share = d.need.value(prices) / needValue;
        if (d.agent != leader)
            messages.send(MessageType::Commit, leader, d.agent, d.need, price * share);
        agreement.addParty({ d.agent, Side::Buyer, d.need, share });
    }
    for (std::size_t k = 0; k < members.size(); ++k) {
        messages.send(MessageType::Commit, leader, members[k].agent, members[k].part, split[k]);
        messages.send(MessageType::Commit, members[k].agent, leader, members[k].part, split[k]);
        agreement.addParty({ members[k].agent, Side::Seller, members[k].part, price > 0.0 ? split[k] / price : 0.0 });
        record(members[k].agent, members[k].part, true, split[k]);
    }
    assert(settlement.accepts(agreement));
    const std::size_t defaultsBefore = state.events().defaults.size();
    settlement.settle(state, agreement);

    // 3. What each member delivered: the monitor's ledger, and the standing coalition.
    const auto& defaults = state.events().defaults;
    CoalitionRecord formed;
    formed.agreement = id;
    formed.round = state.round();
    for (const Demander& d : buyers)
        formed.buyers.push_back(d.agent);
    std::vector<AgentIndex> standing;
    for (std::size_t k = 0; k < members.size(); ++k) {
        const AgentIndex member = members[k].agent;
        const bool delivered = std::none_of(
            defaults.begin() + std::ptrdiff_t(defaultsBefore), defaults.end(), [&](const DefaultRecord& d) {
                return d.defaulter == member && d.withheld == MessageReason::DeliveryWithheld;
            });
        formed.members.push_back({ member, members[k].part, split[k], delivered });
        if (m_monitor.record(leader, member, delivered)) {
            const ContributionMonitor::Ledger* l = m_monitor.ledger(leader, member);
            messages.send(MessageType::Leave, leader, member, members[k].part, 0.0, MessageReason::ShortContribution);
            state.events().freeRiders.push_back({ state.round(), leader, member, l->commitments, l->deliveries });
        } else {
            standing.push_back(member); // a member that failed once stays: only its record can tell a free-rider
        }
    }
    state.events().coalitions.push_back(std::move(formed));
    m_standing[leader] = std::move(standing);
    return true;
}

void CoalitionMechanism::clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers)
{
    m_largestSpare = {};
    for (AgentIndex i = 0; i < state.size(); ++i) {
        if (state.absent(i) || state.peers().isBroker(i))
            continue;
        const ResourceBundle& spare = state.peers()[i].available;
        m_largestSpare = { std::max(m_largestSpare.gpu, spare.gpu), std::max(m_largestSpare.cpu, spare.cpu),
            std::max(m_largestSpare.memory, spare.memory) };
    }
    std::vector<AgentIndex> large, small;
    for (AgentIndex b : buyers)
        (tooLargeForOne(state.agent(b).need()) ? large : small).push_back(b);
    state.rng().shuffle(large);
    for (AgentIndex b : large) {
        const Demander d = demander(state, b);
        formCoalition(state, settlement, std::span<const Demander>(&d, 1), state.nextNegotiationId());
    }
    if (m_settings.poolSize >= 2 && small.size() >= 2) {
        state.rng().shuffle(small);
        std::vector<AgentIndex> alone;
        for (std::size_t first = 0; first < small.size(); first += std::size_t(m_settings.poolSize)) {
            const std::size_t last = std::min(small.size(), first + std::size_t(m_settings.poolSize));
            const AgentIndex leader = small[first];
            std::vector<Demander> pool { demander(state, leader) };
            const std::uint64_t id = state.nextNegotiationId();
            CoalitionMessages invite(state, id);
            for (std::size_t k = first + 1; k < last; ++k) {
                const AgentIndex b = small[k];
                invite.send(MessageType::Propose, leader, b, state.agent(leader).need(), pool.front().limit);
                if (!state.agent(b).strategy().acceptsPartner(state.reputation().view(b, leader))) {
                    invite.send(MessageType::Reject, b, leader, {}, 0.0, MessageReason::Untrusted);
                    alone.push_back(b);
                    continue;
                }
                pool.push_back(demander(state, b));
                invite.send(MessageType::Join, b, leader, pool.back().need, pool.back().limit);
            }
            if (pool.size() < 2 || !formCoalition(state, settlement, pool, id)) {
                for (const Demander& d : pool)
                    alone.push_back(d.agent);
            }
        }
        small = std::move(alone);
    }
    std::sort(small.begin(), small.end());
    m_bilateral.clear(state, settlement, small);
}

void CoalitionMechanism::closeAll(MarketState& state)
{
    m_bilateral.closeAll(state);
    m_standing.clear();
    m_monitor.clear();
}

std::uint64_t CoalitionMechanism::stateDigest() const noexcept
{
    Fnv1a h;
    h.add(m_monitor.digest());
    for (const auto& [leader, members] : m_standing) {
        h.add(std::uint64_t(leader));
        for (AgentIndex m : members)
            h.add(std::uint64_t(m));
    }
    return h.value();
}

KindInfo CoalitionMechanism::kind()
{
    return { "coalition",
        "Jobs too large for one provider are served by coalitions of providers that pool capacity and split the "
        "proceeds (the scenario's coalitions section); buyers may pool demand; the rest trade bilaterally",
        {
            { "max_turns", 6, 1, 1000, "Proposals allowed per bilateral negotiation", "proposals",
                ParameterType::Integer },
            { "max_members", 8, 2, MaxShapleyMembers,
                "Providers in one coalition (the Shapley value is exact up to 20)", "providers",
                ParameterType::Integer },
            { "pool_size", 0, 0, 20, "Buyers in one buyer pool (pooled demand); 0: no pools", "buyers",
                ParameterType::Integer },
            { "tolerance", 0.9, 0.0, 1.0,
                "A member is flagged as a free-rider once its delivery rate is, with 95% confidence, below this",
                "share" },
            { "min_commitments", 3, 1, 1000, "Commitments a member makes before it can be flagged", "commitments",
                ParameterType::Integer },
        },
        { AlternatingOffers } };
}

} // namespace haggle
