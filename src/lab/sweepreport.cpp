// The report of a sweep's results file (see sweepreport.h).
#include "sweepreport.h"

#include "statistics.h"
#include "sweepstore.h"

#include <sqlite3.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace haggle::lab {

namespace {

// A results file opened read-only.
class ResultsFile {
public:
    explicit ResultsFile(const std::filesystem::path& file)
        : m_file(file.string())
    {
        std::error_code ignored;
        if (!std::filesystem::is_regular_file(file, ignored))
            throw SweepStoreError(m_file + ": no such results file");
        if (sqlite3_open_v2(file.c_str(), &m_db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            const std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
            sqlite3_close(m_db);
            throw SweepStoreError(m_file + ": cannot open: " + message);
        }
        sqlite3_busy_timeout(m_db, 5000);
        if (meta("format") != SweepResultsFormat) {
            sqlite3_close(m_db);
            throw SweepStoreError(m_file + ": not a Haggle sweep results file");
        }
    }
    ~ResultsFile() { sqlite3_close(m_db); }
    ResultsFile(const ResultsFile&) = delete;
    ResultsFile& operator=(const ResultsFile&) = delete;

    const std::string& name() const noexcept { return m_file; }

    std::string meta(const char* key) const
    {
        std::string value;
        query(
            "SELECT value FROM sweep WHERE key = ?", [&](sqlite3_stmt* s) { value = text(s, 0); },
            [&](sqlite3_stmt* s) { sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC); });
        return value;
    }

    template <typename Row, typename Bind = void (*)(sqlite3_stmt*)>
    void query(
        const char* sql, Row row, Bind bind = [](sqlite3_stmt*) {}) const
    {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &s, nullptr) != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(m_db);
            sqlite3_finalize(s);
            throw SweepStoreError(m_file + ": not a Haggle sweep results file, or a damaged one (" + message + ")");
        }
        bind(s);
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            row(s);
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE)
            throw SweepStoreError(m_file + ": cannot read: " + sqlite3_errmsg(m_db));
    }

    static std::string text(sqlite3_stmt* s, int column)
    {
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, column));
        return t ? t : "";
    }

private:
    std::string m_file;
    sqlite3* m_db = nullptr;
};

// A setting value as a table cell: a number stays a number.
Cell valueCell(const nlohmann::json& v)
{
    if (v.is_boolean())
        return static_cast<long long>(v.get<bool>());
    if (v.is_number_integer())
        return static_cast<long long>(v.get<std::int64_t>());
    if (v.is_number())
        return v.get<double>();
    return v.get<std::string>();
}

bool numericAxis(const SweepAxis& axis)
{
    for (const auto& v : axis.values) {
        if (!v.is_number())
            return false;
    }
    return true;
}

} // namespace

SweepSpec readSweepSpec(const std::filesystem::path& results)
{
    const ResultsFile file(results);
    const std::string spec = file.meta("spec");
    try {
        return parseSweep(spec, results.string(), results.parent_path());
    } catch (const SweepFileError& e) {
        throw SweepStoreError(results.string() + ": its stored sweep cannot be read: " + e.what());
    }
}

ExperimentResult sweepReport(const std::filesystem::path& results)
{
    const SweepSpec spec = readSweepSpec(results);
    const SweepPlan plan(spec, results.string());
    const ResultsFile file(results);

    // Every metric value of every stored run, by setting and metric, in run order.
    std::map<std::pair<int, std::string>, std::vector<double>> values;
    std::set<std::string> metricNames;
    std::vector<std::int64_t> runsBySetting(static_cast<std::size_t>(plan.settingCount()), 0);
    file.query("SELECT setting, count(*) FROM runs GROUP BY setting", [&](sqlite3_stmt* s) {
        const int setting = sqlite3_column_int(s, 0);
        if (setting >= 0 && setting < plan.settingCount())
            runsBySetting[static_cast<std::size_t>(setting)] = sqlite3_column_int64(s, 1);
    });
    file.query("SELECT runs.setting, metrics.name, metrics.value FROM metrics JOIN runs USING (run) "
               "ORDER BY runs.setting, metrics.name, runs.run",
        [&](sqlite3_stmt* s) {
            const std::string name = ResultsFile::text(s, 1);
            metricNames.insert(name);
            values[{ sqlite3_column_int(s, 0), name }].push_back(sqlite3_column_double(s, 2));
        });
    // Metrics in the order the sweep names them; a metric with parts (worth.ROLE) lists its parts in name order.
    std::vector<std::string> metrics;
    for (const auto& kind : spec.metrics) {
        for (const auto& name : metricNames) {
            if (name == kind || name.starts_with(kind + "."))
                metrics.push_back(name);
        }
    }
    for (const auto& name : metricNames) {
        if (std::find(metrics.begin(), metrics.end(), name) == metrics.end())
            metrics.push_back(name);
    }

    ExperimentResult r;
    r.experiment = "sweep";
    r.title = "Sweep: " + (spec.name.empty() ? results.filename().string() : spec.name);
    std::int64_t stored = 0;
    for (const auto n : runsBySetting)
        stored += n;
    r.parameters = { { "file", results.string() }, { "hash", spec.hash() }, { "settings", plan.settingCount() },
        { "trials", spec.trials }, { "runs", static_cast<long long>(plan.runCount()) },
        { "runs_stored", static_cast<long long>(stored) }, { "seed", seedCell(spec.seed) },
        { "seed_policy", spec.seedPolicy == SeedPolicy::Common ? "common" : "independent" } };

    ResultTable table;
    table.name = "settings";
    table.title = "Per setting: mean and 95% confidence interval of each metric over its runs";
    table.columns.push_back({ "setting", "", 0 });
    for (const auto& axis : spec.axes)
        table.columns.push_back({ axis.name, "", 3 });
    table.columns.push_back({ "metric", "" });
    table.columns.push_back({ "n", "", 0 });
    table.columns.push_back({ "mean", "", 4 });
    table.columns.push_back({ "sd", "", 4, true });
    table.columns.push_back({ "ci95_low", "", 4 });
    table.columns.push_back({ "ci95_high", "", 4 });
    std::map<std::string, std::vector<Summary>> bySetting; // metric -> summary per setting (n = 0: no values)
    for (const auto& metric : metrics) {
        auto& summaries = bySetting[metric];
        summaries.resize(static_cast<std::size_t>(plan.settingCount()));
        for (int s = 0; s < plan.settingCount(); ++s) {
            const auto it = values.find({ s, metric });
            if (it == values.end())
                continue;
            const Summary sum = summarize(it->second);
            summaries[static_cast<std::size_t>(s)] = sum;
            std::vector<Cell> row { static_cast<long long>(s) };
            for (const auto& v : plan.values(s))
                row.push_back(valueCell(v));
            row.push_back(metric);
            row.push_back(static_cast<long long>(sum.n));
            row.push_back(sum.mean);
            row.push_back(sum.sd);
            row.push_back(sum.n > 1 ? Cell(sum.lower()) : Cell());
            row.push_back(sum.n > 1 ? Cell(sum.upper()) : Cell());
            table.rows.push_back(std::move(row));
        }
    }
    table.printed = table.rows.size() <= 400;
    r.tables.push_back(std::move(table));

    ResultTable progress;
    progress.name = "progress";
    progress.title = "Runs stored per setting";
    progress.columns = { { "setting", "", 0 }, { "label", "" }, { "runs", "", 0 }, { "of", "", 0 } };
    for (int s = 0; s < plan.settingCount(); ++s)
        progress.rows.push_back({ static_cast<long long>(s), plan.label(s),
            static_cast<long long>(runsBySetting[static_cast<std::size_t>(s)]), static_cast<long long>(spec.trials) });
    progress.printed = false;
    r.tables.push_back(std::move(progress));

    // Charts: over one axis, each metric's mean with its band; over two, a heatmap of the means (rows: the first
    // axis's values, columns: the second's). Three or more axes: the table only.
    const auto nan = std::numeric_limits<double>::quiet_NaN();
    for (const auto& metric : metrics) {
        const auto& summaries = bySetting[metric];
        ResultSeries series;
        series.name = "sweep-" + metric;
        series.yTitle = metric;
        if (spec.axes.size() == 1 || spec.combine == SweepCombine::Paired) {
            const SweepAxis& axis = spec.axes.front();
            series.xTitle = axis.name;
            series.title = metric + " against " + axis.name + " (mean, 95% CI)";
            if (numericAxis(axis)) {
                series.chart = ChartKind::Band;
                SeriesLine line { "mean", {}, {}, {}, {} };
                for (int s = 0; s < plan.settingCount(); ++s) {
                    const Summary& sum = summaries[static_cast<std::size_t>(s)];
                    if (sum.n == 0)
                        continue;
                    line.x.push_back(plan.values(s).front().get<double>());
                    line.y.push_back(sum.mean);
                    line.low.push_back(sum.n > 1 ? sum.lower() : nan);
                    line.high.push_back(sum.n > 1 ? sum.upper() : nan);
                }
                series.lines.push_back(std::move(line));
            } else {
                series.chart = ChartKind::Ranking;
                SeriesLine mean { "mean", {}, {}, {}, {} }, low { "low", {}, {}, {}, {} },
                    high { "high", {}, {}, {}, {} }, ci { "ci95", {}, {}, {}, {} };
                for (int s = 0; s < plan.settingCount(); ++s) {
                    const Summary& sum = summaries[static_cast<std::size_t>(s)];
                    series.categories.push_back(sweepValueText(plan.values(s).front()));
                    mean.y.push_back(sum.n ? sum.mean : nan);
                    low.y.push_back(sum.n ? sum.min : nan);
                    high.y.push_back(sum.n ? sum.max : nan);
                    ci.y.push_back(sum.n > 1 ? sum.ci95 : nan);
                }
                series.lines = { mean, low, high, ci };
            }
        } else if (spec.axes.size() == 2) {
            const SweepAxis& rows = spec.axes[0];
            const SweepAxis& columns = spec.axes[1];
            series.chart = ChartKind::Heatmap;
            series.title = metric + ": mean by " + rows.name + " (rows) and " + columns.name + " (columns)";
            series.xTitle = columns.name;
            series.yTitle = rows.name;
            for (const auto& v : columns.values)
                series.categories.push_back(sweepValueText(v));
            for (std::size_t i = 0; i < rows.values.size(); ++i) {
                SeriesLine line { sweepValueText(rows.values[i]), {}, {}, {}, {} };
                for (std::size_t j = 0; j < columns.values.size(); ++j) {
                    const auto s = i * columns.values.size() + j; // factorial order: the first axis slowest
                    const Summary& sum = summaries[s];
                    line.y.push_back(sum.n ? sum.mean : nan);
                }
                series.lines.push_back(std::move(line));
            }
        } else {
            continue;
        }
        r.series.push_back(std::move(series));
    }

    Finding complete;
    complete.id = "complete";
    complete.statement = std::to_string(stored) + " of " + std::to_string(plan.runCount()) + " runs stored ("
        + std::to_string(plan.settingCount()) + " settings x " + std::to_string(spec.trials) + " trials)"
        + (stored == plan.runCount() ? "." : "; run the sweep again to finish it.");
    complete.values
        = { { "stored", static_cast<long long>(stored) }, { "runs", static_cast<long long>(plan.runCount()) } };
    complete.holds = stored == plan.runCount();
    r.findings.push_back(std::move(complete));
    return r;
}

} // namespace haggle::lab
