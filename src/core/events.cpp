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
    identities.clear();
    strategyChanges.clear();
    coalitions.clear();
    freeRiders.clear();
    futures.clear();
}

void tallyRound(const RoundEvents& events, RoundSummary& s)
{
    s.round = events.round;
    s.phase = events.phase;
    s.negotiations = static_cast<int>(events.negotiations.size());
    s.deals = static_cast<int>(events.deals.size());
    s.defaults = static_cast<int>(events.defaults.size());
    s.successRate = s.negotiations > 0 ? static_cast<double>(s.deals) / s.negotiations : 0.0;
    double priceSum = 0.0;
    s.volume = 0.0;
    for (const auto& deal : events.deals) {
        priceSum += deal.unitPrice;
        s.volume += deal.resources.units();
    }
    s.meanUnitPrice = s.deals > 0 ? std::optional<double>(priceSum / s.deals) : std::nullopt;
    // Futures: the contracts traded, and the deliveries among the deals (the spot deals are the others).
    double futuresSum = 0.0, deliveredSum = 0.0;
    int delivered = 0;
    s.futuresTraded = 0;
    for (const FuturesRecord& f : events.futures) {
        if (f.kind == FuturesRecord::Kind::Traded) {
            ++s.futuresTraded;
            futuresSum += f.unitPrice;
        } else if (f.settled) {
            ++delivered;
            deliveredSum += f.unitPrice;
        }
    }
    s.futuresUnitPrice = s.futuresTraded > 0 ? std::optional<double>(futuresSum / s.futuresTraded) : std::nullopt;
    s.spotUnitPrice
        = s.deals > delivered ? std::optional<double>((priceSum - deliveredSum) / (s.deals - delivered)) : std::nullopt;
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
