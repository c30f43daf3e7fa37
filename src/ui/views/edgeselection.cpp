// Which trading pairs the deal graph draws (see edgeselection.h).
#include "edgeselection.h"

#include <algorithm>
#include <numeric>

namespace haggle::ui {

const std::vector<std::size_t>& EdgeSelection::heaviest(const std::vector<lab::DealEdge>& all, std::size_t limit)
{
    m_order.clear();
    if (all.size() <= limit) {
        m_order.resize(all.size());
        std::iota(m_order.begin(), m_order.end(), std::size_t(0));
        m_volumeFloor = 0.0;
        return m_order;
    }
    // Only pairs at or above the lightest drawn volume of the last frame are candidates: whenever at least `limit`
    // pairs reach that floor, every one of the heaviest does, so the choice is the same as over all pairs. Volumes
    // only grow in a run, so that holds frame after frame and the selection sorts a few thousand pairs instead of
    // every pair the market ever formed; otherwise (a new run) all pairs are candidates.
    if (m_volumeFloor > 0.0) {
        for (std::size_t i = 0; i < all.size(); ++i)
            if (all[i].volume >= m_volumeFloor)
                m_order.push_back(i);
    }
    if (m_order.size() < limit) {
        m_order.resize(all.size());
        std::iota(m_order.begin(), m_order.end(), std::size_t(0));
    }
    const auto heavier = [&all](std::size_t x, std::size_t y) {
        return all[x].volume != all[y].volume ? all[x].volume > all[y].volume : x < y;
    };
    std::nth_element(m_order.begin(), m_order.begin() + std::ptrdiff_t(limit), m_order.end(), heavier);
    m_order.resize(limit);
    m_volumeFloor = all[m_order.front()].volume;
    for (std::size_t i : m_order)
        m_volumeFloor = std::min(m_volumeFloor, all[i].volume);
    return m_order;
}

} // namespace haggle::ui
