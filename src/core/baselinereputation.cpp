// Baseline reputation model (see baselinereputation.h).
#include "baselinereputation.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace haggle {

BaselineReputation::BaselineReputation(const ReputationSettings& settings)
    : m_settings(settings)
{
}

void BaselineReputation::reset(std::size_t agentCount)
{
    m_tables.assign(agentCount, {});
    m_explicitSum.assign(agentCount, 0.0);
    m_explicitCount.assign(agentCount, 0);
    m_digests.assign(agentCount, 0);
}

namespace {

std::size_t slotOf(AgentIndex subject, std::size_t mask) noexcept
{
    // Fibonacci hashing: neighbouring indices land far apart.
    return static_cast<std::size_t>((std::uint64_t(subject) * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

} // namespace

const BaselineReputation::Slot* BaselineReputation::Table::find(AgentIndex subject) const noexcept
{
    if (slots.empty())
        return nullptr;
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = slotOf(subject, mask);; i = (i + 1) & mask) {
        if (slots[i].subject == subject)
            return &slots[i];
        if (slots[i].subject == NoAgent)
            return nullptr;
    }
}

BaselineReputation::Slot& BaselineReputation::Table::findOrInsert(AgentIndex subject, double initial, bool& inserted)
{
    if (4 * (std::size_t(size) + 1) > 3 * slots.size()) {
        std::vector<Slot> old(std::max<std::size_t>(8, 2 * slots.size()));
        old.swap(slots);
        const std::size_t mask = slots.size() - 1;
        for (const Slot& s : old) {
            if (s.subject == NoAgent)
                continue;
            std::size_t i = slotOf(s.subject, mask);
            while (slots[i].subject != NoAgent)
                i = (i + 1) & mask;
            slots[i] = s;
        }
    }
    const std::size_t mask = slots.size() - 1;
    std::size_t i = slotOf(subject, mask);
    for (; slots[i].subject != NoAgent; i = (i + 1) & mask) {
        if (slots[i].subject == subject) {
            inserted = false;
            return slots[i];
        }
    }
    inserted = true;
    ++size;
    slots[i] = { subject, initial };
    return slots[i];
}

double BaselineReputation::view(AgentIndex observer, AgentIndex subject) const
{
    const Slot* slot = m_tables.at(observer).find(subject);
    return slot ? slot->value : m_settings.initial;
}

void BaselineReputation::prefetch(AgentIndex observer, AgentIndex subject) const noexcept
{
    if (observer >= m_tables.size())
        return;
    const auto& slots = m_tables[observer].slots;
    if (!slots.empty())
        __builtin_prefetch(&slots[slotOf(subject, slots.size() - 1)]);
}

ReputationChange BaselineReputation::update(
    AgentIndex observer, AgentIndex subject, ReputationCause cause, double reported)
{
    if (subject >= m_tables.size())
        throw std::out_of_range("reputation subject out of range");
    bool inserted = false;
    Slot& slot = m_tables.at(observer).findOrInsert(subject, m_settings.initial, inserted);
    const double r = slot.value;
    double next = r;
    switch (cause) {
    case ReputationCause::Fulfilled:
        next = r + m_settings.reward * (1.0 - r);
        break;
    case ReputationCause::Defaulted:
        next = r - m_settings.penalty * r;
        break;
    case ReputationCause::Report:
        next = r + m_settings.gossipWeight * (reported - r);
        break;
    }
    next = std::clamp(next, 0.0, 1.0);
    slot.value = next;
    // The digest is the entry count plus a sum of entry digests (wrapping): swap this entry's, count a new one.
    std::uint64_t& digest = m_digests[observer];
    digest += reputationEntryDigest(subject, next);
    if (inserted) {
        m_explicitSum[subject] += next;
        ++m_explicitCount[subject];
        digest += 1;
    } else {
        m_explicitSum[subject] += next - r;
        digest -= reputationEntryDigest(subject, r);
    }
    return { observer, subject, r, next, cause };
}

ReputationChange BaselineReputation::recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled)
{
    return update(observer, subject, fulfilled ? ReputationCause::Fulfilled : ReputationCause::Defaulted, 0.0);
}

ReputationChange BaselineReputation::recordReport(AgentIndex observer, AgentIndex subject, double reported)
{
    return update(observer, subject, ReputationCause::Report, reported);
}

double BaselineReputation::meanViewOf(AgentIndex subject) const
{
    const std::size_t others = m_tables.size() > 0 ? m_tables.size() - 1 : 0;
    if (others == 0)
        return m_settings.initial;
    const double strangers = static_cast<double>(others - m_explicitCount.at(subject));
    return (m_explicitSum.at(subject) + strangers * m_settings.initial) / static_cast<double>(others);
}

std::vector<std::pair<AgentIndex, double>> BaselineReputation::table(AgentIndex observer) const
{
    std::vector<std::pair<AgentIndex, double>> entries;
    entries.reserve(m_tables.at(observer).size);
    for (const Slot& slot : m_tables.at(observer).slots) {
        if (slot.subject != NoAgent)
            entries.emplace_back(slot.subject, slot.value);
    }
    std::sort(entries.begin(), entries.end());
    return entries;
}

std::uint64_t BaselineReputation::tableDigest(AgentIndex observer) const
{
    return m_digests.at(observer);
}

std::uint64_t reputationEntryDigest(AgentIndex subject, double value) noexcept
{
    // SplitMix64's finaliser over the subject and the value's bits: every bit of either moves the result.
    std::uint64_t z = std::bit_cast<std::uint64_t>(value) ^ (std::uint64_t(subject) * 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t ReputationModel::tableDigest(AgentIndex observer) const
{
    const auto entries = table(observer);
    std::uint64_t digest = entries.size();
    for (const auto& [subject, value] : entries)
        digest += reputationEntryDigest(subject, value);
    return digest;
}

std::unique_ptr<ReputationModel> makeReputationModel(const ReputationSettings& settings)
{
    if (settings.model == "baseline")
        return std::make_unique<BaselineReputation>(settings);
    throw std::invalid_argument("unknown reputation model '" + settings.model + "' (expected: baseline)");
}

std::vector<std::string_view> reputationModelNames()
{
    return { "baseline" };
}

} // namespace haggle
