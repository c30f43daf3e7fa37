// Contribution monitoring: how a coalition finds its free-riders, members that commit capacity and do not deliver it.
//
// Each buyer that leads coalitions keeps a ledger of its members: how many times each committed its part and how many
// times it delivered. A member is flagged, and expelled, once the ledger shows with 95% confidence that it delivers
// less often than the coalition tolerates: after at least `minCommitments` commitments, the upper end of the Wilson
// score interval of its delivery rate falls below `tolerance`. A member that always delivers is never flagged; one
// that fails every time is flagged after `minCommitments`; one that fails now and then, after more. The ledgers are
// the leader's own: a flagged member is expelled from that leader's coalitions only (others learn of it through
// reputation, as of any default).
#pragma once

#include "message.h"

#include <cstdint>
#include <map>
#include <span>
#include <utility>
#include <vector>

namespace haggle {

class ContributionMonitor {
public:
    struct Ledger {
        int commitments = 0;
        int deliveries = 0;
        bool flagged = false;
    };

    ContributionMonitor(double tolerance, int minCommitments)
        : m_tolerance(tolerance)
        , m_minCommitments(minCommitments)
    {
    }

    // The member committed its part of one of the leader's coalitions and delivered it or not. Returns true when this
    // record flags it (once: a flagged member is not recorded again).
    bool record(AgentIndex leader, AgentIndex member, bool delivered);
    bool flagged(AgentIndex leader, AgentIndex member) const noexcept;
    // The members the leader flagged, in index order (one lookup for a leader's whole canvass).
    std::span<const AgentIndex> flaggedBy(AgentIndex leader) const noexcept;
    const Ledger* ledger(AgentIndex leader, AgentIndex member) const noexcept;
    const std::map<std::pair<AgentIndex, AgentIndex>, Ledger>& ledgers() const noexcept { return m_ledgers; }
    void clear() noexcept
    {
        m_ledgers.clear();
        m_flaggedBy.clear();
    }
    std::uint64_t digest() const noexcept;

    // The upper end of the 95% Wilson score interval of k successes in n trials (1 when n is 0).
    static double wilsonUpper(int k, int n) noexcept;

private:
    double m_tolerance;
    int m_minCommitments;
    std::map<std::pair<AgentIndex, AgentIndex>, Ledger> m_ledgers; // by (leader, member), in index order
    std::map<AgentIndex, std::vector<AgentIndex>> m_flaggedBy; // the flagged members by leader, sorted
};

} // namespace haggle
