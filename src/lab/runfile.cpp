// Run files (see runfile.h).
#include "runfile.h"

#include "scenariofile.h"
#include "statehashes.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace haggle::lab {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::uintmax_t MaxRunFileBytes = 512u * 1024u * 1024u;

[[noreturn]] void fail(const std::string& file, const std::string& path, const std::string& message)
{
    throw RunFileError(file, path, message);
}

std::uint64_t parseHash(const Json& j, const std::string& file, const std::string& path)
{
    if (!j.is_string() || j.get_ref<const std::string&>().size() != 16)
        fail(file, path, "expected a hash of 16 hexadecimal digits");
    const std::string& text = j.get_ref<const std::string&>();
    std::uint64_t value = 0;
    for (const char c : text) {
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (digit < 0)
            fail(file, path, "expected a hash of 16 lowercase hexadecimal digits, found '" + text + "'");
        value = value << 4 | static_cast<std::uint64_t>(digit);
    }
    return value;
}

std::vector<std::uint64_t> parseHashes(const Json& j, const std::string& file, const std::string& path, std::size_t n)
{
    if (!j.is_array())
        fail(file, path, "expected an array of hashes");
    if (j.size() != n)
        fail(
            file, path, "expected " + std::to_string(n) + " hashes (one per round), found " + std::to_string(j.size()));
    std::vector<std::uint64_t> hashes;
    hashes.reserve(n);
    for (std::size_t i = 0; i < j.size(); ++i)
        hashes.push_back(parseHash(j[i], file, path + "[" + std::to_string(i) + "]"));
    return hashes;
}

const Json& member(const Json& root, const char* key, const std::string& file, const char* expected)
{
    const auto it = root.find(key);
    if (it == root.end())
        fail(file, key, std::string("missing; expected ") + expected);
    return *it;
}

} // namespace

RunFileError::RunFileError(std::string file, std::string path, std::string message)
    : std::runtime_error(file + (path.empty() ? "" : ": " + path) + ": " + message)
    , m_file(std::move(file))
    , m_path(std::move(path))
{
}

RunFile recordRun(const Scenario& scenario, std::string haggleVersion, std::optional<int> rounds,
    const std::function<void(int, int)>& progress)
{
    RunFile record;
    record.haggleVersion = std::move(haggleVersion);
    record.scenario = scenario;
    const std::unique_ptr<MarketRun> run = makeRun(scenario);
    run->setRecordMessages(false);
    run->setDealHistoryLimit(0);
    const int total = rounds.value_or(scenario.rounds);
    record.hashes.reserve(static_cast<std::size_t>(total));
    while (run->round() < total) {
        run->step();
        record.hashes.push_back(run->stateHash());
        if (const auto parts = run->stateParts())
            record.parts.push_back(*parts);
        if (progress)
            progress(run->round(), total);
    }
    return record;
}

std::string runFileToJson(const RunFile& run)
{
    Json hashes = Json::array();
    for (auto h : run.hashes)
        hashes.push_back(hashText(h));
    Json root = Json::object();
    root["format"] = RunFileFormat;
    root["version"] = RunFileVersion;
    root["haggle"] = run.haggleVersion;
    root["scenario_hash"] = scenarioHash(run.scenario);
    root["rounds"] = run.rounds();
    root["scenario"] = Json::parse(scenarioToJson(run.scenario));
    root["hashes"] = std::move(hashes);
    if (!run.parts.empty()) {
        Json parts = Json::object();
        for (std::size_t k = 0; k < StatePartNames.size(); ++k) {
            Json list = Json::array();
            for (const StateParts& p : run.parts)
                list.push_back(hashText(partValues(p)[k]));
            parts[std::string(StatePartNames[k])] = std::move(list);
        }
        root["parts"] = std::move(parts);
    }
    return root.dump(1) + "\n";
}

RunFile parseRunFile(std::string_view text, const std::string& file)
{
    Json root;
    try {
        root = Json::parse(text);
    } catch (const Json::parse_error& e) {
        fail(file, "byte " + std::to_string(e.byte), "not JSON (" + std::string(e.what()) + ")");
    }
    if (!root.is_object())
        fail(file, "", "expected a run file: a JSON object with \"format\": \"haggle-run\"");
    const Json& format = member(root, "format", file, "\"haggle-run\"");
    if (format != RunFileFormat)
        fail(file, "format", "expected \"haggle-run\": this is not a run file");
    const Json& version = member(root, "version", file, "a format version");
    if (!version.is_number_integer() || version.get<int>() < 1)
        fail(file, "version", "expected a format version >= 1");
    if (version.get<int>() > RunFileVersion)
        fail(file, "version",
            "format version " + std::to_string(version.get<int>()) + " is from a newer Haggle; this one reads version "
                + std::to_string(RunFileVersion));
    RunFile run;
    const Json& haggle = member(root, "haggle", file, "the Haggle version that played the run");
    if (!haggle.is_string())
        fail(file, "haggle", "expected a version string");
    run.haggleVersion = haggle.get<std::string>();
    const Json& scenario = member(root, "scenario", file, "the scenario as run");
    try {
        run.scenario = parseScenario(scenario.dump(), file);
    } catch (const ScenarioFileError& e) {
        fail(file, e.path().empty() ? "scenario" : "scenario." + e.path(), e.message());
    }
    const Json& declared = member(root, "scenario_hash", file, "the scenario's hash");
    if (!declared.is_string() || declared.get<std::string>() != scenarioHash(run.scenario))
        fail(file, "scenario_hash", "does not match the scenario (it was edited after the run was recorded)");
    const Json& rounds = member(root, "rounds", file, "the number of rounds recorded");
    if (!rounds.is_number_integer() || rounds.get<long long>() < 0 || rounds.get<long long>() > MaxRounds)
        fail(file, "rounds", "expected a number of rounds in [0, " + std::to_string(MaxRounds) + "]");
    const auto n = static_cast<std::size_t>(rounds.get<long long>());
    run.hashes = parseHashes(member(root, "hashes", file, "the state hash of every round"), file, "hashes", n);
    if (const auto parts = root.find("parts"); parts != root.end()) {
        if (!parts->is_object())
            fail(file, "parts", "expected an object of part hashes");
        run.parts.resize(n);
        for (std::size_t k = 0; k < StatePartNames.size(); ++k) {
            const std::string name(StatePartNames[k]);
            const auto list = parts->find(name);
            if (list == parts->end())
                fail(file, "parts", "missing the part '" + name + "'");
            const auto values = parseHashes(*list, file, "parts." + name, n);
            for (std::size_t r = 0; r < n; ++r) {
                auto all = partValues(run.parts[r]);
                all[k] = values[r];
                run.parts[r] = { all[0], all[1], all[2], all[3], all[4], all[5] };
            }
        }
    }
    return run;
}

RunFile loadRunFile(const std::filesystem::path& file)
{
    const std::string name = file.string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        fail(name, "", "cannot read: " + ec.message());
    if (size > MaxRunFileBytes)
        fail(name, "", "larger than " + std::to_string(MaxRunFileBytes >> 20) + " MiB: not a run file");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        fail(name, "", "cannot open for reading");
    std::ostringstream text;
    text << in.rdbuf();
    return parseRunFile(text.str(), name);
}

void saveRunFile(const std::filesystem::path& file, const RunFile& run)
{
    writeFileAtomically(file, runFileToJson(run));
}

VerifyReport verifyRun(const RunFile& record, std::string thisVersion, const std::function<void(int, int)>& progress)
{
    VerifyReport report;
    report.recordedVersion = record.haggleVersion;
    report.thisVersion = std::move(thisVersion);
    const std::unique_ptr<MarketRun> run = makeRun(record.scenario);
    run->setRecordMessages(false);
    run->setDealHistoryLimit(0);
    const int total = record.rounds();
    while (run->round() < total) {
        run->step();
        const int r = run->round();
        const auto at = static_cast<std::size_t>(r - 1);
        report.rounds = r;
        report.recorded = record.hashes[at];
        report.replayed = run->stateHash();
        if (report.replayed != report.recorded) {
            report.firstDifference = r;
            const auto parts = run->stateParts();
            report.partsCompared = parts && at < record.parts.size();
            if (report.partsCompared)
                report.parts = differingParts(record.parts[at], *parts);
            return report;
        }
        if (progress)
            progress(r, total);
    }
    report.identical = true;
    return report;
}

std::string formatVerifyReport(const VerifyReport& report)
{
    std::string text;
    if (report.identical) {
        text = "identical: " + std::to_string(report.rounds) + " rounds replayed, every state hash as recorded";
        if (report.rounds > 0)
            text += " (final " + hashText(report.replayed) + ")";
    } else {
        text = "differs at round " + std::to_string(report.firstDifference) + ": state hash "
            + hashText(report.replayed) + ", recorded " + hashText(report.recorded);
        if (!report.parts.empty()) {
            text += "; in ";
            for (std::size_t k = 0; k < report.parts.size(); ++k)
                text += (k ? ", " : "") + std::string(report.parts[k]);
        } else if (report.partsCompared) {
            text += "; every part of the state replays as recorded, so the recorded hash itself was altered";
        }
    }
    text += "\n";
    if (report.recordedVersion != report.thisVersion)
        text += "note: recorded by Haggle " + report.recordedVersion + ", verified by Haggle " + report.thisVersion
            + (report.identical ? "\n" : " (a model change between versions would explain a difference)\n");
    return text;
}

} // namespace haggle::lab
