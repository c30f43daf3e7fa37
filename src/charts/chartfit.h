// Charts that read at the size they are shown: what Qt Charts elided ("...") in a laid-out chart, and fitting a chart
// to its size (tick counts by the plot's width and height, the legend beside the plot when it would not fit below).
#pragma once

#include <QFont>
#include <QSizeF>
#include <QStringList>

#include <utility>
#include <vector>

QT_BEGIN_NAMESPACE
class QAbstractAxis;
class QChart;
class QValueAxis;
QT_END_NAMESPACE

namespace haggle::charts {

// The visible texts of a laid-out chart (title, axis titles, tick labels, legend labels) that Qt Charts shortened
// with "..." for want of room: empty when everything reads in full.
QStringList elidedTexts(const QChart* chart);

// Tick counts and the legend's place for the chart's current size (call after a resize; cheap when nothing
// changes). Horizontal axes get as many ticks as their labels fit side by side, vertical ones one per ~32 px, at
// most their chart's own choice; a legend whose entries do not fit on one line below the plot moves beside it.
void fitToSize(QChart* chart);

// The most ticks the chart code should give this axis (style::setIntegerRange and the charts' refits read it): set
// by fitToSize(), else `fallback`.
int maxTicks(const QValueAxis* axis, int fallback);

// A chart's fonts (title, legend, each axis's title and labels), to draw it larger for a projector or a printed page
// and put back: apply(chart, 1.5) sets every font to 1.5 times the captured one.
class ChartFonts {
public:
    ChartFonts() = default;
    explicit ChartFonts(const QChart* chart);
    // Sets the chart's fonts to the captured ones times `scale` (axes added since the capture keep theirs).
    void apply(QChart* chart, qreal scale) const;

private:
    struct AxisFonts {
        QAbstractAxis* axis;
        QFont title;
        QFont labels;
    };
    QFont m_title;
    QFont m_legend;
    std::vector<AxisFonts> m_axes;
};

} // namespace haggle::charts
