// The reputation interface's defaults and the entry digest (see reputation.h).
#include "reputation.h"

#include <bit>

namespace haggle {

std::uint64_t reputationEntryDigest(AgentIndex subject, double value) noexcept
{
    // SplitMix64's finaliser over the subject and the value's bits: every bit of either moves the result.
    std::uint64_t z = std::bit_cast<std::uint64_t>(value) ^ (std::uint64_t(subject) * 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void ReputationModel::views(AgentIndex observer, std::span<const AgentIndex> subjects, double* out) const
{
    for (const AgentIndex subject : subjects)
        *out++ = view(observer, subject);
}

std::uint64_t ReputationModel::tableDigest(AgentIndex observer) const
{
    const auto entries = table(observer);
    std::uint64_t digest = entries.size();
    for (const auto& [subject, value] : entries)
        digest += reputationEntryDigest(subject, value);
    return digest;
}

} // namespace haggle
