// CSV writing (see csv.h).
#include "csv.h"

#include <charconv>
#include <cmath>

namespace haggle::lab {

CsvWriter::CsvWriter(const std::vector<std::string>& header)
{
    for (const auto& h : header)
        text(h);
    endRow();
}

std::string CsvWriter::escape(std::string_view value)
{
    std::string cell;
    if (!value.empty()
        && (value.front() == '=' || value.front() == '+' || value.front() == '-' || value.front() == '@'
            || value.front() == '\t' || value.front() == '\r'))
        cell = "'";
    cell += value;
    if (cell.find_first_of(",\"\n\r") == std::string::npos)
        return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

void CsvWriter::separator()
{
    if (m_rowStarted)
        m_out += ',';
    m_rowStarted = true;
}

CsvWriter& CsvWriter::text(std::string_view value)
{
    separator();
    m_out += escape(value);
    return *this;
}

CsvWriter& CsvWriter::number(double value)
{
    separator();
    if (std::isnan(value))
        return *this;
    char buffer[32];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, value);
    m_out.append(buffer, r.ptr);
    return *this;
}

CsvWriter& CsvWriter::integer(long long value)
{
    separator();
    m_out += std::to_string(value);
    return *this;
}

CsvWriter& CsvWriter::boolean(bool value)
{
    separator();
    m_out += value ? "true" : "false";
    return *this;
}

void CsvWriter::endRow()
{
    m_out += '\n';
    m_rowStarted = false;
}

} // namespace haggle::lab
