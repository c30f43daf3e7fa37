// Names of the protocol's message kinds and reasons (see message.h).
#include "message.h"

#include <array>

namespace haggle {

namespace {
constexpr std::array<std::string_view, MessageTypeCount> typeNames {
    "REQUEST",
    "OFFER",
    "COUNTER",
    "ACCEPT",
    "REJECT",
    "QUERY_REPUTATION",
    "REPUTATION_RESPONSE",
    "ALLOCATE",
    "RELEASE",
    "DEFAULT",
    "GOSSIP",
    "BID",
    "ASK",
    "PROPOSE",
    "JOIN",
    "COMMIT",
    "LEAVE",
};
} // namespace

std::string_view messageTypeName(MessageType type) noexcept
{
    const auto i = static_cast<std::size_t>(type);
    return i < typeNames.size() ? typeNames[i] : std::string_view("?");
}

std::optional<MessageType> messageTypeFromName(std::string_view name) noexcept
{
    for (std::size_t i = 0; i < typeNames.size(); ++i) {
        if (typeNames[i] == name)
            return static_cast<MessageType>(i);
    }
    return std::nullopt;
}

std::string_view messageReasonName(MessageReason reason) noexcept
{
    switch (reason) {
    case MessageReason::None:
        return "";
    case MessageReason::Declined:
        return "declined";
    case MessageReason::Untrusted:
        return "untrusted";
    case MessageReason::NoCapacity:
        return "no_capacity";
    case MessageReason::OverBudget:
        return "over_budget";
    case MessageReason::PaymentWithheld:
        return "payment_withheld";
    case MessageReason::DeliveryWithheld:
        return "delivery_withheld";
    case MessageReason::EscrowEmpty:
        return "escrow_empty";
    case MessageReason::Notice:
        return "notice";
    case MessageReason::PaymentLate:
        return "payment_late";
    case MessageReason::Finished:
        return "finished";
    case MessageReason::Preempted:
        return "preempted";
    case MessageReason::ShortContribution:
        return "short_contribution";
    }
    return "?";
}

} // namespace haggle
