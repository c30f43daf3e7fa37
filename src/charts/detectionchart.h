// The detection chart as a live object: how well the market's reputation finds its cheaters, round by round.
#pragma once

#include "catalog.h"
#include "livechart.h"

#include <QStringList>

QT_BEGIN_NAMESPACE
class QCategoryAxis;
QT_END_NAMESPACE

namespace haggle::charts {

// x: round. Below, one row per agent (top to bottom in the scenario's order), a bar over each span of rounds in
// which every reputation-aware peer rated it below its own threshold (lab::DetectionTracker's isolation): cheaters'
// rows and bars in the cheater colour, honest agents' in blue (an honest agent isolated is a false positive). Above,
// precision, recall and F1 of "isolated" against "cheater" after each round (right axis, percent; a round where one
// is undefined has no point). Drawn from ChartInput::detection; a run without detection metrics draws nothing. Above
// MaxDetectionRows agents, only the cheaters and the agents ever isolated get rows (up to that many).
class DetectionChart : public LiveChart {
public:
    DetectionChart();

    // The chart kind "detection" (see chartcatalog.h).
    static KindInfo kindInfo();

    static constexpr qsizetype MaxDetectionRows = 40;
    // The legend's entries for the bars (the rows' own series are named by agent id, out of the legend).
    static QString cheaterLegend();
    static QString honestLegend();

protected:
    void draw(const ChartInput& input) override;

private:
    QValueAxis* m_xAxis;
    QCategoryAxis* m_rowAxis; // agent ids at their rows
    QCategoryAxis* m_rateAxis; // percent, over the upper part
    QStringList m_rowLabels; // as the row axis shows them, bottom row first, each "name@row"
};

} // namespace haggle::charts
