// The "interruptible" mechanism, after Vast.ai's rental types (docs/mechanisms.md cites the sources): each provider
// rents at a fixed on-demand price, and beside it takes bids for interruptible instances, of which the highest run on
// the capacity left and the lower are paused (preempted) until they are the highest again.
//
// A provider's on-demand price is its ask the first round it offers compute, fixed from then on; the least it takes
// for an interruptible instance is `min_bid_share` of it. Each round:
//   1. Instances whose renter needs nothing this round, or whose party is absent, end (a REJECT, finished).
//   2. Standing on-demand instances are delivered at their price, oldest first (never preempted; one the provider can
//      no longer supply, after an outage, ends).
//   3. Each renter with a need and no instance, in a random order, names its bid (its limit price, a BID) and looks at
//      up to `visits` providers whose holdings could run its job (drawn at random). The cheapest whose free capacity
//      can take it now, at an on-demand price at or under its bid, rents on demand (an ACCEPT, delivered now). Else
//      it bids for an interruptible instance on the visited provider of the lowest on-demand price, if its bid
//      reaches that provider's minimum.
//   4. Each provider runs its interruptible instances by bid, highest first (the older first among equal bids), while
//      its free capacity can take them; each pays its own bid. The rest wait; one that ran last round and does not now
//      is preempted (a REJECT, preempted). A renter whose instance has waited `patience` rounds in a row gives it up
//      (a REJECT, declined) and bids anew, on another draw of providers, the next round.
// An instance ends too when its provider does not deliver (the renter leaves), its renter does not pay, or its renter's
// budget cannot pay the round (the provider stops it: payment_late).
#pragma once

#include "catalog.h"
#include "mechanism.h"
#include "resources.h"

#include <cstdint>
#include <vector>

namespace haggle {

class ShoutMarket;

class Interruptible final : public Mechanism {
public:
    static KindInfo kind();

    Interruptible(int visits, double minBidShare, int patience)
        : m_visits(visits)
        , m_minBidShare(minBidShare)
        , m_patience(patience)
    {
    }

    std::string_view name() const noexcept override { return "interruptible"; }
    std::unique_ptr<Mechanism> clone() const override { return std::make_unique<Interruptible>(*this); }
    void clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers) override;
    std::uint64_t stateDigest() const noexcept override;

    struct Instance {
        AgentIndex renter = NoAgent;
        AgentIndex provider = NoAgent;
        ResourceBundle resources;
        double unitPrice = 0.0; // the on-demand price, or the bid
        bool interruptible = false;
        bool running = false; // it ran last round
        std::uint64_t since = 0; // order of creation, for priority among equal bids
        int paused = 0; // rounds in a row it waited
        bool ended = false; // this round: a party defaulted, or the renter cannot pay
    };
    const std::vector<Instance>& instances() const noexcept { return m_instances; }
    // Interruptible instances paused this round that ran the round before.
    int lastPreemptions() const noexcept { return m_preemptions; }

private:
    // Delivers a round of the instance (`taker`: who ACCEPTs a new one) and says whether it goes on (see above).
    bool serve(ShoutMarket& market, const Instance& instance, AgentIndex taker);

    int m_visits;
    double m_minBidShare;
    int m_patience;
    std::vector<Instance> m_instances; // oldest first
    std::vector<double> m_onDemand; // per agent, its fixed on-demand price (NaN: not set yet)
    std::uint64_t m_created = 0;
    int m_preemptions = 0;
};

} // namespace haggle
