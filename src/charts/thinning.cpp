// Thinning of long series: see thinning.h.
#include "thinning.h"

#include <algorithm>

namespace haggle::charts {

qsizetype thinningStride(qsizetype count, qsizetype maxPoints) noexcept
{
    maxPoints = std::max<qsizetype>(maxPoints, 2);
    if (count <= maxPoints)
        return 1;
    // ceil(count / (maxPoints - 1)) leaves room for the last point on top of the strided ones.
    return (count + maxPoints - 2) / (maxPoints - 1);
}

std::vector<qsizetype> sampledIndices(qsizetype count, qsizetype maxPoints)
{
    std::vector<qsizetype> indices;
    if (count <= 0)
        return indices;
    const qsizetype stride = thinningStride(count, maxPoints);
    indices.reserve(static_cast<std::size_t>(count / stride + 2));
    for (qsizetype i = 0; i < count; i += stride)
        indices.push_back(i);
    if (indices.back() != count - 1)
        indices.push_back(count - 1);
    return indices;
}

QList<QPointF> thinPoints(const QList<QPointF>& points, qsizetype maxPoints)
{
    if (points.size() <= std::max<qsizetype>(maxPoints, 2))
        return points;
    QList<QPointF> kept;
    const std::vector<qsizetype> indices = sampledIndices(points.size(), maxPoints);
    kept.reserve(static_cast<qsizetype>(indices.size()));
    for (const qsizetype i : indices)
        kept.append(points.at(i));
    return kept;
}

} // namespace haggle::charts
