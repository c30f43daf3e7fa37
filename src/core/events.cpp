// Helpers for the event values (see events.h).
#include "events.h"

namespace haggle {

std::string_view negotiationOutcomeName(NegotiationOutcome outcome) noexcept
{
    switch (outcome) {
    case NegotiationOutcome::Accepted:
        return "accepted";
    case NegotiationOutcome::Rejected:
        return "rejected";
    case NegotiationOutcome::TurnLimit:
        return "turn_limit";
    }
    return "?";
}

void RoundEvents::clear()
{
    round = 0;
    phase.clear();
    messages.clear();
    negotiations.clear();
    deals.clear();
    defaults.clear();
    reputationChanges.clear();
    jobs.clear();
}

std::vector<Message> RoundEvents::messagesOf(std::uint64_t negotiation) const
{
    std::vector<Message> result;
    for (const auto& m : messages) {
        if (m.negotiation == negotiation)
            result.push_back(m);
    }
    return result;
}

} // namespace haggle
