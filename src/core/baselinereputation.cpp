// Baseline reputation model (see baselinereputation.h).
#include "baselinereputation.h"

#include "hugepages.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <utility>

namespace haggle {

namespace {

std::unique_ptr<std::pmr::unsynchronized_pool_resource> makeSlotPool()
{
    std::pmr::pool_options options;
    options.largest_required_pool_block = std::size_t(1) << 20; // tables up to 64k slots; larger ones go upstream
    return std::make_unique<std::pmr::unsynchronized_pool_resource>(options, hugePageResource());
}

} // namespace

BaselineReputation::BaselineReputation(const ReputationSettings& settings)
    : m_settings(settings)
    , m_pool(makeSlotPool())
{
}

BaselineReputation::BaselineReputation(const BaselineReputation& other)
    : m_settings(other.m_settings)
    , m_pool(makeSlotPool())
    , m_tables(other.m_tables)
{
    for (Table& table : m_tables) {
        if (table.values) {
            const double* theirs = table.values;
            table.values = static_cast<double*>(m_pool->allocate(bytesOf(table), alignof(double)));
            std::uninitialized_copy_n(theirs, table.capacity, table.values);
        } else if (table.slots) {
            const Slot* theirs = table.slots;
            table.slots = static_cast<Slot*>(m_pool->allocate(bytesOf(table), alignof(Slot)));
            std::uninitialized_copy_n(theirs, table.capacity, table.slots);
        }
    }
}

BaselineReputation::~BaselineReputation() = default; // the pool returns every table's slots at once

void BaselineReputation::reset(std::size_t agentCount)
{
    m_tables.clear();
    m_pool->release();
    // Reserved, and advised, before the first write, so that a large population's arrays start on huge pages.
    m_tables.shrink_to_fit();
    m_tables.reserve(agentCount);
    adviseHugePages(m_tables.data(), agentCount * sizeof(Table));
    m_tables.resize(agentCount);
}

namespace {

constexpr double NoEntry = std::numeric_limits<double>::quiet_NaN(); // a dense table's empty place

} // namespace

std::size_t BaselineReputation::bytesOf(const Table& table) const noexcept
{
    return table.capacity * (table.values ? sizeof(double) : sizeof(Slot));
}

const double* BaselineReputation::Table::find(AgentIndex subject) const noexcept
{
    if (values)
        return subject < capacity && !std::isnan(values[subject]) ? &values[subject] : nullptr;
    if (capacity == 0)
        return nullptr;
    for (std::size_t i = slotOf(subject);; i = (i + 1) & (capacity - 1)) {
        if (slots[i].subject == subject)
            return &slots[i].value;
        if (slots[i].subject == NoAgent)
            return nullptr;
    }
}

const void* BaselineReputation::Table::where(AgentIndex subject) const noexcept
{
    if (values)
        return subject < capacity ? &values[subject] : nullptr;
    return capacity ? &slots[slotOf(subject)] : nullptr;
}

template <typename F> void BaselineReputation::Table::forEach(F&& f) const
{
    for (std::uint32_t i = 0; i < capacity; ++i) {
        if (values && !std::isnan(values[i]))
            f(AgentIndex(i), values[i]);
        else if (slots && slots[i].subject != NoAgent)
            f(slots[i].subject, slots[i].value);
    }
}

void BaselineReputation::grow(Table& table)
{
    const std::size_t population = m_tables.size();
    Table grown = table;
    grown.capacity = std::max<std::uint32_t>(8, 2 * table.capacity);
    if (std::size_t(grown.capacity) * sizeof(Slot) >= population * sizeof(double)) {
        grown.slots = nullptr;
        grown.capacity = static_cast<std::uint32_t>(population);
        grown.values = static_cast<double*>(m_pool->allocate(bytesOf(grown), alignof(double)));
        std::uninitialized_fill_n(grown.values, grown.capacity, NoEntry);
        table.forEach([&](AgentIndex subject, double value) { grown.values[subject] = value; });
    } else {
        grown.slots = static_cast<Slot*>(m_pool->allocate(bytesOf(grown), alignof(Slot)));
        std::uninitialized_fill_n(grown.slots, grown.capacity, Slot {});
        table.forEach([&](AgentIndex subject, double value) {
            std::size_t i = grown.slotOf(subject);
            while (grown.slots[i].subject != NoAgent)
                i = (i + 1) & (grown.capacity - 1);
            grown.slots[i] = { subject, value };
        });
    }
    if (table.slots)
        m_pool->deallocate(table.slots, bytesOf(table), alignof(Slot));
    table = grown;
}

double& BaselineReputation::findOrInsert(Table& table, AgentIndex subject, bool& inserted)
{
    if (!table.values && 4 * (std::size_t(table.size) + 1) > 3 * std::size_t(table.capacity))
        grow(table);
    if (table.values) {
        double& value = table.values[subject];
        inserted = std::isnan(value);
        if (inserted) {
            ++table.size;
            value = m_settings.initial;
        }
        return value;
    }
    std::size_t i = table.slotOf(subject);
    for (; table.slots[i].subject != NoAgent; i = (i + 1) & (table.capacity - 1)) {
        if (table.slots[i].subject == subject) {
            inserted = false;
            return table.slots[i].value;
        }
    }
    inserted = true;
    ++table.size;
    table.slots[i] = { subject, m_settings.initial };
    return table.slots[i].value;
}

double BaselineReputation::view(AgentIndex observer, AgentIndex subject) const
{
    const double* value = m_tables.at(observer).find(subject);
    return value ? *value : m_settings.initial;
}

void BaselineReputation::prefetch(AgentIndex observer, AgentIndex subject) const noexcept
{
    if (observer >= m_tables.size())
        return;
    if (const void* p = m_tables[observer].where(subject))
        __builtin_prefetch(p);
}

void BaselineReputation::prefetchTable(AgentIndex observer) const noexcept
{
    if (observer < m_tables.size())
        __builtin_prefetch(&m_tables[observer]);
}

void BaselineReputation::prefetchUpdate(AgentIndex observer, AgentIndex subject) const noexcept
{
    if (subject < m_tables.size())
        __builtin_prefetch(&m_tables[subject], 1); // its stats as a subject
    prefetch(observer, subject);
}

ReputationChange BaselineReputation::update(
    AgentIndex observer, AgentIndex subject, ReputationCause cause, double reported)
{
    if (subject >= m_tables.size())
        throw std::out_of_range("reputation subject out of range");
    Table& table = m_tables.at(observer);
    bool inserted = false;
    double& entry = findOrInsert(table, subject, inserted);
    const double r = entry;
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
    entry = next;
    // The digest is the entry count plus a sum of entry digests (wrapping): swap this entry's, count a new one.
    SubjectStats& stats = m_tables[subject].asSubject;
    table.digest += reputationEntryDigest(subject, next);
    if (inserted) {
        stats.explicitSum += next;
        ++stats.explicitCount;
        table.digest += 1;
    } else {
        stats.explicitSum += next - r;
        table.digest -= reputationEntryDigest(subject, r);
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
    const SubjectStats& stats = m_tables.at(subject).asSubject;
    const double strangers = static_cast<double>(others - stats.explicitCount);
    return (stats.explicitSum + strangers * m_settings.initial) / static_cast<double>(others);
}

std::vector<std::pair<AgentIndex, double>> BaselineReputation::table(AgentIndex observer) const
{
    std::vector<std::pair<AgentIndex, double>> entries;
    entries.reserve(m_tables.at(observer).size);
    m_tables.at(observer).forEach([&](AgentIndex subject, double value) { entries.emplace_back(subject, value); });
    std::sort(entries.begin(), entries.end());
    return entries;
}

std::uint64_t BaselineReputation::tableDigest(AgentIndex observer) const
{
    return m_tables.at(observer).digest;
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
