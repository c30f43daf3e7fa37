// What the reputation and wealth charts share: one line per agent over the rounds, or a summary when there are
// too many agents to tell the lines apart.
#pragma once

#include "livechart.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace haggle::charts {

// x: round; per agent, its value (y), highlighted agents thick and red and drawn last. Above MaxAgentLines
// agents: the mean over agents, the min-max band and the highlighted agents only. Draws the measure's
// AgentSamples of the input when set, else the per-agent vectors of input.rounds.
class AgentChart : public LiveChart {
public:
    using PerAgentValues = std::vector<double> haggle::RoundSummary::*;
    using Samples = std::optional<AgentSamples> ChartInput::*;

    struct Measure {
        QString name; // chart name
        QString yTitle;
        PerAgentValues values = nullptr;
        Samples samples = nullptr;
        bool unitRange = false; // reputation lives in [0, 1]; wealth gets a range fitted to the data
        bool drawsThreshold = false; // ChartInput::trustThreshold as a dashed line
    };

protected:
    explicit AgentChart(const Measure& measure);

    void draw(const ChartInput& input) override;

private:
    Measure m_measure;
    QValueAxis* m_xAxis;
    QValueAxis* m_yAxis;
};

// Above this many agents, the per-agent charts summarise instead of drawing one line per agent.
inline constexpr qsizetype MaxAgentLines = 12;

// The summary of one round's per-agent values: their mean and the min-max band.
struct AgentBand {
    double mean = 0.0;
    double low = 0.0;
    double high = 0.0;
};
// The band over the first `count` values of row (at most row.size()); nothing when that is none. The charts and
// the desktop lab's buffers both call it, so their figures agree to the last bit.
std::optional<AgentBand> agentBand(const std::vector<double>& row, std::size_t count);

} // namespace haggle::charts
