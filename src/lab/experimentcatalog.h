// The experiment catalog: every experiment kind with its name, description, typed parameters and factory, read by
// `haggle-cli experiment` (names, usage, errors), `haggle-cli list` and the tests. Adding an experiment is one file
// (a class with a static kindInfo() and a constructor from Parameters) and one registerExperiment<> line in
// experimentcatalog.cpp.
#pragma once

#include "catalog.h"
#include "experiment.h"

#include <memory>

namespace haggle::lab {

using ExperimentCatalog = Catalog<Experiment>;

// The one catalog, with the built-in experiments registered on first use. Mutable so that tests can register a kind
// of their own (and remove it again).
ExperimentCatalog& experimentCatalog();

// The catalog as `haggle-cli list` shows it.
CatalogFamily experimentFamily();

template <typename Kind> void registerExperiment(ExperimentCatalog& catalog)
{
    catalog.add(Kind::kindInfo(), [](const Parameters& parameters) { return std::make_unique<Kind>(parameters); });
}

} // namespace haggle::lab
