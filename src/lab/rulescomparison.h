// Rules comparison: an experiment of the prototype run under both rule sets, claim by claim. Each of the prototype's
// stated findings is tested under the prototype's rules (its own experiment, exactly as published) and under
// Haggle's rules (the same market in Haggle's engine: Haggle's own experiments where they ask the same question,
// otherwise the experiment's market as a scenario), with the rule behind any difference. A claim that Haggle's rules
// cannot express yet (no LLM negotiator, no futures) says so and why. `haggle-cli compare-rules` prints it;
// docs/rules-comparison.md holds the table for every experiment.
#pragma once

#include "experiment.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haggle::lab {

struct ClaimVerdict {
    std::string id; // the prototype experiment's finding id
    std::string claim; // the prototype's stated finding, in one sentence
    std::optional<bool> prototype; // holds under the prototype's rules
    std::string prototypeEvidence; // with its numbers
    std::optional<bool> haggle; // holds under Haggle's rules; unset: not expressible there (yet)
    std::string haggleEvidence;
    std::string rule; // the rule behind the difference, or why both agree
};

struct RulesComparison {
    std::string experiment; // the prototype catalog's name
    std::string title;
    int trials = 0; // of each multi-trial part on Haggle's side
    std::vector<ClaimVerdict> claims;
};

// The experiments compare-rules takes: the prototype rules' experiment names.
std::vector<std::string> comparableExperiments();

// Runs the experiment under both rules. context.trials sets the trials of Haggle's side (default 100); its seed and
// seed offset move Haggle's seeds; the prototype side always runs as published. Throws std::invalid_argument for an
// unknown experiment.
RulesComparison compareRules(std::string_view experiment, const ExperimentContext& context);

// Text for a terminal; a Markdown table (docs/rules-comparison.md); JSON.
std::string formatComparison(const RulesComparison& comparison);
std::string comparisonMarkdown(const RulesComparison& comparison);
std::string comparisonJson(const RulesComparison& comparison);

} // namespace haggle::lab
