// The lease settlement (see leasesettlement.h).
#include "leasesettlement.h"

#include "marketstate.h"

namespace haggle {

SettledAgreement LeaseSettlement::settle(MarketState& state, const Agreement& agreement)
{
    const AgentIndex buyer = agreement.buyer();
    const AgentIndex seller = agreement.seller();
    const int round = state.round();
    Strategy& buyerStrategy = state.strategy(buyer);
    Strategy& sellerStrategy = state.strategy(seller);
    // Both parties are asked, seller first. Each sees its standing with the other and whether they share a ring.
    const bool ring = state.sameRing(buyer, seller);
    const bool sellerDefaults = sellerStrategy.defaultsOnDeal(
        { Side::Seller, round, buyer, state.reputation().view(buyer, seller), ring }, state.rng());
    // Escrow pays for the buyer: it is not asked.
    const bool buyerDefaults = !agreement.escrowed
        && buyerStrategy.defaultsOnDeal(
            { Side::Buyer, round, seller, state.reputation().view(seller, buyer), ring }, state.rng());
    DealRecord deal;
    deal.negotiation = agreement.id;
    deal.round = round;
    deal.buyer = buyer;
    deal.seller = seller;
    deal.resources = agreement.resources;
    deal.price = agreement.price;
    deal.unitPrice = agreement.unitPrice;
    deal.delivered = !sellerDefaults;
    deal.paid = !buyerDefaults;
    deal.sourcing = agreement.sourcing;

    Message m;
    m.negotiation = agreement.id;
    m.turn = agreement.turns;
    m.resources = agreement.resources;
    m.price = agreement.price;
    if (deal.delivered) {
        state.lease(seller, buyer, agreement.resources);
        m_leases.push_back({ seller, buyer, agreement.resources, agreement.id });
        m.type = MessageType::Allocate;
        m.from = seller;
        m.to = buyer;
        state.recordMessage(m);
    }
    if (deal.paid)
        state.pay(buyer, seller, agreement.price);
    const auto recordDefault = [&](AgentIndex defaulter, AgentIndex victim, MessageReason withheld) {
        m.type = MessageType::Default;
        m.from = victim;
        m.to = defaulter;
        m.reason = withheld;
        state.recordMessage(m);
        state.events().defaults.push_back({ agreement.id, round, defaulter, victim, withheld, agreement.price });
    };
    if (!deal.delivered)
        recordDefault(seller, buyer, MessageReason::DeliveryWithheld);
    if (!deal.paid)
        recordDefault(buyer, seller, MessageReason::PaymentWithheld);

    state.recordDeal(buyer, { round, seller, Side::Buyer, agreement.resources, agreement.price, deal.delivered });
    state.recordDeal(seller, { round, buyer, Side::Seller, agreement.resources, agreement.price, deal.paid });
    auto& changes = state.events().reputationChanges;
    changes.push_back(state.reputation().recordDeal(buyer, seller, deal.delivered));
    changes.push_back(state.reputation().recordDeal(seller, buyer, deal.paid));

    // What the deal is worth to each party: the money it moved for them, and the job the compute ran.
    const bool runsJob = deal.delivered && !agreement.sourcing && !agreement.idle;
    const double referenceValue = agreement.resources.value(state.market().referencePrices);
    const double jobValue
        = runsJob ? state.market().jobValue * referenceValue * (1.0 + state.agent(buyer).urgency()) : 0.0;
    const double paid = deal.paid ? agreement.price : 0.0;
    const double runningCost = deal.delivered ? state.unitCostOf(seller) * referenceValue : 0.0;
    buyerStrategy.observeDeal(
        { Side::Buyer, seller, round, agreement.unitPrice, deal.delivered, jobValue - paid, referenceValue });
    sellerStrategy.observeDeal(
        { Side::Seller, buyer, round, agreement.unitPrice, deal.paid, paid - runningCost, referenceValue });
    if (runningCost > 0.0)
        state.debit(seller, runningCost);

    if (deal.delivered && !agreement.sourcing)
        state.useLeased(buyer, agreement.resources); // not resold: a broker's stock alone is
    if (deal.delivered && !agreement.idle) {
        if (agreement.sourcing) {
            state.setCostBasis(buyer, agreement.unitPrice);
        } else {
            state.credit(buyer, jobValue);
            state.events().jobs.push_back({ buyer, agreement.resources, jobValue });
        }
    }
    state.events().deals.push_back(deal);
    return { deal.delivered, deal.paid };
}

void LeaseSettlement::endRound(MarketState& state)
{
    for (auto it = m_leases.rbegin(); it != m_leases.rend(); ++it) {
        Message m;
        m.type = MessageType::Release;
        m.from = it->lessee;
        m.to = it->lessor;
        m.negotiation = it->agreement;
        m.resources = it->resources;
        state.recordMessage(m);
    }
    // The parties are scattered over the population: load a few leases ahead.
    constexpr std::size_t Ahead = 8;
    for (std::size_t k = 0; k < m_leases.size(); ++k) {
        if (k + Ahead < m_leases.size()) {
            for (AgentIndex i : { m_leases[k + Ahead].lessor, m_leases[k + Ahead].lessee }) {
                state.prefetchAgent(i);
                state.peers().prefetch(i);
            }
        }
        state.endRoundFor(m_leases[k].lessor);
        state.endRoundFor(m_leases[k].lessee);
    }
    m_leases.clear();
}

} // namespace haggle
