// How the deal graph draws a trading pair: its pen from its volume, how recently it traded, defaults and whether a
// party is cut off, quantized to a style key so that thousands of pairs share a few hundred pens, built once each.
#pragma once

#include "dealnetwork.h"

#include <QPen>

#include <cstdint>
#include <unordered_map>

namespace haggle::ui {

class EdgeStyles {
public:
    // The style key: width in quarter units, opacity in 32nds, the colour (grey for a cut-off agent's pairs, red for
    // defaults, slate otherwise) and the dash. Frames compare keys, not pens.
    static std::uint32_t key(const lab::DealEdge& e, double maxVolume, int round, bool greyed);
    // The pen of a key, built the first time it is asked for.
    const QPen& pen(std::uint32_t key);

private:
    static QPen makePen(std::uint32_t key);

    std::unordered_map<std::uint32_t, QPen> m_pens;
};

} // namespace haggle::ui
