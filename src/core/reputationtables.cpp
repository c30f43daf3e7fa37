// Storage for reputation models (see reputationtables.h).
#include "reputationtables.h"

#include "hugepages.h"
#include "prefetch.h"
#include "reputation.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace haggle {

namespace {

constexpr double NoEntry = std::numeric_limits<double>::quiet_NaN(); // a dense table's empty place

} // namespace

ReputationTables::ReputationTables(const ReputationTables& other)
{
    if (other.m_packed) {
        unpack(*other.m_packed);
        return;
    }
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

void ReputationTables::pack()
{
    if (m_packed)
        return;
    auto packed = std::make_unique<Packed>();
    std::size_t entries = 0;
    for (const Table& table : m_tables)
        entries += table.size;
    // The distinct numbers, coded in the order first met.
    std::unordered_map<std::uint64_t, std::uint32_t> codeOf;
    const bool narrowSubjects = m_tables.size() <= std::size_t(1) << 16;
    (narrowSubjects ? packed->narrowSubjects.reserve(entries) : packed->subjects.reserve(entries));
    packed->codes.reserve(entries);
    for (const Table& table : m_tables) {
        table.forEach([&](AgentIndex subject, double value) {
            if (narrowSubjects)
                packed->narrowSubjects.push_back(static_cast<std::uint16_t>(subject));
            else
                packed->subjects.push_back(subject);
            const auto [at, added]
                = codeOf.try_emplace(std::bit_cast<std::uint64_t>(value), static_cast<std::uint32_t>(codeOf.size()));
            packed->codes.push_back(at->second);
        });
    }
    packed->dictionary.resize(codeOf.size());
    for (const auto& [bits, code] : codeOf)
        packed->dictionary[code] = std::bit_cast<double>(bits);
    if (codeOf.size() <= std::size_t(1) << 16) {
        packed->narrowCodes.assign(packed->codes.begin(), packed->codes.end());
        std::vector<std::uint32_t>().swap(packed->codes);
    }
    packed->tables = std::move(m_tables);
    for (Table& table : packed->tables) {
        table.keys = nullptr;
        table.values = nullptr;
    }
    m_tables = {};
    m_hashedArenas.clear();
    m_denseArena.reset();
    m_packed = std::move(packed);
}

void ReputationTables::unpack(const Packed& packed)
{
    m_tables = packed.tables;
    // Every arena sized and backed first (see BlockArena::reserveBacked()).
    std::vector<std::size_t> hashed;
    std::size_t dense = 0;
    for (const Table& table : m_tables) {
        if (table.capacity == 0)
            continue;
        if (table.dense) {
            ++dense;
            continue;
        }
        const auto sizeClass = static_cast<std::size_t>(std::countr_zero(table.capacity));
        if (hashed.size() <= sizeClass)
            hashed.resize(sizeClass + 1);
        ++hashed[sizeClass];
    }
    for (const Table& table : m_tables) {
        if (table.capacity == 0)
            continue;
        const std::size_t count
            = table.dense ? std::exchange(dense, 0) : std::exchange(hashed[std::countr_zero(table.capacity)], 0);
        if (count == 0)
            continue; // its arena is made and sized already
        auto& arena = arenaSlot(table);
        arena = std::make_unique<BlockArena>(table.bytes(), &relocate, this);
        arena->reserveBacked(count);
    }
    // Each table's entries put back in its form and capacity (where in a hashed table is no matter: the entries
    // found are the same, and none of the model's results follows the order of the places).
    std::size_t next = 0;
    for (std::size_t i = 0; i < m_tables.size(); ++i) {
        Table& table = m_tables[i];
        if (table.capacity == 0)
            continue;
        allocate(static_cast<AgentIndex>(i), table);
        if (table.dense)
            std::fill_n(table.values, table.capacity, NoEntry);
        else
            std::fill_n(table.keys, table.capacity, NoAgent);
        for (std::uint32_t k = 0; k < table.size; ++k, ++next) {
            const AgentIndex subject
                = packed.subjects.empty() ? AgentIndex(packed.narrowSubjects[next]) : packed.subjects[next];
            const double value
                = packed.dictionary[packed.codes.empty() ? packed.narrowCodes[next] : packed.codes[next]];
            if (table.dense) {
                table.values[subject] = value;
                continue;
            }
            std::size_t place = table.slotOf(subject);
            while (table.keys[place] != NoAgent)
                place = (place + 1) & (table.capacity - 1);
            table.keys[place] = subject;
            table.values[place] = value;
        }
    }
}

std::size_t ReputationTables::Packed::bytes() const noexcept
{
    return sizeof(Packed) + tables.capacity() * sizeof(Table) + narrowSubjects.capacity() * sizeof(std::uint16_t)
        + subjects.capacity() * sizeof(AgentIndex) + dictionary.capacity() * sizeof(double)
        + narrowCodes.capacity() * sizeof(std::uint16_t) + codes.capacity() * sizeof(std::uint32_t);
}

ReputationTables::~ReputationTables() = default; // the arenas free the tables' storage

void ReputationTables::reset(std::size_t agentCount)
{
    m_packed.reset();
    m_hashedArenas.clear();
    m_denseArena.reset();
    m_tables.clear();
    // Reserved, and advised, before the first write, so that a large population's arrays start on huge pages.
    m_tables.shrink_to_fit();
    m_tables.reserve(agentCount);
    adviseHugePages(m_tables.data(), agentCount * sizeof(Table));
    m_tables.resize(agentCount);
}

std::size_t ReputationTables::Table::bytes() const noexcept
{
    return capacity * (sizeof(double) + (dense ? 0 : sizeof(AgentIndex)));
}

void ReputationTables::attach(Table& table, void* block) noexcept
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

void ReputationTables::relocate(void* self, std::uint32_t owner, void* block)
{
    attach(static_cast<ReputationTables*>(self)->m_tables[owner], block);
}

std::unique_ptr<BlockArena>& ReputationTables::arenaSlot(const Table& table)
{
    // Tables of one size share an arena: hashed ones by their power-of-two capacity, dense ones all together.
    if (table.dense)
        return m_denseArena;
    const auto sizeClass = static_cast<std::size_t>(std::countr_zero(table.capacity));
    if (m_hashedArenas.size() <= sizeClass)
        m_hashedArenas.resize(sizeClass + 1);
    return m_hashedArenas[sizeClass];
}

void ReputationTables::allocate(AgentIndex owner, Table& table)
{
    auto& arena = arenaSlot(table);
    if (!arena)
        arena = std::make_unique<BlockArena>(table.bytes(), &relocate, this);
    attach(table, arena->allocate(owner));
}

void ReputationTables::release(Table& table) noexcept
{
    // A table with storage got it from allocate(), so its arena's slot exists and release() resizes nothing.
    if (table.capacity && (table.keys || table.values))
        arenaSlot(table)->release(table.dense ? static_cast<void*>(table.values) : table.keys);
    table.keys = nullptr;
    table.values = nullptr;
}

const double* ReputationTables::Table::find(AgentIndex subject) const noexcept
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

void ReputationTables::Table::prefetch(AgentIndex subject) const noexcept
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

template <typename F> void ReputationTables::Table::forEach(F&& f) const
{
    for (std::uint32_t i = 0; i < capacity; ++i) {
        if (dense ? !std::isnan(values[i]) : keys[i] != NoAgent)
            f(dense ? AgentIndex(i) : keys[i], values[i]);
    }
}

void ReputationTables::grow(Table& table)
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

const double* ReputationTables::find(AgentIndex observer, AgentIndex subject) const
{
    return m_tables.at(observer).find(subject);
}

void ReputationTables::valuesOr(
    AgentIndex observer, std::span<const AgentIndex> subjects, double stranger, double* out) const
{
    const Table& table = m_tables.at(observer);
    for (const AgentIndex subject : subjects) {
        const double* value = table.find(subject);
        *out++ = value ? *value : stranger;
    }
}

ReputationTables::Slot ReputationTables::findOrInsert(AgentIndex observer, AgentIndex subject, double stranger)
{
    if (subject >= m_tables.size())
        throw std::out_of_range("reputation subject " + std::to_string(subject) + " is outside the population");
    if (!std::isfinite(stranger))
        throw std::invalid_argument("a stranger's reputation must be a finite number");
    Table& table = m_tables.at(observer);
    if (!table.dense && 4 * (std::size_t(table.size) + 1) > 3 * std::size_t(table.capacity))
        grow(table);
    if (table.dense) {
        double& value = table.values[subject];
        const bool inserted = std::isnan(value);
        if (inserted) {
            ++table.size;
            value = stranger;
        }
        return { &value, inserted };
    }
    std::size_t i = table.slotOf(subject);
    for (; table.keys[i] != NoAgent; i = (i + 1) & (table.capacity - 1)) {
        if (table.keys[i] == subject)
            return { &table.values[i], false };
    }
    ++table.size;
    table.keys[i] = subject;
    table.values[i] = stranger;
    return { &table.values[i], true };
}

void ReputationTables::rejectNonFinite(AgentIndex observer, AgentIndex subject, const Slot& slot)
{
    // Take back an entry just inserted. In a hashed table no probe passes through its place (every entry that could
    // have was inserted after it, and there is none), so emptying the place leaves every other entry reachable.
    if (slot.inserted) {
        Table& table = m_tables[observer];
        if (table.dense)
            *slot.value = NoEntry;
        else
            table.keys[slot.value - table.values] = NoAgent;
        --table.size;
    }
    throw std::invalid_argument("reputation of agent " + std::to_string(subject) + " in agent "
        + std::to_string(observer) + "'s table would not be a finite number");
}

void ReputationTables::account(
    AgentIndex observer, AgentIndex subject, double before, double after, bool inserted) noexcept
{
    // The digest is the entry count plus a sum of entry digests (wrapping): swap this entry's, count a new one.
    Table& table = m_tables[observer];
    About& about = m_tables[subject].about;
    table.digest += reputationEntryDigest(subject, after);
    if (inserted) {
        about.sum += after;
        ++about.count;
        table.digest += 1;
    } else {
        about.sum += after - before;
        table.digest -= reputationEntryDigest(subject, before);
    }
}

std::vector<std::pair<AgentIndex, double>> ReputationTables::entries(AgentIndex observer) const
{
    const Table& table = m_tables.at(observer);
    std::vector<std::pair<AgentIndex, double>> entries;
    entries.reserve(table.size);
    table.forEach([&](AgentIndex subject, double value) { entries.emplace_back(subject, value); });
    std::sort(entries.begin(), entries.end());
    return entries;
}

double ReputationTables::meanAbout(AgentIndex subject, double stranger) const
{
    const std::size_t others = m_tables.size() > 0 ? m_tables.size() - 1 : 0;
    if (others == 0)
        return stranger;
    const About& about = m_tables.at(subject).about;
    const double strangers = static_cast<double>(others - about.count);
    return (about.sum + strangers * stranger) / static_cast<double>(others);
}

void ReputationTables::prefetch(AgentIndex observer, AgentIndex subject) const noexcept
{
    if (observer < m_tables.size())
        m_tables[observer].prefetch(subject);
}

void ReputationTables::prefetchTable(AgentIndex observer) const noexcept
{
    if (observer < m_tables.size())
        prefetchMemory(&m_tables[observer]);
}

void ReputationTables::prefetchWrite(AgentIndex observer, AgentIndex subject) const noexcept
{
    if (subject < m_tables.size())
        prefetchMemory(&m_tables[subject]); // the sums about it
    prefetch(observer, subject);
}

std::size_t ReputationTables::storageBytes() const noexcept
{
    if (m_packed)
        return m_packed->bytes();
    std::size_t bytes = m_denseArena ? m_denseArena->residentBound() : 0;
    for (const auto& arena : m_hashedArenas)
        bytes += arena ? arena->residentBound() : 0;
    return bytes;
}

} // namespace haggle
