// Contribution monitoring (see contributionmonitor.h).
#include "contributionmonitor.h"

#include "digest.h"

#include <algorithm>
#include <cmath>

namespace haggle {

double ContributionMonitor::wilsonUpper(int k, int n) noexcept
{
    if (n <= 0)
        return 1.0;
    constexpr double z = 1.959963984540054;
    const double p = static_cast<double>(k) / n;
    const double z2n = z * z / n;
    const double centre = p + z2n / 2.0;
    const double spread = z * std::sqrt(p * (1.0 - p) / n + z2n / (4.0 * n));
    return (centre + spread) / (1.0 + z2n);
}

bool ContributionMonitor::record(AgentIndex leader, AgentIndex member, bool delivered)
{
    Ledger& l = m_ledgers[{ leader, member }];
    if (l.flagged)
        return false;
    ++l.commitments;
    if (delivered)
        ++l.deliveries;
    l.flagged = l.commitments >= m_minCommitments && wilsonUpper(l.deliveries, l.commitments) < m_tolerance;
    if (l.flagged) {
        std::vector<AgentIndex>& flagged = m_flaggedBy[leader];
        flagged.insert(std::upper_bound(flagged.begin(), flagged.end(), member), member);
    }
    return l.flagged;
}

bool ContributionMonitor::flagged(AgentIndex leader, AgentIndex member) const noexcept
{
    const Ledger* l = ledger(leader, member);
    return l && l->flagged;
}

std::span<const AgentIndex> ContributionMonitor::flaggedBy(AgentIndex leader) const noexcept
{
    const auto it = m_flaggedBy.find(leader);
    return it == m_flaggedBy.end() ? std::span<const AgentIndex>() : std::span<const AgentIndex>(it->second);
}

const ContributionMonitor::Ledger* ContributionMonitor::ledger(AgentIndex leader, AgentIndex member) const noexcept
{
    const auto it = m_ledgers.find({ leader, member });
    return it == m_ledgers.end() ? nullptr : &it->second;
}

std::uint64_t ContributionMonitor::digest() const noexcept
{
    Fnv1a h;
    for (const auto& [key, l] : m_ledgers) {
        h.add(std::uint64_t(key.first) << 32 | key.second);
        h.add(std::uint64_t(l.commitments) << 32 | std::uint64_t(l.deliveries) << 1 | (l.flagged ? 1U : 0U));
    }
    return h.value();
}

} // namespace haggle
