// The deal graph's layout for large populations: Graphviz's sfdp (scalable force-directed placement with a multilevel
// scheme, from Debian's libgvc), run on the layout worker thread, its result fitted into the same frame as the
// built-in force-directed layout's (graphlayout::forceFrameHalfSide()), so nodes keep their sizes. The built-in
// layout remains for small graphs, where it is quick, and whenever sfdp is not available.
#pragma once

#include "graphlayout.h"

#include <QPointF>

#include <optional>
#include <vector>

namespace haggle::ui::graphlayout {

// Above this many agents the deal graph lays out with sfdp.
inline constexpr std::size_t SfdpLimit = 200;

// Positions of n agents joined by `edges`, centred on the origin within forceFrameHalfSide(n); nothing when Graphviz
// cannot lay the graph out (its sfdp plugin missing, say). Deterministic: the same graph gives the same positions.
// Graphviz keeps global state, so calls are serialised.
std::optional<std::vector<QPointF>> sfdpLayout(std::size_t n, const std::vector<WeightedEdge>& edges);

} // namespace haggle::ui::graphlayout
