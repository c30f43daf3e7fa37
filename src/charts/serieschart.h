// An experiment's series (lab::ResultSeries) as a chart: the one mapping from a series' chart kind to the shared
// builders, so that haggle-cli's files and the desktop lab's Experiments window draw every series alike; and a run's
// chart input, for the chart catalog's kinds, for both.
#pragma once

#include "chartinput.h"
#include "experimentresult.h"

#include <QString>

#include <optional>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace haggle::charts {

// A new QChart the caller owns: Line as makeLineChart(), Band as makeLineChart() with each line's low and high as its
// band, Ranking as makeRankingChart() (lines "mean", "low", "high", "ci95") and Heatmap as makeHeatmapChart() (the
// categories as columns, a row per line). A QApplication must exist.
QChart* makeSeriesChart(const lab::ResultSeries& series);

// The input of the chart catalog's kinds for a whole run (every round and deal kept), titled `title`: what
// haggle-cli --out draws a run's charts from, and the Experiments window an experiment's exported runs.
ChartInput runChartInput(
    const lab::RunResult& run, const QString& title, std::optional<double> trustThreshold = std::nullopt);

} // namespace haggle::charts
