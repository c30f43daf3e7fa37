// The prototype rules' catalogs (docs/scenario-format.md, "Rules"): the kinds a scenario may name under
// "rules": "prototype", in the same Catalog<> shape as Haggle's own (catalog.h), so `haggle-cli list`, the reader and
// validateScenario() read them alike.
//
//   strategy    greedy, fair, patient, adaptive, broker, cheater, adaptive-cheater, llm-fallback (Haggle's names and,
//               where the concept matches, Haggle's parameter names); trust_threshold = the ReputationAware wrapper
//   mechanism   random-partner: each buyer asks ONE seller drawn at random, alternating messages up to max_turns
//   settlement  transfer: ownership moves; failures blamed on the seller by the buyer; cheats drawn for cheaters
//   reputation  ledger (+0.1 / -0.3 per deal), gossip (ledger + the exp6 gossip pass after every round)
//   generator   python-mt19937 (CPython's Mersenne Twister, seeded with the scenario's seed)
//
// Haggle's default kinds stand for the prototype's defaults, so any ordinary scenario runs under these rules:
// bilateral -> random-partner (its max_turns carries over), lease -> transfer, baseline with its default parameters
// -> ledger. Whatever the prototype does not know is refused by path (checkScenarioKinds()).
#pragma once

#include "../catalog.h"
#include "../scenario.h"
#include "protostrategy.h"
#include "pyrandom.h"

#include <optional>
#include <string_view>
#include <vector>

namespace haggle::prototype {

// What the mechanism, settlement and reputation kinds make: the settings a Market is built with.
struct MechanismRule {
    int maxTurns = 6;
};
struct SettlementRule { };
struct ReputationRule {
    bool gossip = false;
};

Catalog<Strategy>& strategyCatalog();
Catalog<MechanismRule>& mechanismCatalog();
Catalog<SettlementRule>& settlementCatalog();
Catalog<ReputationRule>& reputationCatalog();
Catalog<PyRandom>& generatorCatalog();

// The five families, for `haggle-cli list` ("prototype-strategy", "prototype-mechanism", ...).
std::vector<CatalogFamily> prototypeFamilies();

// Whether the prototype rules have a kind of this name in the family ("strategy", "mechanism", "settlement",
// "reputation").
bool knowsKind(std::string_view family, std::string_view name) noexcept;

// validateScenario()'s checks under the prototype rules: mechanism, settlement, reputation, each agent's strategy
// (type, params, trust_threshold) and the market constants the prototype does not have (they must keep Haggle's
// defaults). Issues are appended with their JSON paths.
void checkScenarioKinds(const Scenario& scenario, std::vector<ScenarioIssue>& issues);

// The settings of a scenario valid under the prototype rules.
struct MarketSetup {
    int maxTurns = 6;
    bool gossip = false;
};
MarketSetup marketSetup(const Scenario& scenario);
// The agent's strategy: the kind from strategyCatalog(), wrapped in ReputationAware(trust_threshold) when it is set.
Strategy makeStrategy(const StrategySpec& spec);
// Strategies the trust settlement draws cheats for (markCheater): cheater and adaptive-cheater.
bool isCheaterKind(std::string_view type) noexcept;

} // namespace haggle::prototype
