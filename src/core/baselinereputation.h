// The baseline reputation model: each agent keeps its own sparse table of the peers it has dealt with or heard of.
//
// Formulas (r is the observer's view of the subject, starting at `initial` for a stranger):
//   fulfilled deal   r <- r + reward x (1 - r)          (moves a share of the way to 1)
//   default          r <- r - penalty x r               (loses a share of what is left)
//   peer report v    r <- r + gossipWeight x (v - r)    (moves a share of the way to the peer's view)
// At the defaults (0.1, 0.5, 0.3) one default drops a stranger from 0.5 to 0.25, below the wrapper's 0.3
// threshold, while a long record of fulfilled deals absorbs a rare default (0.9 -> 0.45).
//
// Tables are sparse (per observer, an open-addressing hash table of the peers it has met: one probe per query, where a
// sorted vector needed a binary search that missed the cache at every step), so memory grows with interactions rather
// than with the square of the population (a table that has met between a quarter and half of the population becomes
// a plain array over it, which is then the smaller form); per-subject sums keep meanViewOf() constant-time. Tables of
// one size keep their storage side by side in one BlockArena (blockarena.h), which large populations get on huge
// pages, and which gives back what outgrown tables leave.
#pragma once

#include "blockarena.h"
#include "catalog.h"
#include "reputation.h"

#include <cstdint>
#include <memory>

namespace haggle {

struct BaselineRates {
    double initial = 0.5; // a stranger's reputation
    double reward = 0.1; // fulfilled deal: r += reward x (1 - r)
    double penalty = 0.5; // default: r -= penalty x r
    double gossipWeight = 0.3; // report: r += gossipWeight x (reported - r)
};

class BaselineReputation : public ReputationModel {
public:
    using Rates = BaselineRates;
    // Its catalog entry (parameters initial, reward, penalty, gossip_weight) and the rates its parameters give.
    static KindInfo kind();
    static Rates ratesFrom(const Parameters& params);

    explicit BaselineReputation(const Rates& rates = {});
    BaselineReputation(const BaselineReputation& other);
    BaselineReputation& operator=(const BaselineReputation&) = delete;
    ~BaselineReputation() override;

    std::string_view name() const noexcept override { return "baseline"; }
    std::unique_ptr<ReputationModel> clone() const override { return std::make_unique<BaselineReputation>(*this); }
    void reset(std::size_t agentCount) override;
    double view(AgentIndex observer, AgentIndex subject) const override;
    void views(AgentIndex observer, std::span<const AgentIndex> subjects, double* out) const override;
    void prefetch(AgentIndex observer, AgentIndex subject) const noexcept override;
    void prefetchTable(AgentIndex observer) const noexcept override;
    void prefetchUpdate(AgentIndex observer, AgentIndex subject) const noexcept override;
    ReputationChange recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled) override;
    ReputationChange recordReport(AgentIndex observer, AgentIndex subject, double reported) override;
    double meanViewOf(AgentIndex subject) const override;
    std::vector<std::pair<AgentIndex, double>> table(AgentIndex observer) const override;
    std::uint64_t tableDigest(AgentIndex observer) const override;
    std::size_t mappedBytes() const noexcept override;

private:
    // What meanViewOf() needs of a subject.
    struct SubjectStats {
        double explicitSum = 0.0; // sum of the explicit views of it
        std::uint32_t explicitCount = 0; // number of explicit views of it
    };
    // Linear probing over a power-of-two array of keys (subjects), their values in a parallel array: 12 bytes an
    // entry, at most 3/4 full; entries are never removed. A table that would grow past the size of a plain array
    // over the whole population becomes one (`values` indexed by subject, NaN where there is no entry, no keys): one
    // read per query, in less memory. With the agent's stats as a subject, 64 bytes aligned: everything an update
    // reads of either party besides the entry itself is one cache line of each.
    struct alignas(64) Table {
        AgentIndex* keys = nullptr; // hashed form: NoAgent where empty; dense form: null
        double* values = nullptr;
        std::uint32_t capacity = 0; // hashed: 0 or a power of two (8 or more); dense: the population
        std::uint32_t size = 0;
        std::uint64_t digest = 0; // tableDigest(), kept up to date by update()
        SubjectStats asSubject; // the others' views of this agent
        bool dense = false;

        std::size_t slotOf(AgentIndex subject) const noexcept
        {
            // Fibonacci hashing: neighbouring indices land far apart.
            return static_cast<std::size_t>((std::uint64_t(subject) * 0x9E3779B97F4A7C15ULL) >> 32) & (capacity - 1);
        }
        std::size_t bytes() const noexcept; // of its storage
        // The observer's entry for the subject, or null.
        const double* find(AgentIndex subject) const noexcept;
        void prefetch(AgentIndex subject) const noexcept; // what find() reads
        template <typename F> void forEach(F&& f) const;
    };
    // The subject's entry in the table, inserted (with the initial view) if absent; `inserted` says which.
    double& findOrInsert(Table& table, AgentIndex subject, bool& inserted);
    void grow(Table& table);
    // Storage for table.capacity entries in its form, from the arena of tables of its size (which may move others).
    void allocate(AgentIndex owner, Table& table);
    void release(Table& table) noexcept; // the arena's last table of that size takes its place
    // Where the arena of tables of this one's size is kept (null until a table of that size is allocated).
    std::unique_ptr<BlockArena>& arenaSlot(const Table& table);
    static void attach(Table& table, void* block) noexcept;
    static void relocate(void* self, std::uint32_t owner, void* block); // BlockArena::Relocate
    ReputationChange update(AgentIndex observer, AgentIndex subject, ReputationCause cause, double reported);

    Rates m_settings;
    std::vector<Table> m_tables; // per agent: its table as an observer, its stats as a subject
    // Tables' storage: hashed ones by capacity (1 << index: index 3 upward), and dense ones. Destruction order does not
    // matter: an arena only frees its mapping.
    std::vector<std::unique_ptr<BlockArena>> m_hashedArenas;
    std::unique_ptr<BlockArena> m_denseArena;
};

} // namespace haggle
