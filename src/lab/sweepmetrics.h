// What a sweep records of each run (docs/sweeps.md): metrics (one or more named values per run: deals, success rate,
// mean price, worth by role, detection, ...) and per-round series (price, deals, ...). Each kind registers once here,
// with its description and unit; sweep files name them, `haggle-cli list metric` and `list series` list them, and
// the docs' table is read from the same list.
#pragma once

#include "catalog.h"
#include "runresult.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haggle::lab {

struct MetricValue {
    std::string name; // the metric's name, or "metric.part" for one of several ("worth.cheater")
    double value = 0.0;
};

struct SweepMetric {
    std::string_view name;
    std::string_view description;
    std::string_view unit;
    bool needsTwins = false; // the run must also play each cheater's honest twin (detection.h)
    // Appends the run's values; a value that is undefined for this run (a mean price without deals, F1 without
    // cheaters) is left out, and a database reader sees no row for it.
    std::function<void(const RunResult&, std::vector<MetricValue>&)> compute;
};

struct SweepSeries {
    std::string_view name;
    std::string_view description;
    std::string_view unit;
    // The round's value, if it has one (no price in a round without deals).
    std::function<std::optional<double>(const RoundSummary&)> value;
};

const std::vector<SweepMetric>& sweepMetrics();
const SweepMetric* findSweepMetric(std::string_view name);
std::string sweepMetricNames(); // "a, b, c"
const std::vector<SweepSeries>& sweepSeries();
const SweepSeries* findSweepSeries(std::string_view name);
std::string sweepSeriesNames();

// The metric and series kinds as catalog families, for `haggle-cli list`.
CatalogFamily metricFamily();
CatalogFamily seriesFamily();

} // namespace haggle::lab
