// The prototype's statistics (see pystats.h).
#include "pystats.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace haggle::lab::prototype {

double libmPow(double x, double y) noexcept
{
    volatile double exponent = y; // keeps GCC from turning pow(x, 2.0) into x * x
    return std::pow(x, exponent);
}

double pySum(std::span<const double> values) noexcept
{
    double sum = 0.0;
    for (double v : values)
        sum = sum + v;
    return sum;
}

double pyMean(std::span<const double> values) noexcept
{
    return pySum(values) / static_cast<double>(values.size());
}

namespace {

// sum((v - mean) ** 2) / divisor
double squaredDeviations(std::span<const double> values, double mean) noexcept
{
    double sum = 0.0;
    for (double v : values)
        sum = sum + libmPow(v - mean, 2.0);
    return sum;
}

} // namespace

double tValue(std::size_t n) noexcept
{
    if (n >= 30)
        return 1.96;
    static constexpr std::array<std::pair<int, double>, 14> table { { { 1, 12.706 }, { 2, 4.303 }, { 3, 3.182 },
        { 4, 2.776 }, { 5, 2.571 }, { 6, 2.447 }, { 7, 2.365 }, { 8, 2.306 }, { 9, 2.262 }, { 10, 2.228 },
        { 15, 2.131 }, { 20, 2.086 }, { 25, 2.060 }, { 29, 2.045 } } };
    const int df = static_cast<int>(n) - 1;
    const auto* best = &table[0];
    for (const auto& entry : table) { // the first of equally near keys wins: the smaller
        if (std::abs(entry.first - df) < std::abs(best->first - df))
            best = &entry;
    }
    return best->second;
}

StatResult describe(std::span<const double> values) noexcept
{
    const std::size_t n = values.size();
    if (n == 0)
        return {};
    const double mean = pyMean(values);
    if (n == 1)
        return { mean, 0.0, mean, mean, 1 };
    const double variance = squaredDeviations(values, mean) / static_cast<double>(n - 1);
    const double std = std::sqrt(variance);
    const double margin = tValue(n) * std / std::sqrt(static_cast<double>(n));
    return { mean, std, mean - margin, mean + margin, n };
}

double cohensD(std::span<const double> a, std::span<const double> b) noexcept
{
    const std::size_t n1 = a.size();
    const std::size_t n2 = b.size();
    if (n1 < 2 || n2 < 2)
        return 0.0;
    const double m1 = pyMean(a);
    const double m2 = pyMean(b);
    const double var1 = squaredDeviations(a, m1) / static_cast<double>(n1 - 1);
    const double var2 = squaredDeviations(b, m2) / static_cast<double>(n2 - 1);
    const double pooled = std::sqrt(
        (static_cast<double>(n1 - 1) * var1 + static_cast<double>(n2 - 1) * var2) / static_cast<double>(n1 + n2 - 2));
    if (pooled == 0.0)
        return 0.0;
    return (m1 - m2) / pooled;
}

std::pair<double, double> welchTTest(std::span<const double> a, std::span<const double> b) noexcept
{
    const std::size_t n1 = a.size();
    const std::size_t n2 = b.size();
    if (n1 < 2 || n2 < 2)
        return { 0.0, 1.0 };
    const double m1 = pyMean(a);
    const double m2 = pyMean(b);
    const double var1 = squaredDeviations(a, m1) / static_cast<double>(n1 - 1);
    const double var2 = squaredDeviations(b, m2) / static_cast<double>(n2 - 1);
    const double se = std::sqrt(var1 / static_cast<double>(n1) + var2 / static_cast<double>(n2));
    if (se == 0.0)
        return { 0.0, 1.0 };
    const double t = (m1 - m2) / se;
    const double cdf = 0.5 * (1 + std::erf(std::fabs(t) / std::sqrt(2.0)));
    return { t, 2 * (1 - cdf) };
}

double gini(std::span<const double> values)
{
    if (values.empty() || std::all_of(values.begin(), values.end(), [](double v) { return v == 0.0; }))
        return 0.0;
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    const double total = pySum(sorted);
    if (total == 0.0)
        return 0.0;
    const auto n = static_cast<long long>(sorted.size());
    double g = 0.0;
    for (long long i = 0; i < n; ++i)
        g = g + static_cast<double>(2 * (i + 1) - n - 1) * sorted[static_cast<std::size_t>(i)];
    return g / (static_cast<double>(n) * total);
}

double populationStd(std::span<const double> values) noexcept
{
    const double mean = pyMean(values);
    return libmPow(squaredDeviations(values, mean) / static_cast<double>(values.size()), 0.5);
}

} // namespace haggle::lab::prototype
