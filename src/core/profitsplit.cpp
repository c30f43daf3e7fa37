// Splitting a coalition's proceeds (see profitsplit.h).
#include "profitsplit.h"

#include <bit>
#include <numeric>
#include <stdexcept>
#include <string>

namespace haggle {

std::string_view splitRuleName(SplitRule rule) noexcept
{
    switch (rule) {
    case SplitRule::Proportional:
        return "proportional";
    case SplitRule::Equal:
        return "equal";
    case SplitRule::Shapley:
        return "shapley";
    }
    return "";
}

std::optional<SplitRule> splitRuleFromName(std::string_view name) noexcept
{
    for (const SplitRule rule : { SplitRule::Proportional, SplitRule::Equal, SplitRule::Shapley }) {
        if (splitRuleName(rule) == name)
            return rule;
    }
    return std::nullopt;
}

std::vector<double> shapleyValues(int n, const std::function<double(std::uint32_t mask)>& worth)
{
    if (n < 0 || n > MaxShapleyMembers)
        throw std::invalid_argument("the Shapley value is computed exactly for at most "
            + std::to_string(MaxShapleyMembers) + " members, not " + std::to_string(n));
    const std::uint32_t all = n == 0 ? 0U : (1U << n) - 1U;
    std::vector<double> v(static_cast<std::size_t>(all) + 1U, 0.0);
    for (std::uint32_t mask = 1; mask <= all && mask != 0; ++mask)
        v[mask] = worth(mask);
    // weight[s] = s! (n - s - 1)! / n!, built as a product to stay exact enough for n = 20.
    std::vector<double> weight(static_cast<std::size_t>(std::max(n, 1)), 0.0);
    for (int s = 0; s < n; ++s) {
        double w = 1.0 / n;
        // s! (n-s-1)! / (n-1)! = 1 / C(n-1, s)
        for (int k = 1; k <= s; ++k)
            w *= static_cast<double>(k) / static_cast<double>(n - k);
        weight[static_cast<std::size_t>(s)] = w;
    }
    std::vector<double> phi(static_cast<std::size_t>(n), 0.0);
    for (std::uint32_t mask = 0; mask <= all; ++mask) {
        const auto size = static_cast<std::size_t>(std::popcount(mask));
        for (int i = 0; i < n; ++i) {
            const std::uint32_t bit = 1U << i;
            if ((mask & bit) == 0)
                phi[static_cast<std::size_t>(i)] += weight[size] * (v[mask | bit] - v[mask]);
        }
        if (mask == all)
            break;
    }
    return phi;
}

double jobWorth(std::span<const double> contributions, double required, double proceeds, std::uint32_t mask)
{
    double covered = 0.0;
    for (std::size_t i = 0; i < contributions.size(); ++i) {
        if ((mask >> i) & 1U)
            covered += contributions[i];
    }
    return covered >= required ? proceeds : 0.0;
}

std::vector<double> splitProceeds(
    SplitRule rule, double proceeds, std::span<const double> contributions, double required)
{
    const std::size_t n = contributions.size();
    std::vector<double> shares(n, n > 0 ? proceeds / static_cast<double>(n) : 0.0);
    switch (rule) {
    case SplitRule::Equal:
        break;
    case SplitRule::Proportional: {
        const double total = std::accumulate(contributions.begin(), contributions.end(), 0.0);
        if (total > 0.0) {
            for (std::size_t i = 0; i < n; ++i)
                shares[i] = proceeds * contributions[i] / total;
        }
        break;
    }
    case SplitRule::Shapley:
        shares = shapleyValues(
            static_cast<int>(n), [&](std::uint32_t mask) { return jobWorth(contributions, required, proceeds, mask); });
        break;
    }
    return shares;
}

} // namespace haggle
