// Text as the prototype printed it: printf formats (glibc and Python round alike), Python's percent format, repr()
// of a float, and its StatResult line.
#pragma once

#include "pystats.h"

#include <string>
#include <string_view>

namespace haggle::lab::prototype {

// printf into a string.
std::string format(const char* pattern, ...) __attribute__((format(printf, 1, 2)));
// Python's f"{x:.N%}": x * 100 printed with N decimals, then "%".
std::string percent(double x, int decimals);
// The same, right-aligned in `width` characters.
std::string percent(double x, int decimals, int width);
// repr(x) of a Python float: the shortest text that reads back as x, with ".0" when it would look like an integer.
std::string pyRepr(double x);
// "m ± s (95% CI: [lo, hi], n=N)", four decimals.
std::string statText(const StatResult& s);

// The experiment's printed text, a line at a time.
class Transcript {
public:
    void line(std::string_view text = {})
    {
        m_text += text;
        m_text += '\n';
    }
    void banner(int number, std::string_view title);
    const std::string& text() const noexcept { return m_text; }

private:
    std::string m_text;
};

} // namespace haggle::lab::prototype
