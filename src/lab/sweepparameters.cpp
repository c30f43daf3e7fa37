// What a sweep can vary (see sweepparameters.h).
#include "sweepparameters.h"

#include "kinds.h"
#include "sweep.h"

#include <charconv>
#include <cmath>
#include <map>
#include <stdexcept>

namespace haggle::lab {

using nlohmann::json;

namespace {

// The catalog whose kind an object with this key names, and the field holding the kind's name.
struct KindField {
    std::string_view section; // the object's own key: "strategy", "mechanism", "settlement", "reputation"
    std::string_view field; // "type", or "model" for reputation
    std::vector<KindInfo> (*kinds)();
};

const KindField* kindField(std::string_view section)
{
    static const KindField fields[] = {
        { "strategy", "type", [] { return strategyCatalog().infos(); } },
        { "mechanism", "type", [] { return mechanismCatalog().infos(); } },
        { "settlement", "type", [] { return settlementCatalog().infos(); } },
        { "reputation", "model", [] { return reputationCatalog().infos(); } },
    };
    for (const auto& f : fields) {
        if (f.section == section)
            return &f;
    }
    return nullptr;
}

std::string groupOf(const json::json_pointer& pointer)
{
    const std::string top = pointer.to_string().substr(1, pointer.to_string().find('/', 1) - 1);
    if (top == "agents")
        return "Agents";
    if (top == "mechanism" || top == "settlement")
        return "Mechanism and settlement";
    if (top == "reputation")
        return "Reputation";
    if (top == "market")
        return "Market";
    if (top == "demand")
        return "Demand";
    if (top == "events")
        return "Events";
    return "Scenario";
}

class Collector {
public:
    explicit Collector(const json& scenario)
        : m_scenario(scenario)
    {
    }

    std::vector<SweepParameter> collect()
    {
        walk(m_scenario, json::json_pointer());
        addRoleGroups();
        return std::move(m_found);
    }

private:
    // "agents/3/strategy/trust_threshold" -> "honest_alice: strategy.trust_threshold"; others dotted.
    std::string label(const json::json_pointer& pointer) const
    {
        std::vector<std::string> tokens;
        for (json::json_pointer p = pointer; !p.empty(); p = p.parent_pointer())
            tokens.insert(tokens.begin(), p.back());
        std::string text;
        std::size_t from = 0;
        if (tokens.size() > 2 && tokens[0] == "agents") {
            const json& agent = m_scenario.at(json::json_pointer("/agents/" + tokens[1]));
            text = (agent.contains("id") && agent["id"].is_string() ? agent["id"].get<std::string>()
                                                                    : "agent " + tokens[1])
                + ": ";
            from = 2;
        }
        for (std::size_t i = from; i < tokens.size(); ++i)
            text += (i > from ? "." : "") + tokens[i];
        return text;
    }

    void add(const json::json_pointer& pointer, const json& value, SweepParameter::Type type,
        const ParameterInfo* info = nullptr, std::vector<std::string> choices = {})
    {
        SweepParameter p;
        p.label = label(pointer);
        p.name = pointer.back();
        p.group = groupOf(pointer);
        p.paths = { pointer.to_string() };
        p.value = value;
        p.type = type;
        p.choices = std::move(choices);
        if (info) {
            p.min = info->min;
            p.max = info->max;
            p.description = std::string(info->description);
            if (!info->unit.empty())
                p.description += " (" + std::string(info->unit) + ")";
        }
        m_found.push_back(std::move(p));
    }

    void walk(const json& node, const json::json_pointer& at)
    {
        if (node.is_object()) {
            // A kind's section: its name is a Kind, its params are the catalog's, given or not.
            const std::string key = at.empty() ? std::string() : at.back();
            const KindField* kind = kindField(key);
            const KindInfo* info = nullptr;
            std::vector<KindInfo> infos;
            if (kind && node.contains(kind->field) && node[kind->field].is_string()) {
                infos = kind->kinds();
                for (const auto& i : infos) {
                    if (i.name == node[kind->field].get<std::string>())
                        info = &i;
                }
                std::vector<std::string> names;
                for (const auto& i : infos)
                    names.emplace_back(i.name);
                add(at / std::string(kind->field), node[kind->field], SweepParameter::Type::Kind, nullptr, names);
            }
            for (const auto& [name, child] : node.items()) {
                if (at.empty()
                    && (name == "format" || name == "version" || name == "name" || name == "description"
                        || name == "presentation" || name == "rules"))
                    continue;
                if (kind && name == kind->field)
                    continue;
                if (info && name == "params" && child.is_object()) {
                    for (const auto& param : info->params) {
                        const std::string pname(param.name);
                        const json value = child.contains(pname) ? child[pname] : json(param.defaultValue);
                        add(at / "params" / pname, value,
                            param.type == ParameterType::Integer       ? SweepParameter::Type::Integer
                                : param.type == ParameterType::Boolean ? SweepParameter::Type::Boolean
                                                                       : SweepParameter::Type::Number,
                            &param);
                    }
                    continue;
                }
                walk(child, at / name);
            }
        } else if (node.is_array()) {
            for (std::size_t i = 0; i < node.size(); ++i)
                walk(node[i], at / i);
        } else if (node.is_boolean()) {
            add(at, node, SweepParameter::Type::Boolean);
        } else if (node.is_number()) {
            add(at, node, node.is_number_integer() ? SweepParameter::Type::Integer : SweepParameter::Type::Number);
        }
        // Other strings (ids, roles, agent lists) name things; a sweep does not rename them.
    }

    // The same field of every agent of a role (with the same strategy kind, for strategy fields): one axis moves them
    // together, as the cheat-rate x threshold example does for the honest agents' threshold.
    void addRoleGroups()
    {
        if (!m_scenario.contains("agents") || !m_scenario["agents"].is_array())
            return;
        const json& agents = m_scenario["agents"];
        std::map<std::pair<std::string, std::string>, std::vector<const SweepParameter*>> byField;
        std::vector<std::pair<std::string, std::string>> order;
        for (const auto& p : m_found) {
            const json::json_pointer pointer(p.paths.front());
            const std::string path = pointer.to_string();
            if (!path.starts_with("/agents/"))
                continue;
            const std::size_t slash = path.find('/', 8);
            if (slash == std::string::npos)
                continue;
            const std::size_t index = std::stoul(path.substr(8, slash - 8));
            const json& agent = agents[index];
            std::string role = agent.contains("role") && agent["role"].is_string() ? agent["role"].get<std::string>()
                                                                                   : std::string();
            const std::string rest = path.substr(slash);
            if (role.empty())
                continue;
            if (rest.starts_with("/strategy/params/") && agent.contains("strategy") && agent["strategy"].is_object()
                && agent["strategy"].contains("type") && agent["strategy"]["type"].is_string())
                role += "\x1f" + agent["strategy"]["type"].get<std::string>();
            const auto key = std::make_pair(role, rest);
            if (!byField.contains(key))
                order.push_back(key);
            byField[key].push_back(&p);
        }
        std::vector<SweepParameter> groups;
        for (const auto& key : order) {
            const auto& members = byField[key];
            if (members.size() < 2)
                continue;
            SweepParameter g = *members.front();
            const std::string role = key.first.substr(0, key.first.find('\x1f'));
            g.paths.clear();
            for (const auto* m : members)
                g.paths.push_back(m->paths.front());
            std::string field = key.second.substr(1);
            std::replace(field.begin(), field.end(), '/', '.');
            g.label = "every " + role + " agent (" + std::to_string(members.size()) + "): " + field;
            g.group = "Roles";
            groups.push_back(std::move(g));
        }
        // The groups first: one axis for a role is what a sweep most often wants.
        m_found.insert(m_found.begin(), std::make_move_iterator(groups.begin()), std::make_move_iterator(groups.end()));
    }

    const json& m_scenario;
    std::vector<SweepParameter> m_found;
};

std::string trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

// A number as typed: an integer stays an integer (so integer fields get integers), else a real.
std::optional<json> number(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    std::int64_t whole = 0;
    const char* end = text.data() + text.size();
    if (auto [p, ec] = std::from_chars(text.data(), end, whole); ec == std::errc() && p == end)
        return json(whole);
    double real = 0.0;
    if (auto [p, ec] = std::from_chars(text.data(), end, real); ec == std::errc() && p == end && std::isfinite(real))
        return json(real);
    return std::nullopt;
}

} // namespace

std::string SweepParameter::suggestedValues() const
{
    switch (type) {
    case Type::Boolean:
        return value.is_boolean() ? "false, true" : "0, 1";
    case Type::Kind: {
        std::string text;
        for (const auto& c : choices)
            text += (text.empty() ? "" : ", ") + c;
        return text;
    }
    case Type::Integer:
    case Type::Number:
        break;
    }
    const double v = value.is_number() ? value.get<double>() : 0.0;
    const bool whole = type == Type::Integer;
    if (min && max && std::isfinite(*min) && std::isfinite(*max) && *max > *min && *max - *min <= 1e6) {
        double step = (*max - *min) / 10.0;
        if (whole)
            step = std::max(1.0, std::round(step));
        return sweepValueText(json(*min)) + ":" + sweepValueText(json(*max)) + ":" + sweepValueText(json(step));
    }
    if (whole) {
        const auto n = static_cast<std::int64_t>(v);
        const std::int64_t step = std::max<std::int64_t>(1, n / 4);
        return std::to_string(std::max<std::int64_t>(0, n - 2 * step)) + ":" + std::to_string(n + 2 * step) + ":"
            + std::to_string(step);
    }
    if (v == 0.0)
        return "0:1:0.1";
    return sweepValueText(json(v * 0.5)) + ":" + sweepValueText(json(v * 1.5)) + ":" + sweepValueText(json(v * 0.25));
}

std::vector<SweepParameter> sweepParameters(const json& scenario)
{
    return Collector(scenario).collect();
}

json parseAxisValues(std::string_view text)
{
    const std::string all = trim(text);
    if (all.empty())
        throw std::invalid_argument("no values: type a list (0.1, 0.2, 0.5) or a range (from:to:step, 0:1:0.1)");
    // Split at commas outside double quotes; a quoted item is a string as it stands ("7", "a, b").
    struct Item {
        std::string text;
        bool quoted = false;
    };
    std::vector<Item> items;
    std::string raw;
    bool inQuotes = false;
    const auto endItem = [&] {
        Item item { trim(raw) };
        if (item.text.size() >= 2 && item.text.front() == '"' && item.text.back() == '"') {
            item.text = item.text.substr(1, item.text.size() - 2);
            item.quoted = true;
        } else if (item.text.find('"') != std::string::npos) {
            throw std::invalid_argument("'" + item.text + "': quote a whole value, as \"7\"");
        }
        items.push_back(std::move(item));
        raw.clear();
    };
    for (const char c : all) {
        if (c == '"')
            inQuotes = !inQuotes;
        if (c == ',' && !inQuotes)
            endItem();
        else
            raw += c;
    }
    if (inQuotes)
        throw std::invalid_argument("a quote is not closed");
    endItem();
    if (items.size() == 1 && !items[0].quoted && all.find(':') != std::string::npos) {
        std::vector<json> parts;
        std::size_t start = 0;
        for (;;) {
            const std::size_t colon = all.find(':', start);
            const std::string part = trim(std::string_view(all).substr(start, colon - start));
            const auto n = number(part);
            if (!n)
                throw std::invalid_argument("'" + part + "' is not a number; a range is from:to:step, as 0:1:0.1");
            parts.push_back(*n);
            if (colon == std::string::npos)
                break;
            start = colon + 1;
        }
        if (parts.size() != 3)
            throw std::invalid_argument("a range has three numbers, from:to:step, as 0:1:0.1");
        return json { { "range", { { "from", parts[0] }, { "to", parts[1] }, { "step", parts[2] } } } };
    }
    json values = json::array();
    for (const Item& item : items) {
        const std::string& part = item.text;
        if (item.quoted)
            values.push_back(part);
        else if (part.empty())
            throw std::invalid_argument("an empty value in the list (two commas in a row, or one at the end)");
        else if (const auto n = number(part))
            values.push_back(*n);
        else if (part == "true" || part == "false")
            values.push_back(part == "true");
        else
            values.push_back(part);
    }
    return json { { "values", values } };
}

std::string axisValuesText(const json& axis)
{
    // A real number keeps a decimal point ("1.0"), so that it reads back as a real: the sweep's hash is taken of
    // the values with their types, and a form that changed them would no longer resume the CLI's results file.
    const auto valueText = [](const json& v) {
        std::string text = sweepValueText(v);
        if (v.is_number_float() && text.find_first_of(".eEn") == std::string::npos)
            text += ".0";
        return text;
    };
    if (axis.contains("range") && axis["range"].is_object()) {
        const json& r = axis["range"];
        return valueText(r.value("from", json(0))) + ":" + valueText(r.value("to", json(0))) + ":"
            + valueText(r.value("step", json(0)));
    }
    if (!axis.contains("values") || !axis["values"].is_array())
        return {};
    const json& values = axis["values"];
    bool numbers = values.size() >= 3;
    for (const auto& v : values)
        numbers = numbers && v.is_number();
    if (numbers) {
        // A range, if reading it back gives exactly these values, types and digits included.
        const json& first = values.front();
        const json step = first.is_number_integer() && values[1].is_number_integer()
            ? json(values[1].get<std::int64_t>() - first.get<std::int64_t>())
            : json(std::stod(sweepValueText(json(values[1].get<double>() - first.get<double>()))));
        if (step.get<double>() > 0.0 && values.back().get<double>() >= first.get<double>()
            && json(sweepRangeValues(first, values.back(), step)).dump() == values.dump())
            return valueText(first) + ":" + valueText(values.back()) + ":" + valueText(step);
    }
    std::string text;
    for (const auto& v : values) {
        std::string item = valueText(v);
        if (v.is_string()
            && (item.find_first_of(",:\"") != std::string::npos || number(item) || item == "true" || item == "false"
                || item != trim(item) || item.empty()))
            item = "\"" + item + "\"";
        text += (text.empty() ? "" : ", ") + item;
    }
    return text;
}

} // namespace haggle::lab
