// How a coalition splits what it earns among its members: in proportion to what each contributed, equally, or by
// the Shapley value (Shapley 1953), each member's marginal worth averaged over every order in which the coalition
// could have formed. The Shapley value is computed exactly, over all 2^n sub-coalitions, so a coalition has at most
// MaxShapleyMembers members.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace haggle {

enum class SplitRule : std::uint8_t { Proportional, Equal, Shapley };

std::string_view splitRuleName(SplitRule rule) noexcept; // "proportional", "equal", "shapley"
std::optional<SplitRule> splitRuleFromName(std::string_view name) noexcept;

inline constexpr int MaxShapleyMembers = 20;

// The Shapley values of the n-player game whose worth of a coalition is worth(mask), bit i set for player i (worth(0)
// is taken as 0). phi_i = sum over S without i of |S|! (n - |S| - 1)! / n! x (v(S + i) - v(S)). The values sum to
// v(all) (efficiency). Throws std::invalid_argument for n outside [0, MaxShapleyMembers].
std::vector<double> shapleyValues(int n, const std::function<double(std::uint32_t mask)>& worth);

// A coalition of suppliers serving a job that needs `required` units: a sub-coalition is worth `proceeds` when its
// contributions cover the job and nothing otherwise.
double jobWorth(std::span<const double> contributions, double required, double proceeds, std::uint32_t mask);

// Each member's share of `proceeds`: Proportional to contributions (equal when they sum to 0), Equal, or Shapley in
// the job game above. The shares sum to proceeds, except under Shapley when the contributions together do not cover
// the job: then no sub-coalition is worth anything, and every share is 0.
std::vector<double> splitProceeds(
    SplitRule rule, double proceeds, std::span<const double> contributions, double required);

} // namespace haggle
