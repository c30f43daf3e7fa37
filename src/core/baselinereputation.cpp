// Baseline reputation model (see baselinereputation.h).
#include "baselinereputation.h"

#include "hugepages.h"
#include "prefetch.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <utility>

namespace haggle {

KindInfo BaselineReputation::kind()
{
    return { "baseline", "Each agent's own table: a share toward 1 per kept deal, a share of the rest lost per default",
        {
            { "initial", 0.5, 0.0, 1.0, "A stranger's reputation", "reputation" },
            { "reward", 0.1, 0.0, 1.0, "Fulfilled deal: r += reward x (1 - r)", "share" },
            { "penalty", 0.5, 0.0, 1.0, "Default: r -= penalty x r", "share" },
            { "gossip_weight", 0.3, 0.0, 1.0, "Peer report v: r += gossip_weight x (v - r)", "share" },
        } };
}

BaselineReputation::Rates BaselineReputation::ratesFrom(const Parameters& params)
{
    return { params["initial"], params["reward"], params["penalty"], params["gossip_weight"] };
}

BaselineReputation::BaselineReputation(const Rates& settings)
    : m_settings(settings)
{
    // Views are finite (a dense table marks its empty places with NaN): so must the settings be.
    for (double v : { settings.initial, settings.reward, settings.penalty, settings.gossipWeight }) {
        if (!std::isfinite(v))
            throw std::invalid_argument("reputation settings must be finite numbers");
    }
}

BaselineReputation::BaselineReputation(const BaselineReputation& other)
    : BaselineReputation(other.m_settings)
{
    m_tables = other.m_tables;
    for (Table& table : m_tables) {
        table.keys = nullptr;
        table.values = nullptr;
    }
    for (std::size_t i = 0; i < m_tables.size(); ++i) {
        Table& table = m_tables[i];
        const Table& theirs = other.m_tables[i];
        if (table.capacity == 0)
            continue;
        allocate(static_cast<AgentIndex>(i), table);
        if (theirs.keys)
            std::copy_n(theirs.keys, theirs.capacity, table.keys);
        std::copy_n(theirs.values, theirs.capacity, table.values);
    }
}

BaselineReputation::~BaselineReputation() = default; // the arenas free the tables' storage

void BaselineReputation::reset(std::size_t agentCount)
{
    m_hashedArenas.clear();
    m_denseArena.reset();
    m_tables.clear();
    // Reserved, and advised, before the first write, so that a large population's arrays start on huge pages.
    m_tables.shrink_to_fit();
    m_tables.reserve(agentCount);
    adviseHugePages(m_tables.data(), agentCount * sizeof(Table));
    m_tables.resize(agentCount);
}

namespace {

constexpr double NoEntry = std::numeric_limits<double>::quiet_NaN(); // a dense table's empty place

} // namespace

std::size_t BaselineReputation::Table::bytes() const noexcept
{
    return capacity * (sizeof(double) + (dense ? 0 : sizeof(AgentIndex)));
}

void BaselineReputation::attach(Table& table, void* block) noexcept
{
    // Keys, then values (the keys of a table of 8 or more take a multiple of 8 bytes, so the values stay aligned).
    if (table.dense) {
        table.keys = nullptr;
        table.values = static_cast<double*>(block);
    } else {
        table.keys = static_cast<AgentIndex*>(block);
        table.values = reinterpret_cast<double*>(table.keys + table.capacity);
    }
}

void BaselineReputation::relocate(void* self, std::uint32_t owner, void* block)
{
    attach(static_cast<BaselineReputation*>(self)->m_tables[owner], block);
}

std::unique_ptr<BlockArena>& BaselineReputation::arenaSlot(const Table& table)
{
    // Tables of one size share an arena: hashed ones by their power-of-two capacity, dense ones all together.
    if (table.dense)
        return m_denseArena;
    const auto sizeClass = static_cast<std::size_t>(std::countr_zero(table.capacity));
    if (m_hashedArenas.size() <= sizeClass)
        m_hashedArenas.resize(sizeClass + 1);
    return m_hashedArenas[sizeClass];
}

void BaselineReputation::allocate(AgentIndex owner, Table& table)
{
    auto& arena = arenaSlot(table);
    if (!arena)
        arena = std::make_unique<BlockArena>(table.bytes(), &relocate, this);
    attach(table, arena->allocate(owner));
}

void BaselineReputation::release(Table& table) noexcept
{
    // A table with storage got it from allocate(), so its arena's slot exists and release() resizes nothing.
    if (table.capacity && (table.keys || table.values))
        arenaSlot(table)->release(table.dense ? static_cast<void*>(table.values) : table.keys);
    table.keys = nullptr;
    table.values = nullptr;
}

const double* BaselineReputation::Table::find(AgentIndex subject) const noexcept
{
    if (subject == NoAgent) // would match an empty place of a hashed table
        return nullptr;
    if (dense)
        return subject < capacity && !std::isnan(values[subject]) ? &values[subject] : nullptr;
    if (capacity == 0)
        return nullptr;
    for (std::size_t i = slotOf(subject);; i = (i + 1) & (capacity - 1)) {
        if (keys[i] == subject)
            return &values[i];
        if (keys[i] == NoAgent)
            return nullptr;
    }
}

void BaselineReputation::Table::prefetch(AgentIndex subject) const noexcept
{
    if (dense) {
        if (subject < capacity)
            prefetchMemory(&values[subject]);
    } else if (capacity) {
        const std::size_t i = slotOf(subject);
        prefetchMemory(&keys[i]);
        prefetchMemory(&values[i]);
    }
}

template <typename F> void BaselineReputation::Table::forEach(F&& f) const
{
    for (std::uint32_t i = 0; i < capacity; ++i) {
        if (dense ? !std::isnan(values[i]) : keys[i] != NoAgent)
            f(dense ? AgentIndex(i) : keys[i], values[i]);
    }
}

void BaselineReputation::grow(Table& table)
{
    const std::size_t population = m_tables.size();
    Table grown = table;
    grown.capacity = std::max<std::uint32_t>(8, 2 * table.capacity);
    grown.dense = grown.bytes() >= population * sizeof(double);
    if (grown.dense)
        grown.capacity = static_cast<std::uint32_t>(population);
    // Not in the arena it goes to, so no move there touches it; the move that fills its old place moves another.
    allocate(static_cast<AgentIndex>(&table - m_tables.data()), grown);
    if (grown.dense) {
        std::fill_n(grown.values, grown.capacity, NoEntry);
        table.forEach([&](AgentIndex subject, double value) { grown.values[subject] = value; });
    } else {
        std::fill_n(grown.keys, grown.capacity, NoAgent);
        table.forEach([&](AgentIndex subject, double value) {
            std::size_t i = grown.slotOf(subject);
            while (grown.keys[i] != NoAgent)
                i = (i + 1) & (grown.capacity - 1);
            grown.keys[i] = subject;
            grown.values[i] = value;
        });
    }
    release(table);
    table = grown;
}

double& BaselineReputation::findOrInsert(Table& table, AgentIndex subject, bool& inserted)
{
    if (!table.dense && 4 * (std::size_t(table.size) + 1) > 3 * std::size_t(table.capacity))
        grow(table);
    if (table.dense) {
        double& value = table.values[subject];
        inserted = std::isnan(value);
        if (inserted) {
            ++table.size;
            value = m_settings.initial;
        }
        return value;
    }
    std::size_t i = table.slotOf(subject);
    for (; table.keys[i] != NoAgent; i = (i + 1) & (table.capacity - 1)) {
        if (table.keys[i] == subject) {
            inserted = false;
            return table.values[i];
        }
    }
    inserted = true;
    ++table.size;
    table.keys[i] = subject;
    table.values[i] = m_settings.initial;
    return table.values[i];
}

double BaselineReputation::view(AgentIndex observer, AgentIndex subject) const
{
    const double* value = m_tables.at(observer).find(subject);
    return value ? *value : m_settings.initial;
}

void BaselineReputation::views(AgentIndex observer, std::span<const AgentIndex> subjects, double* out) const
{
    const Table& table = m_tables.at(observer);
    for (const AgentIndex subject : subjects) {
        const double* value = table.find(subject);
        *out++ = value ? *value : m_settings.initial;
    }
}

void BaselineReputation::prefetch(AgentIndex observer, AgentIndex subject) const noexcept
{
    if (observer < m_tables.size())
        m_tables[observer].prefetch(subject);
}

void BaselineReputation::prefetchTable(AgentIndex observer) const noexcept
{
    if (observer < m_tables.size())
        prefetchMemory(&m_tables[observer]);
}

void BaselineReputation::prefetchUpdate(AgentIndex observer, AgentIndex subject) const noexcept
{
    if (subject < m_tables.size())
        prefetchMemory(&m_tables[subject]); // its stats as a subject
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
    if (!std::isfinite(reported))
        throw std::invalid_argument("a reported reputation must be a finite number");
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

std::size_t BaselineReputation::mappedBytes() const noexcept
{
    std::size_t bytes = m_denseArena ? m_denseArena->residentBound() : 0;
    for (const auto& arena : m_hashedArenas)
        bytes += arena ? arena->residentBound() : 0;
    return bytes;
}

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
