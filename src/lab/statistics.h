// Descriptive statistics for multi-trial results: mean, sample standard deviation, range, the 95% confidence
// interval of the mean (Student's t), and Cohen's d for comparing two groups; for shares (k successes in n trials)
// the Wilson score interval and the two-proportion z-test.
#pragma once

#include <cstddef>
#include <limits>
#include <span>

namespace haggle::lab {

// A value that is missing (no trials, no data): a table shows it as "-", a chart leaves a gap.
inline constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// The k-th of n values spread evenly over [low, high] (low when n is 1): an experiment's population of agents whose
// costs, values or urgencies differ evenly.
inline double evenlySpread(int k, int n, double low, double high)
{
    return n <= 1 ? low : low + (high - low) * k / (n - 1);
}

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

// A share k / n with its 95% Wilson score interval (z = 1.959964), which stays inside [0, 1] and is sound at 0 and
// n successes, where the normal approximation's interval collapses to a point. All 0 when n is 0.
struct Proportion {
    int k = 0;
    int n = 0;
    double share = 0.0;
    double low = 0.0;
    double high = 0.0;
};
Proportion wilson(int k, int n);

// The two-sided two-proportion z-test of k1 / n1 against k2 / n2 with the pooled share: z = (p1 - p2) / se and its
// p-value. When both shares are 0 or both 1 (no spread), z is 0 and p is 1. Needs n1, n2 >= 1.
struct ProportionTest {
    double difference = 0.0; // p1 - p2
    double z = 0.0;
    double p = 1.0;
};
ProportionTest twoProportionTest(int k1, int n1, int k2, int n2);
// Cohen's h, the effect size of two shares: 2 asin(sqrt(p1)) - 2 asin(sqrt(p2)) (0.2 small, 0.5 medium, 0.8 large).
double cohensH(double p1, double p2);

// Jain's fairness index of an allocation, (sum x)^2 / (n sum x^2) (Jain, Chiu and Hawe 1984): 1 when everyone gets
// the same, k / n when k of n get equal shares and the rest nothing, 1 / n at worst. 1 for no one, or for nothing to
// anyone (nobody was treated worse than another). Shares must be >= 0.
double jainIndex(std::span<const double> shares);

} // namespace haggle::lab
