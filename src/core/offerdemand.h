// The "offer-demand" mechanism, after Golem Network's market (docs/mechanisms.md cites the sources): providers post
// offers (a start fee and a rate a round), requestors post demands with a price cap, either side may counter the
// other's terms, the requestor proposes an agreement and the provider approves it; the provider bills every round
// (debit notes) and terminates an agreement whose bills go unpaid for `payment_timeout` rounds.
//
// Each round:
//   1. Standing agreements, oldest first. One ends (a REJECT) when its requestor needs nothing this round (finished),
//      a party is absent, or the provider cannot supply it; otherwise the round is delivered at its rate (the lease
//      settlement: either side may default); one whose requestor's budget cannot pay the round ends (payment_late). A
//      requestor that did not pay adds an unpaid bill; at `payment_timeout`
//      unpaid bills in a row the provider terminates (payment_late). A provider that did not deliver is left by the
//      requestor at once.
//   2. Offers: every provider with compute free posts its rate (its ask, an ASK to nobody).
//   3. Demands: each requestor with a need and no agreement, in a random order, names its cap (its limit price, a
//      BID) and looks at up to `candidates` offers able to supply it (drawn at random), taking the lowest rate. At or
//      under its cap: it proposes the agreement at that rate (a REQUEST) and the provider approves it (an ACCEPT).
//      Over its cap: it counters with its cap (a COUNTER), which the provider approves if its own fresh ask is at or
//      under it, and rejects otherwise. An approved agreement pays the provider its start fee and delivers its first
//      round.
#pragma once

#include "catalog.h"
#include "mechanism.h"
#include "resources.h"

#include <cstdint>
#include <vector>

namespace haggle {

class OfferDemand final : public Mechanism {
public:
    static KindInfo kind();

    OfferDemand(double startFee, int candidates, int paymentTimeout)
        : m_startFee(startFee)
        , m_candidates(candidates)
        , m_paymentTimeout(paymentTimeout)
    {
    }

    std::string_view name() const noexcept override { return "offer-demand"; }
    std::unique_ptr<Mechanism> clone() const override { return std::make_unique<OfferDemand>(*this); }
    void clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers) override;
    std::uint64_t stateDigest() const noexcept override;

    struct Agreement {
        AgentIndex requestor = NoAgent;
        AgentIndex provider = NoAgent;
        ResourceBundle resources;
        double unitPrice = 0.0; // the rate a round
        int unpaid = 0; // bills unpaid in a row
    };
    const std::vector<Agreement>& agreements() const noexcept { return m_agreements; }

private:
    double m_startFee;
    int m_candidates;
    int m_paymentTimeout;
    std::vector<Agreement> m_agreements; // oldest first
    std::vector<double> m_rates; // per agent, this round's offer (NaN: none)
};

} // namespace haggle
