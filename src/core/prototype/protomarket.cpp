// The prototype's market: negotiation, execution, cheating, gossip and futures (see protomarket.h).
#include "protomarket.h"

#include "digest.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace haggle::prototype {

Market::Market(std::vector<Agent> agents, PyRandom& rng, int maxTurns, std::optional<std::int64_t> seed)
    : m_agents(std::move(agents))
    , m_rng(&rng)
    , m_maxTurns(maxTurns)
    , m_cheater(m_agents.size(), 0)
{
    if (seed)
        m_rng->seedSigned(*seed);
}

int Market::indexOf(std::string_view id) const noexcept
{
    for (std::size_t i = 0; i < m_agents.size(); ++i) {
        if (m_agents[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

void Market::markCheater(int i)
{
    m_cheater[static_cast<std::size_t>(i)] = 1;
}

// The buyer opens; the seller answers; the buyer answers a COUNTER; ... until an ACCEPT or a REJECT, no answer, or
// maxTurns turns (a turn: the seller's answer and the buyer's). The final ACCEPT or REJECT is not delivered.
void Market::negotiate(int buyer, int seller, const Resource& need, NegotiationResult& result)
{
    Agent& b = agent(buyer);
    Agent& s = agent(seller);
    result = NegotiationResult {};
    result.buyer = buyer;
    result.seller = seller;
    // Two messages in turn: the one to answer and the answer (no copies between them).
    Message messages[2];
    messages[0] = b.strategy.initiate(b, buyer, seller, need);
    Message* current = &messages[0];
    Message* answer = &messages[1];
    if (m_log)
        m_log->push_back(*current);
    const auto settle = [&](const Message& m, int turns) {
        result.rounds = turns + 1;
        if (m.type == MessageType::Accept) {
            result.agreed = true;
            result.resource = need;
            result.price = m.price;
        }
    };
    int turns = 0;
    while (turns < m_maxTurns) {
        if (!s.strategy.decide(s, seller, *current, need, *answer))
            break;
        if (m_log)
            m_log->push_back(*answer);
        if (answer->type == MessageType::Accept || answer->type == MessageType::Reject) {
            settle(*answer, turns);
            return;
        }
        std::swap(current, answer); // the seller's message is now the one to answer
        if (!b.strategy.decide(b, buyer, *current, need, *answer))
            break;
        if (m_log)
            m_log->push_back(*answer);
        if (answer->type == MessageType::Accept || answer->type == MessageType::Reject) {
            settle(*answer, turns);
            return;
        }
        std::swap(current, answer);
        ++turns;
    }
    result.rounds = turns;
}

// Base execution: the bundle changes hands if the seller holds it and the buyer can pay; otherwise the deal fails
// and the buyer alone records it, as broken by the seller (even when it was the buyer's own budget that fell short).
void Market::executeTransfer(NegotiationResult& r)
{
    Agent& b = agent(r.buyer);
    Agent& s = agent(r.seller);
    if (canAfford(s.resources, r.resource) && b.budget >= r.price) {
        s.resources -= r.resource;
        b.resources += r.resource;
        b.budget = b.budget - r.price;
        s.budget = s.budget + r.price;
        b.recordDeal(r.seller, true);
        s.recordDeal(r.buyer, true);
        return;
    }
    r.agreed = false;
    r.executionFailed = true;
    b.recordDeal(r.seller, false);
}

// Trust execution: an agreed deal involving a marked cheater (the seller checked first) draws once; on a cheat the
// victim loses its side without any check, the victim records a broken deal and the cheater a fulfilled one, and the
// deal still counts as agreed.
void Market::execute(NegotiationResult& r)
{
    if (!r.agreed)
        return;
    int cheater = -1;
    if (isCheater(r.seller))
        cheater = r.seller;
    else if (isCheater(r.buyer))
        cheater = r.buyer;
    if (cheater >= 0 && agent(cheater).strategy.hasCheatProbability()) {
        Strategy& strategy = agent(cheater).strategy;
        if (m_rng->random() < strategy.cheatProbability()) {
            strategy.countCheated();
            ++m_incidents;
            r.cheated = true;
            Agent& b = agent(r.buyer);
            Agent& s = agent(r.seller);
            const int victim = cheater == r.seller ? r.buyer : r.seller;
            if (cheater == r.seller) {
                b.budget = b.budget - r.price;
                s.budget = s.budget + r.price;
            } else {
                s.resources -= r.resource;
                b.resources += r.resource;
            }
            agent(victim).recordDeal(cheater, false);
            agent(cheater).recordDeal(victim, true);
            strategy.countAccepted();
            return;
        }
        strategy.countAccepted();
    }
    executeTransfer(r);
}

RoundMetrics Market::runRound()
{
    ++m_round;
    m_roundResults.clear();
    m_sellers.clear();
    for (std::size_t i = 0; i < m_agents.size(); ++i) {
        if (units(m_agents[i].pendingNeeds) == 0)
            m_sellers.push_back(static_cast<int>(i));
    }
    if (m_sellers.empty()) {
        for (std::size_t i = 0; i < m_agents.size(); ++i)
            m_sellers.push_back(static_cast<int>(i));
    }
    for (std::size_t i = 0; i < m_agents.size(); ++i) {
        if (!(units(m_agents[i].pendingNeeds) > 0))
            continue;
        const int buyer = static_cast<int>(i);
        // choice() among the sellers other than the buyer (the list is in agent order, the buyer at most once).
        const auto self = std::find(m_sellers.begin(), m_sellers.end(), buyer);
        const std::size_t available = m_sellers.size() - (self != m_sellers.end() ? 1 : 0);
        if (available == 0)
            continue;
        std::size_t pick = m_rng->below(available);
        if (self != m_sellers.end() && pick >= static_cast<std::size_t>(self - m_sellers.begin()))
            ++pick;
        const int seller = m_sellers[pick];
        NegotiationResult& r = m_roundResults.emplace_back();
        negotiate(buyer, seller, m_agents[i].pendingNeeds, r);
        execute(r);
    }
    return finishRound();
}

RoundMetrics Market::runRound(std::span<const std::pair<int, int>> pairings)
{
    ++m_round;
    m_roundResults.clear();
    for (const auto& [buyer, seller] : pairings) {
        NegotiationResult& r = m_roundResults.emplace_back();
        negotiate(buyer, seller, agent(buyer).pendingNeeds, r);
        execute(r);
    }
    return finishRound();
}

RoundMetrics Market::finishRound()
{
    RoundMetrics m;
    m.negotiations = static_cast<int>(m_roundResults.size());
    for (const auto& r : m_roundResults) {
        if (!r.agreed)
            continue;
        ++m.dealsMade;
        m.volume = m.volume + units(r.resource);
        m.currency = m.currency + r.price;
    }
    m.avgPricePerUnit = m.volume > 0 ? m.currency / m.volume : 0.0;
    m_totalNegotiations += m.negotiations;
    m_totalDeals += m.dealsMade;
    if (m_gossip)
        gossip();
    return m;
}

// Every honest agent passes on each ledger entry below 0.4 with probability 0.5, to an honest agent drawn at random
// (perhaps itself: then nothing happens), who blends it in at 30% (no clamp).
void Market::gossip()
{
    std::vector<int> honest;
    for (std::size_t i = 0; i < m_agents.size(); ++i) {
        if (!m_cheater[i])
            honest.push_back(static_cast<int>(i));
    }
    std::vector<Ledger::Entry> snapshot;
    for (int a : honest) {
        snapshot = agent(a).reputation.entries();
        for (const auto& [peer, value] : snapshot) {
            if (!(value < 0.4))
                continue;
            if (!(m_rng->random() < 0.5))
                continue;
            const int target = m_rng->choice(std::span<const int>(honest));
            if (target == a)
                continue;
            Ledger& ledger = agent(target).reputation;
            ledger.set(peer, 0.7 * ledger.of(peer) + 0.3 * value);
        }
    }
}

void Market::createContract(int seller, int buyer, const Resource& resource, double price, int deliveryRound)
{
    m_contracts.push_back({ seller, buyer, resource, price, deliveryRound, m_round, false, false });
    agent(buyer).budget = agent(buyer).budget - price;
    agent(seller).budget = agent(seller).budget + price;
}

std::pair<int, int> Market::settleContracts()
{
    int deliveries = 0;
    int defaults = 0;
    for (auto& c : m_contracts) {
        if (c.fulfilled || c.defaulted || c.deliveryRound > m_round)
            continue;
        Agent& s = agent(c.seller);
        Agent& b = agent(c.buyer);
        if (canAfford(s.resources, c.resource)) {
            s.resources -= c.resource;
            b.resources += c.resource;
            c.fulfilled = true;
            ++deliveries;
            s.recordDeal(c.buyer, true);
            b.recordDeal(c.seller, true);
        } else {
            c.defaulted = true;
            ++defaults;
            const double refund = std::min(c.price * 1.5, s.budget);
            s.budget = s.budget - refund;
            b.budget = b.budget + refund;
            s.recordDeal(c.buyer, false);
            b.recordDeal(c.seller, false);
        }
    }
    return { deliveries, defaults };
}

std::string Market::summary() const
{
    char buffer[256];
    std::string text;
    std::snprintf(buffer, sizeof buffer, "=== Simulation Summary (%d rounds) ===\n", m_round);
    text += buffer;
    std::snprintf(buffer, sizeof buffer, "Total negotiations: %d\n", m_totalNegotiations);
    text += buffer;
    const double rate
        = m_totalNegotiations > 0 ? static_cast<double>(m_totalDeals) / static_cast<double>(m_totalNegotiations) : 0.0;
    std::snprintf(
        buffer, sizeof buffer, "Deals made: %d (%.0f%% success rate)\n\nAgent states:", m_totalDeals, rate * 100.0);
    text += buffer;
    for (const auto& a : m_agents) {
        std::snprintf(buffer, sizeof buffer, "\n  %s: budget=%.1f, resources=%.1f, deals=%d", a.id.c_str(), a.budget,
            units(a.resources), a.deals);
        text += buffer;
        if (a.reputation.empty())
            continue;
        text += "\n    reputation: ";
        bool first = true;
        for (const auto& [peer, value] : a.reputation.entries()) {
            std::snprintf(buffer, sizeof buffer, "%s%s=%.2f", first ? "" : ", ", agent(peer).id.c_str(), value);
            text += buffer;
            first = false;
        }
    }
    return text;
}

std::uint64_t Market::stateHash() const noexcept
{
    Fnv1a h;
    h.add(m_rng->digest());
    h.add(static_cast<std::uint64_t>(m_round));
    for (const auto& a : m_agents) {
        h.add(a.budget);
        h.add(a.resources.gpu);
        h.add(a.resources.cpu);
        h.add(a.resources.mem);
        h.add(static_cast<std::uint64_t>(a.deals));
        h.add(a.strategy.stateDigest());
        for (const auto& [peer, value] : a.reputation.entries()) {
            h.add(static_cast<std::uint64_t>(peer));
            h.add(value);
        }
    }
    for (const auto& c : m_contracts)
        h.add(static_cast<std::uint64_t>(c.fulfilled) | (static_cast<std::uint64_t>(c.defaulted) << 1));
    return h.value();
}

} // namespace haggle::prototype
