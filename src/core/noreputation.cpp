// The `none` reputation model (see noreputation.h).
#include "noreputation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace haggle {

KindInfo NoReputation::kind()
{
    return { "none", "No reputation: everyone trusts everyone (every view is 1), whatever happens; the control", {} };
}

void NoReputation::views(AgentIndex /*observer*/, std::span<const AgentIndex> subjects, double* out) const
{
    std::fill_n(out, subjects.size(), 1.0);
}

ReputationChange NoReputation::recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled)
{
    return { observer, subject, 1.0, 1.0, fulfilled ? ReputationCause::Fulfilled : ReputationCause::Defaulted };
}

ReputationChange NoReputation::recordReport(
    AgentIndex observer, AgentIndex subject, double reported, AgentIndex /*witness*/)
{
    if (!std::isfinite(reported))
        throw std::invalid_argument("a reported reputation must be a finite number");
    return { observer, subject, 1.0, 1.0, ReputationCause::Report };
}

} // namespace haggle
