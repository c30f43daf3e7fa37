// The lease settlement (see leasesettlement.h).
#include "leasesettlement.h"

#include "marketstate.h"

namespace haggle {

void LeaseSettlement::settlePair(MarketState& state, const Agreement& agreement, const DealRecord& deal)
{
    Message m;
    m.negotiation = agreement.id;
    m.turn = agreement.turns;
    m.resources = deal.resources;
    m.price = deal.price;
    if (deal.delivered) {
        state.lease(deal.seller, deal.buyer, deal.resources);
        m_leases.push_back({ deal.seller, deal.buyer, deal.resources, agreement.id });
        m.type = MessageType::Allocate;
        m.from = deal.seller;
        m.to = deal.buyer;
        state.recordMessage(m);
    }
    if (deal.paid)
        state.pay(deal.buyer, deal.seller, deal.price);
    const auto recordDefault = [&](AgentIndex defaulter, AgentIndex victim, MessageReason withheld) {
        m.type = MessageType::Default;
        m.from = victim;
        m.to = defaulter;
        m.reason = withheld;
        state.recordMessage(m);
        state.events().defaults.push_back({ agreement.id, deal.round, defaulter, victim, withheld, deal.price });
    };
    if (!deal.delivered)
        recordDefault(deal.seller, deal.buyer, MessageReason::DeliveryWithheld);
    if (!deal.paid)
        recordDefault(deal.buyer, deal.seller, MessageReason::PaymentWithheld);
    state.recordDeal(deal.buyer, { deal.round, deal.seller, Side::Buyer, deal.resources, deal.price, deal.delivered });
    state.recordDeal(deal.seller, { deal.round, deal.buyer, Side::Seller, deal.resources, deal.price, deal.paid });
    auto& changes = state.events().reputationChanges;
    changes.push_back(state.reputation().recordDeal(deal.buyer, deal.seller, deal.delivered));
    changes.push_back(state.reputation().recordDeal(deal.seller, deal.buyer, deal.paid));
    state.events().deals.push_back(deal);
}

SettledAgreement LeaseSettlement::settle(MarketState& state, const Agreement& agreement)
{
    if (!agreement.isBilateral())
        return settleShared(state, agreement);
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

    settlePair(state, agreement, deal);

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
    return { deal.delivered, deal.paid };
}

SettledAgreement LeaseSettlement::settleShared(MarketState& state, const Agreement& agreement)
{
    const int round = state.round();
    const std::size_t parties = agreement.partyCount();
    const ReferencePrices& prices = state.market().referencePrices;
    // Every party is asked, sellers first, each facing the single party on the other side (or the first of them).
    std::vector<char> keeps(parties, 1);
    for (const Side side : { Side::Seller, Side::Buyer }) {
        const AgentIndex counterpart = agreement.first(side == Side::Seller ? Side::Buyer : Side::Seller);
        for (std::size_t k = 0; k < parties; ++k) {
            const AgreementParty& p = agreement.party(k);
            if (p.side != side || (side == Side::Buyer && agreement.escrowed))
                continue;
            keeps[k] = !state.strategy(p.agent).defaultsOnDeal(
                { side, round, counterpart, state.reputation().view(counterpart, p.agent),
                    state.sameRing(p.agent, counterpart) },
                state.rng());
        }
    }
    const bool oneBuyer = agreement.count(Side::Buyer) == 1;
    std::vector<double> paidTo(parties, 0.0), paidBy(parties, 0.0);
    std::vector<ResourceBundle> deliveredTo(parties);
    std::vector<char> kept(parties, 1); // each party's partners kept their sides: every part came, every share paid
    SettledAgreement result { true, true };
    for (std::size_t b = 0; b < parties; ++b) {
        const AgreementParty& buyer = agreement.party(b);
        if (buyer.side != Side::Buyer)
            continue;
        for (std::size_t s = 0; s < parties; ++s) {
            const AgreementParty& seller = agreement.party(s);
            if (seller.side != Side::Seller)
                continue;
            // The pair's part and price: the many side's part, and the product of the two shares.
            const ResourceBundle part = oneBuyer ? seller.part : buyer.part;
            const double price = agreement.price * buyer.priceShare * seller.priceShare;
            DealRecord deal;
            deal.negotiation = agreement.id;
            deal.round = round;
            deal.buyer = buyer.agent;
            deal.seller = seller.agent;
            deal.resources = part;
            deal.price = price;
            deal.unitPrice = agreement.unitPrice;
            deal.delivered = keeps[s] != 0;
            deal.paid = keeps[b] != 0;
            if (deal.delivered)
                deliveredTo[b] += part;
            else
                kept[b] = 0;
            if (deal.paid) {
                paidTo[s] += price;
                paidBy[b] += price;
            } else {
                kept[s] = 0;
            }
            settlePair(state, agreement, deal);
            result.delivered = result.delivered && deal.delivered;
            result.paid = result.paid && deal.paid;
        }
    }
    // What the agreement was worth to each party: a seller its payment less its running cost, a buyer its job (run
    // only on all of its compute) less what it paid.
    for (std::size_t k = 0; k < parties; ++k) {
        const AgreementParty& p = agreement.party(k);
        const double referenceValue = p.part.value(prices);
        if (p.side == Side::Seller) {
            const double runningCost = keeps[k] ? state.unitCostOf(p.agent) * referenceValue : 0.0;
            state.strategy(p.agent).observeDeal({ Side::Seller, agreement.first(Side::Buyer), round,
                agreement.unitPrice, kept[k] != 0, paidTo[k] - runningCost, referenceValue });
            if (runningCost > 0.0)
                state.debit(p.agent, runningCost);
            continue;
        }
        const bool runsJob = kept[k] && !agreement.idle;
        const double jobValue
            = runsJob ? state.market().jobValue * referenceValue * (1.0 + state.agent(p.agent).urgency()) : 0.0;
        state.strategy(p.agent).observeDeal({ Side::Buyer, agreement.first(Side::Seller), round, agreement.unitPrice,
            kept[k] != 0, jobValue - paidBy[k], referenceValue });
        // What came stands reserved for the job (or for nothing, when a part is missing): not for resale.
        if (!deliveredTo[k].isZero())
            state.useLeased(p.agent, deliveredTo[k]);
        if (runsJob) {
            state.credit(p.agent, jobValue);
            state.events().jobs.push_back({ p.agent, p.part, jobValue });
        }
    }
    return result;
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
