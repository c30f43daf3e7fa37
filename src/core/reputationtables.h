// Storage for reputation models: per observer, a sparse table of one number per subject it has a view of.
//
// A model keeps its formulas and lets this hold the numbers (BaselineReputation keeps the view itself; a trust model
// might keep local trust, or an evidence count, or two tables for two counts). What it gives a model:
// - one probe per query: per observer an open-addressing hash table of the subjects it has met (a sorted vector needed
//   a binary search that missed the cache at every step); memory grows with interactions rather than with the square
//   of the population. A table that has met between a quarter and half of the population becomes a plain array over
//   it, which is then the smaller form;
// - per subject, the sum and count of the entries about it (so a mean over the population is constant-time), and per
//   observer an order-independent digest of its entries (for Simulation::stateHash()), kept up to date by write();
// - tables of one size side by side in one BlockArena (blockarena.h), which large populations get on huge pages, and
//   which gives back what outgrown tables leave; prefetch hints for the entry a query or a write reads.
//
// Entries are finite numbers (a plain-array table marks its empty places with NaN) and are never removed.
//
// A copy kept only to be copied again (a run's checkpoint, runhistory.h) can be packed: only the entries, each a
// subject and a code into the distinct numbers of all tables (far fewer than the entries: views move by fixed steps),
// in 4 to 8 bytes instead of the 16 to 32 a live table's place takes per entry. A packed instance answers no query (it
// has no agents) until copied; the copy is whole: its tables have the original's entries, forms and capacities.
#pragma once

#include "blockarena.h"
#include "message.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace haggle {

class ReputationTables {
public:
    // What a write did: the entry's number before (the stranger value given, for a new entry) and after.
    struct Write {
        double before = 0.0;
        double after = 0.0;
        bool inserted = false;
    };

    ReputationTables() = default;
    ReputationTables(const ReputationTables& other);
    ReputationTables& operator=(const ReputationTables&) = delete;
    ~ReputationTables();

    // Forget everything; the population has agentCount agents (indices 0 .. agentCount-1).
    void reset(std::size_t agentCount);
    std::size_t agents() const noexcept { return m_tables.size(); }

    // The observer's entry for the subject, or null. Throws std::out_of_range for an observer outside the population.
    const double* find(AgentIndex observer, AgentIndex subject) const;
    // The entry, or `stranger` where there is none.
    double valueOr(AgentIndex observer, AgentIndex subject, double stranger) const
    {
        const double* value = find(observer, subject);
        return value ? *value : stranger;
    }
    // valueOr(observer, subjects[i], stranger) into out[i] for each i, in one pass over the observer's table.
    void valuesOr(AgentIndex observer, std::span<const AgentIndex> subjects, double stranger, double* out) const;

    // Sets the observer's entry for the subject to rule(before), `before` being the entry or, for a new one,
    // `stranger`; the digest and the subject's sums follow. Throws std::out_of_range for an agent outside the
    // population, std::invalid_argument if the rule gives a number that is not finite (nothing changes then).
    template <typename Rule> Write write(AgentIndex observer, AgentIndex subject, double stranger, Rule&& rule)
    {
        Slot slot = findOrInsert(observer, subject, stranger);
        const double before = *slot.value;
        const double after = rule(before);
        if (!std::isfinite(after))
            rejectNonFinite(observer, subject, slot);
        *slot.value = after;
        account(observer, subject, before, after, slot.inserted);
        return { before, after, slot.inserted };
    }

    // Number of the observer's entries; its entries ordered by subject; their digest (see tableDigest() in
    // reputation.h: equal entries give equal digests, whatever order they were made in).
    std::size_t size(AgentIndex observer) const { return m_tables.at(observer).size; }
    std::vector<std::pair<AgentIndex, double>> entries(AgentIndex observer) const;
    std::uint64_t digest(AgentIndex observer) const { return m_tables.at(observer).digest; }
    // Sum and number of the entries about the subject, over all observers.
    double sumAbout(AgentIndex subject) const { return m_tables.at(subject).about.sum; }
    std::size_t countAbout(AgentIndex subject) const { return m_tables.at(subject).about.count; }
    // Mean over every other agent's number for the subject, those without an entry counted at `stranger`.
    double meanAbout(AgentIndex subject, double stranger) const;

    // Hints, with no effect on results: find(observer, subject) follows soon; the observer's table is used soon (where
    // in it is not known yet); write(observer, subject, ...) follows soon.
    void prefetch(AgentIndex observer, AgentIndex subject) const noexcept;
    void prefetchTable(AgentIndex observer) const noexcept;
    void prefetchWrite(AgentIndex observer, AgentIndex subject) const noexcept;

    // Bytes of the tables' storage: mapped outside the heap (at most what the system may have backed), or packed.
    std::size_t storageBytes() const noexcept;

    // Packs the tables for keeping (see above): agents() is 0 until a copy is made, which is whole again.
    void pack();
    bool packed() const noexcept { return m_packed != nullptr; }

private:
    // What the population's entries say about one subject.
    struct About {
        double sum = 0.0;
        std::uint32_t count = 0;
    };
    // Linear probing over a power-of-two array of keys (subjects), their numbers in a parallel array: 12 bytes an
    // entry, at most 3/4 full. Dense form: `values` indexed by subject, NaN where there is no entry, no keys: one read
    // per query. With the agent's sums as a subject, 64 bytes aligned: everything a write reads of either party
    // besides the entry itself is one cache line of each.
    struct alignas(64) Table {
        AgentIndex* keys = nullptr; // hashed form: NoAgent where empty; dense form: null
        double* values = nullptr;
        std::uint32_t capacity = 0; // hashed: 0 or a power of two (8 or more); dense: the population
        std::uint32_t size = 0;
        std::uint64_t digest = 0;
        About about; // the others' entries about this agent
        bool dense = false;

        std::size_t slotOf(AgentIndex subject) const noexcept
        {
            // Fibonacci hashing: neighbouring indices land far apart.
            return static_cast<std::size_t>((std::uint64_t(subject) * 0x9E3779B97F4A7C15ULL) >> 32) & (capacity - 1);
        }
        std::size_t bytes() const noexcept; // of its storage
        const double* find(AgentIndex subject) const noexcept;
        void prefetch(AgentIndex subject) const noexcept; // what find() reads
        template <typename F> void forEach(F&& f) const;
    };
    struct Slot {
        double* value = nullptr;
        bool inserted = false;
    };

    Slot findOrInsert(AgentIndex observer, AgentIndex subject, double stranger);
    [[noreturn]] void rejectNonFinite(AgentIndex observer, AgentIndex subject, const Slot& slot);
    void account(AgentIndex observer, AgentIndex subject, double before, double after, bool inserted) noexcept;
    void grow(Table& table);
    // Storage for table.capacity entries in its form, from the arena of tables of its size (which may move others).
    void allocate(AgentIndex owner, Table& table);
    void release(Table& table) noexcept; // the arena's last table of that size takes its place
    // Where the arena of tables of this one's size is kept (null until a table of that size is allocated).
    std::unique_ptr<BlockArena>& arenaSlot(const Table& table);
    static void attach(Table& table, void* block) noexcept;
    static void relocate(void* self, std::uint32_t owner, void* block); // BlockArena::Relocate

    // The tables packed (pack()): their headers, then their entries table after table, each a subject and a code
    // for its number (16 bits each where the population and the distinct numbers fit, 32 otherwise).
    struct Packed {
        std::vector<Table> tables; // storage pointers null
        std::vector<std::uint16_t> narrowSubjects;
        std::vector<AgentIndex> subjects;
        std::vector<double> dictionary; // what the codes stand for
        std::vector<std::uint16_t> narrowCodes;
        std::vector<std::uint32_t> codes;
        std::size_t bytes() const noexcept;
    };
    void unpack(const Packed& packed);

    std::vector<Table> m_tables; // per agent: its table as an observer, the sums about it as a subject
    std::unique_ptr<const Packed> m_packed;
    // Tables' storage: hashed ones by capacity (1 << index: index 3 upward), and dense ones. Destruction order does not
    // matter: an arena only frees its mapping.
    std::vector<std::unique_ptr<BlockArena>> m_hashedArenas;
    std::unique_ptr<BlockArena> m_denseArena;
};

} // namespace haggle
