// The deal graph's sfdp layout (see sfdplayout.h).
#include "sfdplayout.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>
#include <mutex>

namespace haggle::ui::graphlayout {

namespace {

// Graphviz's API takes char* for names and values it does not modify.
char* text(const char* s)
{
    return const_cast<char*>(s);
}

} // namespace

std::optional<std::vector<QPointF>> sfdpLayout(std::size_t n, const std::vector<WeightedEdge>& edges)
{
    if (n == 0)
        return std::vector<QPointF>();
    static std::mutex graphviz;
    const std::lock_guard lock(graphviz);

    GVC_t* context = gvContext();
    if (!context)
        return std::nullopt;
    agseterr(AGMAX); // its warnings would go to stderr; a failure is reported by gvLayout's result
    Agraph_t* graph = agopen(text("deals"), Agundirected, nullptr);
    // Points without labels: the layout spaces the agents, the view draws them. A fixed seed keeps it deterministic.
    agattr(graph, AGRAPH, text("start"), text("7"));
    agattr(graph, AGRAPH, text("overlap"), text("prism"));
    agattr(graph, AGNODE, text("shape"), text("point"));
    agattr(graph, AGNODE, text("width"), text("0.05"));
    agattr(graph, AGNODE, text("label"), text(""));
    std::vector<Agnode_t*> nodes(n);
    std::array<char, 32> name {};
    for (std::size_t i = 0; i < n; ++i) {
        std::snprintf(name.data(), name.size(), "%zu", i);
        nodes[i] = agnode(graph, name.data(), 1);
    }
    for (const WeightedEdge& e : edges) {
        if (e.a < 0 || e.b < 0 || std::size_t(e.a) >= n || std::size_t(e.b) >= n || e.a == e.b)
            continue;
        agedge(graph, nodes[std::size_t(e.a)], nodes[std::size_t(e.b)], nullptr, 1);
    }
    std::optional<std::vector<QPointF>> out;
    if (gvLayout(context, graph, "sfdp") == 0) {
        std::vector<QPointF> positions(n);
        double lo = std::numeric_limits<double>::max();
        double hiX = std::numeric_limits<double>::lowest();
        double hiY = hiX;
        double loY = lo;
        for (std::size_t i = 0; i < n; ++i) {
            const pointf p = ND_coord(nodes[i]);
            positions[i] = QPointF(p.x, -p.y); // Graphviz's y grows upwards
            lo = std::min(lo, p.x);
            hiX = std::max(hiX, p.x);
            loY = std::min(loY, -p.y);
            hiY = std::max(hiY, -p.y);
        }
        // Into the built-in layout's frame, centred: node sizes and the view's zoom stay as they were.
        const double half = forceFrameHalfSide(n);
        const double span = std::max({ hiX - lo, hiY - loY, 1e-9 });
        const double scale = 2.0 * half / span;
        const QPointF centre((lo + hiX) / 2.0, (loY + hiY) / 2.0);
        for (QPointF& p : positions)
            p = (p - centre) * scale;
        out = std::move(positions);
        gvFreeLayout(context, graph);
    }
    agclose(graph);
    gvFreeContext(context);
    return out;
}

} // namespace haggle::ui::graphlayout
