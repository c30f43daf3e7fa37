// Where the deal graph puts its agents: a role-based first layout (arcs for a handful, role rings for many) and
// a force-directed layout (Fruchterman-Reingold with a grid for repulsion) over the traded pairs. Plain
// functions on plain values, so the force-directed one can run on a worker thread.
#pragma once

#include <QPointF>
#include <QString>

#include <atomic>
#include <vector>

namespace haggle::ui::graphlayout {

// Up to this many agents the first layout uses arcs; above it, role rings.
inline constexpr std::size_t SmallLayoutLimit = 60;

// Providers on the left arc, seekers on the right, every other role in a column between them (a circle when
// there are neither providers nor seekers). Agents keep their order within a role.
std::vector<QPointF> arcLayout(const std::vector<QString>& roles);

// Concentric bands, one per role (providers innermost, seekers outermost), each band as many rings as its
// agents need: compact for a thousand agents.
std::vector<QPointF> ringLayout(const std::vector<QString>& roles);

// arcLayout() up to SmallLayoutLimit agents, ringLayout() above.
std::vector<QPointF> roleLayout(const std::vector<QString>& roles);

struct WeightedEdge {
    int a = 0;
    int b = 0;
    double weight = 1.0; // attraction factor, about 0.5 to 2
};

// Half the side of the square the force-directed layout keeps n agents in (centred on the origin).
double forceFrameHalfSide(std::size_t n);

// Fruchterman-Reingold from `start` (any positions; they are fitted into the frame first) for at most
// `iterations` steps with a linearly cooling temperature. Repulsion only acts within two ideal distances,
// found through a grid, so a step costs about O(n + edges). Deterministic. Returns early (with the positions
// reached) when *cancel becomes true.
std::vector<QPointF> forceDirected(std::vector<QPointF> start, const std::vector<WeightedEdge>& edges, int iterations,
    const std::atomic_bool* cancel = nullptr);

} // namespace haggle::ui::graphlayout
