// One complete run of a scenario, kept as plain values: every round's summary, every deal and default, and each
// agent's final state. This is what `haggle-cli run` reports and exports, and what charts are drawn from.
#pragma once

#include "detection.h"
#include "events.h"
#include "orderbook.h"
#include "scenario.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace haggle::lab {

struct AgentOutcome {
    std::string id;
    std::string role;
    std::string strategy; // registry name
    bool reputationAware = false;
    double budget = 0.0;
    ResourceBundle holdings;
    double startWorth = 0.0;
    double netWorth = 0.0;
    double meanReputation = 0.5; // in the others' eyes
    int deals = 0;
};

struct RunResult {
    Scenario scenario; // as run
    std::vector<RoundSummary> rounds;
    std::vector<DealRecord> deals;
    std::vector<DefaultRecord> defaults;
    std::vector<AgentOutcome> agents;
    std::vector<std::uint64_t> stateHashes; // Simulation::stateHash() after each round
    std::vector<StateParts> stateParts; // after each round, with RunOptions::stateParts (rules that give them)
    // Detection metrics (detection.h), for runs of up to MaxDetectionAgents agents; cheaters' honest twins for runs of
    // up to MaxTwinAgents agents.
    std::optional<DetectionSummary> detection;
    // With RunOptions::learned: each learning agent's table at the end, by agent id.
    std::map<std::string, LearnedTable> learned;
    // The mechanism's order book as the last round left it, if it keeps one (a double auction).
    std::optional<OrderBook> book;
};

inline constexpr std::size_t MaxTwinAgents = 200;
inline constexpr int MaxTwins = 10;

struct RunOptions {
    bool twins = true; // play each cheater's honest twin (up to MaxTwins in markets of up to MaxTwinAgents)
    // Hash the state after every round (a report's per-round hash column); false: only after the last round, which
    // is all a sweep keeps (hashing reads the whole state: a fifth of a small market's run).
    bool roundHashes = true;
    // Also each round's StateParts (RunResult::stateParts), for a run file (runfile.h).
    bool stateParts = false;
    // Also what each learning agent has learnt at the end (RunResult::learned): a policy to save.
    bool learned = false;
    // The language model the run's LLM negotiators ask (llmdialogue.h); null: they play their fallback.
    std::shared_ptr<LanguageModel> languageModel = nullptr;
};

// Runs the scenario for scenario.rounds rounds. progress(round, total), when given, is called after each round.
// Throws std::invalid_argument for an invalid scenario.
RunResult runScenario(
    const Scenario& scenario, const std::function<void(int, int)>& progress = {}, RunOptions options = {});

} // namespace haggle::lab
