// Sweep results in SQLite (see sweepstore.h and docs/sweeps.md).
#include "sweepstore.h"

#include "statehashes.h"

#include <sqlite3.h>

#include <algorithm>

namespace haggle::lab {

namespace {

constexpr const char* Schema = R"sql(
CREATE TABLE sweep (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE axes (axis INTEGER PRIMARY KEY, name TEXT NOT NULL, paths TEXT NOT NULL);
CREATE TABLE settings (setting INTEGER PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE setting_values (setting INTEGER NOT NULL, axis INTEGER NOT NULL, value,
                             PRIMARY KEY (setting, axis)) WITHOUT ROWID;
CREATE TABLE runs (run INTEGER PRIMARY KEY, setting INTEGER NOT NULL, trial INTEGER NOT NULL, seed TEXT NOT NULL,
                   state_hash TEXT NOT NULL);
CREATE TABLE metrics (run INTEGER NOT NULL, name TEXT NOT NULL, value REAL NOT NULL,
                      PRIMARY KEY (run, name)) WITHOUT ROWID;
CREATE TABLE series (run INTEGER NOT NULL, name TEXT NOT NULL, round INTEGER NOT NULL, value REAL NOT NULL,
                     PRIMARY KEY (run, name, round)) WITHOUT ROWID;
CREATE VIEW run_metrics AS
    SELECT runs.run, runs.setting, settings.label, runs.trial, metrics.name AS metric, metrics.value
    FROM runs JOIN metrics USING (run) JOIN settings USING (setting);
)sql";

// Statements are finalized by the store's destructor; this one for statements used once.
struct Statement {
    sqlite3_stmt* s = nullptr;
    ~Statement() { sqlite3_finalize(s); }
};

} // namespace

SweepRunResult runSweepRun(const SweepPlan& plan, std::int64_t run)
{
    const SweepSpec& spec = plan.spec();
    SweepRunResult out;
    out.id = plan.runId(run);
    bool twins = false;
    for (const auto& name : spec.metrics)
        twins = twins || findSweepMetric(name)->needsTwins;
    const RunResult result
        = runScenario(plan.scenario(out.id), {}, RunOptions { .twins = twins, .roundHashes = false });
    out.stateHash = result.stateHashes.empty() ? 0 : result.stateHashes.back();
    for (const auto& name : spec.metrics)
        findSweepMetric(name)->compute(result, out.metrics);
    for (const auto& name : spec.series) {
        const SweepSeries* kind = findSweepSeries(name);
        SweepRunResult::Series s { name, {} };
        s.values.reserve(result.rounds.size());
        for (const auto& round : result.rounds)
            s.values.push_back(kind->value(round));
        out.series.push_back(std::move(s));
    }
    return out;
}

SweepStore::SweepStore(const std::filesystem::path& file, const SweepPlan& plan, std::optional<SweepShard> shard)
    : m_file(file)
    , m_runs(plan.runCount())
{
    std::error_code ignored;
    const bool exists = std::filesystem::exists(file, ignored);
    if (sqlite3_open_v2(file.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SweepStoreError(file.string() + ": cannot open or create the results file: " + message);
    }
    try {
        sqlite3_busy_timeout(m_db, 5000);
        exec("PRAGMA journal_mode = WAL");
        exec("PRAGMA synchronous = NORMAL");
        bool empty = !exists;
        if (exists) {
            Statement count { prepare("SELECT count(*) FROM sqlite_schema") };
            empty = sqlite3_step(count.s) == SQLITE_ROW && sqlite3_column_int(count.s, 0) == 0;
        }
        if (empty)
            create(plan, shard);
        else
            check(plan, shard);
        m_insertRun = prepare("INSERT INTO runs (run, setting, trial, seed, state_hash) VALUES (?, ?, ?, ?, ?)");
        m_insertMetric = prepare("INSERT INTO metrics (run, name, value) VALUES (?, ?, ?)");
        m_insertSeries = prepare("INSERT INTO series (run, name, round, value) VALUES (?, ?, ?, ?)");
    } catch (...) {
        sqlite3_finalize(m_insertRun);
        sqlite3_finalize(m_insertMetric);
        sqlite3_finalize(m_insertSeries);
        sqlite3_close(m_db);
        throw;
    }
}

SweepStore::~SweepStore()
{
    rollback();
    sqlite3_finalize(m_insertRun);
    sqlite3_finalize(m_insertMetric);
    sqlite3_finalize(m_insertSeries);
    sqlite3_close(m_db);
}

void SweepStore::fail(const std::string& what) const
{
    throw SweepStoreError(m_file.string() + ": " + what + ": " + sqlite3_errmsg(m_db));
}

void SweepStore::exec(const char* sql) const
{
    char* error = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errmsg(m_db);
        sqlite3_free(error);
        throw SweepStoreError(m_file.string() + ": " + message);
    }
}

sqlite3_stmt* SweepStore::prepare(const char* sql) const
{
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(m_db, sql, -1, &s, nullptr) != SQLITE_OK)
        fail("not a sweep results file (or a damaged one)");
    return s;
}

void SweepStore::create(const SweepPlan& plan, std::optional<SweepShard> shard)
{
    const SweepSpec& spec = plan.spec();
    exec("BEGIN IMMEDIATE");
    try {
        exec(Schema);
        Statement meta { prepare("INSERT INTO sweep (key, value) VALUES (?, ?)") };
        const auto put = [&](const char* key, const std::string& value) {
            sqlite3_reset(meta.s);
            sqlite3_bind_text(meta.s, 1, key, -1, SQLITE_STATIC);
            sqlite3_bind_text(meta.s, 2, value.c_str(), -1, SQLITE_TRANSIENT);
            if (sqlite3_step(meta.s) != SQLITE_DONE)
                fail("cannot write the sweep's description");
        };
        const auto putInt = [&](const char* key, std::int64_t value) {
            sqlite3_reset(meta.s);
            sqlite3_bind_text(meta.s, 1, key, -1, SQLITE_STATIC);
            sqlite3_bind_int64(meta.s, 2, value);
            if (sqlite3_step(meta.s) != SQLITE_DONE)
                fail("cannot write the sweep's description");
        };
        put("format", std::string(SweepResultsFormat));
        putInt("schema_version", SweepResultsSchemaVersion);
        put("name", spec.name);
        put("hash", spec.hash());
        put("spec", spec.canonicalJson());
        put("seed", std::to_string(spec.seed));
        put("seed_policy", spec.seedPolicy == SeedPolicy::Common ? "common" : "independent");
        putInt("trials", spec.trials);
        putInt("settings", plan.settingCount());
        putInt("runs", plan.runCount());
        if (shard)
            put("shard", shard->text());
        Statement axis { prepare("INSERT INTO axes (axis, name, paths) VALUES (?, ?, ?)") };
        for (std::size_t a = 0; a < spec.axes.size(); ++a) {
            sqlite3_reset(axis.s);
            sqlite3_bind_int64(axis.s, 1, static_cast<std::int64_t>(a));
            sqlite3_bind_text(axis.s, 2, spec.axes[a].name.c_str(), -1, SQLITE_TRANSIENT);
            const std::string paths = nlohmann::json(spec.axes[a].paths).dump();
            sqlite3_bind_text(axis.s, 3, paths.c_str(), -1, SQLITE_TRANSIENT);
            if (sqlite3_step(axis.s) != SQLITE_DONE)
                fail("cannot write the axes");
        }
        Statement setting { prepare("INSERT INTO settings (setting, label) VALUES (?, ?)") };
        Statement value { prepare("INSERT INTO setting_values (setting, axis, value) VALUES (?, ?, ?)") };
        for (int s = 0; s < plan.settingCount(); ++s) {
            sqlite3_reset(setting.s);
            sqlite3_bind_int64(setting.s, 1, s);
            const std::string label = plan.label(s);
            sqlite3_bind_text(setting.s, 2, label.c_str(), -1, SQLITE_TRANSIENT);
            if (sqlite3_step(setting.s) != SQLITE_DONE)
                fail("cannot write the settings");
            const auto& values = plan.values(s);
            for (std::size_t a = 0; a < values.size(); ++a) {
                sqlite3_reset(value.s);
                sqlite3_bind_int64(value.s, 1, s);
                sqlite3_bind_int64(value.s, 2, static_cast<std::int64_t>(a));
                const auto& v = values[a];
                if (v.is_boolean())
                    sqlite3_bind_int64(value.s, 3, v.get<bool>() ? 1 : 0);
                else if (v.is_number_integer())
                    sqlite3_bind_int64(value.s, 3, v.get<std::int64_t>());
                else if (v.is_number())
                    sqlite3_bind_double(value.s, 3, v.get<double>());
                else
                    sqlite3_bind_text(value.s, 3, v.get<std::string>().c_str(), -1, SQLITE_TRANSIENT);
                if (sqlite3_step(value.s) != SQLITE_DONE)
                    fail("cannot write the settings");
            }
        }
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

void SweepStore::check(const SweepPlan& plan, std::optional<SweepShard> shard)
{
    Statement get { prepare("SELECT value FROM sweep WHERE key = ?") };
    const auto value = [&](const char* key) -> std::optional<std::string> {
        sqlite3_reset(get.s);
        sqlite3_bind_text(get.s, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(get.s) != SQLITE_ROW)
            return std::nullopt;
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(get.s, 0));
        return text ? std::optional<std::string>(text) : std::nullopt;
    };
    if (value("format") != std::string(SweepResultsFormat))
        throw SweepStoreError(m_file.string() + ": not a Haggle sweep results file");
    const std::string hash = plan.spec().hash();
    if (const auto stored = value("hash"); stored != hash)
        throw SweepStoreError(m_file.string() + ": holds the results of another sweep (hash " + stored.value_or("?")
            + ", this sweep's is " + hash + "); choose another --out, or delete the file to start again");
    const auto storedShard = value("shard");
    const std::string wanted = shard ? shard->text() : std::string();
    if (storedShard.value_or("") != wanted)
        throw SweepStoreError(m_file.string() + ": holds "
            + (storedShard ? "shard " + *storedShard : std::string("the whole sweep")) + ", not "
            + (shard ? "shard " + wanted : std::string("the whole sweep")));
}

std::vector<bool> SweepStore::storedRuns() const
{
    std::vector<bool> stored(static_cast<std::size_t>(m_runs), false);
    Statement runs { prepare("SELECT run FROM runs") };
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(runs.s)) == SQLITE_ROW) {
        const std::int64_t run = sqlite3_column_int64(runs.s, 0);
        if (run >= 0 && run < m_runs)
            stored[static_cast<std::size_t>(run)] = true;
    }
    if (rc != SQLITE_DONE)
        fail("cannot read the stored runs");
    return stored;
}

std::int64_t SweepStore::storedCount() const
{
    Statement count { prepare("SELECT count(*) FROM runs") };
    if (sqlite3_step(count.s) != SQLITE_ROW)
        fail("cannot count the stored runs");
    return sqlite3_column_int64(count.s, 0);
}

void SweepStore::begin()
{
    if (m_inTransaction)
        return;
    exec("BEGIN IMMEDIATE");
    m_inTransaction = true;
}

void SweepStore::add(const SweepRunResult& r)
{
    sqlite3_reset(m_insertRun);
    sqlite3_bind_int64(m_insertRun, 1, r.id.run);
    sqlite3_bind_int64(m_insertRun, 2, r.id.setting);
    sqlite3_bind_int64(m_insertRun, 3, r.id.trial);
    const std::string seed = std::to_string(r.id.seed);
    sqlite3_bind_text(m_insertRun, 4, seed.c_str(), -1, SQLITE_TRANSIENT);
    const std::string hash = hashText(r.stateHash);
    sqlite3_bind_text(m_insertRun, 5, hash.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(m_insertRun) != SQLITE_DONE)
        fail("cannot store run " + std::to_string(r.id.run));
    for (const auto& m : r.metrics) {
        sqlite3_reset(m_insertMetric);
        sqlite3_bind_int64(m_insertMetric, 1, r.id.run);
        sqlite3_bind_text(m_insertMetric, 2, m.name.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(m_insertMetric, 3, m.value);
        if (sqlite3_step(m_insertMetric) != SQLITE_DONE)
            fail("cannot store run " + std::to_string(r.id.run) + "'s " + m.name);
    }
    for (const auto& s : r.series) {
        for (std::size_t round = 0; round < s.values.size(); ++round) {
            if (!s.values[round])
                continue;
            sqlite3_reset(m_insertSeries);
            sqlite3_bind_int64(m_insertSeries, 1, r.id.run);
            sqlite3_bind_text(m_insertSeries, 2, s.name.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(m_insertSeries, 3, static_cast<std::int64_t>(round + 1));
            sqlite3_bind_double(m_insertSeries, 4, *s.values[round]);
            if (sqlite3_step(m_insertSeries) != SQLITE_DONE)
                fail("cannot store run " + std::to_string(r.id.run) + "'s series " + s.name);
        }
    }
}

void SweepStore::commit()
{
    if (!m_inTransaction)
        return;
    if (sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        const std::string message = sqlite3_errmsg(m_db);
        rollback();
        throw SweepStoreError(
            m_file.string() + ": cannot commit results (" + message + "); the runs committed before are kept");
    }
    m_inTransaction = false;
}

void SweepStore::rollback() noexcept
{
    if (!m_inTransaction)
        return;
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    m_inTransaction = false;
}

void SweepStore::limitPages(int pages)
{
    const std::string sql = "PRAGMA max_page_count = " + std::to_string(std::max(1, pages));
    exec(sql.c_str());
}

std::int64_t SweepStore::mergeFrom(const std::filesystem::path& other)
{
    Statement attach { prepare("ATTACH DATABASE ? AS other") };
    const std::string name = other.string();
    sqlite3_bind_text(attach.s, 1, name.c_str(), -1, SQLITE_TRANSIENT);
    std::error_code ignored;
    if (!std::filesystem::is_regular_file(other, ignored))
        throw SweepStoreError(name + ": no such results file");
    if (sqlite3_step(attach.s) != SQLITE_DONE)
        fail("cannot open " + name);
    struct Detach {
        sqlite3* db;
        ~Detach() { sqlite3_exec(db, "DETACH DATABASE other", nullptr, nullptr, nullptr); }
    } detach { m_db };
    const auto scalar = [&](const char* sql) -> std::string {
        Statement s { prepare(sql) };
        if (sqlite3_step(s.s) != SQLITE_ROW)
            return {};
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s.s, 0));
        return text ? text : "";
    };
    sqlite3_stmt* probe = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT value FROM other.sweep WHERE key = 'format'", -1, &probe, nullptr)
        != SQLITE_OK) {
        sqlite3_finalize(probe);
        throw SweepStoreError(name + ": not a Haggle sweep results file");
    }
    sqlite3_finalize(probe);
    if (scalar("SELECT value FROM other.sweep WHERE key = 'format'") != SweepResultsFormat)
        throw SweepStoreError(name + ": not a Haggle sweep results file");
    const std::string mine = scalar("SELECT value FROM main.sweep WHERE key = 'hash'");
    const std::string theirs = scalar("SELECT value FROM other.sweep WHERE key = 'hash'");
    if (mine != theirs)
        throw SweepStoreError(name + ": holds another sweep (hash " + theirs + ", not " + mine + ")");
    const std::string conflicts = scalar("SELECT count(*) FROM other.runs o JOIN main.runs m USING (run) "
                                         "WHERE o.state_hash != m.state_hash OR o.seed != m.seed");
    if (conflicts != "0")
        throw SweepStoreError(name + ": " + conflicts + " runs differ from the same runs already merged");
    const std::int64_t before = storedCount();
    begin();
    try {
        exec("CREATE TEMP TABLE new_runs AS SELECT run FROM other.runs WHERE run NOT IN (SELECT run FROM main.runs)");
        exec("INSERT INTO main.runs SELECT * FROM other.runs WHERE run IN (SELECT run FROM new_runs)");
        exec("INSERT INTO main.metrics SELECT * FROM other.metrics WHERE run IN (SELECT run FROM new_runs)");
        exec("INSERT INTO main.series SELECT * FROM other.series WHERE run IN (SELECT run FROM new_runs)");
        exec("DROP TABLE new_runs");
        commit();
    } catch (...) {
        rollback();
        sqlite3_exec(m_db, "DROP TABLE IF EXISTS temp.new_runs", nullptr, nullptr, nullptr);
        throw;
    }
    return storedCount() - before;
}

} // namespace haggle::lab
