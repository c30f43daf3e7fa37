// The recorder: an observer that keeps every round's summary and every deal and default, so charts and exports
// can be drawn for any range after (or during) a run. Messages are not kept: they belong to the live event stream.
#pragma once

#include "events.h"
#include "simulation.h"

#include <vector>

namespace haggle {

class Recorder : public SimulationObserver {
public:
    void onRound(const RoundEvents& events, const RoundSummary& summary) override;
    void clear();

    const std::vector<RoundSummary>& rounds() const noexcept { return m_rounds; }
    const std::vector<DealRecord>& deals() const noexcept { return m_deals; }
    const std::vector<DefaultRecord>& defaults() const noexcept { return m_defaults; }

private:
    std::vector<RoundSummary> m_rounds;
    std::vector<DealRecord> m_deals;
    std::vector<DefaultRecord> m_defaults;
};

} // namespace haggle
