// The round collector: the only writer of the per-round summary, made from the round's events and the state.
#pragma once

#include "bargaining.h"
#include "events.h"

#include <cstddef>
#include <optional>

namespace haggle {

class MarketState;

// The round's negotiations scored against bargaining theory (RoundSummary::bargaining), from the state's events.
BargainingTally tallyBargaining(const MarketState& state, const bargaining::Settings& analysis);

class RoundCollector {
public:
    // The summary of the round just played; `needs`: how many agents needed compute. `allViewsChanged`: the
    // reputation model changed views beyond the round's recorded changes (a global model's end of round).
    // `analysis`: how negotiations are scored (Scenario::analysis). `maximumSurplus`: the round's, when measured
    // (surplus.h).
    const RoundSummary& collect(const MarketState& state, std::size_t needs, bool allViewsChanged,
        const bargaining::Settings& analysis, std::optional<double> maximumSurplus = std::nullopt,
        double openInterest = 0.0);
    const RoundSummary& summary() const noexcept { return m_summary; }

private:
    RoundSummary m_summary;
};

} // namespace haggle
