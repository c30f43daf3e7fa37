// The sealed-bid auctions: "first-price" and "vickrey" (second-price, Vickrey 1961), run each round by each provider.
//
// Providers with compute available take turns in a random order (one shuffle a round). Each invites up to `bidders`
// buyers still unserved whose need it can supply (drawn at random), states its reserve (its ask, an ASK message) and
// takes one sealed bid from each (a BID message to it). Bids are ranked highest first (ties: in invitation order);
// down that ranking, a bid at or above the reserve whose need still fits the provider's remaining capacity wins. Each
// winner pays:
//   first-price: its own bid;
//   vickrey:     the highest losing bid, or the reserve if that is higher, and never above its own bid (a higher bid
//                can lose when its need does not fit what is left) (with one unit, the second-highest bid: a
//                buyer's own bid sets only whether it wins, so bidding its value is a dominant strategy; with several
//                units and needs of one size, the uniform-price (k+1)-th bid, which keeps that property).
// A served buyer leaves the round's later auctions.
#pragma once

#include "catalog.h"
#include "mechanism.h"

#include <cstdint>
#include <vector>

namespace haggle {

class SealedBidAuction final : public Mechanism {
public:
    enum class Pricing : std::uint8_t { FirstPrice, SecondPrice };

    static KindInfo firstPriceKind();
    static KindInfo vickreyKind();

    SealedBidAuction(Pricing pricing, int bidders)
        : m_pricing(pricing)
        , m_bidders(bidders)
    {
    }

    std::string_view name() const noexcept override
    {
        return m_pricing == Pricing::FirstPrice ? "first-price" : "vickrey";
    }
    std::unique_ptr<Mechanism> clone() const override { return std::make_unique<SealedBidAuction>(*this); }
    void clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers) override;

    struct Bid {
        AgentIndex buyer = NoAgent;
        double price = 0.0; // unit price
    };
    // The auction's outcome for bids ranked highest first: the winners' places in `bids` (the first `units` bids at
    // or above the reserve that `fits`), and the price each pays under the rule.
    struct Award {
        std::size_t bid = 0;
        double price = 0.0;
    };
    template <typename Fits>
    static std::vector<Award> award(Pricing pricing, std::span<const Bid> ranked, double reserve, Fits fits)
    {
        std::vector<Award> winners;
        std::vector<std::uint8_t> won(ranked.size(), 0);
        for (std::size_t k = 0; k < ranked.size(); ++k) {
            if (ranked[k].price >= reserve && fits(ranked[k].buyer)) {
                winners.push_back({ k, ranked[k].price });
                won[k] = 1;
            }
        }
        if (pricing == Pricing::SecondPrice) {
            double highestLosing = reserve;
            for (std::size_t k = 0; k < ranked.size(); ++k) {
                if (!won[k] && ranked[k].price > highestLosing)
                    highestLosing = ranked[k].price;
            }
            for (Award& a : winners)
                a.price = std::min(highestLosing, ranked[a.bid].price);
        }
        return winners;
    }

private:
    Pricing m_pricing;
    int m_bidders;
};

} // namespace haggle
