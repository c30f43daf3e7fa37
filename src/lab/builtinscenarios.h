// The built-in scenarios: resources/scenarios/*.json compiled into the program (see cmake/EmbedScenarios.cmake).
// The files are the source of truth; the experiments, the CLI and the GUI's Examples menu all read them here.
#pragma once

#include "scenario.h"

#include <span>
#include <string_view>
#include <vector>

namespace haggle::lab {

struct BuiltinScenario {
    std::string_view key; // file name without .json: "handshake", "scarcity", "rush-hour", ...
    std::string_view json; // the file's exact text
};

std::span<const BuiltinScenario> builtinScenarios();
// The parsed scenario; throws std::out_of_range naming the key when there is no such built-in scenario.
Scenario builtinScenario(std::string_view key);
std::vector<std::string_view> builtinScenarioKeys();

} // namespace haggle::lab
