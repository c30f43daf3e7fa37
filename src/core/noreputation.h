// The `none` reputation model: the control. Everyone trusts everyone fully, always (every view is 1); deals, defaults
// and reports change nothing. A study runs it beside a real model to see what reputation is worth.
#pragma once

#include "catalog.h"
#include "reputation.h"

#include <cstdint>
#include <memory>

namespace haggle {

class NoReputation final : public ReputationModel {
public:
    static KindInfo kind();

    std::string_view name() const noexcept override { return "none"; }
    std::unique_ptr<ReputationModel> clone() const override { return std::make_unique<NoReputation>(*this); }
    void reset(std::size_t /*agentCount*/) override { }
    double view(AgentIndex /*observer*/, AgentIndex /*subject*/) const override { return 1.0; }
    void views(AgentIndex observer, std::span<const AgentIndex> subjects, double* out) const override;
    ReputationChange recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled) override;
    ReputationChange recordReport(
        AgentIndex observer, AgentIndex subject, double reported, AgentIndex witness) override;
    void forget(AgentIndex /*subject*/) override { } // everyone is trusted already, strangers included
    double meanViewOf(AgentIndex /*subject*/) const override { return 1.0; }
    std::vector<std::pair<AgentIndex, double>> table(AgentIndex /*observer*/) const override { return {}; }
    std::uint64_t tableDigest(AgentIndex /*observer*/) const override { return 0; }
};

} // namespace haggle
