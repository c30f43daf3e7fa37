// Scenario files: the JSON format (version 1), strict reading with errors that name the file, the JSON path and
// what was expected, and canonical, atomic writing. The format is documented in docs/scenario-format.md and
// described by resources/scenario.schema.json.
#pragma once

#include "scenario.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace haggle::lab {

inline constexpr int ScenarioFormatVersion = 2; // what saveScenario() writes
inline constexpr int OldestScenarioFormatVersion = 1; // still read: max_turns and the reputation constants at the top
inline constexpr std::string_view ScenarioFormatName = "haggle-scenario";

// Bounds on untrusted files, checked before and while parsing, so a hostile file costs bounded time and memory.
// 32 MiB holds a market of about 100,000 agents in canonical form; larger populations are built in code.
inline constexpr std::uintmax_t MaxScenarioFileBytes = 32u * 1024u * 1024u;
inline constexpr int MaxJsonDepth = 32;
inline constexpr std::size_t MaxNameLength = 256; // ids, roles, names, strategy and parameter names
inline constexpr std::size_t MaxDescriptionLength = 64 * 1024;
inline constexpr std::size_t MaxPhases = 10'000;
inline constexpr std::size_t MaxRulesPerList = 10'000;
inline constexpr std::size_t MaxEvents = 100'000;
inline constexpr int MaxPresentationSpeed = 1'000; // rounds per second (presentation.speed)

class ScenarioFileError : public std::runtime_error {
public:
    // file: the file name (or a label such as "<built-in rush-hour>"); path: the JSON path ("agents[2].budget", or
    // "" for the whole document, or "line 3, column 7" for syntax errors); message: what was expected.
    ScenarioFileError(std::string file, std::string path, std::string message);

    const std::string& file() const noexcept { return m_file; }
    const std::string& path() const noexcept { return m_path; }
    const std::string& message() const noexcept { return m_message; }

private:
    std::string m_file;
    std::string m_path;
    std::string m_message;
};

// Parse a scenario from JSON text; `file` labels errors. `rules`, when set, replaces the file's "rules" (haggle-cli's
// --rules): the kinds are then read and checked under those rules. Throws ScenarioFileError for any problem,
// including every problem validateScenario() finds.
Scenario parseScenario(
    std::string_view text, const std::string& file, const std::optional<std::string>& rules = std::nullopt);
// Read and parse a file. Throws ScenarioFileError (also for a missing or unreadable file).
Scenario loadScenario(const std::filesystem::path& file, const std::optional<std::string>& rules = std::nullopt);

// The canonical JSON text of a scenario: 2-space indentation, fields in documented order, every field written
// (strategy parameters only where given), a final newline. parseScenario(scenarioToJson(s)) == s.
std::string scenarioToJson(const Scenario& scenario);
// The scenario's hash: 16 hexadecimal digits of a 64-bit FNV-1a digest of scenarioToJson(), what provenance stamps
// and run files name a scenario by (equal scenarios, equal hashes).
std::string scenarioHash(const Scenario& scenario);
// Write atomically: a temporary file in the same directory, flushed, then renamed over the target, so a crash
// never leaves a half-written scenario. Throws std::runtime_error naming the file on failure.
void saveScenario(const std::filesystem::path& file, const Scenario& scenario);
// Same, for any text (used for results too).
void writeFileAtomically(const std::filesystem::path& file, std::string_view contents);

} // namespace haggle::lab
