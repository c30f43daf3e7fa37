// CSV writing: RFC 4180 quoting (rows end in a plain newline), and text cells that a spreadsheet would run as a formula
// (starting with =, +, -,
// @, tab or carriage return) are neutralized with a leading apostrophe. Numbers are written as numbers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace haggle::lab {

class CsvWriter {
public:
    explicit CsvWriter(const std::vector<std::string>& header);

    CsvWriter& text(std::string_view value);
    CsvWriter& number(double value); // shortest round-trip form; empty cell for NaN
    CsvWriter& integer(long long value);
    CsvWriter& boolean(bool value);
    void endRow();

    const std::string& str() const noexcept { return m_out; }

    static std::string escape(std::string_view value);

private:
    void separator();

    std::string m_out;
    bool m_rowStarted = false;
};

} // namespace haggle::lab
