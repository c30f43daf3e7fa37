// Compute resources: a bundle of GPU hours, CPU hours and memory GB-hours, and their valuation.
//
// A bundle is a plain value with component-wise arithmetic. Comparison is the product order: a <= b when every
// component of a is at most b's, which is what "b covers a" means (affordability of resources). Valuation uses
// per-kind reference prices (1.0 budget unit per resource unit unless a scenario says otherwise).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace haggle {

enum class ResourceKind : std::size_t { Gpu = 0, Cpu = 1, Memory = 2 };
inline constexpr std::size_t ResourceKindCount = 3;

// "gpu", "cpu", "memory": the names used in scenario files and exports.
std::string_view resourceKindName(ResourceKind kind) noexcept;

struct ReferencePrices {
    std::array<double, ResourceKindCount> perUnit { 1.0, 1.0, 1.0 };

    double operator[](ResourceKind kind) const noexcept { return perUnit[static_cast<std::size_t>(kind)]; }
    bool operator==(const ReferencePrices&) const = default;
};

struct ResourceBundle {
    double gpu = 0.0; // GPU hours
    double cpu = 0.0; // CPU hours
    double memory = 0.0; // memory GB-hours

    double operator[](ResourceKind kind) const noexcept;
    double& operator[](ResourceKind kind) noexcept;

    ResourceBundle& operator+=(const ResourceBundle& other) noexcept;
    ResourceBundle& operator-=(const ResourceBundle& other) noexcept;
    ResourceBundle& operator*=(double factor) noexcept;
    friend ResourceBundle operator+(ResourceBundle a, const ResourceBundle& b) noexcept { return a += b; }
    friend ResourceBundle operator-(ResourceBundle a, const ResourceBundle& b) noexcept { return a -= b; }
    friend ResourceBundle operator*(ResourceBundle a, double f) noexcept { return a *= f; }

    bool operator==(const ResourceBundle&) const = default;

    // Every component of this bundle is at most the other's: `holdings.covers(need)` is `need <= holdings`.
    bool covers(const ResourceBundle& need) const noexcept;
    bool isZero() const noexcept;
    bool isNonNegative() const noexcept;
    // Sum of the components, in resource units regardless of kind.
    double units() const noexcept;
    // Worth of the bundle at the given reference prices.
    double value(const ReferencePrices& prices) const noexcept;
};

// The product order on bundles (a <= b: b covers a). Not a total order: neither of {1,0,0} and {0,1,0} is <= the
// other.
inline bool operator<=(const ResourceBundle& a, const ResourceBundle& b) noexcept
{
    return b.covers(a);
}
inline bool operator>=(const ResourceBundle& a, const ResourceBundle& b) noexcept
{
    return a.covers(b);
}

} // namespace haggle
