// A chart kind that only the tests register: the units traded per round, times a parameter. It is all a new chart
// kind is (one file: a LiveChart with kindInfo(), a constructor and draw()); tst_cliapp and tst_chartspanel add it
// with one registerChart<> line each and see it reach `haggle-cli list chart`, the --out files and the Charts panel.
#pragma once

#include "catalog.h"
#include "chartinput.h"
#include "chartstyle.h"
#include "livechart.h"
#include "thinning.h"

#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <vector>

namespace haggle::charts::test {

class TestVolumeChart : public LiveChart {
public:
    explicit TestVolumeChart(const Parameters& parameters)
        : LiveChart(QStringLiteral("Test volume"))
        , m_scale(parameters["scale"])
        , m_xAxis(style::integerAxis(QStringLiteral("Round"), 0.5, 1.5))
        , m_yAxis(style::valueAxis(QStringLiteral("Units traded"), 0.0, 1.0))
    {
        chart()->addAxis(m_xAxis, Qt::AlignBottom);
        chart()->addAxis(m_yAxis, Qt::AlignLeft);
    }

    static KindInfo kindInfo()
    {
        return { "test-volume", "A test-only chart: units traded per round",
            { { "scale", 1.0, 0.0, 100.0, "what each round's volume is multiplied by" } } };
    }

protected:
    void draw(const ChartInput& input) override
    {
        std::vector<SeriesSpec> specs(1);
        specs[0].name = QStringLiteral("Volume");
        specs[0].pen = style::linePen(style::agentColor(0), 2.0);
        specs[0].yAxis = m_yAxis;
        double top = 1.0;
        for (const qsizetype i : sampledIndices(static_cast<qsizetype>(input.rounds.size()), input.maxPoints)) {
            const RoundSummary& round = input.rounds[static_cast<std::size_t>(i)];
            specs[0].points.append(QPointF(round.round, round.volume * m_scale));
            top = std::max(top, round.volume * m_scale);
        }
        const auto [firstX, lastX] = roundSpan(input);
        applySeries(specs, m_xAxis, [&] {
            setXRange(m_xAxis, firstX, lastX);
            m_yAxis->setRange(0.0, top);
        });
    }

private:
    double m_scale;
    QValueAxis* m_xAxis;
    QValueAxis* m_yAxis;
};

} // namespace haggle::charts::test
