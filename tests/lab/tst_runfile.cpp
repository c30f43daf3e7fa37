// Run files (.haggle-run): what is recorded round-trips, verify says "identical" for an honest file and names the
// first round that differs (and in what) for an altered one, and bad files are refused with the place named.
#include "builtinscenarios.h"
#include "runfile.h"
#include "scenariofile.h"

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace haggle;
using namespace haggle::lab;
using Json = nlohmann::ordered_json;

namespace {

RunFile recorded(int rounds = 40)
{
    Scenario s = builtinScenario("trust-fall-subtle");
    s.rounds = rounds;
    s.events.push_back(scenarioEvent("price-shock", 2, 4, {}, { { "gpu", 2.0 } }));
    return recordRun(s, "test-1");
}

template <typename Edit> std::string edited(const RunFile& run, Edit edit)
{
    Json j = Json::parse(runFileToJson(run));
    edit(j);
    return j.dump(1);
}

} // namespace

class TestRunFile : public QObject {
    Q_OBJECT

private slots:
    void recordsEveryRoundsHashAndParts()
    {
        const RunFile run = recorded();
        QCOMPARE(run.rounds(), 40);
        QCOMPARE(run.parts.size(), std::size_t(40));
        // The hashes are those of a straight run.
        const auto straight = makeRun(run.scenario);
        for (int r = 1; r <= 40; ++r) {
            straight->step();
            QCOMPARE(run.hashes[std::size_t(r - 1)], straight->stateHash());
            QVERIFY(run.parts[std::size_t(r - 1)] == *straight->stateParts());
        }
    }

    void roundTripsThroughAFile()
    {
        const RunFile run = recorded();
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("a.haggle-run")).toStdString();
        saveRunFile(path, run);
        const RunFile back = loadRunFile(path);
        QCOMPARE(back.haggleVersion, run.haggleVersion);
        QVERIFY(back.scenario == run.scenario);
        QVERIFY(back.hashes == run.hashes);
        QVERIFY(back.parts == run.parts);
        QCOMPARE(runFileToJson(back), runFileToJson(run));
    }

    void anHonestFileVerifiesIdentical()
    {
        const RunFile run = recorded();
        const VerifyReport report = verifyRun(run, "test-1");
        QVERIFY(report.identical);
        QCOMPARE(report.rounds, 40);
        QCOMPARE(report.firstDifference, 0);
        const std::string said = formatVerifyReport(report);
        QVERIFY(said.rfind("identical: 40 rounds", 0) == 0);
        QVERIFY(said.find("note:") == std::string::npos);
        // Another version says so, without calling the run different.
        QVERIFY(formatVerifyReport(verifyRun(run, "test-2")).find("recorded by Haggle test-1") != std::string::npos);
    }

    void anAlteredHashIsFoundAtItsRound()
    {
        for (int round : { 1, 17, 40 }) {
            RunFile run = recorded();
            run.hashes[std::size_t(round - 1)] ^= 1;
            const VerifyReport report = verifyRun(run, "test-1");
            QVERIFY(!report.identical);
            QCOMPARE(report.firstDifference, round);
            QVERIFY(report.partsCompared);
            QVERIFY(report.parts.empty()); // the state replays as recorded: the hash itself was altered
            QVERIFY(formatVerifyReport(report).find("differs at round " + std::to_string(round)) == 0);
        }
    }

    void aDifferentRunIsFoundWithWhatDiffers()
    {
        // Recorded from a run whose budgets differ from round 1 on: the file's scenario says otherwise.
        RunFile run = recorded();
        Scenario other = run.scenario;
        other.agents[0].budget += 1.0;
        const RunFile changed = recordRun(other, "test-1");
        run.hashes = changed.hashes;
        run.parts = changed.parts;
        const VerifyReport report = verifyRun(run, "test-1");
        QCOMPARE(report.firstDifference, 1);
        QVERIFY(std::find(report.parts.begin(), report.parts.end(), std::string_view("budgets")) != report.parts.end());
        QVERIFY(
            std::find(report.parts.begin(), report.parts.end(), std::string_view("holdings")) == report.parts.end());
    }

    void badFilesAreNamed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("words");
        const RunFile run = recorded(5);
        const auto row = [](const char* name, const std::string& body, const char* path, const char* words) {
            QTest::newRow(name) << QString::fromStdString(body) << QString::fromLatin1(path)
                                << QString::fromLatin1(words);
        };
        row("not JSON", "{ oops", "byte", "not JSON");
        row("an array", "[1]", "", "expected a run file");
        row("a scenario file", scenarioToJson(run.scenario), "format", "not a run file");
        row("newer version", edited(run, [](Json& j) { j["version"] = 9; }), "version", "newer Haggle");
        row("no hashes", edited(run, [](Json& j) { j.erase("hashes"); }), "hashes", "missing");
        row("too few hashes", edited(run, [](Json& j) { j["hashes"].erase(0); }), "hashes", "expected 5 hashes");
        row("bad hex", edited(run, [](Json& j) { j["hashes"][2] = "zz00000000000000"; }), "hashes[2]", "hexadecimal");
        row("short hash", edited(run, [](Json& j) { j["parts"]["budgets"][4] = "12"; }), "parts.budgets[4]",
            "16 hexadecimal");
        row("missing part", edited(run, [](Json& j) { j["parts"].erase("reputation"); }), "parts",
            "missing the part 'reputation'");
        row("edited scenario", edited(run, [](Json& j) { j["scenario"]["seed"] = 5; }), "scenario_hash",
            "edited after");
        row("bad scenario", edited(run, [](Json& j) { j["scenario"]["agents"][0]["budget"] = "lots"; }),
            "scenario.agents[0].budget", "expected");
        row("unknown event agent",
            edited(run,
                [](Json& j) {
                    j["scenario"]["events"][0] = Json { { "type", "join" }, { "round", 2 }, { "agent", "ghost" } };
                }),
            "scenario.events[0].agent", "unknown agent 'ghost'");
    }

    void badFilesAreNamed()
    {
        QFETCH(QString, text);
        QFETCH(QString, path);
        QFETCH(QString, words);
        try {
            parseRunFile(text.toStdString(), "bad.haggle-run");
            QFAIL("accepted");
        } catch (const RunFileError& e) {
            QCOMPARE(QString::fromStdString(e.file()), QStringLiteral("bad.haggle-run"));
            QVERIFY2(QString::fromStdString(e.path()).startsWith(path), e.what());
            QVERIFY2(QString::fromStdString(e.what()).contains(words), e.what());
        }
    }

    void aMissingFileIsNamed() { QVERIFY_THROWS_EXCEPTION(RunFileError, loadRunFile("/nonexistent/x.haggle-run")); }
};

QTEST_APPLESS_MAIN(TestRunFile)
#include "tst_runfile.moc"
