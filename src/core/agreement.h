// An agreement: what a mechanism produces and a settlement carries out. It names its parties (two or more), the
// bundle, the price and the round of delivery, so that auctions, coalitions and futures are agreements too, not
// two-party negotiation records in disguise.
#pragma once

#include "resources.h"
#include "strategy.h"

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace haggle {

struct AgreementParty {
    AgentIndex agent = NoAgent;
    Side side = Side::Buyer; // a buyer pays and receives the compute; a seller supplies it and is paid
    ResourceBundle part; // what of the bundle it receives (a buyer) or supplies (a seller)
    double priceShare = 1.0; // of the price: what it pays (a buyer) or is paid (a seller)

    bool operator==(const AgreementParty&) const = default;
};

class Agreement {
public:
    std::uint64_t id = 0; // the negotiation, auction or match that made it
    int round = 0; // agreed in
    int deliveryRound = 0; // delivered in: the same round for a spot deal, later for a future
    ResourceBundle resources; // the bundle
    double price = 0.0; // in total
    double unitPrice = 0.0; // price / reference value of the bundle
    bool sourcing = false; // a broker buying what it will resell
    int turns = 0; // proposals exchanged to reach it (0 where the mechanism has no turns); its messages carry it
    // Paid from an escrow the mechanism holds (a reverse auction's lease): the buyer cannot withhold the payment.
    bool escrowed = false;
    // The buyer holds the compute this round without a job to run on it (a standing lease in a round it needs
    // nothing): it pays, and earns nothing.
    bool idle = false;

    // The usual agreement: one buyer, one seller, delivery now.
    static Agreement bilateral(std::uint64_t id, int round, AgentIndex buyer, AgentIndex seller,
        const ResourceBundle& resources, double price, double unitPrice, bool sourcing, int turns)
    {
        Agreement a;
        a.id = id;
        a.round = round;
        a.deliveryRound = round;
        a.resources = resources;
        a.price = price;
        a.unitPrice = unitPrice;
        a.sourcing = sourcing;
        a.turns = turns;
        a.addParty({ buyer, Side::Buyer, resources, 1.0 });
        a.addParty({ seller, Side::Seller, resources, 1.0 });
        return a;
    }

    void addParty(const AgreementParty& party)
    {
        if (m_count < m_inline.size())
            m_inline[m_count] = party;
        else
            m_more.push_back(party);
        ++m_count;
    }
    std::size_t partyCount() const noexcept { return m_count; }
    const AgreementParty& party(std::size_t k) const noexcept
    {
        return k < m_inline.size() ? m_inline[k] : m_more[k - m_inline.size()];
    }
    // The first party on that side (NoAgent if none): the buyer and the seller of a bilateral agreement.
    AgentIndex first(Side side) const noexcept
    {
        for (std::size_t k = 0; k < m_count; ++k) {
            if (party(k).side == side)
                return party(k).agent;
        }
        return NoAgent;
    }
    AgentIndex buyer() const noexcept { return first(Side::Buyer); }
    AgentIndex seller() const noexcept { return first(Side::Seller); }
    bool isBilateral() const noexcept
    {
        return m_count == 2 && party(0).side != party(1).side && deliveryRound == round;
    }
    std::size_t count(Side side) const noexcept
    {
        std::size_t n = 0;
        for (std::size_t k = 0; k < m_count; ++k)
            n += party(k).side == side ? 1 : 0;
        return n;
    }
    // A coalition's agreement, delivered now: several sellers pooling capacity for one buyer, or one seller serving
    // a pool of buyers.
    bool isSharedSpot() const noexcept
    {
        const std::size_t buyers = count(Side::Buyer), sellers = count(Side::Seller);
        return deliveryRound == round && buyers >= 1 && sellers >= 1 && (buyers == 1 || sellers == 1)
            && buyers + sellers > 2;
    }

private:
    // Most agreements have two parties: those need no allocation.
    std::array<AgreementParty, 2> m_inline;
    std::vector<AgreementParty> m_more;
    std::size_t m_count = 0;
};

} // namespace haggle
