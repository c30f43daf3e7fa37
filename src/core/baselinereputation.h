// The baseline reputation model: each agent keeps its own sparse table of the peers it has dealt with or heard of.
//
// Formulas (r is the observer's view of the subject, starting at `initial` for a stranger):
//   fulfilled deal   r <- r + reward x (1 - r)          (moves a share of the way to 1)
//   default          r <- r - penalty x r               (loses a share of what is left)
//   peer report v    r <- r + gossipWeight x (v - r)    (moves a share of the way to the peer's view)
// At the defaults (0.1, 0.5, 0.3) one default drops a stranger from 0.5 to 0.25, below the wrapper's 0.3
// threshold, while a long record of fulfilled deals absorbs a rare default (0.9 -> 0.45).
//
// Tables are sparse (per observer, an open-addressing hash table of the peers it has met: one probe per query, where a
// sorted vector needed a binary search that missed the cache at every step), so memory grows with interactions rather
// than with the square of the population; per-subject sums keep meanViewOf() constant-time.
#pragma once

#include "reputation.h"

namespace haggle {

class BaselineReputation : public ReputationModel {
public:
    explicit BaselineReputation(const ReputationSettings& settings = {});

    std::string_view name() const noexcept override { return "baseline"; }
    std::unique_ptr<ReputationModel> clone() const override { return std::make_unique<BaselineReputation>(*this); }
    void reset(std::size_t agentCount) override;
    double view(AgentIndex observer, AgentIndex subject) const override;
    void prefetch(AgentIndex observer, AgentIndex subject) const noexcept override;
    ReputationChange recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled) override;
    ReputationChange recordReport(AgentIndex observer, AgentIndex subject, double reported) override;
    double meanViewOf(AgentIndex subject) const override;
    std::vector<std::pair<AgentIndex, double>> table(AgentIndex observer) const override;
    std::uint64_t tableDigest(AgentIndex observer) const override;

private:
    struct Slot {
        AgentIndex subject = NoAgent; // NoAgent: empty
        double value = 0.0;
    };
    // Linear probing over a power-of-two array, at most 3/4 full; entries are never removed.
    struct Table {
        std::vector<Slot> slots;
        std::uint32_t size = 0;

        const Slot* find(AgentIndex subject) const noexcept;
        // The subject's slot, inserted (with `initial`) if absent; `inserted` says which.
        Slot& findOrInsert(AgentIndex subject, double initial, bool& inserted);
    };
    ReputationChange update(AgentIndex observer, AgentIndex subject, ReputationCause cause, double reported);

    ReputationSettings m_settings;
    std::vector<Table> m_tables; // per observer
    std::vector<double> m_explicitSum; // per subject: sum of explicit views of it
    std::vector<std::uint32_t> m_explicitCount; // per subject: number of explicit views of it
    std::vector<std::uint64_t> m_digests; // per observer: tableDigest(), kept up to date by update()
};

} // namespace haggle
