// Lookup of the built-in scenarios (see builtinscenarios.h); the table itself is generated at build time.
#include "builtinscenarios.h"

#include "scenariofile.h"

#include <stdexcept>
#include <string>

namespace haggle::lab {

Scenario builtinScenario(std::string_view key)
{
    for (const auto& entry : builtinScenarios()) {
        if (entry.key == key)
            return parseScenario(entry.json, "<built-in " + std::string(key) + ">");
    }
    std::string known;
    for (auto k : builtinScenarioKeys())
        known += (known.empty() ? "" : ", ") + std::string(k);
    throw std::out_of_range("no built-in scenario '" + std::string(key) + "' (expected one of: " + known + ")");
}

std::vector<std::string_view> builtinScenarioKeys()
{
    std::vector<std::string_view> keys;
    for (const auto& entry : builtinScenarios())
        keys.push_back(entry.key);
    return keys;
}

} // namespace haggle::lab
