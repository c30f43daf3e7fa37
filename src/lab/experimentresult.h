// What every experiment returns, as plain values: named tables, named series for charts, stated findings with the
// numbers behind them, and the runs it made that are worth exporting whole. The CLI prints, writes and charts any
// experiment from this shape alone, so a new experiment needs no writer of its own (see report.h for the JSON, CSV
// and text forms).
#pragma once

#include "runresult.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace haggle::lab {

// A table cell or a stated value: nothing (a number that does not exist, such as the mean price of no deals), a whole
// number, a real number, or text. A non-finite real is written as nothing too.
using Cell = std::variant<std::monostate, long long, double, std::string>;

// A real number, or nothing.
Cell optionalCell(const std::optional<double>& value);
Cell optionalCell(const std::optional<int>& value);
// A cell's number (whole or real); NaN for nothing or text.
double cellNumber(const Cell& cell);
// A cell's text; "" for anything that is not text.
std::string cellText(const Cell& cell);
bool isNull(const Cell& cell);
// A seed as a whole number, or as text when it is beyond what a signed 64-bit number holds.
Cell seedCell(std::uint64_t seed);
// "%.*f", or "-" for a value that is not finite: how numbers read in stated findings and text tables.
std::string fixedText(double value, int decimals = 2);
// A share as a percentage, "12.5%" (or "-").
std::string percentText(double share, int decimals = 1);

struct NamedValue {
    std::string name;
    Cell value;
};

struct ResultColumn {
    std::string name; // snake_case; the CSV header and the JSON key
    std::string unit = {}; // "" plain; "share" (0..1, shown as a percentage in text), "unit price", "rounds", ...
    int decimals = 2; // real numbers in the text table
    bool detail = false; // left out of the text table, to keep it terminal-wide; always in JSON and CSV
};

struct ResultTable {
    std::string name; // file stem and JSON key: "matrix" is written as matrix.csv
    std::string title; // heading of the text table
    std::vector<ResultColumn> columns;
    std::vector<std::vector<Cell>> rows; // each as long as columns
    bool printed = true; // false: data too long to read on a terminal (the text report names it instead)

    // The index of a column, or -1.
    int column(std::string_view name) const noexcept;
    // The cell of a row under a column; nothing when either is missing.
    Cell at(std::size_t row, std::string_view column) const;
};

// How a series wants to be drawn, mapped to the shared chart builders by charts::makeSeriesChart() (src/charts), for
// the CLI's files and the desktop lab's Experiments window alike.
enum class ChartKind : std::uint8_t {
    Line, // one line per SeriesLine over its own x values
    Ranking, // one box per category: SeriesLine "mean", "low", "high" and "ci95", in category order
    Band, // Line, each line over a translucent band from its low to its high values (a confidence interval)
    Heatmap, // a grid: a row per SeriesLine (its name the row label, y one value per category; NaN: no value)
};
std::string_view chartKindName(ChartKind kind) noexcept; // "line", "ranking", "band", "heatmap"
// The kind of a name chartKindName() gives; nothing for any other name.
std::optional<ChartKind> chartKindFromName(std::string_view name) noexcept;

struct SeriesLine {
    std::string name;
    std::vector<double> x; // Line and Band: one per y; Ranking and Heatmap: empty (the categories are the x)
    std::vector<double> y;
    // Band: the band's bounds, one per y (NaN: no band at that point); empty: the line has no band. Other kinds
    // leave them empty.
    std::vector<double> low = {};
    std::vector<double> high = {};
};

struct ResultSeries {
    std::string name; // file stem: "tournament" is drawn as tournament.png
    std::string title;
    ChartKind chart = ChartKind::Line;
    std::string xTitle;
    std::string yTitle;
    std::vector<std::string> categories; // Ranking: one per box; Heatmap: the columns
    std::vector<SeriesLine> lines;

    const SeriesLine* line(std::string_view name) const noexcept;
};

struct Finding {
    std::string id; // stable key for tests and scripts, e.g. "always_isolated"
    std::string statement; // one sentence, with its numbers
    std::vector<NamedValue> values; // the numbers behind it
    // Whether the claim the finding tests holds in this run (compare-rules sets the prototype's claims side by side);
    // unset for a finding that only reports.
    std::optional<bool> holds = {};

    Cell value(std::string_view name) const;
};

// A run exported like `haggle-cli run` exports one: its CSV files, deal graph and charts, each prefixed "<name>-".
struct ExportedRun {
    std::string name;
    std::string title;
    RunResult run;
};

struct ExperimentResult {
    std::string experiment; // the catalog name of its kind
    std::string title; // e.g. "Experiment 1: the basic handshake"
    std::string rules = "haggle"; // the rules set it ran under: "haggle" or "prototype"
    // What the experiment prints, when it prints its own text (the prototype's experiments print exactly what the
    // prototype printed); empty: the CLI prints the generic text report.
    std::string transcript;
    std::vector<NamedValue> parameters; // what it ran with (trials, seeds), overrides applied
    std::vector<ResultTable> tables;
    std::vector<ResultSeries> series;
    std::vector<Finding> findings;
    std::vector<ExportedRun> runs;

    const ResultTable* table(std::string_view name) const noexcept;
    const ResultSeries* chartSeries(std::string_view name) const noexcept;
    const Finding* finding(std::string_view id) const noexcept;
};

} // namespace haggle::lab
