// The prototype's statistics, digit for digit (docs/prototype-rules.md, "Statistics"): plain left-to-right sums,
// libm pow for squares and square roots where the prototype wrote x ** 2 and x ** 0.5, a normal approximation for
// n >= 30 and a coarse t table below, and a Welch test whose p-value always comes from the normal distribution.
// Haggle's own statistics (statistics.h) are the better tools; these exist to reproduce the prototype's numbers.
#pragma once

#include <cstddef>
#include <span>
#include <utility>

namespace haggle::lab::prototype {

// libm pow(x, y), never folded into x * x or sqrt by the compiler (they differ from pow by an ulp now and then).
double libmPow(double x, double y) noexcept;

struct StatResult {
    double mean = 0.0;
    double std = 0.0; // sample standard deviation
    double ciLower = 0.0;
    double ciUpper = 0.0;
    std::size_t n = 0;
};

// Sum from 0, left to right (CPython 3.11's sum()).
double pySum(std::span<const double> values) noexcept;
double pyMean(std::span<const double> values) noexcept; // sum / n
// The critical value describe() uses: 1.96 from 30 values; below, the table's nearest degrees of freedom.
double tValue(std::size_t n) noexcept;
StatResult describe(std::span<const double> values) noexcept;
double cohensD(std::span<const double> a, std::span<const double> b) noexcept;
// (t, p): Welch's t, and a two-sided p from the standard normal distribution.
std::pair<double, double> welchTTest(std::span<const double> a, std::span<const double> b) noexcept;
double gini(std::span<const double> values);
// Population standard deviation: (sum((v - mean) ** 2) / n) ** 0.5.
double populationStd(std::span<const double> values) noexcept;

} // namespace haggle::lab::prototype
