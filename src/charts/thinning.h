// Thinning of long series. QtCharts lays out every point of a series, and a chart cannot show more points
// than it has pixels, so a run of a million rounds keeps every k-th point plus the last one.
#pragma once

#include <QList>
#include <QPointF>

#include <vector>

namespace haggle::charts {

// The cap every chart uses unless ChartInput::maxPoints says otherwise.
inline constexpr qsizetype DefaultMaxPoints = 2000;

// The stride k such that keeping indices 0, k, 2k, ... plus the last index keeps at most maxPoints of count
// points. A maxPoints below 2 is treated as 2: the first and the last point always survive.
qsizetype thinningStride(qsizetype count, qsizetype maxPoints) noexcept;

// The indices kept out of count points, ascending: every stride-th index and always the last one. Charts
// sample their data through these, so a long run is never copied in full.
std::vector<qsizetype> sampledIndices(qsizetype count, qsizetype maxPoints = DefaultMaxPoints);

// The same rule applied to points already built.
QList<QPointF> thinPoints(const QList<QPointF>& points, qsizetype maxPoints = DefaultMaxPoints);

} // namespace haggle::charts
