// The bilateral mechanism (see bilateralmechanism.h): the round's purchases, a broker's sourcing, the reputation query
// and the negotiation, whose agreements go to the settlement.
#include "bilateralmechanism.h"

#include "marketstate.h"
#include "negotiation.h"
#include "settlement.h"

#include <algorithm>
#include <cassert>

namespace haggle {

// The seller-side supply check the negotiation makes after a REQUEST: spare capacity, or a broker's purchase.
class BilateralMechanism::Supply final : public SupplyCheck {
public:
    Supply(BilateralMechanism& mechanism, Market& market, AgentIndex buyer, AgentIndex seller,
        const ResourceBundle& resources, bool sourcing)
        : m_mechanism(mechanism)
        , m_market(market)
        , m_buyer(buyer)
        , m_seller(seller)
        , m_resources(resources)
        , m_sourcing(sourcing)
    {
    }

    bool canSupply(NegotiationView& sellerView) override
    {
        MarketState& state = m_market.state;
        if (state.peers()[m_seller].available.covers(m_resources)) // the seller's Agent::available()
            return true;
        if (m_sourcing || !state.peers().isBroker(m_seller))
            return false;
        if (!m_mechanism.sourceForBroker(m_market, m_seller, m_buyer, m_resources))
            return false;
        const Agent& seller = state.agent(m_seller);
        sellerView.costBasis = seller.costBasis();
        sellerView.marketRate = state.marketRateOf(m_seller);
        sellerView.budget = seller.budget();
        return true;
    }

private:
    BilateralMechanism& m_mechanism;
    Market& m_market;
    AgentIndex m_buyer;
    AgentIndex m_seller;
    ResourceBundle m_resources;
    bool m_sourcing;
};

void BilateralMechanism::clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers)
{
    Market market { state, settlement };
    // The order of this round's purchases; `buyers` stays in index order, which the next round's clearing of needs
    // goes through memory in.
    m_order.assign(buyers.begin(), buyers.end());
    state.rng().shuffle(m_order);
    const PeerIndex& peers = state.peers();
    const std::size_t count = m_order.size();
    for (std::size_t k = 0; k < count; ++k) {
        // Start loading the next buyers while this one negotiates (at a million agents each is a miss in memory), a
        // step per purchase: Agent, peer entry and reputation table four buyers ahead, the strategy the entry points
        // to two ahead, a wrapped strategy's inner one for the next. Hints only, no effect on results.
        if (k + 4 < count) {
            const AgentIndex b = m_order[k + 4];
            state.prefetchAgent(b);
            peers.prefetch(b);
            state.reputation().prefetchTable(b);
        }
        if (k + 2 < count) {
            peers.prefetchStrategy(m_order[k + 2]);
            state.prefetchHistoryEnd(m_order[k + 2]);
        }
        if (k + 1 < count)
            peers[m_order[k + 1]].strategy->prefetchState();
        attemptPurchase(market, m_order[k]);
    }
}

void BilateralMechanism::prefetchQuery(const MarketState& state, AgentIndex asker, AgentIndex subject) const noexcept
{
    // The query's draw, made here on a copy: the answer starts loading with whatever else the caller loads.
    if (state.size() < 3)
        return;
    Rng ahead = state.rng();
    state.reputation().prefetch(Canvass::thirdAgent(ahead, state.size(), asker, subject), subject);
}

bool BilateralMechanism::queryReputation(
    MarketState& state, AgentIndex asker, AgentIndex subject, std::uint64_t negotiation)
{
    if (state.size() < 3)
        return true;
    const AgentIndex peer = Canvass::thirdAgent(state.rng(), state.size(), asker, subject);
    const double answer = state.reportOf(peer, subject);
    Message query;
    query.type = MessageType::QueryReputation;
    query.from = asker;
    query.to = peer;
    query.negotiation = negotiation;
    query.subject = subject;
    state.recordMessage(query);
    Message response = query;
    response.type = MessageType::ReputationResponse;
    response.from = peer;
    response.to = asker;
    response.reputation = answer;
    state.recordMessage(response);
    const auto change = state.reputation().recordReport(asker, subject, answer, peer);
    state.events().reputationChanges.push_back(change);
    return state.agent(asker).strategy().acceptsPartner(change.after);
}

void BilateralMechanism::attemptPurchase(Market& market, AgentIndex buyer)
{
    MarketState& state = market.state;
    const ResourceBundle need = state.agent(buyer).need();
    Strategy& strategy = state.strategy(buyer);
    const bool queries = strategy.queriesReputation();
    const auto& candidates = m_canvass.candidates(state, buyer, need, NoAgent, false, queries);
    if (candidates.empty())
        return;
    const std::size_t pick = strategy.choosePartner(candidates, state.rng());
    const AgentIndex seller = candidates[std::min(pick, candidates.size() - 1)].agent;
    if (queries)
        prefetchQuery(state, buyer, seller);
    // What the negotiation reads of the seller and the two updates it makes, loading while the query is made.
    state.prefetchAgent(seller);
    state.peers().prefetchStrategy(seller);
    state.prefetchHistoryEnd(seller);
    state.reputation().prefetchUpdate(seller, buyer);
    state.reputation().prefetchUpdate(buyer, seller);
    const std::uint64_t id = state.nextNegotiationId();
    if (queries && !queryReputation(state, buyer, seller, id))
        return;
    trade(market, buyer, seller, need, false, id);
}

bool BilateralMechanism::sourceForBroker(
    Market& market, AgentIndex broker, AgentIndex seeker, const ResourceBundle& resources)
{
    MarketState& state = market.state;
    Strategy& strategy = state.strategy(broker);
    const bool queries = strategy.queriesReputation();
    const auto& candidates = m_canvass.candidates(state, broker, resources, seeker, true, queries);
    if (candidates.empty())
        return false;
    const std::size_t pick = strategy.choosePartner(candidates, state.rng());
    const AgentIndex provider = candidates[std::min(pick, candidates.size() - 1)].agent;
    if (queries)
        prefetchQuery(state, broker, provider);
    const std::uint64_t id = state.nextNegotiationId();
    if (queries && !queryReputation(state, broker, provider, id))
        return false;
    trade(market, broker, provider, resources, true, id);
    return state.agent(broker).available().covers(resources);
}

NegotiationView BilateralMechanism::viewFor(
    const MarketState& state, AgentIndex self, AgentIndex partner, Side side, const ResourceBundle& resources)
{
    const Agent& a = state.agent(self);
    NegotiationView v;
    v.side = side;
    v.self = self;
    v.partner = partner;
    v.resources = resources;
    v.referenceValue = resources.value(state.market().referencePrices);
    v.budget = a.budget();
    v.urgency = a.urgency();
    v.partnerUrgency = side == Side::Seller ? state.agent(partner).urgency() : a.urgency();
    v.partnerReputation = state.reputation().view(self, partner);
    v.marketRate = side == Side::Seller ? state.marketRateOf(self) : 1.0;
    v.costBasis = side == Side::Seller ? a.costBasis() : std::nullopt;
    v.roundsSinceLastDeal = state.round() - a.lastDealRound() - 1;
    v.reservation = state.reservationOf(self, side);
    return v;
}

bool BilateralMechanism::trade(Market& market, AgentIndex buyer, AgentIndex seller, const ResourceBundle& resources,
    bool sourcing, std::uint64_t id)
{
    MarketState& state = market.state;
    state.peers()[seller].strategy->prefetchState();
    NegotiationSetup setup;
    setup.id = id;
    setup.round = state.round();
    setup.maxTurns = m_maxTurns;
    setup.resources = resources;
    setup.referenceValue = resources.value(state.market().referencePrices);
    setup.buyerView = viewFor(state, buyer, seller, Side::Buyer, resources);
    setup.sellerView = viewFor(state, seller, buyer, Side::Seller, resources);
    setup.buyerBudget = state.agent(buyer).budget();
    state.noteRequest(seller, setup.referenceValue);

    NegotiationRecord record;
    record.id = id;
    record.round = state.round();
    record.buyer = buyer;
    record.seller = seller;
    record.resources = resources;
    record.sourcing = sourcing;

    Supply supply(*this, market, buyer, seller, resources, sourcing);
    const NegotiationResult result
        = negotiate(setup, state.strategy(buyer), state.strategy(seller), supply, state.rng(), state.messageLog());
    record.outcome = result.outcome;
    record.turns = result.turns;
    record.price = result.price;
    record.unitPrice = result.unitPrice;
    state.events().negotiations.push_back(record);
    if (result.outcome != NegotiationOutcome::Accepted) {
        const bool turnLimit = result.outcome == NegotiationOutcome::TurnLimit;
        if (state.peers().observesFailures(buyer))
            state.strategy(buyer).observeFailure({ Side::Buyer, seller, state.round(), result.turns, turnLimit });
        if (state.peers().observesFailures(seller))
            state.strategy(seller).observeFailure({ Side::Seller, buyer, state.round(), result.turns, turnLimit });
        return false;
    }
    const auto agreement = Agreement::bilateral(
        id, state.round(), buyer, seller, resources, result.price, result.unitPrice, sourcing, result.turns);
    assert(market.settlement.accepts(agreement)); // a bilateral spot deal: every settlement takes one
    return market.settlement.settle(state, agreement).delivered;
}

KindInfo BilateralMechanism::kind()
{
    return { "bilateral", "Each buyer canvasses peers, picks a seller by trust and negotiates by alternating offers",
        { { "max_turns", 6, 1, 1000, "Proposals (OFFER + COUNTERs) allowed per negotiation", "proposals",
            ParameterType::Integer } },
        { AlternatingOffers } };
}

} // namespace haggle
