// The "posted-price" mechanism: each provider posts a price for the round, and buyers take it or leave it.
//
// At the round's start every provider with compute available posts its ask (an ASK message to nobody). Buyers then
// come in a random order (one shuffle a round); each looks at up to `visits` providers, drawn at random among those
// that can supply its need now, and buys from the cheapest of them (the first drawn among equals) if that price is at
// or below its own limit price (its bid, a BID message to that provider). No haggling: the price is the posted one.
#pragma once

#include "catalog.h"
#include "mechanism.h"

#include <vector>

namespace haggle {

class PostedPrice final : public Mechanism {
public:
    static KindInfo kind();

    explicit PostedPrice(int visits = 3)
        : m_visits(visits)
    {
    }

    std::string_view name() const noexcept override { return "posted-price"; }
    std::unique_ptr<Mechanism> clone() const override { return std::make_unique<PostedPrice>(*this); }
    void clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers) override;

private:
    int m_visits;
    std::vector<double> m_posted; // per agent, this round's posted unit price (NaN: none)
};

} // namespace haggle
