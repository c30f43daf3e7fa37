// The per-agent charts: see agentchart.h.
#include "agentchart.h"

#include "chartfit.h"
#include "chartstyle.h"
#include "extent.h"
#include "thinning.h"

#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace haggle::charts {

namespace {

// Beyond this many highlighted agents, the legend names them once instead of one entry each.
constexpr qsizetype MaxHighlightedLegendEntries = 8;

QString agentLabel(const ChartInput& input, qsizetype agent)
{
    const QString id = agent < input.agentIds.size() ? input.agentIds.at(agent) : QStringLiteral("agent %1").arg(agent);
    if (agent >= input.agentStrategies.size() || input.agentStrategies.at(agent).isEmpty())
        return id;
    return id % QStringLiteral(" (") % input.agentStrategies.at(agent) % QLatin1Char(')');
}

bool isHighlighted(const ChartInput& input, qsizetype agent)
{
    return static_cast<std::size_t>(agent) < input.highlighted.size()
        && input.highlighted[static_cast<std::size_t>(agent)];
}

// One measure of the run at the kept rounds, read from the summaries or from samples reduced in advance.
class MeasureReader {
public:
    MeasureReader(const ChartInput& input, const AgentChart::Measure& measure)
        : m_input(input)
        , m_values(measure.values)
        , m_samples(input.*measure.samples ? &*(input.*measure.samples) : nullptr)
    {
        const std::size_t count = m_samples ? m_samples->rounds.size() : input.rounds.size();
        m_kept = sampledIndices(static_cast<qsizetype>(count), input.maxPoints);
        if (m_samples) {
            for (std::size_t slot = 0; slot < m_samples->agents.size(); ++slot) {
                const auto agent = static_cast<std::size_t>(m_samples->agents[slot]);
                if (agent >= m_slots.size())
                    m_slots.resize(agent + 1, -1);
                m_slots[agent] = static_cast<qsizetype>(slot);
            }
        }
    }

    qsizetype agentCount() const
    {
        if (!m_input.agentIds.isEmpty())
            return m_input.agentIds.size();
        if (m_samples)
            return m_samples->agentCount;
        return m_input.rounds.empty() ? 0 : static_cast<qsizetype>((m_input.rounds.front().*m_values).size());
    }

    // One agent's values; a round without a value for the agent is skipped rather than drawn as zero.
    QList<QPointF> agentPoints(qsizetype agent, Extent& extent) const
    {
        QList<QPointF> points;
        points.reserve(static_cast<qsizetype>(m_kept.size()));
        if (m_samples) {
            const qsizetype slot = static_cast<std::size_t>(agent) < m_slots.size()
                ? m_slots[static_cast<std::size_t>(agent)]
                : qsizetype(-1);
            if (slot < 0)
                return points;
            for (const qsizetype i : m_kept) {
                const AgentSample& sample = m_samples->rounds[static_cast<std::size_t>(i)];
                if (static_cast<std::size_t>(slot) >= sample.values.size())
                    continue;
                const double value = sample.values[static_cast<std::size_t>(slot)];
                if (std::isnan(value))
                    continue;
                extent.add(value);
                points.append(QPointF(sample.round, value));
            }
            return points;
        }
        for (const qsizetype r : m_kept) {
            const haggle::RoundSummary& summary = m_input.rounds[static_cast<std::size_t>(r)];
            const std::vector<double>& row = summary.*m_values;
            if (static_cast<std::size_t>(agent) >= row.size())
                continue;
            const double value = row[static_cast<std::size_t>(agent)];
            extent.add(value);
            points.append(QPointF(summary.round, value));
        }
        return points;
    }

    // The many-agents view: mean over agents and the min-max band, one point per kept round.
    void summary(
        qsizetype agents, QList<QPointF>& mean, QList<QPointF>& low, QList<QPointF>& high, Extent& extent) const
    {
        mean.reserve(static_cast<qsizetype>(m_kept.size()));
        low.reserve(static_cast<qsizetype>(m_kept.size()));
        high.reserve(static_cast<qsizetype>(m_kept.size()));
        const auto add = [&](double x, double m, double lo, double hi) {
            mean.append(QPointF(x, m));
            low.append(QPointF(x, lo));
            high.append(QPointF(x, hi));
            extent.add(lo);
            extent.add(hi);
        };
        if (m_samples) {
            for (const qsizetype i : m_kept) {
                const AgentSample& sample = m_samples->rounds[static_cast<std::size_t>(i)];
                if (!std::isnan(sample.mean))
                    add(sample.round, sample.mean, sample.low, sample.high);
            }
            return;
        }
        for (const qsizetype r : m_kept) {
            const haggle::RoundSummary& summary = m_input.rounds[static_cast<std::size_t>(r)];
            if (const auto band = agentBand(summary.*m_values, static_cast<std::size_t>(agents)))
                add(summary.round, band->mean, band->low, band->high);
        }
    }

private:
    const ChartInput& m_input;
    AgentChart::PerAgentValues m_values;
    const AgentSamples* m_samples;
    std::vector<qsizetype> m_kept;
    std::vector<qsizetype> m_slots; // agent index -> position in AgentSample::values, -1 when not sampled
};

} // namespace

AgentChart::AgentChart(const Measure& measure)
    : LiveChart(measure.name)
    , m_measure(measure)
    , m_xAxis(style::integerAxis(QStringLiteral("Round"), 0.5, 1.5))
    , m_yAxis(style::valueAxis(measure.yTitle, 0.0, 1.0))
{
    chart()->addAxis(m_xAxis, Qt::AlignBottom);
    chart()->addAxis(m_yAxis, Qt::AlignLeft);
}

void AgentChart::draw(const ChartInput& input)
{
    const MeasureReader reader(input, m_measure);
    const qsizetype agents = reader.agentCount();
    const bool summarise = agents > MaxAgentLines;
    Extent extent;
    std::vector<SeriesSpec> specs;
    // Bands first, so the data is drawn over them.
    appendPhaseBands(specs, input.phases);

    if (summarise) {
        SeriesSpec band;
        SeriesSpec mean;
        reader.summary(agents, mean.points, band.lower, band.points, extent);
        const QColor base = style::agentColor(0);
        QColor fill = base;
        fill.setAlpha(50);
        band.type = SeriesType::Band;
        band.name = QStringLiteral("Min-max");
        band.brush = fill;
        band.pen = QPen(Qt::NoPen);
        mean.name = QStringLiteral("Mean (%1 agents)").arg(agents);
        mean.pen = style::linePen(base.darker(130), 2.0);
        specs.push_back(std::move(band));
        specs.push_back(std::move(mean));
    } else {
        for (qsizetype a = 0; a < agents; ++a) {
            if (isHighlighted(input, a))
                continue;
            SeriesSpec line;
            line.name = agentLabel(input, a);
            line.pen = style::linePen(style::agentColor(a), 1.2);
            line.points = reader.agentPoints(a, extent);
            specs.push_back(std::move(line));
        }
    }

    // Highlighted agents always get their own thick red line, added last so they are drawn on top.
    qsizetype highlightedCount = 0;
    for (qsizetype a = 0; a < agents; ++a)
        highlightedCount += isHighlighted(input, a) ? 1 : 0;
    const bool collapseLegend = summarise && highlightedCount > MaxHighlightedLegendEntries;
    bool firstHighlighted = true;
    for (qsizetype a = 0; a < agents; ++a) {
        if (!isHighlighted(input, a))
            continue;
        SeriesSpec line;
        line.name
            = collapseLegend ? QStringLiteral("%1 highlighted agents").arg(highlightedCount) : agentLabel(input, a);
        line.pen = style::linePen(style::highlightColor(), 3.0);
        line.points = reader.agentPoints(a, extent);
        line.legendHidden = collapseLegend && !firstHighlighted;
        firstHighlighted = false;
        specs.push_back(std::move(line));
    }

    const auto [firstX, lastX] = roundSpan(input);
    if (m_measure.drawsThreshold && input.trustThreshold) {
        const double y = *input.trustThreshold;
        extent.add(y);
        SeriesSpec line;
        line.name = QStringLiteral("Trust threshold (%1)").arg(y, 0, 'f', 2);
        line.pen = style::linePen(QColor(0x33, 0x33, 0x33), 1.5, Qt::DashLine);
        line.points = { QPointF(firstX, y), QPointF(lastX, y) };
        specs.push_back(std::move(line));
    }

    for (SeriesSpec& spec : specs) {
        if (!spec.yAxis)
            spec.yAxis = m_yAxis;
    }
    applySeries(specs, m_xAxis, [&] {
        setXRange(m_xAxis, firstX, lastX);
        if (m_measure.unitRange) {
            m_yAxis->setRange(0.0, 1.0);
            m_yAxis->setTickCount(maxTicks(m_yAxis, 6));
            m_yAxis->setLabelFormat(QStringLiteral("%.1f"));
        } else {
            const auto [lo, hi] = extent.isEmpty() ? std::pair(0.0, 1.0) : style::paddedRange(extent.lo(), extent.hi());
            m_yAxis->setRange(lo, hi);
            m_yAxis->setTickCount(maxTicks(m_yAxis, style::DefaultTickCount));
            m_yAxis->applyNiceNumbers();
        }
    });
}

std::optional<AgentBand> agentBand(const std::vector<double>& row, std::size_t count)
{
    const std::size_t n = std::min(row.size(), count);
    if (n == 0)
        return std::nullopt;
    AgentBand band { 0.0, row[0], row[0] };
    double sum = 0.0;
    for (std::size_t a = 0; a < n; ++a) {
        sum += row[a];
        band.low = std::min(band.low, row[a]);
        band.high = std::max(band.high, row[a]);
    }
    band.mean = sum / static_cast<double>(n);
    return band;
}

} // namespace haggle::charts
