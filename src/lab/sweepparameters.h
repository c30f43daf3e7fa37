// What a sweep can vary in a scenario, as the desktop lab's sweep editor offers it: every number, boolean and kind
// name the scenario's JSON holds, every catalog parameter of its kinds (also those left at their defaults), and the
// same field of all agents of a role at once. Also the text form of an axis's values that the editor reads and shows:
// "0.1, 0.2, 0.5" (a list) or "0:0.5:0.05" (from:to:step, a range as sweep files write it).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haggle::lab {

struct SweepParameter {
    std::string label; // "market.load_premium", "honest_alice: strategy.trust_threshold", "every honest agent (5): ..."
    std::string name; // a short axis name: the field's own ("trust_threshold")
    std::string group; // "Scenario", "Mechanism", "Agents", "Roles", ...: where an editor lists it
    std::vector<std::string> paths; // JSON Pointers into the scenario
    nlohmann::json value; // the scenario's value there, or the catalog default of a parameter not given
    enum class Type : std::uint8_t { Number, Integer, Boolean, Kind } type = Type::Number;
    std::optional<double> min; // from the catalog, when it declares one
    std::optional<double> max;
    std::vector<std::string> choices; // Kind: the catalog's names
    std::string description; // the catalog's help, when there is one

    // A first guess at the values to sweep: the catalog's range in ten steps, both booleans, every kind, or the
    // value around itself; as text in the form parseAxisValues() reads.
    std::string suggestedValues() const;
};

// The parameters of a scenario (its JSON as a file holds it), in the order an editor lists them.
std::vector<SweepParameter> sweepParameters(const nlohmann::json& scenario);

// An axis's values typed as text: "A:B:S" is a range from A to B by S (returned as {"range": {...}}, the form a sweep
// file takes); otherwise a comma-separated list of numbers, true/false, or names (returned as {"values": [...]}).
// Throws std::invalid_argument saying what is wrong with the text.
nlohmann::json parseAxisValues(std::string_view text);
// The other way: an axis object's "range" or "values" as text. A list that steps evenly from its first to its last
// value (three values or more) is shown as a range.
std::string axisValuesText(const nlohmann::json& axis);

} // namespace haggle::lab
