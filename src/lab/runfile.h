// Run files (.haggle-run): a run that anyone can check. The scenario as run (its events included), the Haggle version
// that played it, and the state hash after every round with its parts (StateParts), so that `haggle-cli verify` can
// re-run it and say either "identical" or the first round that differs and in what. The desktop lab saves and opens
// them; `haggle-cli run --record FILE` writes one. The format is in docs/run-files.md.
#pragma once

#include "marketrun.h"
#include "scenario.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace haggle::lab {

inline constexpr std::string_view RunFileFormat = "haggle-run";
inline constexpr int RunFileVersion = 1;

struct RunFile {
    std::string haggleVersion; // of the program that played the run
    Scenario scenario; // as run (rounds: the scenario's; the record may hold fewer)
    std::vector<std::uint64_t> hashes; // MarketRun::stateHash() after round 1, 2, ...
    std::vector<StateParts> parts; // the same rounds' parts (empty under rules without them)

    int rounds() const noexcept { return static_cast<int>(hashes.size()); }
};

// A malformed or unreadable run file: the file, where in it (a JSON path, "line 3, column 7", or "" for the whole
// file) and what was expected.
class RunFileError : public std::runtime_error {
public:
    RunFileError(std::string file, std::string path, std::string message);
    const std::string& file() const noexcept { return m_file; }
    const std::string& path() const noexcept { return m_path; }

private:
    std::string m_file;
    std::string m_path;
};

// Plays `rounds` rounds of the scenario (its own rounds when unset) and records them.
RunFile recordRun(const Scenario& scenario, std::string haggleVersion, std::optional<int> rounds = std::nullopt,
    const std::function<void(int, int)>& progress = {});

std::string runFileToJson(const RunFile& run);
// Throws RunFileError naming the place for a malformed file, a file of another format or a newer version.
RunFile parseRunFile(std::string_view text, const std::string& file);
RunFile loadRunFile(const std::filesystem::path& file);
// Atomic; throws std::runtime_error naming the file.
void saveRunFile(const std::filesystem::path& file, const RunFile& run);

struct VerifyReport {
    bool identical = false;
    int rounds = 0; // rounds compared (all the file's when identical)
    int firstDifference = 0; // the first round that differs (0 when identical)
    std::uint64_t recorded = 0; // that round's hashes (or the last round's when identical)
    std::uint64_t replayed = 0;
    bool partsCompared = false; // the file has the round's parts and the rules give them
    std::vector<std::string_view> parts; // the parts that differ at that round (empty: the parts agree, the hash not)
    std::string recordedVersion; // the file's Haggle version
    std::string thisVersion; // this program's
};

// Re-runs the file's scenario for its rounds and compares every round's hash.
VerifyReport verifyRun(const RunFile& run, std::string thisVersion, const std::function<void(int, int)>& progress = {});
// The report as text: "identical: ..." or "differs at round R in ...", with a note when the versions differ.
std::string formatVerifyReport(const VerifyReport& report);

} // namespace haggle::lab
