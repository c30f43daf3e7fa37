// The strategy registry: every strategy's name, parameters (defaults and valid ranges) and factory.
//
// Adding a strategy means one new file implementing Strategy plus one entry in strategyregistry.cpp. Scenario
// files, the CLI and the GUI's editors all read the catalogue, so ranges are declared once, here.
#pragma once

#include "catalog.h" // ParameterInfo and SpecError: one definition for every catalog, this one included
#include "strategy.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haggle {

struct StrategySpec {
    std::string type; // registry name: "greedy", "fair", "patient", "adaptive", "broker", "cheater"
    std::map<std::string, double> params; // parameters given explicitly; the rest take their defaults
    std::optional<double> trustThreshold; // set: wrapped in the reputation-aware wrapper with this threshold

    bool operator==(const StrategySpec&) const = default;
};

struct StrategyInfo {
    std::string_view type;
    std::string_view description;
    std::vector<ParameterInfo> params;
};

inline constexpr double DefaultTrustThreshold = 0.3;

const std::vector<StrategyInfo>& strategyCatalog();
const StrategyInfo* findStrategy(std::string_view type);

// Where a spec is wrong and why (SpecError, catalog.h); field is "type", "trust_threshold" or "params.<name>".
std::optional<SpecError> validateStrategySpec(const StrategySpec& spec);

// The value of a parameter: given, or the catalogue's default. The spec must be valid.
double strategyParameter(const StrategySpec& spec, std::string_view name);

// A new strategy for the spec; throws std::invalid_argument with the SpecError's text when the spec is invalid.
std::unique_ptr<Strategy> makeStrategy(const StrategySpec& spec);

} // namespace haggle
