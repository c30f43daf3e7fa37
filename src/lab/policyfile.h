// Learnt policies as files: what a learning strategy has learnt (a LearnedTable: states x actions, values and visit
// counts) as JSON ("haggle-policy", version 1), saved from the lab or `haggle-cli run --save-policy`, and given to an
// agent of another scenario (agents[].strategy.policy: a file name relative to the scenario, or the object inline);
// and as CSV, to read in a spreadsheet. Errors name the file, the JSON path and what was expected.
#pragma once

#include "learnedtable.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace haggle::lab {

inline constexpr std::string_view PolicyFormatName = "haggle-policy";
inline constexpr int PolicyFormatVersion = 1;

// The JSON object: format, version, strategy, episodes, actions, states, q (a row of values per state), visits.
nlohmann::ordered_json policyJson(const LearnedTable& table);
// Reads the object at `path` of a document (the whole document: path ""); throws ScenarioFileError naming `file`
// and the path of what is wrong.
LearnedTable policyFromJson(const nlohmann::ordered_json& json, const std::string& file, const std::string& path);
LearnedTable parsePolicy(std::string_view text, const std::string& file);
LearnedTable loadPolicy(const std::filesystem::path& file);
void savePolicy(const std::filesystem::path& file, const LearnedTable& table); // atomically
// A file named *.csv gets the table as CSV (learnedTableCsv()), any other a policy (savePolicy()); atomically.
void saveLearnedTable(const std::filesystem::path& file, const LearnedTable& table);

// One row per state: the state, its visits (summed over actions), its best action among those tried (empty: none
// tried), then each action's value.
std::string learnedTableCsv(const LearnedTable& table);

} // namespace haggle::lab
