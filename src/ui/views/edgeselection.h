// Which trading pairs the deal graph draws: all of them up to a limit, beyond it the heaviest by volume (ties by
// first deal, so the choice does not flicker between frames), chosen without sorting every pair a long run formed.
#pragma once

#include "dealnetwork.h"

#include <cstddef>
#include <vector>

namespace haggle::ui {

// Which pairs the person asked to see (the deal graph's Filters): every one by default.
struct EdgeFilter {
    static constexpr int RecentRounds = 3; // "recent": a deal in the last 3 rounds, as the graph draws them unfaded

    double minVolume = 0.0; // resource units traded between the two, at least
    bool recentOnly = false;
    bool defaultsOnly = false; // pairs with a default between them
    bool neighbourhoodOnly = false; // pairs of the selected agent (when one is selected)

    bool isActive(int selected) const
    {
        return minVolume > 0.0 || recentOnly || defaultsOnly || (neighbourhoodOnly && selected >= 0);
    }
    bool passes(const lab::DealEdge& e, int round, int selected) const
    {
        if (e.volume < minVolume || (defaultsOnly && e.defaults == 0))
            return false;
        if (recentOnly && round - e.lastRound >= RecentRounds)
            return false;
        if (neighbourhoodOnly && selected >= 0 && int(e.a) != selected && int(e.b) != selected)
            return false;
        return true;
    }
    bool operator==(const EdgeFilter&) const = default;
};

class EdgeSelection {
public:
    // Indices into `all` of the pairs to draw (at most `limit`); valid until the next call.
    const std::vector<std::size_t>& heaviest(const std::vector<lab::DealEdge>& all, std::size_t limit);
    // A new run: nothing of the last frame carries over.
    void clear() noexcept { m_volumeFloor = 0.0; }

private:
    std::vector<std::size_t> m_order;
    double m_volumeFloor = 0.0; // the lightest drawn pair's volume in the last frame
};

} // namespace haggle::ui
