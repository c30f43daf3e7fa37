// Reports: results as one JSON document (the CLI's --json output, documented in the README), as readable text
// tables (the CLI's default output, like the prototype's printout), and as CSV files. Experiments are reported from
// their generic ExperimentResult alone, so one writer of each form serves every experiment.
#pragma once

#include "experimentresult.h"
#include "runresult.h"

#include <nlohmann/json.hpp>

#include <string>

namespace haggle::lab {

using JsonDocument = nlohmann::ordered_json;

// {"experiment", "title", "parameters", "findings", "tables", "series", "runs"}: see the README's "JSON output".
JsonDocument toJson(const ExperimentResult& result);
JsonDocument toJson(const RunResult& result);

// The title, every printed table (others are named with their row count) and the findings.
std::string formatExperiment(const ExperimentResult& result);
std::string formatRun(const RunResult& result);

// rounds.csv: one row per round. Columns: round, phase, needs, needs_met, negotiations, deals, defaults,
// success_rate, mean_unit_price, volume, job_value, total_net_worth, state_hash (Simulation::stateHash() after the
// round, 16 hex digits; empty when the result kept no hashes).
std::string roundsCsv(const RunResult& result);
// deals.csv: one row per deal. Columns: round, negotiation, buyer, seller, gpu, cpu, memory, price, unit_price,
// delivered, paid, sourcing.
std::string dealsCsv(const RunResult& result);
// <table.name>.csv: the table's columns as the header, one line per row; an empty cell for nothing.
std::string tableCsv(const ResultTable& table);
// <series.name>.csv: the data behind a series' chart. Line: `series,x,y`, a row per point; Band: the same plus `low`
// and `high` (empty where a line has no band); Ranking: `category` and a column per line (mean, low, high, ci95), a row
// per category; Heatmap: `row` and a column per category, a row per line. An empty cell for NaN.
std::string seriesCsv(const ResultSeries& series);
// isolation.csv: one row per agent (detection.h). Columns: agent, cheater, reputation_aware, isolated_from_round,
// isolations, identities, defaults, loss_inflicted, final_worth, honest_twin_worth, profit_over_honest_twin. Empty
// when the run has no detection metrics.
std::string detectionCsv(const RunResult& result);
// agents.csv: one row per agent per round. Columns: round, agent, strategy, net_worth, mean_reputation, deals.
std::string agentsCsv(const RunResult& result);

} // namespace haggle::lab
