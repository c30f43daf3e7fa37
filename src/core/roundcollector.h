// The round collector: the only writer of the per-round summary, made from the round's events and the state.
#pragma once

#include "events.h"

#include <cstddef>

namespace haggle {

class MarketState;

class RoundCollector {
public:
    // The summary of the round just played; `needs`: how many agents needed compute. `allViewsChanged`: the
    // reputation model changed views beyond the round's recorded changes (a global model's end of round).
    const RoundSummary& collect(const MarketState& state, std::size_t needs, bool allViewsChanged);
    const RoundSummary& summary() const noexcept { return m_summary; }

private:
    RoundSummary m_summary;
};

} // namespace haggle
