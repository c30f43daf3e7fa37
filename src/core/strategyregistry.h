// Strategies as a scenario names them: a catalog kind (strategyCatalog(), kinds.h) with parameter values, and
// optionally the reputation-aware wrapper's trust threshold.
#pragma once

#include "catalog.h"
#include "strategy.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haggle {

struct StrategySpec {
    std::string type; // catalog name: "greedy", "fair", "patient", "adaptive", "broker", "cheater", ...
    ParameterValues params; // parameters given explicitly; the rest take their defaults
    std::optional<double> trustThreshold; // set: wrapped in the reputation-aware wrapper with this threshold
    // set: a learning strategy starts from this learnt table (a saved policy) instead of from scratch
    std::optional<LearnedTable> policy = {};

    bool operator==(const StrategySpec&) const = default;
};

inline constexpr double DefaultTrustThreshold = 0.3;

// The strategy kind's catalog entry, or null.
const KindInfo* findStrategy(std::string_view type);

// Where a spec is wrong and why; field is "type", "trust_threshold", "params.<name>" or "policy".
std::optional<SpecError> validateStrategySpec(const StrategySpec& spec);

// The value of a parameter: given, or the catalogue's default. The spec must be valid.
double strategyParameter(const StrategySpec& spec, std::string_view name);

// A new strategy for the spec; throws std::invalid_argument with the SpecError's text when the spec is invalid.
std::unique_ptr<Strategy> makeStrategy(const StrategySpec& spec);

} // namespace haggle
