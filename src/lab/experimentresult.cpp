// Look-ups and cell helpers of the generic experiment result (see experimentresult.h).
#include "experimentresult.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace haggle::lab {

Cell optionalCell(const std::optional<double>& value)
{
    return value ? Cell(*value) : Cell();
}

Cell optionalCell(const std::optional<int>& value)
{
    return value ? Cell(static_cast<long long>(*value)) : Cell();
}

double cellNumber(const Cell& cell)
{
    if (const auto* i = std::get_if<long long>(&cell))
        return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&cell))
        return *d;
    return std::nan("");
}

std::string cellText(const Cell& cell)
{
    const auto* s = std::get_if<std::string>(&cell);
    return s ? *s : std::string();
}

bool isNull(const Cell& cell)
{
    const auto* d = std::get_if<double>(&cell);
    return std::holds_alternative<std::monostate>(cell) || (d && !std::isfinite(*d));
}

Cell seedCell(std::uint64_t seed)
{
    if (seed <= static_cast<std::uint64_t>(std::numeric_limits<long long>::max()))
        return static_cast<long long>(seed);
    return std::to_string(seed);
}

std::string fixedText(double value, int decimals)
{
    if (!std::isfinite(value))
        return "-";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string percentText(double share, int decimals)
{
    if (!std::isfinite(share))
        return "-";
    return fixedText(100.0 * share, decimals) + "%";
}

std::string_view chartKindName(ChartKind kind) noexcept
{
    switch (kind) {
    case ChartKind::Ranking:
        return "ranking";
    case ChartKind::Band:
        return "band";
    case ChartKind::Heatmap:
        return "heatmap";
    case ChartKind::Line:
        break;
    }
    return "line";
}

std::optional<ChartKind> chartKindFromName(std::string_view name) noexcept
{
    for (ChartKind kind : { ChartKind::Line, ChartKind::Ranking, ChartKind::Band, ChartKind::Heatmap }) {
        if (chartKindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

int ResultTable::column(std::string_view columnName) const noexcept
{
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c].name == columnName)
            return static_cast<int>(c);
    }
    return -1;
}

Cell ResultTable::at(std::size_t row, std::string_view columnName) const
{
    const int c = column(columnName);
    if (c < 0 || row >= rows.size() || static_cast<std::size_t>(c) >= rows[row].size())
        return {};
    return rows[row][static_cast<std::size_t>(c)];
}

const SeriesLine* ResultSeries::line(std::string_view lineName) const noexcept
{
    for (const auto& l : lines) {
        if (l.name == lineName)
            return &l;
    }
    return nullptr;
}

Cell Finding::value(std::string_view valueName) const
{
    for (const auto& v : values) {
        if (v.name == valueName)
            return v.value;
    }
    return {};
}

const ResultTable* ExperimentResult::table(std::string_view tableName) const noexcept
{
    for (const auto& t : tables) {
        if (t.name == tableName)
            return &t;
    }
    return nullptr;
}

const ResultSeries* ExperimentResult::chartSeries(std::string_view seriesName) const noexcept
{
    for (const auto& s : series) {
        if (s.name == seriesName)
            return &s;
    }
    return nullptr;
}

const Finding* ExperimentResult::finding(std::string_view findingId) const noexcept
{
    for (const auto& f : findings) {
        if (f.id == findingId)
            return &f;
    }
    return nullptr;
}

} // namespace haggle::lab
