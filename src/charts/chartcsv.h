// The data behind a chart as CSV, so what a chart shows can be taken into a spreadsheet or a script.
#pragma once

#include <QtGlobal>

#include <string>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace haggle::charts {

// One table, UTF-8, rows ending in a plain newline, header `series,x,y` and one row per point of every XY
// series in the chart's order, hidden ones included (an area series gives its edges as "NAME (upper)" and
// "NAME (lower)"). The points are those the series holds, so a thinned series gives its thinned points. A
// chart of box plots only (a tournament ranking) is instead `name,low,q1,median,q3,high`, one row per box;
// box plots next to XY series become five rows per box, "LABEL (low)" ... "LABEL (high)" at x = the box's
// index. Numbers are written in their shortest exact form (empty for NaN or infinity); text cells follow
// RFC 4180 quoting, and a cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
// return) gets a leading apostrophe. Other series types are left out. Empty for a null chart.
std::string chartDataCsv(QChart* chart);

} // namespace haggle::charts
