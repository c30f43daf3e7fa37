// The baseline reputation model: each agent keeps its own sparse table of the peers it has dealt with or heard of.
//
// Formulas (r is the observer's view of the subject, starting at `initial` for a stranger):
//   fulfilled deal   r <- r + reward x (1 - r)          (moves a share of the way to 1)
//   default          r <- r - penalty x r               (loses a share of what is left)
//   peer report v    r <- r + gossipWeight x (v - r)    (moves a share of the way to the peer's view)
// At the defaults (0.1, 0.5, 0.3) one default drops a stranger from 0.5 to 0.25, below the wrapper's 0.3
// threshold, while a long record of fulfilled deals absorbs a rare default (0.9 -> 0.45).
//
// The tables are a ReputationTables (reputationtables.h), which keeps them sparse, digested and on huge pages.
#pragma once

#include "catalog.h"
#include "reputation.h"
#include "reputationtables.h"

#include <cstdint>
#include <memory>

namespace haggle {

struct BaselineRates {
    double initial = 0.5; // a stranger's reputation
    double reward = 0.1; // fulfilled deal: r += reward x (1 - r)
    double penalty = 0.5; // default: r -= penalty x r
    double gossipWeight = 0.3; // report: r += gossipWeight x (reported - r)
};

class BaselineReputation : public ReputationModel {
public:
    using Rates = BaselineRates;
    // Its catalog entry (parameters initial, reward, penalty, gossip_weight) and the rates its parameters give.
    static KindInfo kind();
    static Rates ratesFrom(const Parameters& params);

    explicit BaselineReputation(const Rates& rates = {});
    std::string_view name() const noexcept override { return "baseline"; }
    std::unique_ptr<ReputationModel> clone() const override { return std::make_unique<BaselineReputation>(*this); }
    void reset(std::size_t agentCount) override;
    double view(AgentIndex observer, AgentIndex subject) const override;
    void views(AgentIndex observer, std::span<const AgentIndex> subjects, double* out) const override;
    void prefetch(AgentIndex observer, AgentIndex subject) const noexcept override;
    void prefetchTable(AgentIndex observer) const noexcept override;
    void prefetchUpdate(AgentIndex observer, AgentIndex subject) const noexcept override;
    ReputationChange recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled) override;
    ReputationChange recordReport(
        AgentIndex observer, AgentIndex subject, double reported, AgentIndex witness) override;
    void forget(AgentIndex subject) override;
    double meanViewOf(AgentIndex subject) const override;
    std::vector<std::pair<AgentIndex, double>> table(AgentIndex observer) const override;
    std::uint64_t tableDigest(AgentIndex observer) const override;
    std::size_t storageBytes() const noexcept override;
    void pack() override;

private:
    ReputationChange update(AgentIndex observer, AgentIndex subject, ReputationCause cause, double reported);

    Rates m_settings;
    ReputationTables m_tables; // each observer's views
};

} // namespace haggle
