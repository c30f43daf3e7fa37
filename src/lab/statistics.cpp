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

Proportion wilson(int k, int n)
{
    Proportion r { k, n, 0.0, 0.0, 0.0 };
    if (n <= 0)
        return r;
    constexpr double z = 1.959963984540054; // the normal's 97.5% quantile
    const double nn = static_cast<double>(n);
    const double p = static_cast<double>(k) / nn;
    const double denominator = 1.0 + z * z / nn;
    const double centre = (p + z * z / (2.0 * nn)) / denominator;
    const double half = z * std::sqrt(p * (1.0 - p) / nn + z * z / (4.0 * nn * nn)) / denominator;
    r.share = p;
    r.low = std::max(0.0, centre - half);
    r.high = std::min(1.0, centre + half);
    return r;
}

ProportionTest twoProportionTest(int k1, int n1, int k2, int n2)
{
    ProportionTest t;
    if (n1 <= 0 || n2 <= 0)
        return t;
    const double p1 = static_cast<double>(k1) / n1, p2 = static_cast<double>(k2) / n2;
    const double pooled = static_cast<double>(k1 + k2) / (n1 + n2);
    const double se = std::sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2));
    t.difference = p1 - p2;
    if (se <= 0.0)
        return t;
    t.z = t.difference / se;
    t.p = std::erfc(std::abs(t.z) / std::sqrt(2.0)); // 2 x (1 - Phi(|z|))
    return t;
}

double cohensH(double p1, double p2)
{
    const auto phi = [](double p) { return 2.0 * std::asin(std::sqrt(std::clamp(p, 0.0, 1.0))); };
    return phi(p1) - phi(p2);
}

double jainIndex(std::span<const double> shares)
{
    double sum = 0.0;
    double squares = 0.0;
    for (double x : shares) {
        sum += x;
        squares += x * x;
    }
    if (shares.empty() || squares == 0.0)
        return 1.0;
    return sum * sum / (static_cast<double>(shares.size()) * squares);
}

} // namespace haggle::lab
