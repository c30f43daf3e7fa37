// A sweep's results in one SQLite file (schema in docs/sweeps.md): the sweep itself, its axes and settings, one row
// per finished run, its metrics and optional per-round series. Runs are committed in batches as they finish, in WAL
// mode, so a sweep that is killed keeps every committed run and the next invocation only runs what is missing. A file
// holding another sweep (another hash) is refused, as is a shard file opened for another shard.
#pragma once

#include "sweep.h"
#include "sweepmetrics.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace haggle::lab {

inline constexpr std::string_view SweepResultsFormat = "haggle-sweep-results";
inline constexpr int SweepResultsSchemaVersion = 1;

class SweepStoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One run's results, as a worker computes them and the store keeps them.
struct SweepRunResult {
    SweepRunId id;
    std::uint64_t stateHash = 0; // the engine's state hash after the last round
    std::vector<MetricValue> metrics;
    struct Series {
        std::string name;
        std::vector<std::optional<double>> values; // per round, from round 1
    };
    std::vector<Series> series;
};

// Plays run `run` of the plan and computes what the sweep records.
SweepRunResult runSweepRun(const SweepPlan& plan, std::int64_t run);

class SweepStore {
public:
    // Opens the file, creating it and its tables if it does not exist. `shard`: the shard this file holds (nullopt for
    // a whole sweep or a merge). Throws SweepStoreError naming the file for a file that cannot be opened or written,
    // is not a sweep results file, holds another sweep or another shard.
    SweepStore(const std::filesystem::path& file, const SweepPlan& plan, std::optional<SweepShard> shard = {});
    ~SweepStore();
    SweepStore(const SweepStore&) = delete;
    SweepStore& operator=(const SweepStore&) = delete;

    const std::filesystem::path& file() const noexcept { return m_file; }
    // Which runs the file already holds, indexed by run.
    std::vector<bool> storedRuns() const;
    std::int64_t storedCount() const;

    // Adds runs within a transaction; commit() makes them durable. A run already stored is refused unless its values
    // are the same (a merge of overlapping shards).
    void begin();
    void add(const SweepRunResult& result);
    void commit();
    void rollback() noexcept;

    // Caps the file at `pages` pages of the file's page size (SQLite's max_page_count): a quota. Beyond it a commit
    // fails as on a full disk, keeping what was committed before.
    void limitPages(int pages);

    // Copies every run of another results file of the same sweep into this one (sweep-merge). Throws SweepStoreError
    // for a file of another sweep, or a run stored in both with different values. Returns the runs added.
    std::int64_t mergeFrom(const std::filesystem::path& other);

private:
    void exec(const char* sql) const;
    sqlite3_stmt* prepare(const char* sql) const;
    [[noreturn]] void fail(const std::string& what) const;
    void create(const SweepPlan& plan, std::optional<SweepShard> shard);
    void check(const SweepPlan& plan, std::optional<SweepShard> shard);

    std::filesystem::path m_file;
    std::int64_t m_runs = 0;
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_insertRun = nullptr;
    sqlite3_stmt* m_insertMetric = nullptr;
    sqlite3_stmt* m_insertSeries = nullptr;
    bool m_inTransaction = false;
};

} // namespace haggle::lab
