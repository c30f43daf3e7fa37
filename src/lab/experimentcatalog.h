// The experiment catalog: every experiment kind with its name, description, typed parameters and factory, read by
// `haggle-cli experiment` (names, usage, errors), `haggle-cli list` and the tests. Adding an experiment is one file
// (a class with a static kindInfo() and a constructor from Parameters) and one registerExperiment<> line in
// experimentcatalog.cpp.
#pragma once

#include "catalog.h"
#include "experiment.h"

#include <memory>
#include <string_view>

namespace haggle::lab {

using ExperimentCatalog = Catalog<Experiment>;

// The one catalog, with the built-in experiments registered on first use. Mutable so that tests can register a kind
// of their own (and remove it again).
ExperimentCatalog& experimentCatalog();

// The catalog as `haggle-cli list` shows it.
CatalogFamily experimentFamily();

// Whether an experiment times real work on this machine (`real-compute`): its allocations are the same for a seed,
// but its measured numbers move with the machine's speed. `haggle-cli experiment all` leaves such experiments out, so
// that `all` gives the same output for the same seed everywhere; each still runs by name.
bool measuresThisMachine(std::string_view name) noexcept;

template <typename Kind> void registerExperiment(ExperimentCatalog& catalog)
{
    catalog.add(Kind::kindInfo(), [](const Parameters& parameters) { return std::make_unique<Kind>(parameters); });
}

} // namespace haggle::lab
