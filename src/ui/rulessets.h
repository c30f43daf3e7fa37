// The desktop lab's view of the rules sets a scenario can run under (Scenario::rules, marketrun.h): Haggle's own
// engine and the prototype rules (docs/prototype-rules.md). What the editors offer follows the scenario's rules: the
// strategy chooser and parameter forms read the rules' strategy catalog, the Scenario dock's kind editors its
// mechanism, settlement and reputation catalogs.
#pragma once

#include "catalog.h"
#include "scenario.h"

#include <QString>

#include <string_view>
#include <vector>

namespace haggle::ui {

bool isPrototypeRules(std::string_view rules) noexcept;
// "Haggle's rules" / "Prototype rules" (the name itself for an unknown set).
QString rulesTitle(std::string_view rules);
// A sentence on what the rules set is, for tooltips.
QString rulesDescription(std::string_view rules);

// The strategy kinds of the rules set, in catalog order, and one by name (null when the rules do not know it).
std::vector<KindInfo> strategyKinds(std::string_view rules);
const KindInfo* findStrategyKind(std::string_view rules, std::string_view type);
// The value of a strategy parameter under the rules (given, else the kind's default; 0 when the kind or the
// parameter is unknown, never throws).
double strategyParameterValue(std::string_view rules, const StrategySpec& spec, std::string_view name);

// The kinds the Scenario dock offers for the market's parts. Under the prototype rules: Haggle's default kind (which
// stands for the prototype's default) and then the prototype's own.
std::vector<KindInfo> mechanismKinds(std::string_view rules);
std::vector<KindInfo> settlementKinds(std::string_view rules);
std::vector<KindInfo> reputationKinds(std::string_view rules);

// The problems validateScenario() finds, one "path: message" per line (at most `limit`, then "... and N more").
QString issuesText(const std::vector<ScenarioIssue>& issues, int limit = 8);

} // namespace haggle::ui
