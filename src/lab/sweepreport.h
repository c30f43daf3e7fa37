// What `haggle-cli sweep-report` and the desktop lab show of a sweep's results file: per setting and metric, the runs'
// mean with its 95% confidence interval, as a table and as charts (a line with its band over one axis, a heatmap of
// the means over two), in the generic ExperimentResult shape that the CLI's and the GUI's writers already draw.
#pragma once

#include "experimentresult.h"
#include "sweep.h"

#include <filesystem>

namespace haggle::lab {

// The sweep a results file holds (its stored spec). Throws SweepStoreError naming the file for anything else.
SweepSpec readSweepSpec(const std::filesystem::path& results);

// The report of a results file: tables "settings" (a row per setting and metric: the axes' values, n, mean, sd and
// the 95% interval) and "progress" (runs stored of each setting), a chart per metric, and findings stating what the
// file holds. Throws SweepStoreError for a file that cannot be read.
ExperimentResult sweepReport(const std::filesystem::path& results);

} // namespace haggle::lab
