// The reputation-aware wrapper: wraps any strategy and refuses partners it rates below a trust threshold.
//
// It refuses to pick, answer or keep negotiating with an agent whose reputation in its own table is below
// trust_threshold, and it asks a peer about a partner before negotiating (QUERY_REPUTATION), so word of a
// cheater travels. Every other decision is the inner strategy's.
#pragma once

#include "prefetch.h"
#include "strategy.h"

namespace haggle {

class ReputationAwareStrategy : public Strategy {
public:
    ReputationAwareStrategy(std::unique_ptr<Strategy> inner, double trustThreshold = 0.3);
    ReputationAwareStrategy(const ReputationAwareStrategy& other);

    std::string_view name() const noexcept override { return m_inner->name(); }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<ReputationAwareStrategy>(*this); }
    double maxUnitPrice(const NegotiationView& view) const override;
    std::optional<double> openingOffer(const NegotiationView& view, Rng& rng) override;
    Decision respond(const NegotiationView& view, Rng& rng) override;
    bool acceptsPartner(double reputation) const override;
    bool queriesReputation() const override { return true; }
    std::size_t choosePartner(std::span<const PartnerCandidate> candidates, Rng& rng) const override;
    bool defaultsOnDeal(const DefaultView& view, Rng& rng) override;
    bool cheats() const override { return m_inner->cheats(); }
    int ring() const override { return m_inner->ring(); }
    double report(double ownView, bool subjectInRing) const override { return m_inner->report(ownView, subjectInRing); }
    bool wantsNewIdentity(const IdentityView& view) override { return m_inner->wantsNewIdentity(view); }
    void onNewIdentity() override { m_inner->onNewIdentity(); }
    void useLanguageModel(std::shared_ptr<LanguageModel> model) override
    {
        m_inner->useLanguageModel(std::move(model));
    }
    bool changesIdentity() const override { return m_inner->changesIdentity(); }
    bool isBroker() const override;
    void observeDeal(const DealObservation& observation) override;
    void prefetchState() const noexcept override { prefetchMemory(m_inner.get()); }
    bool observesFailures() const override { return m_inner->observesFailures(); }
    void observeFailure(const FailureObservation& observation) override { m_inner->observeFailure(observation); }
    std::uint64_t stateDigest() const noexcept override { return m_inner->stateDigest(); }
    std::optional<LearnedTable> learned() const override { return m_inner->learned(); }
    std::optional<std::string> restoreLearned(const LearnedTable& table) override
    {
        return m_inner->restoreLearned(table);
    }

    double trustThreshold() const noexcept { return m_threshold; }
    const Strategy& inner() const noexcept { return *m_inner; }

private:
    std::unique_ptr<Strategy> m_inner;
    double m_threshold;
};

} // namespace haggle
