// Layouts of the deal graph (see graphlayout.h).
#include "graphlayout.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace haggle::ui::graphlayout {

namespace {

constexpr double ArcSpacing = 64.0; // between neighbours in the small layout: room for a big disc and its label
constexpr double RingSpacing = 48.0; // between neighbours and between rings in the large one
constexpr double MaxArcSpan = 2.0 * std::numbers::pi / 3.0; // 120 degrees keeps the arcs clear of the columns
constexpr double IdealDistance = 90.0; // Fruchterman-Reingold's k
constexpr double Gravity = 0.03; // pulls components without edges back towards the centre
constexpr double GoldenAngle = 2.399963229728653;

enum class Side { Provider, Middle, Seeker };

Side sideOf(const QString& role)
{
    if (role.compare(QLatin1String("provider"), Qt::CaseInsensitive) == 0)
        return Side::Provider;
    if (role.compare(QLatin1String("seeker"), Qt::CaseInsensitive) == 0)
        return Side::Seeker;
    return Side::Middle;
}

// Agent indices per role: providers first, then the other roles in order of first appearance, seekers last.
struct RoleGroups {
    std::vector<int> providers;
    std::vector<std::vector<int>> middle;
    std::vector<int> seekers;
};

RoleGroups groupRoles(const std::vector<QString>& roles)
{
    RoleGroups groups;
    std::vector<QString> middleNames;
    for (std::size_t i = 0; i < roles.size(); ++i) {
        const int index = int(i);
        switch (sideOf(roles[i])) {
        case Side::Provider:
            groups.providers.push_back(index);
            break;
        case Side::Seeker:
            groups.seekers.push_back(index);
            break;
        case Side::Middle: {
            const auto it = std::find(middleNames.begin(), middleNames.end(), roles[i]);
            if (it == middleNames.end()) {
                middleNames.push_back(roles[i]);
                groups.middle.push_back({ index });
            } else {
                groups.middle[std::size_t(it - middleNames.begin())].push_back(index);
            }
            break;
        }
        }
    }
    return groups;
}

// Top to bottom along an arc of radius r centred on `centre` (radians; 0 is the right, pi the left).
void placeArc(std::vector<QPointF>& out, const std::vector<int>& agents, double r, double centre, bool leftSide)
{
    const std::size_t m = agents.size();
    if (m == 0)
        return;
    // At least 20 degrees between neighbours, so a short arc is still curved enough that edges between its
    // agents do not run through the ones in between.
    const double gaps = double(m - 1);
    const double span = std::min(MaxArcSpan, std::max(gaps * ArcSpacing / r, gaps * std::numbers::pi / 9.0));
    for (std::size_t i = 0; i < m; ++i) {
        const double t = m == 1 ? 0.5 : double(i) / double(m - 1);
        // Screen y grows downwards: the left arc goes from pi + span/2 down, the right one from -span/2 up.
        const double angle = leftSide ? centre + span / 2.0 - span * t : centre - span / 2.0 + span * t;
        out[std::size_t(agents[i])] = QPointF(r * std::cos(angle), r * std::sin(angle));
    }
}

} // namespace

std::vector<QPointF> arcLayout(const std::vector<QString>& roles)
{
    std::vector<QPointF> out(roles.size());
    if (roles.empty())
        return out;
    const RoleGroups groups = groupRoles(roles);
    if (groups.providers.empty() && groups.seekers.empty()) {
        // No sides to keep apart: one circle, the roles one after the other.
        const double r = std::max(120.0, double(roles.size()) * ArcSpacing / (2.0 * std::numbers::pi));
        std::size_t slot = 0;
        for (const auto& group : groups.middle)
            for (int agent : group) {
                const double angle
                    = 2.0 * std::numbers::pi * double(slot++) / double(roles.size()) - std::numbers::pi / 2;
                out[std::size_t(agent)] = QPointF(r * std::cos(angle), r * std::sin(angle));
            }
        return out;
    }
    std::size_t tallest = 0;
    for (const auto& group : groups.middle)
        tallest = std::max(tallest, group.size());
    const std::size_t widest = std::max(groups.providers.size(), groups.seekers.size());
    const double r = std::max({ 200.0, double(widest) * ArcSpacing / MaxArcSpan, double(tallest) * ArcSpacing / 1.6 });
    placeArc(out, groups.providers, r, std::numbers::pi, true);
    placeArc(out, groups.seekers, r, 0.0, false);
    // The other roles stand in columns within the middle 60% of the circle's width, clear of both arcs.
    const std::size_t columns = groups.middle.size();
    for (std::size_t c = 0; c < columns; ++c) {
        const double x = columns == 1 ? 0.0 : -0.3 * r + 0.6 * r * double(c) / double(columns - 1);
        const auto& group = groups.middle[c];
        const double top = -double(group.size() - 1) * ArcSpacing / 2.0;
        for (std::size_t i = 0; i < group.size(); ++i)
            out[std::size_t(group[i])] = QPointF(x, top + double(i) * ArcSpacing);
    }
    return out;
}

std::vector<QPointF> ringLayout(const std::vector<QString>& roles)
{
    std::vector<QPointF> out(roles.size());
    RoleGroups groups = groupRoles(roles);
    std::vector<std::vector<int>> bands;
    bands.push_back(std::move(groups.providers));
    for (auto& group : groups.middle)
        bands.push_back(std::move(group));
    bands.push_back(std::move(groups.seekers));

    double r = RingSpacing;
    int ring = 0;
    for (const auto& band : bands) {
        if (band.empty())
            continue;
        std::size_t placed = 0;
        while (placed < band.size()) {
            const auto capacity = std::max<std::size_t>(1, std::size_t(2.0 * std::numbers::pi * r / RingSpacing));
            const std::size_t count = std::min(capacity, band.size() - placed);
            // Alternate rings start half a step apart so neighbours across rings do not line up.
            const double offset = (ring % 2) * std::numbers::pi / double(capacity);
            for (std::size_t i = 0; i < count; ++i) {
                const double angle = offset + 2.0 * std::numbers::pi * double(i) / double(count);
                out[std::size_t(band[placed + i])] = QPointF(r * std::cos(angle), r * std::sin(angle));
            }
            placed += count;
            r += RingSpacing;
            ++ring;
        }
        r += RingSpacing; // a gap between roles
    }
    return out;
}

std::vector<QPointF> roleLayout(const std::vector<QString>& roles)
{
    return roles.size() <= SmallLayoutLimit ? arcLayout(roles) : ringLayout(roles);
}

double forceFrameHalfSide(std::size_t n)
{
    // Fruchterman-Reingold spreads n agents at about k apart over a square of side k * sqrt(n); half of that,
    // with room to spare.
    return std::max(250.0, 0.75 * IdealDistance * std::sqrt(double(n)));
}

std::vector<QPointF> forceDirected(
    std::vector<QPointF> pos, const std::vector<WeightedEdge>& edges, int iterations, const std::atomic_bool* cancel)
{
    const std::size_t n = pos.size();
    if (n == 0)
        return pos;
    if (n == 1) {
        pos[0] = QPointF(0.0, 0.0);
        return pos;
    }
    const double half = forceFrameHalfSide(n);
    const double k = IdealDistance;

    // Fit the start into the middle of the frame; a start with no extent becomes a spiral.
    double minX = pos[0].x(), maxX = minX, minY = pos[0].y(), maxY = minY;
    for (const QPointF& p : pos) {
        minX = std::min(minX, p.x());
        maxX = std::max(maxX, p.x());
        minY = std::min(minY, p.y());
        maxY = std::max(maxY, p.y());
    }
    const double extent = std::max(maxX - minX, maxY - minY);
    if (!(extent > 1e-6) || !std::isfinite(extent)) {
        for (std::size_t i = 0; i < n; ++i) {
            const double r = k * std::sqrt(double(i) + 0.5) / 2.0;
            pos[i] = QPointF(r * std::cos(GoldenAngle * double(i)), r * std::sin(GoldenAngle * double(i)));
        }
    } else {
        const double factor = 1.6 * half / extent;
        const QPointF mid((minX + maxX) / 2.0, (minY + maxY) / 2.0);
        for (QPointF& p : pos)
            p = (p - mid) * factor;
    }

    // A grid of cells 2k wide: repulsion is only computed between agents in neighbouring cells.
    const double cell = 2.0 * k;
    const int side = int(std::ceil(2.0 * half / cell)) + 1;
    std::vector<int> head(std::size_t(side) * std::size_t(side));
    std::vector<int> next(n);
    std::vector<QPointF> disp(n);
    const auto cellOf = [&](double v) { return std::clamp(int((v + half) / cell), 0, side - 1); };

    const double t0 = half / 5.0;
    for (int it = 0; it < iterations; ++it) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            break;
        std::fill(head.begin(), head.end(), -1);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t c = std::size_t(cellOf(pos[i].y())) * std::size_t(side) + std::size_t(cellOf(pos[i].x()));
            next[i] = head[c];
            head[c] = int(i);
        }
        for (std::size_t v = 0; v < n; ++v) {
            QPointF d(0.0, 0.0);
            const int cx = cellOf(pos[v].x());
            const int cy = cellOf(pos[v].y());
            for (int y = std::max(0, cy - 1); y <= std::min(side - 1, cy + 1); ++y)
                for (int x = std::max(0, cx - 1); x <= std::min(side - 1, cx + 1); ++x)
                    for (int u = head[std::size_t(y) * std::size_t(side) + std::size_t(x)]; u >= 0;
                         u = next[std::size_t(u)]) {
                        if (std::size_t(u) == v)
                            continue;
                        QPointF delta = pos[v] - pos[std::size_t(u)];
                        double dist = std::hypot(delta.x(), delta.y());
                        if (dist < 1e-3) {
                            // Coincident agents: push apart along a direction fixed by the index.
                            const double a = GoldenAngle * double(v);
                            d += QPointF(std::cos(a), std::sin(a)) * k;
                            continue;
                        }
                        if (dist < cell)
                            d += delta / dist * (k * k / dist);
                    }
            disp[v] = d - pos[v] * Gravity;
        }
        for (const WeightedEdge& e : edges) {
            if (e.a < 0 || e.b < 0 || std::size_t(e.a) >= n || std::size_t(e.b) >= n || e.a == e.b)
                continue;
            const QPointF delta = pos[std::size_t(e.a)] - pos[std::size_t(e.b)];
            const double dist = std::hypot(delta.x(), delta.y());
            if (dist < 1e-9)
                continue;
            const QPointF force = delta / dist * (dist * dist / k * e.weight);
            disp[std::size_t(e.a)] -= force;
            disp[std::size_t(e.b)] += force;
        }
        const double temperature = std::max(0.5, t0 * (1.0 - double(it) / double(iterations)));
        for (std::size_t v = 0; v < n; ++v) {
            const double length = std::hypot(disp[v].x(), disp[v].y());
            if (length > 0.0 && std::isfinite(length))
                pos[v] += disp[v] / length * std::min(length, temperature);
            pos[v].setX(std::clamp(pos[v].x(), -half, half));
            pos[v].setY(std::clamp(pos[v].y(), -half, half));
        }
    }
    return pos;
}

} // namespace haggle::ui::graphlayout
