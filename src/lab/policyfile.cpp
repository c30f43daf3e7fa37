// Learnt policies as files (see policyfile.h).
#include "policyfile.h"

#include "csv.h"
#include "scenariofile.h"

#include <cctype>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

namespace haggle::lab {

using Json = nlohmann::ordered_json;

namespace {

// A policy file holds at most this many cells (a Q-learner at its largest settings has about 200,000).
constexpr std::size_t MaxPolicyCells = 4'000'000;
constexpr std::size_t MaxPolicyBytes = 256u * 1024u * 1024u;

std::string at(const std::string& path, std::string_view key)
{
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string index(const std::string& path, std::size_t i)
{
    return path + "[" + std::to_string(i) + "]";
}

class PolicyReader {
public:
    PolicyReader(const std::string& file)
        : m_file(file)
    {
    }

    [[noreturn]] void fail(const std::string& path, const std::string& message) const
    {
        throw ScenarioFileError(m_file, path, message);
    }

    const Json& field(const Json& object, const std::string& path, std::string_view key) const
    {
        const auto it = object.find(std::string(key));
        if (it == object.end())
            fail(at(path, key), "missing required field '" + std::string(key) + "'");
        return *it;
    }

    std::vector<std::string> labels(const Json& j, const std::string& path) const
    {
        if (!j.is_array() || j.empty() || j.size() > MaxPolicyCells)
            fail(path, "expected a non-empty array of names");
        std::vector<std::string> out;
        for (std::size_t i = 0; i < j.size(); ++i) {
            if (!j[i].is_string())
                fail(index(path, i), "expected a string");
            out.push_back(j[i].get<std::string>());
        }
        return out;
    }

    template <typename Value>
    std::vector<Value> grid(const Json& j, const std::string& path, std::size_t rows, std::size_t columns) const
    {
        if (!j.is_array() || j.size() != rows)
            fail(path, "expected an array of " + std::to_string(rows) + " rows (one per state)");
        std::vector<Value> out;
        out.reserve(rows * columns);
        for (std::size_t r = 0; r < rows; ++r) {
            const Json& row = j[r];
            if (!row.is_array() || row.size() != columns)
                fail(index(path, r), "expected " + std::to_string(columns) + " numbers (one per action)");
            for (std::size_t c = 0; c < columns; ++c) {
                const Json& v = row[c];
                if constexpr (std::is_same_v<Value, double>) {
                    if (!v.is_number() || !std::isfinite(v.get<double>()))
                        fail(index(index(path, r), c), "expected a finite number");
                    out.push_back(v.get<double>());
                } else {
                    if (!(v.is_number_unsigned() || (v.is_number_integer() && v.get<long long>() >= 0)))
                        fail(index(index(path, r), c), "expected a whole number >= 0");
                    out.push_back(v.get<long long>());
                }
            }
        }
        return out;
    }

    LearnedTable policy(const Json& j, const std::string& path) const
    {
        if (!j.is_object())
            fail(path, "expected a policy object (or, in a scenario, the name of a policy file)");
        for (const auto& [key, value] : j.items()) {
            if (key != "format" && key != "version" && key != "strategy" && key != "episodes" && key != "actions"
                && key != "states" && key != "q" && key != "visits")
                fail(at(path, key),
                    "unknown field '" + key
                        + "' (expected one of: format, version, strategy, episodes, actions, states, q, visits)");
        }
        const Json& format = field(j, path, "format");
        if (!format.is_string() || format.get<std::string>() != PolicyFormatName)
            fail(at(path, "format"), "expected \"" + std::string(PolicyFormatName) + "\"");
        const Json& version = field(j, path, "version");
        if (!version.is_number_integer() || version.get<long long>() != PolicyFormatVersion)
            fail(at(path, "version"),
                "unsupported version (this Haggle reads version " + std::to_string(PolicyFormatVersion) + ")");
        LearnedTable t;
        const Json& strategy = field(j, path, "strategy");
        if (!strategy.is_string() || strategy.get<std::string>().empty())
            fail(at(path, "strategy"), "expected the strategy kind that learnt it");
        t.strategy = strategy.get<std::string>();
        const Json& episodes = field(j, path, "episodes");
        if (!(episodes.is_number_unsigned() || (episodes.is_number_integer() && episodes.get<long long>() >= 0)))
            fail(at(path, "episodes"), "expected a whole number >= 0");
        t.episodes = episodes.get<long long>();
        t.actions = labels(field(j, path, "actions"), at(path, "actions"));
        t.states = labels(field(j, path, "states"), at(path, "states"));
        if (t.actions.size() * t.states.size() > MaxPolicyCells)
            fail(path,
                "too many cells (" + std::to_string(t.actions.size() * t.states.size()) + "; the limit is "
                    + std::to_string(MaxPolicyCells) + ")");
        t.values = grid<double>(field(j, path, "q"), at(path, "q"), t.states.size(), t.actions.size());
        t.visits = grid<long long>(field(j, path, "visits"), at(path, "visits"), t.states.size(), t.actions.size());
        return t;
    }

private:
    const std::string& m_file;
};

} // namespace

Json policyJson(const LearnedTable& table)
{
    Json j = Json::object();
    j["format"] = PolicyFormatName;
    j["version"] = PolicyFormatVersion;
    j["strategy"] = table.strategy;
    j["episodes"] = table.episodes;
    j["actions"] = table.actions;
    j["states"] = table.states;
    Json q = Json::array();
    Json visits = Json::array();
    const std::size_t columns = table.actions.size();
    for (std::size_t s = 0; s < table.states.size(); ++s) {
        Json qRow = Json::array();
        Json visitRow = Json::array();
        for (std::size_t a = 0; a < columns; ++a) {
            qRow.push_back(table.value(s, a));
            visitRow.push_back(table.visitsOf(s, a));
        }
        q.push_back(std::move(qRow));
        visits.push_back(std::move(visitRow));
    }
    j["q"] = std::move(q);
    j["visits"] = std::move(visits);
    return j;
}

LearnedTable policyFromJson(const Json& json, const std::string& file, const std::string& path)
{
    return PolicyReader(file).policy(json, path);
}

LearnedTable parsePolicy(std::string_view text, const std::string& file)
{
    if (text.size() > MaxPolicyBytes)
        throw ScenarioFileError(file, "", "file too large (" + std::to_string(text.size()) + " bytes)");
    Json root;
    try {
        root = Json::parse(text.begin(), text.end());
    } catch (const Json::exception& e) {
        throw ScenarioFileError(file, "", std::string("not valid JSON: ") + e.what());
    }
    return policyFromJson(root, file, "");
}

LearnedTable loadPolicy(const std::filesystem::path& file)
{
    const std::string label = file.string();
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ScenarioFileError(label, "", "cannot open the policy file");
    std::ostringstream text;
    text << in.rdbuf();
    return parsePolicy(text.str(), label);
}

void savePolicy(const std::filesystem::path& file, const LearnedTable& table)
{
    // One line per field, and per state in the labels and tables: readable and diffable, a row per line.
    const Json j = policyJson(table);
    std::string text = "{\n";
    bool first = true;
    for (const auto& [key, value] : j.items()) {
        text += std::string(first ? "" : ",\n") + "  " + Json(key).dump() + ": ";
        first = false;
        if (!value.is_array()) {
            text += value.dump();
            continue;
        }
        text += "[";
        for (std::size_t i = 0; i < value.size(); ++i)
            text += std::string(i ? ",\n    " : "\n    ") + value[i].dump();
        text += "\n  ]";
    }
    writeFileAtomically(file, text + "\n}\n");
}

void saveLearnedTable(const std::filesystem::path& file, const LearnedTable& table)
{
    std::string extension = file.extension().string();
    for (char& c : extension)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (extension == ".csv")
        writeFileAtomically(file, learnedTableCsv(table));
    else
        savePolicy(file, table);
}

std::string learnedTableCsv(const LearnedTable& table)
{
    std::vector<std::string> header { "state", "visits", "best_action" };
    for (const auto& a : table.actions)
        header.push_back("q " + a);
    CsvWriter csv(header);
    for (std::size_t s = 0; s < table.states.size(); ++s) {
        const std::optional<std::size_t> best = table.bestTriedAction(s);
        csv.text(table.states[s]).integer(table.stateVisits(s)).text(best ? table.actions[*best] : std::string());
        for (std::size_t a = 0; a < table.actions.size(); ++a)
            csv.number(table.value(s, a));
        csv.endRow();
    }
    return csv.str();
}

} // namespace haggle::lab
