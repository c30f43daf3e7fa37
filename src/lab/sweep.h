// Parameter sweeps (docs/sweeps.md): a base scenario, axes that set values at JSON Pointer paths in it, trials per
// setting, a seed policy and the metrics to record for every run. A sweep file is read and every one of its settings
// is built and validated before anything runs, so a wrong path or value is refused up front, naming where it is.
//
// Run r of a sweep is trial r % trials of setting r / trials; its seed depends only on the sweep's seed, the setting
// and the trial, so a run's results are the same whichever thread, shard or MPI rank computes it, in any order.
#pragma once

#include "scenario.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace haggle::lab {

inline constexpr std::string_view SweepFormatName = "haggle-sweep";
inline constexpr int SweepFormatVersion = 1;
inline constexpr int MaxSweepTrials = 100'000;
inline constexpr std::int64_t MaxSweepRuns = 100'000'000;
inline constexpr std::size_t MaxSweepAxisValues = 100'000;

// A sweep file's problem: the file, the JSON path in it ("axes[1].values[3]"), and what was expected.
class SweepFileError : public std::runtime_error {
public:
    SweepFileError(std::string file, std::string path, std::string message);
    const std::string& file() const noexcept { return m_file; }
    const std::string& path() const noexcept { return m_path; }
    const std::string& message() const noexcept { return m_message; }

private:
    std::string m_file;
    std::string m_path;
    std::string m_message;
};

struct SweepAxis {
    std::string name; // a label: given, or the last token of the first path
    std::vector<std::string> paths; // JSON Pointers (RFC 6901) into the scenario, each set to the axis's value
    std::vector<nlohmann::json> values; // numbers, strings or booleans, of the type already at the paths
};

enum class SweepCombine : std::uint8_t {
    Factorial, // every combination of the axes' values (the first axis varies slowest)
    Paired, // the i-th value of every axis together; the axes have as many values each
};

enum class SeedPolicy : std::uint8_t {
    Common, // trial t has the same seed in every setting (common random numbers: differences come from the setting)
    Independent, // every run has its own seed
};

struct SweepSpec {
    std::string name;
    std::string description;
    std::string scenarioSource; // "builtin:KEY", the file as given, or "inline"
    nlohmann::json scenario; // the base scenario's JSON
    std::vector<SweepAxis> axes;
    SweepCombine combine = SweepCombine::Factorial;
    int trials = 1;
    std::uint64_t seed = 1;
    SeedPolicy seedPolicy = SeedPolicy::Common;
    std::vector<std::string> metrics; // metric kinds (sweepmetrics.h)
    std::vector<std::string> series; // per-round series kinds, optional

    // The canonical JSON of the whole sweep, base scenario inlined: what its hash is taken of and what a results
    // file keeps, so that a resumed or merged sweep is known to be the same sweep.
    std::string canonicalJson() const;
    // FNV-1a 64 of canonicalJson(), as 16 hex digits.
    std::string hash() const;
};

// Reads a sweep from JSON text. `file` labels errors and `directory` is where a relative scenario path is looked up.
// Checks the sweep's own fields; plan() checks the settings.
SweepSpec parseSweep(std::string_view text, const std::string& file, const std::filesystem::path& directory);
// Reads a sweep file, or a built-in sweep named "builtin:KEY" (resources/sweeps/KEY.json).
SweepSpec loadSweep(const std::filesystem::path& file);

// The example sweeps (resources/sweeps/*.json) compiled into the program, as the scenarios are.
struct BuiltinSweep {
    std::string_view key; // file name without .json: "greed-factor", ...
    std::string_view json; // the file's exact text
};
std::span<const BuiltinSweep> builtinSweeps();

struct SweepRunId {
    std::int64_t run = 0;
    int setting = 0;
    int trial = 0;
    std::uint64_t seed = 0;
};

// The settings of a sweep, each built and validated. Throws SweepFileError naming the axis and value when a path is
// not in the scenario, a value has another type than the one there, or a setting's scenario is invalid.
class SweepPlan {
public:
    explicit SweepPlan(SweepSpec spec, const std::string& file = "<sweep>");

    const SweepSpec& spec() const noexcept { return m_spec; }
    int settingCount() const noexcept { return static_cast<int>(m_settings.size()); }
    std::int64_t runCount() const noexcept { return static_cast<std::int64_t>(m_settings.size()) * m_spec.trials; }
    // Setting s's value on each axis, in axis order.
    const std::vector<nlohmann::json>& values(int setting) const
    {
        return m_settings.at(static_cast<std::size_t>(setting)).values;
    }
    // "rate=0.1, threshold=0.3": a setting's values as a reader sees them.
    std::string label(int setting) const;
    // The setting's scenario, with its trial's seed for run r.
    Scenario scenario(const SweepRunId& id) const;
    const Scenario& settingScenario(int setting) const
    {
        return m_settings.at(static_cast<std::size_t>(setting)).scenario;
    }
    SweepRunId runId(std::int64_t run) const;

private:
    struct Setting {
        std::vector<nlohmann::json> values;
        Scenario scenario;
    };
    SweepSpec m_spec;
    std::vector<Setting> m_settings;
};

// "i/n" (shard i of n, 0 <= i < n): the runs with run % n == i. Throws std::invalid_argument for another text.
struct SweepShard {
    int index = 0;
    int count = 1;
    bool contains(std::int64_t run) const noexcept { return run % count == index; }
    std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};
SweepShard parseShard(std::string_view text);

// The values of a range {from, to, step} (finite numbers, step > 0, to >= from): integers when all three are, else
// reals rounded to 12 significant digits; at most MaxSweepAxisValues of them.
std::vector<nlohmann::json> sweepRangeValues(
    const nlohmann::json& from, const nlohmann::json& to, const nlohmann::json& step);

// A value as a label or CSV cell shows it: numbers in the shortest form that reads back the same, strings bare.
std::string sweepValueText(const nlohmann::json& value);

} // namespace haggle::lab
