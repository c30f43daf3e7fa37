// The chart catalog: every chart kind with its name (the file stem of its exports, e.g. "price-convergence"), a
// one-line description, its parameters and a factory. haggle-cli's --out writer, the desktop lab's Charts panel, its
// Export All and `haggle-cli list chart` all read it, so the list of charts is written out nowhere else. Adding a
// chart kind is one file (a LiveChart with a static kindInfo() and a constructor, from Parameters or none) and one
// registerChart<> line in chartcatalog.cpp.
#pragma once

#include "catalog.h"
#include "livechart.h"

#include <QString>

#include <memory>
#include <type_traits>

namespace haggle::charts {

// A chart kind's product is a LiveChart: it reduces a run's ChartInput to series (its draw()) and keeps the QChart
// they are drawn into, once for a file or again and again for the live window.
using ChartKind = LiveChart;
using ChartCatalog = Catalog<ChartKind>;

// The one catalog, with the built-in kinds registered on first use, in the order the window shows them. Mutable so
// that tests can register a kind of their own (and remove it again).
ChartCatalog& chartCatalog();

// The catalog as `haggle-cli list` shows it.
CatalogFamily chartFamily();

// A kind's name as Qt text: the stem of its files (<name>.png, .svg, .csv) and its views' object names.
QString chartKindName(const ChartCatalog::Entry& entry);

template <typename Kind> void registerChart(ChartCatalog& catalog)
{
    catalog.add(Kind::kindInfo(), [](const Parameters& parameters) -> std::unique_ptr<ChartKind> {
        if constexpr (std::is_constructible_v<Kind, const Parameters&>)
            return std::make_unique<Kind>(parameters);
        else
            return std::make_unique<Kind>();
    });
}

} // namespace haggle::charts
