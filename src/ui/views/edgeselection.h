// Which trading pairs the deal graph draws: all of them up to a limit, beyond it the heaviest by volume (ties by
// first deal, so the choice does not flicker between frames), chosen without sorting every pair a long run formed.
#pragma once

#include "dealnetwork.h"

#include <cstddef>
#include <vector>

namespace haggle::ui {

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
