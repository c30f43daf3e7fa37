// Small pricing helpers the strategies share: concession steps on unit prices.
#pragma once

#include <algorithm>
#include <optional>

namespace haggle::pricing {

// Split the difference between one's own last proposal and the partner's.
inline double midpoint(double a, double b) noexcept
{
    return a + (b - a) / 2.0;
}

// Move `from` a fraction of the way to `to`.
inline double concede(double from, double to, double fraction) noexcept
{
    return from + (to - from) * fraction;
}

// For a buyer, lower is better; for a seller, higher is better. "a is at least as good as b" for that side.
inline bool buyerPrefers(double a, double b) noexcept
{
    return a <= b;
}
inline bool sellerPrefers(double a, double b) noexcept
{
    return a >= b;
}

// base^exponent by repeated squaring: plain IEEE multiplications, so the result is the same on every platform
// (std::pow's last bit may differ between C libraries).
inline double powInt(double base, int exponent) noexcept
{
    double result = 1.0;
    for (unsigned e = exponent < 0 ? 0u : static_cast<unsigned>(exponent); e != 0; e >>= 1) {
        if (e & 1u)
            result *= base;
        base *= base;
    }
    return result;
}

inline double valueOr(const std::optional<double>& v, double fallback) noexcept
{
    return v ? *v : fallback;
}

} // namespace haggle::pricing
