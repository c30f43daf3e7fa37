// A test-only reputation model, in one file: everyone trusts everyone fully, whatever happens (the "no reputation"
// control of a trust study). It is global in the sense of ReputationModel::endRound(): it counts rounds there and says
// every view may have changed. Registered by one line:
// reputationCatalog().add(TrustingReputation::kind(), TrustingReputation::make).
#pragma once

#include "catalog.h"
#include "reputation.h"

#include <memory>

namespace haggle::test {

class TrustingReputation final : public ReputationModel {
public:
    static KindInfo kind() { return { "trust-everyone", "Test-only: every view is 1, always", {} }; }
    static std::unique_ptr<ReputationModel> make(const Parameters&, const ReputationSetup&)
    {
        return std::make_unique<TrustingReputation>();
    }

    std::string_view name() const noexcept override { return "trust-everyone"; }
    std::unique_ptr<ReputationModel> clone() const override { return std::make_unique<TrustingReputation>(*this); }
    void reset(std::size_t agentCount) override { m_agents = agentCount; }
    double view(AgentIndex, AgentIndex) const override { return 1.0; }
    ReputationChange recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled) override
    {
        return { observer, subject, 1.0, 1.0, fulfilled ? ReputationCause::Fulfilled : ReputationCause::Defaulted };
    }
    ReputationChange recordReport(AgentIndex observer, AgentIndex subject, double, AgentIndex) override
    {
        return { observer, subject, 1.0, 1.0, ReputationCause::Report };
    }
    void forget(AgentIndex) override { }
    bool endRound(int) override
    {
        ++m_rounds;
        return true;
    }
    double meanViewOf(AgentIndex) const override { return 1.0; }
    std::vector<std::pair<AgentIndex, double>> table(AgentIndex) const override { return {}; }
    int rounds() const noexcept { return m_rounds; }

private:
    std::size_t m_agents = 0;
    int m_rounds = 0;
};

} // namespace haggle::test
