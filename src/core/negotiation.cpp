// The alternating-offers mechanism (see negotiation.h).
#include "negotiation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace haggle {

namespace {

class Exchange {
public:
    Exchange(const NegotiationSetup& setup, std::vector<Message>* log)
        : m_setup(setup)
        , m_log(log)
    {
    }

    // Inline, so that an exchange without a log costs a test per message, not a call.
    void send(MessageType type, Side from, double unitPrice, MessageReason reason = MessageReason::None)
    {
        if (m_log)
            record(type, from, unitPrice, reason);
    }

    int m_turns = 0;

private:
    [[gnu::noinline]] void record(MessageType type, Side from, double unitPrice, MessageReason reason)
    {
        Message m;
        m.type = type;
        m.from = from == Side::Buyer ? m_setup.buyerView.self : m_setup.sellerView.self;
        m.to = from == Side::Buyer ? m_setup.sellerView.self : m_setup.buyerView.self;
        m.negotiation = m_setup.id;
        m.turn = m_turns;
        m.resources = m_setup.resources;
        m.price = unitPrice * m_setup.referenceValue;
        m.urgency = type == MessageType::Request ? m_setup.buyerView.urgency : 0.0;
        m.reason = reason;
        m_log->push_back(m);
    }

    const NegotiationSetup& m_setup;
    std::vector<Message>* m_log;
};

NegotiationResult ended(NegotiationOutcome outcome, int turns, MessageReason reason = MessageReason::None)
{
    NegotiationResult r;
    r.outcome = outcome;
    r.turns = turns;
    r.reason = reason;
    return r;
}

bool usablePrice(double p)
{
    return std::isfinite(p) && p >= 0.0;
}

} // namespace

NegotiationResult negotiate(const NegotiationSetup& setup, Strategy& buyer, Strategy& seller, SupplyCheck& supply,
    Rng& rng, std::vector<Message>* log)
{
    Exchange exchange(setup, log);
    NegotiationView views[2] = { setup.buyerView, setup.sellerView }; // indexed by Side
    views[0].side = Side::Buyer;
    views[1].side = Side::Seller;
    for (auto& v : views) {
        v.round = setup.round;
        v.maxTurns = setup.maxTurns;
        v.turn = 0;
        v.ownLast.reset();
        v.partnerLast.reset();
        v.partnerPrevious.reset();
    }
    // A unit price the buyer can afford; with a zero-valued bundle there is nothing to pay for.
    const double budgetCap
        = setup.referenceValue > 0.0 ? setup.buyerBudget / setup.referenceValue : std::numeric_limits<double>::max();

    const double announced = std::min(buyer.maxUnitPrice(views[0]), budgetCap);
    views[1].partnerMaxPrice = announced;
    exchange.send(MessageType::Request, Side::Buyer, usablePrice(announced) ? announced : 0.0);

    if (!seller.acceptsPartner(views[1].partnerReputation)) {
        exchange.send(MessageType::Reject, Side::Seller, 0.0, MessageReason::Untrusted);
        return ended(NegotiationOutcome::Rejected, 0, MessageReason::Untrusted);
    }
    if (!supply.canSupply(views[1])) {
        exchange.send(MessageType::Reject, Side::Seller, 0.0, MessageReason::NoCapacity);
        return ended(NegotiationOutcome::Rejected, 0, MessageReason::NoCapacity);
    }
    const auto opening = seller.openingOffer(views[1], rng);
    if (!opening || !usablePrice(*opening)) {
        exchange.send(MessageType::Reject, Side::Seller, 0.0, MessageReason::Declined);
        return ended(NegotiationOutcome::Rejected, 0, MessageReason::Declined);
    }
    exchange.m_turns = 1;
    exchange.send(MessageType::Offer, Side::Seller, *opening);
    views[1].ownLast = *opening;
    views[0].partnerLast = *opening;

    Side responder = Side::Buyer;
    Strategy* strategies[2] = { &buyer, &seller };
    while (true) {
        auto& view = views[static_cast<int>(responder)];
        auto& other = views[1 - static_cast<int>(responder)];
        view.turn = exchange.m_turns;
        const Decision decision = strategies[static_cast<int>(responder)]->respond(view, rng);
        const double onTable = *view.partnerLast;
        if (decision.kind == Decision::Kind::Accept) {
            if (responder == Side::Buyer && onTable > budgetCap) {
                exchange.send(MessageType::Reject, responder, 0.0, MessageReason::OverBudget);
                return ended(NegotiationOutcome::Rejected, exchange.m_turns, MessageReason::OverBudget);
            }
            exchange.send(MessageType::Accept, responder, onTable);
            NegotiationResult r = ended(NegotiationOutcome::Accepted, exchange.m_turns);
            r.unitPrice = onTable;
            r.price = onTable * setup.referenceValue;
            return r;
        }
        if (decision.kind == Decision::Kind::Reject || !usablePrice(decision.unitPrice)) {
            exchange.send(MessageType::Reject, responder, 0.0, MessageReason::Declined);
            return ended(NegotiationOutcome::Rejected, exchange.m_turns, MessageReason::Declined);
        }
        if (exchange.m_turns >= setup.maxTurns)
            return ended(NegotiationOutcome::TurnLimit, exchange.m_turns);
        double proposal = decision.unitPrice;
        if (responder == Side::Buyer)
            proposal = std::min(proposal, budgetCap);
        ++exchange.m_turns;
        exchange.send(MessageType::Counter, responder, proposal);
        view.ownLast = proposal;
        other.partnerPrevious = other.partnerLast;
        other.partnerLast = proposal;
        responder = responder == Side::Buyer ? Side::Seller : Side::Buyer;
    }
}

} // namespace haggle
