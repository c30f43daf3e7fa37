// Reading sweep files and planning their settings (see sweep.h and docs/sweeps.md).
#include "sweep.h"

#include "builtinscenarios.h"
#include "digest.h"
#include "rng.h"
#include "scenariofile.h"
#include "statehashes.h"
#include "sweepmetrics.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace haggle::lab {

using nlohmann::json;

SweepFileError::SweepFileError(std::string file, std::string path, std::string message)
    : std::runtime_error(file + (path.empty() ? std::string() : ": " + path) + ": " + message)
    , m_file(std::move(file))
    , m_path(std::move(path))
    , m_message(std::move(message))
{
}

namespace {

constexpr std::uintmax_t MaxSweepFileBytes = 32u * 1024u * 1024u;

const char* typeName(const json& v)
{
    if (v.is_boolean())
        return "a boolean";
    if (v.is_number())
        return "a number";
    if (v.is_string())
        return "a string";
    if (v.is_array())
        return "an array";
    if (v.is_object())
        return "an object";
    return "null";
}

// Reads a sweep's fields, naming the JSON path of whatever is wrong.
class SweepReader {
public:
    SweepReader(std::string file, std::filesystem::path directory)
        : m_file(std::move(file))
        , m_directory(std::move(directory))
    {
    }

    [[noreturn]] void fail(const std::string& path, const std::string& message) const
    {
        throw SweepFileError(m_file, path, message);
    }

    SweepSpec read(const json& doc) const
    {
        if (!doc.is_object())
            fail("", std::string("expected a JSON object, got ") + typeName(doc));
        static const std::vector<std::string> known { "format", "version", "name", "description", "scenario", "axes",
            "combine", "trials", "seed", "seed_policy", "metrics", "series" };
        for (const auto& [key, value] : doc.items()) {
            if (std::find(known.begin(), known.end(), key) == known.end())
                fail(key,
                    "unknown field (expected one of: format, version, name, description, scenario, axes, "
                    "combine, trials, seed, seed_policy, metrics, series)");
        }
        if (!doc.contains("format") || doc["format"] != SweepFormatName)
            fail("format", "expected \"haggle-sweep\"");
        if (!doc.contains("version") || !doc["version"].is_number_integer())
            fail("version", "expected a whole number");
        if (doc["version"].get<std::int64_t>() != SweepFormatVersion)
            fail("version", "this Haggle reads sweep format version " + std::to_string(SweepFormatVersion));
        SweepSpec spec;
        spec.name = optionalString(doc, "name");
        spec.description = optionalString(doc, "description");
        if (!doc.contains("scenario"))
            fail("scenario", "missing: a built-in scenario (\"builtin:trust-fall-subtle\"), a file, or an object");
        readScenario(doc["scenario"], spec);
        if (!doc.contains("axes") || !doc["axes"].is_array() || doc["axes"].empty())
            fail("axes", "expected a non-empty array of axes");
        for (std::size_t i = 0; i < doc["axes"].size(); ++i)
            spec.axes.push_back(readAxis(doc["axes"][i], "axes[" + std::to_string(i) + "]"));
        if (doc.contains("combine")) {
            const json& c = doc["combine"];
            if (c == "factorial")
                spec.combine = SweepCombine::Factorial;
            else if (c == "paired")
                spec.combine = SweepCombine::Paired;
            else
                fail("combine", "expected \"factorial\" or \"paired\"");
        }
        if (spec.combine == SweepCombine::Paired) {
            for (std::size_t i = 1; i < spec.axes.size(); ++i) {
                if (spec.axes[i].values.size() != spec.axes[0].values.size())
                    fail("axes[" + std::to_string(i) + "].values",
                        "paired axes need as many values each: " + std::to_string(spec.axes[i].values.size())
                            + " here, " + std::to_string(spec.axes[0].values.size()) + " on axes[0]");
            }
        }
        spec.trials = static_cast<int>(wholeNumber(doc, "trials", 1, MaxSweepTrials, 1));
        if (doc.contains("seed")) {
            const json& s = doc["seed"];
            if (!s.is_number_unsigned() && !(s.is_number_integer() && s.get<std::int64_t>() >= 0))
                fail("seed", "expected a whole number >= 0");
            spec.seed = s.get<std::uint64_t>();
        }
        if (doc.contains("seed_policy")) {
            const json& p = doc["seed_policy"];
            if (p == "common")
                spec.seedPolicy = SeedPolicy::Common;
            else if (p == "independent")
                spec.seedPolicy = SeedPolicy::Independent;
            else
                fail("seed_policy", "expected \"common\" (trial t has one seed in every setting) or \"independent\"");
        }
        spec.metrics = names(doc, "metrics", true);
        for (std::size_t i = 0; i < spec.metrics.size(); ++i) {
            if (!findSweepMetric(spec.metrics[i]))
                fail("metrics[" + std::to_string(i) + "]",
                    "unknown metric '" + spec.metrics[i] + "' (expected one of: " + sweepMetricNames() + ")");
        }
        spec.series = names(doc, "series", false);
        for (std::size_t i = 0; i < spec.series.size(); ++i) {
            if (!findSweepSeries(spec.series[i]))
                fail("series[" + std::to_string(i) + "]",
                    "unknown series '" + spec.series[i] + "' (expected one of: " + sweepSeriesNames() + ")");
        }
        return spec;
    }

private:
    std::string optionalString(const json& doc, const char* key) const
    {
        if (!doc.contains(key))
            return {};
        if (!doc[key].is_string())
            fail(key, std::string("expected a string, got ") + typeName(doc[key]));
        return doc[key].get<std::string>();
    }

    std::int64_t wholeNumber(
        const json& doc, const char* key, std::int64_t min, std::int64_t max, std::int64_t fallback) const
    {
        if (!doc.contains(key))
            return fallback;
        const json& v = doc[key];
        if (!v.is_number_integer() || v.get<std::int64_t>() < min || v.get<std::int64_t>() > max)
            fail(key, "expected a whole number in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
        return v.get<std::int64_t>();
    }

    std::vector<std::string> names(const json& doc, const char* key, bool required) const
    {
        std::vector<std::string> out;
        if (!doc.contains(key)) {
            if (required)
                fail(key, "missing: the metrics to record for each run (haggle-cli list metric)");
            return out;
        }
        const json& list = doc[key];
        if (!list.is_array() || (required && list.empty()))
            fail(key, required ? "expected a non-empty array of names" : "expected an array of names");
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (!list[i].is_string())
                fail(std::string(key) + "[" + std::to_string(i) + "]", "expected a name");
            const std::string name = list[i].get<std::string>();
            if (std::find(out.begin(), out.end(), name) != out.end())
                fail(std::string(key) + "[" + std::to_string(i) + "]", "'" + name + "' is listed twice");
            out.push_back(name);
        }
        return out;
    }

    void readScenario(const json& s, SweepSpec& spec) const
    {
        if (s.is_object()) {
            spec.scenarioSource = "inline";
            spec.scenario = s;
            return;
        }
        if (!s.is_string() || s.get<std::string>().empty())
            fail("scenario", "expected \"builtin:KEY\", a scenario file's path, or a scenario object");
        const std::string source = s.get<std::string>();
        spec.scenarioSource = source;
        if (source.starts_with("builtin:")) {
            const std::string key = source.substr(8);
            for (const auto& b : builtinScenarios()) {
                if (b.key == key) {
                    spec.scenario = json::parse(b.json);
                    return;
                }
            }
            std::string keys;
            for (const auto k : builtinScenarioKeys())
                keys += (keys.empty() ? "" : ", ") + std::string(k);
            fail("scenario", "no built-in scenario '" + key + "' (expected one of: " + keys + ")");
        }
        std::filesystem::path path(source);
        if (path.is_relative())
            path = m_directory / path;
        std::ifstream in(path, std::ios::binary);
        if (!in)
            fail("scenario", "cannot read the scenario file '" + path.string() + "'");
        std::ostringstream text;
        text << in.rdbuf();
        try {
            spec.scenario = json::parse(text.str());
        } catch (const json::parse_error& e) {
            fail("scenario", "the scenario file '" + path.string() + "' is not valid JSON: " + e.what());
        }
    }

    SweepAxis readAxis(const json& a, const std::string& where) const
    {
        if (!a.is_object())
            fail(where, std::string("expected an axis object, got ") + typeName(a));
        for (const auto& [key, value] : a.items()) {
            if (key != "name" && key != "path" && key != "paths" && key != "values" && key != "range")
                fail(where + "." + key, "unknown field (expected name, path or paths, values or range)");
        }
        SweepAxis axis;
        if (a.contains("path") == a.contains("paths"))
            fail(where, "expected one of \"path\" (a JSON Pointer) or \"paths\" (several, set to the same value)");
        if (a.contains("path")) {
            if (!a["path"].is_string())
                fail(
                    where + ".path", "expected a JSON Pointer such as \"/agents/5/strategy/params/cheat_probability\"");
            axis.paths.push_back(a["path"].get<std::string>());
        } else {
            if (!a["paths"].is_array() || a["paths"].empty())
                fail(where + ".paths", "expected a non-empty array of JSON Pointers");
            for (std::size_t i = 0; i < a["paths"].size(); ++i) {
                if (!a["paths"][i].is_string())
                    fail(where + ".paths[" + std::to_string(i) + "]", "expected a JSON Pointer");
                axis.paths.push_back(a["paths"][i].get<std::string>());
            }
        }
        for (std::size_t i = 0; i < axis.paths.size(); ++i) {
            const std::string at = a.contains("path") ? where + ".path" : where + ".paths[" + std::to_string(i) + "]";
            try {
                const json::json_pointer pointer(axis.paths[i]);
                if (pointer.empty())
                    fail(at, "the pointer names the whole scenario; name a field in it");
            } catch (const json::parse_error& e) {
                fail(at, "not a JSON Pointer: " + std::string(e.what()));
            }
        }
        if (a.contains("name")) {
            if (!a["name"].is_string() || a["name"].get<std::string>().empty())
                fail(where + ".name", "expected a non-empty string");
            axis.name = a["name"].get<std::string>();
        } else {
            axis.name = json::json_pointer(axis.paths.front()).back();
        }
        if (a.contains("values") == a.contains("range"))
            fail(where, "expected one of \"values\" (a list) or \"range\" ({\"from\", \"to\", \"step\"})");
        if (a.contains("values")) {
            const json& values = a["values"];
            if (!values.is_array() || values.empty())
                fail(where + ".values", "expected a non-empty array of values");
            if (values.size() > MaxSweepAxisValues)
                fail(where + ".values", "at most " + std::to_string(MaxSweepAxisValues) + " values");
            for (std::size_t i = 0; i < values.size(); ++i) {
                const json& v = values[i];
                if (!v.is_number() && !v.is_string() && !v.is_boolean())
                    fail(where + ".values[" + std::to_string(i) + "]",
                        std::string("expected a number, a string or a boolean, got ") + typeName(v));
                axis.values.push_back(v);
            }
        } else {
            axis.values = readRange(a["range"], where + ".range");
        }
        return axis;
    }

    std::vector<json> readRange(const json& r, const std::string& where) const
    {
        if (!r.is_object())
            fail(where, "expected {\"from\": A, \"to\": B, \"step\": S}");
        for (const char* key : { "from", "to", "step" }) {
            if (!r.contains(key) || !r[key].is_number() || !std::isfinite(r[key].get<double>()))
                fail(where + "." + key, "expected a finite number");
        }
        for (const auto& [key, value] : r.items()) {
            if (key != "from" && key != "to" && key != "step")
                fail(where + "." + key, "unknown field (expected from, to, step)");
        }
        const double from = r["from"].get<double>(), to = r["to"].get<double>(), step = r["step"].get<double>();
        if (!(step > 0.0))
            fail(where + ".step", "expected a number above 0");
        if (to < from)
            fail(where + ".to", "expected a number >= from");
        if (std::floor((to - from) / step + 1e-6) + 1.0 > static_cast<double>(MaxSweepAxisValues))
            fail(where, "gives more than " + std::to_string(MaxSweepAxisValues) + " values");
        return sweepRangeValues(r["from"], r["to"], r["step"]);
    }

    std::string m_file;
    std::filesystem::path m_directory;
};

} // namespace

std::vector<json> sweepRangeValues(const json& fromValue, const json& toValue, const json& stepValue)
{
    const bool whole = fromValue.is_number_integer() && toValue.is_number_integer() && stepValue.is_number_integer();
    const double from = fromValue.get<double>(), to = toValue.get<double>(), step = stepValue.get<double>();
    // Values from + k step for k = 0, 1, ... up to `to`, with a tolerance of a millionth of a step for the rounding
    // of decimal steps (0.1 ten times is not 1.0), each rounded to 12 significant digits so 0.30000000000000004
    // is written, stored and shown as 0.3.
    const double count = std::min(std::floor((to - from) / step + 1e-6) + 1.0, static_cast<double>(MaxSweepAxisValues));
    std::vector<json> values;
    for (int k = 0; k < static_cast<int>(count); ++k) {
        if (whole)
            values.emplace_back(fromValue.get<std::int64_t>() + k * stepValue.get<std::int64_t>());
        else
            values.emplace_back(std::stod(sweepValueText(json(from + k * step))));
    }
    return values;
}

std::string SweepSpec::canonicalJson() const
{
    json doc;
    doc["format"] = SweepFormatName;
    doc["version"] = SweepFormatVersion;
    doc["name"] = name;
    doc["description"] = description;
    doc["scenario"] = scenario;
    json axesJson = json::array();
    for (const auto& axis : axes)
        axesJson.push_back({ { "name", axis.name }, { "paths", axis.paths }, { "values", axis.values } });
    doc["axes"] = axesJson;
    doc["combine"] = combine == SweepCombine::Factorial ? "factorial" : "paired";
    doc["trials"] = trials;
    doc["seed"] = seed;
    doc["seed_policy"] = seedPolicy == SeedPolicy::Common ? "common" : "independent";
    doc["metrics"] = metrics;
    doc["series"] = series;
    return doc.dump(2) + "\n";
}

std::string SweepSpec::hash() const
{
    Fnv1a digest;
    for (const char c : canonicalJson())
        digest.add(static_cast<std::uint64_t>(static_cast<unsigned char>(c)));
    return hashText(digest.value());
}

SweepSpec parseSweep(std::string_view text, const std::string& file, const std::filesystem::path& directory)
{
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& e) {
        throw SweepFileError(file, "", std::string("not valid JSON: ") + e.what());
    }
    return SweepReader(file, directory).read(doc);
}

SweepSpec loadSweep(const std::filesystem::path& file)
{
    if (const std::string name = file.string(); name.starts_with("builtin:")) {
        const std::string_view key = std::string_view(name).substr(8);
        std::string keys;
        for (const BuiltinSweep& sweep : builtinSweeps()) {
            if (sweep.key == key)
                return parseSweep(sweep.json, name, {});
            keys += (keys.empty() ? "" : ", ") + std::string(sweep.key);
        }
        throw SweepFileError(name, "", "no built-in sweep '" + std::string(key) + "' (expected one of: " + keys + ")");
    }
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error)
        throw SweepFileError(file.string(), "", "cannot read: " + error.message());
    if (size > MaxSweepFileBytes)
        throw SweepFileError(file.string(), "", "larger than 32 MiB");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw SweepFileError(file.string(), "", "cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    return parseSweep(text.str(), file.string(), file.parent_path());
}

SweepPlan::SweepPlan(SweepSpec spec, const std::string& file)
    : m_spec(std::move(spec))
{
    const auto& axes = m_spec.axes;
    // Every path must be in the base scenario, and every value must have the type found there: a sweep changes
    // values, never the scenario's shape. A field the scenario leaves at its default (a strategy parameter not given)
    // may be set when its parent object is there; the scenario reader then checks the name and the value.
    for (std::size_t a = 0; a < axes.size(); ++a) {
        for (std::size_t p = 0; p < axes[a].paths.size(); ++p) {
            const std::string where = "axes[" + std::to_string(a) + "]."
                + (axes[a].paths.size() == 1 ? std::string("path") : "paths[" + std::to_string(p) + "]");
            const json::json_pointer pointer(axes[a].paths[p]);
            if (!m_spec.scenario.contains(pointer)) {
                const json::json_pointer parent = pointer.parent_pointer();
                if (!m_spec.scenario.contains(parent) || !m_spec.scenario.at(parent).is_object())
                    throw SweepFileError(file, where, "'" + axes[a].paths[p] + "' is not in the scenario");
                continue;
            }
            const json& there = m_spec.scenario.at(pointer);
            for (std::size_t v = 0; v < axes[a].values.size(); ++v) {
                const json& value = axes[a].values[v];
                const bool same = (there.is_number() && value.is_number()) || (there.is_string() && value.is_string())
                    || (there.is_boolean() && value.is_boolean());
                if (!same)
                    throw SweepFileError(file, "axes[" + std::to_string(a) + "].values[" + std::to_string(v) + "]",
                        std::string("expected ") + typeName(there) + " like the scenario's '" + axes[a].paths[p]
                            + "', got " + typeName(value));
            }
        }
    }
    // The settings, in order: factorial with the first axis slowest, or paired.
    std::vector<std::vector<std::size_t>> choices;
    if (m_spec.combine == SweepCombine::Paired) {
        for (std::size_t i = 0; i < axes.front().values.size(); ++i)
            choices.emplace_back(axes.size(), i);
    } else {
        double total = 1.0;
        for (const auto& axis : axes)
            total *= static_cast<double>(axis.values.size());
        if (total * m_spec.trials > static_cast<double>(MaxSweepRuns))
            throw SweepFileError(file, "axes",
                "the sweep has more than " + std::to_string(MaxSweepRuns) + " runs; split it into several sweeps");
        std::vector<std::size_t> index(axes.size(), 0);
        for (;;) {
            choices.push_back(index);
            std::size_t a = axes.size();
            while (a > 0) {
                --a;
                if (++index[a] < axes[a].values.size())
                    break;
                index[a] = 0;
                if (a == 0) {
                    a = axes.size() + 1; // done
                    break;
                }
            }
            if (a == axes.size() + 1)
                break;
        }
    }
    if (static_cast<double>(choices.size()) * m_spec.trials > static_cast<double>(MaxSweepRuns))
        throw SweepFileError(file, "trials", "the sweep has more than " + std::to_string(MaxSweepRuns) + " runs");
    m_settings.reserve(choices.size());
    for (const auto& choice : choices) {
        json scenario = m_spec.scenario;
        Setting setting;
        for (std::size_t a = 0; a < axes.size(); ++a) {
            const json& value = axes[a].values[choice[a]];
            setting.values.push_back(value);
            for (const auto& path : axes[a].paths)
                scenario[json::json_pointer(path)] = value;
        }
        try {
            setting.scenario = parseScenario(scenario.dump(), file);
        } catch (const ScenarioFileError& e) {
            std::string where;
            for (std::size_t a = 0; a < axes.size(); ++a)
                where += (where.empty() ? "" : ", ") + axes[a].name + "=" + sweepValueText(setting.values[a]);
            throw SweepFileError(file, "scenario",
                "with " + where + ": " + (e.path().empty() ? std::string() : e.path() + ": ") + e.message());
        }
        m_settings.push_back(std::move(setting));
    }
}

std::string SweepPlan::label(int setting) const
{
    std::string text;
    const auto& v = values(setting);
    for (std::size_t a = 0; a < v.size(); ++a)
        text += (a ? ", " : "") + m_spec.axes[a].name + "=" + sweepValueText(v[a]);
    return text;
}

SweepRunId SweepPlan::runId(std::int64_t run) const
{
    SweepRunId id;
    id.run = run;
    id.setting = static_cast<int>(run / m_spec.trials);
    id.trial = static_cast<int>(run % m_spec.trials);
    const auto trial = static_cast<std::uint64_t>(id.trial);
    id.seed = m_spec.seedPolicy == SeedPolicy::Common
        ? deriveSeed(m_spec.seed, trial)
        : deriveSeed(deriveSeed(m_spec.seed, static_cast<std::uint64_t>(id.setting)), trial);
    return id;
}

Scenario SweepPlan::scenario(const SweepRunId& id) const
{
    Scenario s = settingScenario(id.setting);
    s.seed = id.seed;
    return s;
}

SweepShard parseShard(std::string_view text)
{
    const auto slash = text.find('/');
    SweepShard shard;
    const auto parse = [](std::string_view part, int& out) {
        const auto* end = part.data() + part.size();
        const auto [ptr, ec] = std::from_chars(part.data(), end, out);
        return ec == std::errc() && ptr == end && !part.empty();
    };
    if (slash == std::string_view::npos || !parse(text.substr(0, slash), shard.index)
        || !parse(text.substr(slash + 1), shard.count) || shard.count < 1 || shard.index < 0
        || shard.index >= shard.count)
        throw std::invalid_argument(
            "expected a shard as I/N with 0 <= I < N, e.g. 0/4, got '" + std::string(text) + "'");
    return shard;
}

std::string sweepValueText(const json& value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_number_float()) {
        std::ostringstream s;
        s.precision(12);
        s << value.get<double>();
        return s.str();
    }
    return value.dump();
}

} // namespace haggle::lab
