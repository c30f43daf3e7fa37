// A test-only strategy, in one file: it asks and pays one fixed unit price, and speaks both the bilateral mechanism's
// alternating offers and the test-only posted-price protocol. Registered by one line:
// strategyCatalog().add(FixedPriceStrategy::kind(), FixedPriceStrategy::make).
#pragma once

#include "catalog.h"
#include "strategy.h"

#include <memory>

namespace haggle::test {

class FixedPriceStrategy final : public Strategy {
public:
    explicit FixedPriceStrategy(double price)
        : m_price(price)
    {
    }
    static KindInfo kind()
    {
        return { "fixed-price", "Test-only: asks and pays one fixed unit price",
            { { "price", 1.0, 0.1, 10.0, "The unit price it asks and pays", "unit price" } },
            { AlternatingOffers, "posted-price" } };
    }
    static std::unique_ptr<Strategy> make(const Parameters& p)
    {
        return std::make_unique<FixedPriceStrategy>(p["price"]);
    }

    std::string_view name() const noexcept override { return "fixed-price"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<FixedPriceStrategy>(*this); }
    double maxUnitPrice(const NegotiationView&) const override { return m_price; }
    std::optional<double> openingOffer(const NegotiationView&, Rng&) override { return m_price; }
    Decision respond(const NegotiationView& view, Rng&) override
    {
        const bool good = view.side == Side::Buyer ? *view.partnerLast <= m_price : *view.partnerLast >= m_price;
        return good ? Decision::accept() : Decision::counter(m_price);
    }
    // It counts its failures: the hook a learner needs.
    bool observesFailures() const override { return true; }
    void observeFailure(const FailureObservation&) override { ++m_failures; }
    std::uint64_t stateDigest() const noexcept override { return static_cast<std::uint64_t>(m_failures); }
    int failures() const noexcept { return m_failures; }

private:
    double m_price;
    int m_failures = 0;
};

} // namespace haggle::test
