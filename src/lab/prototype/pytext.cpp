// Text as the prototype printed it (see pytext.h).
#include "pytext.h"

#include <charconv>
#include <cstdarg>
#include <cstdio>
#include <vector>

namespace haggle::lab::prototype {

std::string format(const char* pattern, ...)
{
    va_list args;
    va_start(args, pattern);
    va_list copy;
    va_copy(copy, args);
    const int size = std::vsnprintf(nullptr, 0, pattern, copy);
    va_end(copy);
    std::vector<char> buffer(static_cast<std::size_t>(size) + 1);
    std::vsnprintf(buffer.data(), buffer.size(), pattern, args);
    va_end(args);
    return std::string(buffer.data(), static_cast<std::size_t>(size));
}

std::string percent(double x, int decimals)
{
    const double y = x * 100.0;
    return format("%.*f%%", decimals, y);
}

std::string percent(double x, int decimals, int width)
{
    return format("%*s", width, percent(x, decimals).c_str());
}

std::string pyRepr(double x)
{
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, x);
    std::string text(buffer, end);
    // Python writes exponents from 1e16 and below 1e-4 as "1e+16" / "1e-05"; to_chars's shortest form already
    // chooses between fixed and scientific by length, so only the plain-integer look needs mending here.
    if (text.find_first_of(".eEn") == std::string::npos)
        text += ".0";
    return text;
}

std::string statText(const StatResult& s)
{
    return format("%.4f \u00b1 %.4f (95%% CI: [%.4f, %.4f], n=%zu)", s.mean, s.std, s.ciLower, s.ciUpper, s.n);
}

void Transcript::banner(int number, std::string_view title)
{
    const std::string rule(60, '=');
    line(rule);
    line(format("  EXPERIMENT %d: %.*s", number, static_cast<int>(title.size()), title.data()));
    line(rule);
    line();
}

} // namespace haggle::lab::prototype
