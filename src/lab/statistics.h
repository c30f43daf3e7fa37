// Descriptive statistics for multi-trial results: mean, sample standard deviation, range, the 95% confidence
// interval of the mean (Student's t), and Cohen's d for comparing two groups.
#pragma once

#include <cstddef>
#include <span>

namespace haggle::lab {

struct Summary {
    std::size_t n = 0;
    double mean = 0.0;
    double sd = 0.0; // sample standard deviation (n - 1); 0 when n < 2
    double min = 0.0;
    double max = 0.0;
    double ci95 = 0.0; // half-width of the 95% confidence interval of the mean: t(0.975, n-1) x sd / sqrt(n)

    double lower() const noexcept { return mean - ci95; }
    double upper() const noexcept { return mean + ci95; }
};

Summary summarize(std::span<const double> values);

// Cohen's d: (mean(a) - mean(b)) / pooled standard deviation. 0 when both groups have no spread and equal means;
// +-infinity when they have no spread but different means. Needs at least one value in each group.
double cohensD(std::span<const double> a, std::span<const double> b);

// The two-sided 95% critical value of Student's t with the given degrees of freedom (>= 1).
double tCritical95(std::size_t degreesOfFreedom);

} // namespace haggle::lab
