// A test-only mechanism, in one file: a posted-price market. Each seller posts a unit price (its strategy's opening
// offer); each buyer, in a random order, takes the cheapest seller that can cover its need now at a price it will pay
// (at most its maximum unit price), or walks away. No turns, no counters: the seam a mechanism plugs into is all it
// uses (MarketState's changes, the event sink, agreements handed to the settlement). Registered by one line:
// mechanismCatalog().add(PostedPriceMechanism::kind(), PostedPriceMechanism::make).
#pragma once

#include "agreement.h"
#include "catalog.h"
#include "marketstate.h"
#include "mechanism.h"
#include "settlement.h"

#include <vector>

namespace haggle::test {

inline constexpr std::string_view PostedPrices = "posted-price";

class PostedPriceMechanism final : public Mechanism {
public:
    explicit PostedPriceMechanism(double markup)
        : m_markup(markup)
    {
    }
    static KindInfo kind()
    {
        return { "test-posted-price", "Test-only: sellers post prices, buyers take the cheapest they can afford",
            { { "markup", 0.0, 0.0, 1.0, "Added to every posted price", "share" } }, { PostedPrices } };
    }
    static std::unique_ptr<Mechanism> make(const Parameters& p)
    {
        return std::make_unique<PostedPriceMechanism>(p["markup"]);
    }

    std::string_view name() const noexcept override { return "test-posted-price"; }
    std::unique_ptr<Mechanism> clone() const override { return std::make_unique<PostedPriceMechanism>(*this); }

    void clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers) override
    {
        std::vector<AgentIndex> order(buyers.begin(), buyers.end());
        state.rng().shuffle(order);
        for (AgentIndex buyer : order) {
            const ResourceBundle need = state.agent(buyer).need();
            const double value = need.value(state.market().referencePrices);
            if (value <= 0.0)
                continue;
            AgentIndex best = NoAgent;
            double bestPrice = 0.0;
            for (AgentIndex seller = 0; seller < state.size(); ++seller) {
                if (seller == buyer || !state.peers()[seller].available.covers(need))
                    continue;
                const auto posted
                    = state.strategy(seller).openingOffer(view(state, seller, buyer, need, Side::Seller), state.rng());
                if (!posted)
                    continue;
                const double price = *posted * (1.0 + m_markup);
                if (best == NoAgent || price < bestPrice) {
                    best = seller;
                    bestPrice = price;
                }
            }
            if (best == NoAgent)
                continue;
            NegotiationRecord record;
            record.id = state.nextNegotiationId();
            record.round = state.round();
            record.buyer = buyer;
            record.seller = best;
            record.resources = need;
            const double limit = state.strategy(buyer).maxUnitPrice(view(state, buyer, best, need, Side::Buyer));
            const double total = bestPrice * value;
            const bool takes = bestPrice <= limit && total <= state.agent(buyer).budget();
            record.outcome = takes ? NegotiationOutcome::Accepted : NegotiationOutcome::Rejected;
            if (takes) {
                record.price = total;
                record.unitPrice = bestPrice;
            }
            state.events().negotiations.push_back(record);
            if (takes)
                settlement.settle(state,
                    Agreement::bilateral(record.id, state.round(), buyer, best, need, total, bestPrice, false, 0));
        }
    }

private:
    static NegotiationView view(
        const MarketState& state, AgentIndex self, AgentIndex partner, const ResourceBundle& need, Side side)
    {
        NegotiationView v;
        v.side = side;
        v.round = state.round();
        v.self = self;
        v.partner = partner;
        v.resources = need;
        v.referenceValue = need.value(state.market().referencePrices);
        v.budget = state.agent(self).budget();
        v.partnerReputation = state.reputation().view(self, partner);
        v.marketRate = side == Side::Seller ? state.marketRateOf(self) : 1.0;
        return v;
    }

    double m_markup;
};

} // namespace haggle::test
