// The engine's catalogs: strategies, mechanisms, settlement rules and reputation models (see catalog.h). Each is a
// mutable singleton holding the built-in kinds, registered in kinds.cpp, one line each; a program or a test may add
// kinds of its own before it reads a scenario that names them.
#pragma once

#include "catalog.h"
#include "mechanism.h"
#include "reputation.h"
#include "scenarioevents.h"
#include "settlement.h"
#include "strategy.h"

#include <vector>

namespace haggle {

Catalog<Strategy>& strategyCatalog();
Catalog<Mechanism>& mechanismCatalog();
Catalog<Settlement>& settlementCatalog();
Catalog<ReputationModel, const ReputationSetup&>& reputationCatalog();
Catalog<EventEffect>& eventCatalog();

// The families, for `haggle-cli list`, the docs and the schema test: the five catalogs, and the cheater kinds (the
// strategy kinds whose strategies cheat, a view of the strategy catalog).
std::vector<CatalogFamily> engineFamilies();

// What the scenario's mechanism needs of strategies that the strategy kind does not speak (empty: they fit).
std::vector<std::string_view> missingProtocols(const KindInfo& mechanism, const KindInfo& strategy);

} // namespace haggle
