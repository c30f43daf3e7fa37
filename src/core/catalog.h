// One registry shape for every pluggable kind: strategies, mechanisms, settlement rules and reputation models here in
// the engine; experiments (src/lab) and chart kinds (src/charts) in their own layers, in catalogs of the same shape.
//
// A kind registers once: its name, a one-line description, its parameters (type, default, range, unit, help) and a
// factory. The scenario reader and writer, the JSON Schema test, `haggle-cli list`, the GUI's editors and the docs all
// read the catalogs, so a list of kinds or a parameter's range is never written out a second time. Adding a kind is
// one file and one registration line (see docs/architecture.md).
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace haggle {

enum class ParameterType : std::uint8_t {
    Real,
    Integer, // a whole number in [min, max]
    Boolean, // 0 or 1
};
std::string_view parameterTypeName(ParameterType type) noexcept; // "number", "integer", "boolean"

struct ParameterInfo {
    std::string_view name;
    double defaultValue = 0.0;
    double min = 0.0;
    double max = 0.0;
    std::string_view description; // the help text an editor shows
    std::string_view unit = {}; // "" for a plain number; "rounds", "unit price", "share", ...
    ParameterType type = ParameterType::Real;
};

// Parameter values as a scenario gives them: only those set explicitly; the rest take their defaults.
using ParameterValues = std::map<std::string, double>;

// A kind chosen by a scenario: its catalog name and the parameter values given.
struct KindSpec {
    std::string type;
    ParameterValues params;

    bool operator==(const KindSpec&) const = default;
};

// Where a kind's name or parameters are wrong and why; field is "type" (or "model") or "params.<name>".
struct SpecError {
    std::string field;
    std::string message;
};

class Parameters;
struct Scenario;

struct KindInfo {
    std::string_view name;
    std::string_view description;
    std::vector<ParameterInfo> params;
    // A mechanism: the protocols it needs its traders' strategies to speak. A strategy: those it speaks.
    std::vector<std::string_view> protocols = {};
    // Conditions between parameters that their ranges cannot say (a band's low end below its high end): what is wrong,
    // field "params.<name>", or nothing. Asked after every value passed its own range. Unset: none.
    std::function<std::optional<SpecError>(const Parameters&)> check = {};
    // Conditions between parameters and the scenario that runs the kind (a mechanism's bid deposit against its
    // providers' budgets): what is wrong, field "params.<name>", or nothing. Asked once the scenario's kinds and
    // agents passed their own checks. Unset: none.
    std::function<std::optional<SpecError>(const Parameters&, const Scenario&)> scenarioCheck = {};

    const ParameterInfo* param(std::string_view name) const noexcept;
};

// A kind's parameters, complete: the given values over the defaults. Built from values already validated.
class Parameters {
public:
    Parameters(const KindInfo& kind, const ParameterValues& given);
    // The value of a declared parameter; throws std::invalid_argument for a name the kind does not declare.
    double operator[](std::string_view name) const;
    int integer(std::string_view name) const { return static_cast<int>((*this)[name]); }
    bool flag(std::string_view name) const { return (*this)[name] != 0.0; }

private:
    const KindInfo* m_kind;
    ParameterValues m_values;
};

// Checks given parameter values against a kind: each known, finite, in range, whole where it must be.
// `family` names the kind in messages ("for strategy 'greedy'").
std::optional<SpecError> validateParameters(
    std::string_view family, const KindInfo& kind, const ParameterValues& given);
// "a, b, c": the names of a catalog's kinds, for error messages.
std::string joinNames(const std::vector<KindInfo>& kinds);

template <typename Product, typename... Args> class Catalog {
public:
    using Factory = std::function<std::unique_ptr<Product>(const Parameters&, Args...)>;
    struct Entry {
        KindInfo info;
        Factory make;
    };

    explicit Catalog(std::string_view family)
        : m_family(family)
    {
    }

    std::string_view family() const noexcept { return m_family; }

    // Registers a kind; throws std::logic_error if the name is taken.
    void add(KindInfo info, Factory make)
    {
        if (find(info.name))
            throw std::logic_error(std::string(m_family) + " '" + std::string(info.name) + "' registered twice");
        m_entries.push_back({ std::move(info), std::move(make) });
    }
    // Removes a kind (tests that register one of their own take it out again). Whether it was there.
    bool remove(std::string_view name)
    {
        return std::erase_if(m_entries, [name](const Entry& e) { return e.info.name == name; }) > 0;
    }

    const Entry* find(std::string_view name) const noexcept
    {
        for (const auto& e : m_entries) {
            if (e.info.name == name)
                return &e;
        }
        return nullptr;
    }
    const KindInfo* info(std::string_view name) const noexcept
    {
        const Entry* e = find(name);
        return e ? &e->info : nullptr;
    }
    const std::list<Entry>& entries() const noexcept { return m_entries; }
    std::vector<KindInfo> infos() const
    {
        std::vector<KindInfo> all;
        for (const auto& e : m_entries)
            all.push_back(e.info);
        return all;
    }

    // What is wrong with this name and these values, if anything (field "type" for an unknown name).
    std::optional<SpecError> validate(std::string_view name, const ParameterValues& given) const
    {
        const Entry* e = find(name);
        if (!e)
            return SpecError { "type",
                "unknown " + std::string(m_family) + " '" + std::string(name)
                    + "' (expected one of: " + joinNames(infos()) + ")" };
        return validateParameters(m_family, e->info, given);
    }

    // A new product of the kind; throws std::invalid_argument with validate()'s text when the spec is wrong.
    std::unique_ptr<Product> make(std::string_view name, const ParameterValues& given, Args... args) const
    {
        if (const auto error = validate(name, given))
            throw std::invalid_argument(error->field + ": " + error->message);
        const Entry* e = find(name);
        return e->make(Parameters(e->info, given), std::forward<Args>(args)...);
    }

private:
    std::string_view m_family;
    // A list, so that an entry (and the KindInfo pointers find() and info() hand out) stays where it is while others
    // are added; only remove() of that very kind ends it. Register kinds before any run reads the catalog: the
    // catalogs are not locked.
    std::list<Entry> m_entries;
};

// A family of kinds as `haggle-cli list`, the docs and the schema test see it: the catalog's name and its kinds.
struct CatalogFamily {
    std::string_view name; // "strategy", "mechanism", ...
    std::string_view description;
    std::function<std::vector<KindInfo>()> kinds;
};

} // namespace haggle
