// Statistics (see statistics.h). Student's t quantiles come from Boost.Math rather than a hand-made table.
#include "statistics.h"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace haggle::lab {

double tCritical95(std::size_t degreesOfFreedom)
{
    const boost::math::students_t dist(static_cast<double>(std::max<std::size_t>(degreesOfFreedom, 1)));
    return boost::math::quantile(dist, 0.975);
}

Summary summarize(std::span<const double> values)
{
    Summary s;
    s.n = values.size();
    if (values.empty())
        return s;
    double sum = 0.0;
    s.min = values.front();
    s.max = values.front();
    for (double v : values) {
        sum += v;
        s.min = std::min(s.min, v);
        s.max = std::max(s.max, v);
    }
    s.mean = sum / static_cast<double>(s.n);
    if (s.n < 2)
        return s;
    double ss = 0.0;
    for (double v : values)
        ss += (v - s.mean) * (v - s.mean);
    s.sd = std::sqrt(ss / static_cast<double>(s.n - 1));
    s.ci95 = tCritical95(s.n - 1) * s.sd / std::sqrt(static_cast<double>(s.n));
    return s;
}

double cohensD(std::span<const double> a, std::span<const double> b)
{
    const Summary sa = summarize(a), sb = summarize(b);
    const double dfA = sa.n > 0 ? static_cast<double>(sa.n - 1) : 0.0;
    const double dfB = sb.n > 0 ? static_cast<double>(sb.n - 1) : 0.0;
    const double diff = sa.mean - sb.mean;
    const double pooled = dfA + dfB > 0 ? std::sqrt((dfA * sa.sd * sa.sd + dfB * sb.sd * sb.sd) / (dfA + dfB)) : 0.0;
    if (pooled > 0.0)
        return diff / pooled;
    if (diff == 0.0)
        return 0.0;
    return diff > 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
}

} // namespace haggle::lab
