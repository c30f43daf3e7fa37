// A purchase in a round (see simulation.h): a buyer canvasses peers, may ask a third agent about the one it picks,
// negotiates with it (a broker seller sourcing from a provider on the way) and both settle the deal.
#include "simulation.h"

#include "negotiation.h"

#include <algorithm>
#include <cstdint>
#include <span>

namespace haggle {

namespace {

constexpr std::size_t CandidatePoolSize = 16;
constexpr double MaxDemandPressure = 2.0;

} // namespace

// The seller-side supply check the mechanism calls after a REQUEST: spare capacity, or a broker's purchase.
class Simulation::Supply final : public SupplyCheck {
public:
    Supply(Simulation& sim, AgentIndex buyer, AgentIndex seller, const ResourceBundle& resources, bool sourcing)
        : m_sim(sim)
        , m_buyer(buyer)
        , m_seller(seller)
        , m_resources(resources)
        , m_sourcing(sourcing)
    {
    }

    bool canSupply(NegotiationView& sellerView) override
    {
        const Agent& seller = m_sim.m_agents[m_seller];
        // seller.available(), kept where the canvass reads it
        if (m_sim.m_peers[m_seller].available.covers(m_resources))
            return true;
        if (m_sourcing || !seller.strategy().isBroker())
            return false;
        if (!m_sim.sourceForBroker(m_seller, m_buyer, m_resources))
            return false;
        sellerView.costBasis = seller.m_costBasis;
        sellerView.marketRate = m_sim.marketRateOf(m_seller);
        sellerView.budget = seller.m_budget;
        return true;
    }

private:
    Simulation& m_sim;
    AgentIndex m_buyer;
    AgentIndex m_seller;
    ResourceBundle m_resources;
    bool m_sourcing;
};

const std::vector<PartnerCandidate>& Simulation::candidatesFor(
    AgentIndex buyer, const ResourceBundle& need, AgentIndex exclude, bool sourcing, bool queries)
{
    // One buffer, reused: no allocation per attempt once it has grown. Callers pick from it before the next call
    // (a broker's purchase inside a negotiation refills it).
    const Agent& self = m_agents[buyer];
    auto& candidates = m_candidates;
    candidates.clear();
    // Peer j, whom the buyer rates rep, if it is a candidate.
    const auto consider = [&](AgentIndex j, double rep) {
        const PeerState& other = m_peers[j];
        const bool broker = (m_peerFlags[j] & BrokerFlag) != 0;
        if (sourcing && broker)
            return; // a broker sources from providers, not from other middlemen
        if (!broker && !other.available.covers(need))
            return;
        if (!self.strategy().acceptsPartner(rep))
            return;
        candidates.push_back({ j, rep, broker });
    };
    const std::size_t n = m_agents.size();
    if (n - 1 <= CandidatePoolSize) {
        for (AgentIndex j = 0; j < n; ++j) {
            if (j != buyer && j != exclude)
                consider(j, m_reputation->view(buyer, j));
        }
    } else {
        // Draw distinct others; a short list of picks is cheaper than a set at this size. The generator is copied
        // in and back so that its state stays in registers through the sixteen draws.
        AgentIndex picked[CandidatePoolSize];
        std::size_t count = 0;
        Rng rng = m_rng;
        while (count < CandidatePoolSize) {
            const auto j = static_cast<AgentIndex>(rng.below(n));
            if (j == buyer || std::find(picked, picked + count, j) != picked + count)
                continue;
            picked[count++] = j;
            prefetchMemory(&m_peerFlags[j]); // all sixteen in flight before the first is tested below
            // The buyer's view of each: loaded for peers the flags then turn down too, but started sooner.
            m_reputation->prefetch(buyer, j);
        }
        m_rng = rng;
        // Peers consider() would turn down on what their flags say are left out; it reads the others' PeerState, which
        // is loaded first, so that those loads overlap instead of waiting in turn. Which peers pass is random, so the
        // list is compacted without a branch on it.
        const unsigned needed = positiveMask(need);
        const unsigned brokersPass = sourcing ? 0U : 1U;
        std::size_t kept = 0;
        for (std::size_t k = 0; k < count; ++k) {
            const AgentIndex j = picked[k];
            const unsigned flags = m_peerFlags[j];
            const unsigned broker = flags & BrokerFlag;
            const unsigned covers = (needed & ~flags) == 0 ? 1U : 0U;
            const unsigned other = j != exclude ? 1U : 0U; // a broker does not source from the seeker it serves
            picked[kept] = j;
            kept += ((broker & brokersPass) | (~broker & covers & 1U)) & other;
        }
        const std::span<const AgentIndex> qualifying(picked, kept);
        // Each one's table header as well: the one picked is the seller, whose view of the buyer the negotiation reads
        // and updates, and its entry can only be found once the header is in. Likewise the third agent a querying
        // buyer will ask: drawn right after the partner choice, which draws once (a broker's may draw twice, and
        // then this guess is wrong, which costs a load and changes nothing).
        for (AgentIndex j : qualifying) {
            prefetchMemory(&m_peers[j]);
            m_reputation->prefetchTable(j);
        }
        if (queries) {
            Rng ahead = m_rng;
            ahead.nextU64();
            m_reputation->prefetchTable(drawThirdAgent(ahead, buyer, NoAgent));
        }
        double reps[CandidatePoolSize];
        m_reputation->views(buyer, qualifying, reps);
        for (std::size_t k = 0; k < kept; ++k)
            consider(picked[k], reps[k]);
    }
    return candidates;
}

AgentIndex Simulation::drawThirdAgent(Rng& rng, AgentIndex asker, AgentIndex subject) const noexcept
{
    AgentIndex peer = asker;
    while (peer == asker || peer == subject)
        peer = static_cast<AgentIndex>(rng.below(m_agents.size()));
    return peer;
}

void Simulation::prefetchQuery(AgentIndex asker, AgentIndex subject) const noexcept
{
    // The query's draw, made here on a copy: the answer starts loading with whatever else the caller loads.
    if (m_agents.size() < 3)
        return;
    Rng ahead = m_rng;
    m_reputation->prefetch(drawThirdAgent(ahead, asker, subject), subject);
}

bool Simulation::queryReputation(AgentIndex asker, AgentIndex subject, std::uint64_t negotiation)
{
    if (m_agents.size() < 3)
        return true;
    const AgentIndex peer = drawThirdAgent(m_rng, asker, subject);
    const double answer = m_reputation->view(peer, subject);
    Message query;
    query.type = MessageType::QueryReputation;
    query.from = asker;
    query.to = peer;
    query.negotiation = negotiation;
    query.subject = subject;
    recordMessage(query);
    Message response = query;
    response.type = MessageType::ReputationResponse;
    response.from = peer;
    response.to = asker;
    response.reputation = answer;
    recordMessage(response);
    const auto change = m_reputation->recordReport(asker, subject, answer);
    m_events.reputationChanges.push_back(change);
    return m_agents[asker].strategy().acceptsPartner(change.after);
}

void Simulation::attemptPurchase(AgentIndex buyer)
{
    const ResourceBundle need = m_agents[buyer].m_need;
    const bool queries = m_agents[buyer].strategy().queriesReputation();
    const auto& candidates = candidatesFor(buyer, need, NoAgent, false, queries);
    if (candidates.empty())
        return;
    const std::size_t pick = m_agents[buyer].strategy().choosePartner(candidates, m_rng);
    const AgentIndex seller = candidates[std::min(pick, candidates.size() - 1)].agent;
    if (queries)
        prefetchQuery(buyer, seller);
    // What the negotiation reads of the seller and the two updates it makes, loading while the query is made.
    prefetchAgent(seller);
    prefetchMemory(m_peers[seller].strategy);
    prefetchHistoryEnd(seller);
    m_reputation->prefetchUpdate(seller, buyer);
    m_reputation->prefetchUpdate(buyer, seller);
    const std::uint64_t id = nextNegotiationId();
    if (queries && !queryReputation(buyer, seller, id))
        return;
    trade(buyer, seller, need, false, id);
}

bool Simulation::sourceForBroker(AgentIndex broker, AgentIndex seeker, const ResourceBundle& resources)
{
    const bool queries = m_agents[broker].strategy().queriesReputation();
    const auto& candidates = candidatesFor(broker, resources, seeker, true, queries);
    if (candidates.empty())
        return false;
    const std::size_t pick = m_agents[broker].strategy().choosePartner(candidates, m_rng);
    const AgentIndex provider = candidates[std::min(pick, candidates.size() - 1)].agent;
    if (queries)
        prefetchQuery(broker, provider);
    const std::uint64_t id = nextNegotiationId();
    if (queries && !queryReputation(broker, provider, id))
        return false;
    trade(broker, provider, resources, true, id);
    return m_agents[broker].available().covers(resources);
}

double Simulation::marketRateOf(AgentIndex seller) const noexcept
{
    // Local demand pressure: what this seller has been asked for so far this round, against its capacity. It sees
    // only its own inbox, so the price signal stays decentralized.
    const Agent& a = m_agents[seller];
    const double capacity = (a.m_holdings + a.m_leasedIn).value(m_scenario.market.referencePrices);
    const double pressure = capacity > 0.0 ? std::clamp(a.m_requestedValue / capacity, 0.0, MaxDemandPressure) : 0.0;
    return 1.0 + m_scenario.market.loadPremium * pressure;
}

NegotiationView Simulation::viewFor(
    AgentIndex self, AgentIndex partner, Side side, const ResourceBundle& resources) const
{
    const Agent& a = m_agents[self];
    NegotiationView v;
    v.side = side;
    v.self = self;
    v.partner = partner;
    v.resources = resources;
    v.referenceValue = resources.value(m_scenario.market.referencePrices);
    v.budget = a.m_budget;
    v.urgency = a.m_urgency;
    v.partnerUrgency = side == Side::Seller ? m_agents[partner].m_urgency : a.m_urgency;
    v.partnerReputation = m_reputation->view(self, partner);
    v.marketRate = side == Side::Seller ? marketRateOf(self) : 1.0;
    v.costBasis = side == Side::Seller ? a.m_costBasis : std::nullopt;
    v.roundsSinceLastDeal = m_round - a.m_lastDealRound - 1;
    return v;
}

bool Simulation::trade(
    AgentIndex buyer, AgentIndex seller, const ResourceBundle& resources, bool sourcing, std::uint64_t id)
{
    m_peers[seller].strategy->prefetchState();
    NegotiationSetup setup;
    setup.id = id;
    setup.round = m_round;
    setup.maxTurns = m_scenario.maxTurns;
    setup.resources = resources;
    setup.referenceValue = resources.value(m_scenario.market.referencePrices);
    setup.buyerView = viewFor(buyer, seller, Side::Buyer, resources);
    setup.sellerView = viewFor(seller, buyer, Side::Seller, resources);
    setup.buyerBudget = m_agents[buyer].m_budget;
    if (m_agents[seller].m_requestedValue == 0.0)
        m_requested.push_back(seller);
    m_agents[seller].m_requestedValue += setup.referenceValue;

    NegotiationRecord record;
    record.id = id;
    record.round = m_round;
    record.buyer = buyer;
    record.seller = seller;
    record.resources = resources;
    record.sourcing = sourcing;

    Supply supply(*this, buyer, seller, resources, sourcing);
    const NegotiationResult result = negotiate(setup, m_agents[buyer].strategy(), m_agents[seller].strategy(), supply,
        m_recordMessages ? &m_events.messages : nullptr);
    record.outcome = result.outcome;
    record.turns = result.turns;
    record.price = result.price;
    record.unitPrice = result.unitPrice;
    m_events.negotiations.push_back(record);
    if (result.outcome != NegotiationOutcome::Accepted)
        return false;
    settle(record, sourcing);
    return m_events.deals.back().delivered;
}

void Simulation::settle(const NegotiationRecord& record, bool sourcing)
{
    Agent& buyer = m_agents[record.buyer];
    Agent& seller = m_agents[record.seller];
    // Both draws always happen, seller first, so the random stream does not depend on who cheats.
    const bool sellerDefaults = seller.strategy().defaultsOnDeal(Side::Seller, m_rng);
    const bool buyerDefaults = buyer.strategy().defaultsOnDeal(Side::Buyer, m_rng);
    DealRecord deal;
    deal.negotiation = record.id;
    deal.round = m_round;
    deal.buyer = record.buyer;
    deal.seller = record.seller;
    deal.resources = record.resources;
    deal.price = record.price;
    deal.unitPrice = record.unitPrice;
    deal.delivered = !sellerDefaults;
    deal.paid = !buyerDefaults;
    deal.sourcing = sourcing;

    Message m;
    m.negotiation = record.id;
    m.turn = record.turns;
    m.resources = record.resources;
    m.price = record.price;
    if (deal.delivered) {
        seller.m_leasedOut += record.resources;
        buyer.m_leasedIn += record.resources;
        refreshAvailable(record.seller);
        refreshAvailable(record.buyer);
        m_leases.push_back({ record.seller, record.buyer, record.resources, record.id });
        m.type = MessageType::Allocate;
        m.from = record.seller;
        m.to = record.buyer;
        recordMessage(m);
    }
    if (deal.paid) {
        buyer.m_budget -= record.price;
        seller.m_budget += record.price;
    }
    const auto recordDefault = [&](AgentIndex defaulter, AgentIndex victim, MessageReason withheld) {
        m.type = MessageType::Default;
        m.from = victim;
        m.to = defaulter;
        m.reason = withheld;
        recordMessage(m);
        m_events.defaults.push_back({ record.id, m_round, defaulter, victim, withheld, record.price });
    };
    if (!deal.delivered)
        recordDefault(record.seller, record.buyer, MessageReason::DeliveryWithheld);
    if (!deal.paid)
        recordDefault(record.buyer, record.seller, MessageReason::PaymentWithheld);

    if (m_historyLimit > 0) {
        buyer.m_history.push_back(
            { m_round, record.seller, Side::Buyer, record.resources, record.price, deal.delivered });
        seller.m_history.push_back({ m_round, record.buyer, Side::Seller, record.resources, record.price, deal.paid });
    }
    for (Agent* a : { &buyer, &seller }) {
        ++a->m_dealCount;
        a->m_lastDealRound = m_round;
        // Bounded: the newest m_historyLimit deals are kept (trimmed in halves, so amortised O(1) per deal), which
        // keeps a million-round run's memory flat.
        if (m_historyLimit > 0 && a->m_history.size() >= 2 * m_historyLimit)
            a->m_history.erase(a->m_history.begin(), a->m_history.begin() + std::ptrdiff_t(m_historyLimit));
    }
    m_events.reputationChanges.push_back(m_reputation->recordDeal(record.buyer, record.seller, deal.delivered));
    m_events.reputationChanges.push_back(m_reputation->recordDeal(record.seller, record.buyer, deal.paid));
    buyer.strategy().observeDeal({ Side::Buyer, record.seller, m_round, record.unitPrice, deal.delivered });
    seller.strategy().observeDeal({ Side::Seller, record.buyer, m_round, record.unitPrice, deal.paid });

    if (deal.delivered) {
        if (sourcing) {
            buyer.m_costBasis = record.unitPrice;
        } else {
            const double value = m_scenario.market.jobValue * record.resources.value(m_scenario.market.referencePrices)
                * (1.0 + buyer.m_urgency);
            buyer.m_budget += value;
            m_events.jobs.push_back({ record.buyer, record.resources, value });
        }
    }
    m_events.deals.push_back(deal);
}

} // namespace haggle
