// Sweeps: reading sweep files (ranges, refusals with their JSON paths), planning settings and seeds, and the results
// file: the same rows for any thread count, kept on a full disk and completed by a resume, refused for another sweep.
// (tests/lab/check_sweep.py runs the CLI end to end: shards, SIGKILL, the schema read from Python.)
#include "builtinscenarios.h"
#include "rng.h"
#include "statistics.h"
#include "sweep.h"
#include "sweepparameters.h"
#include "sweepreport.h"
#include "sweeprunner.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <atomic>
#include <cmath>

using namespace haggle;
using namespace haggle::lab;
using nlohmann::json;

namespace {

// A sweep of the handshake pair (cheap runs) over the seller's greed factor.
json handshakeSweep(int trials, json values = json::array({ 0.1, 0.3, 0.5 }))
{
    return { { "format", "haggle-sweep" }, { "version", 1 }, { "name", "test" }, { "scenario", "builtin:handshake" },
        { "axes", json::array({ { { "path", "/agents/1/strategy/params/greed_factor" }, { "values", values } } }) },
        { "trials", trials }, { "seed", 11 }, { "metrics", json::array({ "deals", "mean_price", "worth_by_agent" }) },
        { "series", json::array({ "price" }) } };
}

SweepSpec parse(const json& doc)
{
    return parseSweep(doc.dump(), "test.json", ".");
}

// What a sweep file or plan refuses: the path it names, or "" when it accepts the document.
QString refusal(const json& doc)
{
    try {
        const SweepPlan plan(parse(doc), "test.json");
        return {};
    } catch (const SweepFileError& e) {
        return QString::fromStdString(e.path() + ": " + e.message());
    }
}

// Every row of the data tables, as text, in key order: what two results files are compared by.
QStringList dataRows(const QString& file)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return { QStringLiteral("cannot open ") + file };
    }
    QStringList rows;
    for (const char* sql : { "SELECT * FROM settings ORDER BY setting", "SELECT * FROM setting_values ORDER BY 1, 2",
             "SELECT * FROM runs ORDER BY run", "SELECT * FROM metrics ORDER BY run, name",
             "SELECT * FROM series ORDER BY run, name, round" }) {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
        while (sqlite3_step(s) == SQLITE_ROW) {
            QString row = QString::fromLatin1(sql).section(u' ', 3, 3) + u':';
            for (int c = 0; c < sqlite3_column_count(s); ++c)
                row += QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, c))) + u'|';
            rows.append(row);
        }
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return rows;
}

std::int64_t pageCount(const QString& file)
{
    sqlite3* db = nullptr;
    sqlite3_open_v2(file.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &s, nullptr);
    const std::int64_t pages = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    sqlite3_close(db);
    return pages;
}

} // namespace

class TestSweep : public QObject {
    Q_OBJECT

private slots:
    void axisValuesReadAndShowAsTyped()
    {
        QCOMPARE(parseAxisValues(" 0 : 0.5 : 0.05 ").dump(),
            (json { { "range", { { "from", 0 }, { "to", 0.5 }, { "step", 0.05 } } } }).dump());
        QCOMPARE(parseAxisValues("0.1, 2, true, beta, \"7\"").dump(),
            (json { { "values", { 0.1, 2, true, "beta", "7" } } }).dump());
        QVERIFY(parseAxisValues("3")["values"][0].is_number_integer());
        for (const char* bad : { "", "1,,2", "0:1", "0:x:1", "1,2," })
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseAxisValues(bad));
        // A list stepping evenly reads as a range; others as lists, strings that look like numbers quoted.
        QCOMPARE(axisValuesText(json { { "values", { 0.1, 0.2, 0.3, 0.4, 0.5 } } }), std::string("0.1:0.5:0.1"));
        QCOMPARE(axisValuesText(json { { "values", { 1, 4, 7 } } }), std::string("1:7:3"));
        QCOMPARE(axisValuesText(json { { "values", { 0.1, 0.2, 0.5 } } }), std::string("0.1, 0.2, 0.5"));
        QCOMPARE(axisValuesText(json { { "values", { "beta", "7" } } }), std::string("beta, \"7\""));
        // Values keep their types and digits through the text: reals stay reals, a list stays a list unless the range
        // gives exactly its values, names with commas or colons are quoted.
        for (const json& values : { json { 1.0, 2.0, 3.0 }, json { 0, 0.5, 1 }, json { 0.1, 0.25, 0.4 },
                 json { "a, b", "c:d", " e" }, json { 1, 3, 5, 7 }, json { 0.0, 0.05, 0.1, 0.15 } }) {
            const json axis = { { "values", values } };
            const json back = parseAxisValues(axisValuesText(axis));
            const json expanded = back.contains("range")
                ? json(sweepRangeValues(back["range"]["from"], back["range"]["to"], back["range"]["step"]))
                : back["values"];
            QCOMPARE(expanded.dump(), values.dump());
        }
        // Text and back give the same values once the reader expands them.
        for (const char* text : { "0:0.5:0.05", "0.1, 0.2, 0.5", "fair, greedy", "false, true", "1:10:3" }) {
            json axis = parseAxisValues(text);
            axis["path"] = "/rounds";
            QCOMPARE(parseAxisValues(axisValuesText(axis)).dump(), parseAxisValues(text).dump());
        }
    }

    void parametersComeFromTheScenarioAndTheCatalogs()
    {
        json scenario;
        for (const auto& s : builtinScenarios()) {
            if (s.key == "handshake")
                scenario = json::parse(s.json);
        }
        const auto parameters = sweepParameters(scenario);
        const auto find = [&](const std::string& label) -> const SweepParameter* {
            for (const auto& p : parameters) {
                if (p.label == label)
                    return &p;
            }
            return nullptr;
        };
        // A strategy parameter left at its default: its catalog default, range and path under params.
        const SweepParameter* greed = find("greedy_seller: strategy.params.greed_factor");
        QVERIFY(greed);
        QCOMPARE(greed->paths, (std::vector<std::string> { "/agents/1/strategy/params/greed_factor" }));
        QVERIFY(greed->min && greed->max);
        QVERIFY(!greed->description.empty());
        QVERIFY(parseAxisValues(greed->suggestedValues()).contains("range"));
        // A kind: the catalog's names to choose from.
        const SweepParameter* mechanism = find("mechanism.type");
        QVERIFY(mechanism);
        QCOMPARE(mechanism->type, SweepParameter::Type::Kind);
        QVERIFY(
            std::find(mechanism->choices.begin(), mechanism->choices.end(), "bilateral") != mechanism->choices.end());
        QVERIFY(find("rounds"));
        QVERIFY(!find("format") && !find("name") && !find("fair_buyer: id"));
        // Every offered parameter is a sweep the planner accepts with its own suggested values.
        for (const auto& p : parameters) {
            if (p.type == SweepParameter::Type::Kind)
                continue; // every kind of a catalog need not fit the scenario (a mechanism's protocols)
            json doc = handshakeSweep(1);
            doc["axes"][0] = parseAxisValues(p.suggestedValues());
            doc["axes"][0]["paths"] = p.paths;
            try {
                const SweepPlan plan(parse(doc));
                QVERIFY(plan.settingCount() >= 1);
            } catch (const SweepFileError& e) {
                // A suggestion may include values the scenario's rules refuse (a budget of 0); the path never is.
                QVERIFY2(std::string(e.what()).find("not in the scenario") == std::string::npos, e.what());
            }
        }
    }

    void builtinSweepsLoadByName()
    {
        QVERIFY(builtinSweeps().size() >= 2);
        for (const auto& sweep : builtinSweeps())
            QVERIFY(SweepPlan(loadSweep("builtin:" + std::string(sweep.key))).runCount() > 0);
        try {
            loadSweep("builtin:nope");
            QFAIL("an unknown built-in sweep was read");
        } catch (const SweepFileError& e) {
            QVERIFY(std::string(e.what()).find("greed-factor") != std::string::npos); // the names it knows
        }
    }

    void rangesGiveTheDecimalValuesTheyName()
    {
        json doc = handshakeSweep(1);
        doc["axes"][0].erase("values");
        doc["axes"][0]["range"] = { { "from", 0.0 }, { "to", 0.5 }, { "step", 0.05 } };
        const SweepSpec spec = parse(doc);
        const auto& values = spec.axes[0].values;
        QCOMPARE(values.size(), std::size_t(11));
        QCOMPARE(values[6].get<double>(), 0.3); // not 0.30000000000000004
        QCOMPARE(values[10].get<double>(), 0.5); // the end is included despite rounding
        doc["axes"][0]["range"] = { { "from", 1 }, { "to", 10 }, { "step", 3 } };
        doc["axes"][0]["path"] = "/rounds";
        const SweepSpec whole = parse(doc);
        QCOMPARE(whole.axes[0].values, (std::vector<json> { 1, 4, 7, 10 }));
        QVERIFY(whole.axes[0].values[1].is_number_integer());
        QCOMPARE(whole.axes[0].name, std::string("rounds")); // the pointer's last token
    }

    void settingsAreFactorialWithTheFirstAxisSlowest()
    {
        json doc = handshakeSweep(2);
        doc["axes"].push_back({ { "name", "rounds" }, { "path", "/rounds" }, { "values", { 5, 8 } } });
        const SweepPlan plan(parse(doc));
        QCOMPARE(plan.settingCount(), 6);
        QCOMPARE(plan.runCount(), std::int64_t(12));
        QCOMPARE(plan.label(0), std::string("greed_factor=0.1, rounds=5"));
        QCOMPARE(plan.label(1), std::string("greed_factor=0.1, rounds=8"));
        QCOMPARE(plan.label(5), std::string("greed_factor=0.5, rounds=8"));
        QCOMPARE(plan.settingScenario(3).rounds, 8);
        QCOMPARE(plan.settingScenario(3).agents[1].strategy.params.at("greed_factor"), 0.3);

        doc["combine"] = "paired";
        doc["axes"][1]["values"] = { 5, 8, 13 };
        const SweepPlan paired(parse(doc));
        QCOMPARE(paired.settingCount(), 3);
        QCOMPARE(paired.label(2), std::string("greed_factor=0.5, rounds=13"));
    }

    void seedsDependOnTheTrialAndThePolicyOnly()
    {
        json doc = handshakeSweep(4);
        const SweepPlan common(parse(doc));
        // Run r is trial r % trials of setting r / trials.
        const SweepRunId id = common.runId(9);
        QCOMPARE(id.setting, 2);
        QCOMPARE(id.trial, 1);
        QCOMPARE(id.seed, deriveSeed(11, 1));
        QCOMPARE(common.runId(1).seed, common.runId(5).seed); // trial 1 of settings 0 and 1
        QCOMPARE(common.scenario(id).seed, id.seed);
        doc["seed_policy"] = "independent";
        const SweepPlan independent(parse(doc));
        QVERIFY(independent.runId(1).seed != independent.runId(5).seed);
        QCOMPARE(independent.runId(9).seed, deriveSeed(deriveSeed(11, 2), 1));
    }

    void theHashIsOfTheSweepWithItsScenario()
    {
        const SweepSpec a = parse(handshakeSweep(3));
        // The canonical form reads back as the same sweep (a results file keeps it to resume and merge from).
        QCOMPARE(parseSweep(a.canonicalJson(), "stored", ".").hash(), a.hash());
        // Inline or built-in, the same scenario is the same sweep.
        json inlined = handshakeSweep(3);
        for (const auto& b : builtinScenarios()) {
            if (b.key == "handshake")
                inlined["scenario"] = json::parse(b.json);
        }
        QVERIFY(inlined["scenario"].is_object());
        QCOMPARE(parse(inlined).hash(), a.hash());
        QVERIFY(parse(handshakeSweep(4)).hash() != a.hash());
        json otherScenario = handshakeSweep(3);
        otherScenario["scenario"] = "builtin:scarcity";
        otherScenario["axes"][0]["path"] = "/rounds";
        otherScenario["axes"][0]["values"] = { 3 };
        QVERIFY(parse(otherScenario).hash() != a.hash());
    }

    void badSweepsAreRefusedNamingWhere_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<QString>("where");
        QTest::newRow("unknown path") << QStringLiteral(R"({"axes": [{"path": "/agents/7/budget", "values": [1]}]})")
                                      << QStringLiteral("axes[0].path: '/agents/7/budget' is not in the scenario");
        QTest::newRow("parent missing") << QStringLiteral(
            R"({"axes": [{"path": "/market/nothing/here", "values": [1]}]})")
                                        << QStringLiteral("axes[0].path");
        QTest::newRow("wrong type") << QStringLiteral(R"({"axes": [{"path": "/rounds", "values": [5, "many"]}]})")
                                    << QStringLiteral("axes[0].values[1]: expected a number");
        QTest::newRow("empty axis") << QStringLiteral(R"({"axes": [{"path": "/rounds", "values": []}]})")
                                    << QStringLiteral("axes[0].values");
        QTest::newRow("no axes") << QStringLiteral(R"({"axes": []})") << QStringLiteral("axes");
        QTest::newRow("both path and paths")
            << QStringLiteral(R"({"axes": [{"path": "/rounds", "paths": ["/seed"], "values": [5]}]})")
            << QStringLiteral("axes[0]: expected one of");
        QTest::newRow("range backwards") << QStringLiteral(
            R"({"axes": [{"path": "/rounds", "range": {"from": 5, "to": 1, "step": 1}}]})")
                                         << QStringLiteral("axes[0].range.to");
        QTest::newRow("zero step") << QStringLiteral(
            R"({"axes": [{"path": "/rounds", "range": {"from": 1, "to": 5, "step": 0}}]})")
                                   << QStringLiteral("axes[0].range.step");
        QTest::newRow("value out of range")
            << QStringLiteral(R"({"axes": [{"path": "/agents/1/strategy/params/greed_factor", "values": [2.0]}]})")
            << QStringLiteral("scenario: with greed_factor=2: agents[1].strategy.params.greed_factor");
        QTest::newRow("unknown parameter")
            << QStringLiteral(R"({"axes": [{"path": "/agents/1/strategy/params/greedines", "values": [0.5]}]})")
            << QStringLiteral("greedines");
        QTest::newRow("unknown metric") << QStringLiteral(R"({"metrics": ["deals", "joy"]})")
                                        << QStringLiteral("metrics[1]: unknown metric 'joy'");
        QTest::newRow("metric twice") << QStringLiteral(R"({"metrics": ["deals", "deals"]})")
                                      << QStringLiteral("metrics[1]");
        QTest::newRow("unknown series") << QStringLiteral(R"({"series": ["mood"]})") << QStringLiteral("series[0]");
        QTest::newRow("unknown field") << QStringLiteral(R"({"trails": 3})") << QStringLiteral("trails: unknown field");
        QTest::newRow("trials") << QStringLiteral(R"({"trials": 0})") << QStringLiteral("trials");
        QTest::newRow("negative seed") << QStringLiteral(R"({"seed": -1})") << QStringLiteral("seed");
        QTest::newRow("unknown builtin") << QStringLiteral(R"({"scenario": "builtin:nowhere"})")
                                         << QStringLiteral("scenario: no built-in scenario 'nowhere'");
        QTest::newRow("missing file") << QStringLiteral(R"({"scenario": "no-such-file.json"})")
                                      << QStringLiteral("scenario: cannot read");
        QTest::newRow("paired lengths") << QStringLiteral(
            R"({"combine": "paired", "axes": [{"path": "/rounds", "values": [5, 6]}, {"path": "/seed", "values": [1]}]})")
                                        << QStringLiteral("axes[1].values: paired axes need as many values each");
        QTest::newRow("pointer syntax") << QStringLiteral(R"({"axes": [{"path": "rounds", "values": [5]}]})")
                                        << QStringLiteral("axes[0].path: not a JSON Pointer");
    }

    void badSweepsAreRefusedNamingWhere()
    {
        QFETCH(QString, edit);
        QFETCH(QString, where);
        json doc = handshakeSweep(2);
        doc.merge_patch(json::parse(edit.toStdString()));
        const QString problem = refusal(doc);
        QVERIFY2(problem.contains(where), qPrintable(problem + QStringLiteral(" does not name ") + where));
    }

    void aParameterTheScenarioLeavesAtItsDefaultCanBeSwept()
    {
        // The handshake's greedy seller gives no greed_factor: the path is added, and the reader checks it.
        QVERIFY(refusal(handshakeSweep(1)).isEmpty());
    }

    void threadCountsStoreTheSameRows()
    {
        QTemporaryDir dir;
        const SweepPlan plan(parse(handshakeSweep(30)));
        QStringList rows[2];
        for (const int threads : { 1, 2 }) {
            const QString file = dir.filePath(QStringLiteral("t%1.sqlite").arg(threads));
            SweepStore store(file.toStdString(), plan);
            const SweepOutcome outcome = runSweep(plan, store, { threads, {}, {}, nullptr });
            QCOMPARE(outcome.ran, std::int64_t(90));
            QVERIFY(outcome.complete());
            rows[threads - 1] = dataRows(file);
        }
        QCOMPARE(rows[0], rows[1]);
        QVERIFY(rows[0].filter(QStringLiteral("runs:")).size() == 90);
        QVERIFY(!rows[0].filter(QStringLiteral("series:")).isEmpty());
    }

    void aFullDiskKeepsWhatWasCommittedAndAResumeCompletesIt()
    {
        QTemporaryDir dir;
        const SweepPlan plan(parse(handshakeSweep(1500))); // 4,500 runs: several commits of 1,000
        const QString reference = dir.filePath(QStringLiteral("reference.sqlite"));
        {
            SweepStore store(reference.toStdString(), plan);
            runSweep(plan, store, { 2, {}, {}, nullptr });
        }
        const QString full = dir.filePath(QStringLiteral("full.sqlite"));
        std::int64_t kept = 0;
        {
            SweepStore store(full.toStdString(), plan);
            store.limitPages(static_cast<int>(pageCount(reference) * 2 / 3));
            QVERIFY_THROWS_EXCEPTION(SweepStoreError, runSweep(plan, store, { 2, {}, {}, nullptr }));
            kept = store.storedCount();
        }
        QVERIFY2(kept >= 1000 && kept < 4500, qPrintable(QString::number(kept)));
        {
            SweepStore store(full.toStdString(), plan);
            const SweepOutcome outcome = runSweep(plan, store, { 2, {}, {}, nullptr });
            QCOMPARE(outcome.skipped, kept);
            QCOMPARE(outcome.ran, 4500 - kept);
        }
        QCOMPARE(dataRows(full), dataRows(reference));
    }

    void aCancelledSweepStopsCommittedAndResumes()
    {
        QTemporaryDir dir;
        const SweepPlan plan(parse(handshakeSweep(1500)));
        const QString file = dir.filePath(QStringLiteral("cancelled.sqlite"));
        std::atomic<bool> cancel { false };
        SweepRunOptions options { 2, {}, [&](const SweepProgress&) { cancel = true; }, &cancel };
        SweepOutcome first;
        {
            SweepStore store(file.toStdString(), plan);
            first = runSweep(plan, store, options);
            QCOMPARE(store.storedCount(), first.ran);
        }
        QVERIFY(first.cancelled);
        QVERIFY(first.ran < 4500);
        SweepStore store(file.toStdString(), plan);
        const SweepOutcome rest = runSweep(plan, store, { 1, {}, {}, nullptr });
        QCOMPARE(rest.skipped, first.ran);
        QVERIFY(rest.complete());
    }

    void aListenerThatThrowsStopsTheSweepKeepingItsRuns()
    {
        // The desktop lab's listener reads the file for its live charts and may fail: the sweep stops (the other
        // thread too, not after playing everything), keeps what was played, and the error reaches the caller.
        QTemporaryDir dir;
        const SweepPlan plan(parse(handshakeSweep(1500)));
        const QString file = dir.filePath(QStringLiteral("listener.sqlite"));
        SweepRunOptions options { 2, {}, [](const SweepProgress&) { throw std::runtime_error("chart failed"); },
            nullptr };
        SweepStore store(file.toStdString(), plan);
        try {
            runSweep(plan, store, options);
            QFAIL("the listener's error was lost");
        } catch (const std::runtime_error& e) {
            QCOMPARE(std::string(e.what()), std::string("chart failed"));
        }
        QVERIFY(store.storedCount() > 0);
        QVERIFY(store.storedCount() < plan.runCount());
        QVERIFY(runSweep(plan, store, { 1, {}, {}, nullptr }).complete()); // and it resumes
    }

    void aFileOfAnotherSweepOrShardIsRefused()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.sqlite"));
        const SweepPlan plan(parse(handshakeSweep(2)));
        {
            SweepStore store(file.toStdString(), plan, parseShard("0/2"));
            runSweep(plan, store, { 1, parseShard("0/2"), {}, nullptr });
            QCOMPARE(store.storedCount(), std::int64_t(3)); // runs 0, 2, 4 of 6
        }
        const SweepPlan other(parse(handshakeSweep(3)));
        QVERIFY_THROWS_EXCEPTION(SweepStoreError, SweepStore(file.toStdString(), other, parseShard("0/2")));
        QVERIFY_THROWS_EXCEPTION(SweepStoreError, SweepStore(file.toStdString(), plan, parseShard("1/2")));
        QVERIFY_THROWS_EXCEPTION(SweepStoreError, SweepStore(file.toStdString(), plan));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseShard("2/2"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseShard("1"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseShard("-1/2"));
    }

    void theReportGivesEachSettingsMeanAndInterval()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.sqlite"));
        json doc = handshakeSweep(6);
        doc["scenario"] = "builtin:trust-fall-subtle";
        doc["axes"] = json::array({ { { "name", "rate" }, { "path", "/agents/5/strategy/params/cheat_probability" },
            { "values", { 0.0, 0.5 } } } });
        doc["metrics"] = { "deals", "cheaters_isolated" };
        doc["series"] = json::array();
        const SweepPlan plan(parse(doc));
        {
            SweepStore store(file.toStdString(), plan);
            runSweep(plan, store, { 2, {}, {}, nullptr });
        }
        const ExperimentResult report = sweepReport(file.toStdString());
        const ResultTable* table = report.table("settings");
        QVERIFY(table);
        // Setting 1's deals, computed here from runs played again.
        std::vector<double> deals;
        for (int trial = 0; trial < 6; ++trial) {
            const RunResult r = runScenario(plan.scenario(plan.runId(6 + trial)));
            double n = 0;
            for (const auto& round : r.rounds)
                n += round.deals;
            deals.push_back(n);
        }
        const Summary expected = summarize(deals);
        bool found = false;
        for (std::size_t row = 0; row < table->rows.size(); ++row) {
            if (cellNumber(table->at(row, "setting")) == 1 && cellText(table->at(row, "metric")) == "deals") {
                found = true;
                QCOMPARE(cellNumber(table->at(row, "rate")), 0.5);
                QCOMPARE(cellNumber(table->at(row, "n")), 6.0);
                QCOMPARE(cellNumber(table->at(row, "mean")), expected.mean);
                QCOMPARE(cellNumber(table->at(row, "ci95_low")), expected.lower());
                QCOMPARE(cellNumber(table->at(row, "ci95_high")), expected.upper());
            }
        }
        QVERIFY(found);
        const ResultSeries* chart = report.chartSeries("sweep-cheaters_isolated");
        QVERIFY(chart);
        QCOMPARE(chart->chart, ChartKind::Band);
        QCOMPARE(chart->lines.at(0).x, (std::vector<double> { 0.0, 0.5 }));
        QVERIFY(report.finding("complete")->holds.value_or(false));
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
