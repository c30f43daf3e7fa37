// State hashes for determinism checks: Simulation::stateHash() after every round of one run, or of many trials
// spread over threads, and their text form. This is what `haggle-cli run --hashes` prints and what the tests in
// tests/determinism compare, across the CLI, the desktop lab, thread counts and builds (docs/reliability.md).
#pragma once

#include "scenario.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace haggle::lab {

// Simulation::stateHash() after each of scenario.rounds rounds. Messages are not recorded: they are not part of the
// state, and a run without them gives the same hashes. Throws std::invalid_argument for an invalid scenario.
// `languageModel`: what its LLM negotiators ask (llmdialogue.h), if any.
std::vector<std::uint64_t> stateHashes(
    const Scenario& scenario, std::shared_ptr<LanguageModel> languageModel = nullptr);

struct TrialHashes {
    int trial = 0;
    std::uint64_t seed = 0; // deriveSeed(scenario.seed, trial), as every multi-trial part of the lab derives it
    std::vector<std::uint64_t> hashes; // after each round
};

// `trials` runs of the scenario, trial i with seed deriveSeed(scenario.seed, i), on a TrialRunner with `threads`
// threads (<= 0: one per hardware thread). Results are in trial order whatever the thread count.
std::vector<TrialHashes> trialStateHashes(const Scenario& scenario, int trials, int threads);

// A hash as 16 lowercase hexadecimal digits, the form every output and the golden file use.
std::string hashText(std::uint64_t hash);

} // namespace haggle::lab
