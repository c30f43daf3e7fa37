// The prototype's three reference experiments (SCENARIOS.md), reproduced on the built-in scenarios:
//   handshake: a message trace, the 4x4 strategy matrix, Adaptive convergence;
//   scarcity:  the 100-round market, the rush hour by phase, the tournament;
//   trust:     the always-cheater and the 5% cheater, and their comparison.
// Multi-trial parts run on a TrialRunner with per-trial seeds deriveSeed(base, i), so every number is the same for
// any thread count.
#pragma once

#include "runresult.h"
#include "statistics.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace haggle::lab {

struct ExperimentOptions {
    std::optional<int> trials; // overrides each multi-trial part's default count (matrix seeds, trials)
    std::optional<std::uint64_t> seed; // overrides the base seed of every part
    int threads = 0; // 0: one per hardware thread
};

inline constexpr int DefaultMatrixSeeds = 50;
inline constexpr int DefaultTrials = 20;

// --- Experiment 1 ---------------------------------------------------------------------------------------------

struct TraceEntry {
    std::string type; // "REQUEST", "OFFER", ...
    std::string from;
    std::string to;
    int turn = 0;
    double price = 0.0; // total price the message carries (REQUEST: the buyer's maximum)
    std::string reason; // REJECT / DEFAULT reasons
};

struct HandshakeResult {
    std::string traceBuyer, traceSeller; // agent ids of the traced negotiation
    std::vector<TraceEntry> trace;
    std::string traceOutcome; // "accepted", "rejected", "turn_limit"
    std::vector<std::string> strategies; // matrix order: greedy, fair, patient, adaptive
    std::vector<std::vector<double>> dealRate; // [buyer][seller], 0..1
    std::vector<std::vector<std::optional<double>>> meanPrice; // mean agreed unit price, when any deal
    std::vector<std::vector<double>> meanTurns; // proposals per negotiation
    int seeds = 0;
    std::uint64_t baseSeed = 0;
    RunResult convergence; // the two Adaptive agents
    std::vector<double> convergencePrices; // each deal's unit price, in order
    double earlyVolatility = 0.0; // standard deviation of the first 20 deal prices
    double lateVolatility = 0.0; // of the last 20
    std::optional<int> stableFromDeal; // first deal (1-based) after which the price never moves by more than 0.001
};

HandshakeResult runHandshake(const ExperimentOptions& options);

// --- Experiment 2 ---------------------------------------------------------------------------------------------

struct PhaseResult {
    std::string name; // a demand phase's name, or "normal" between phases
    int firstRound = 0;
    int lastRound = 0;
    int negotiations = 0; // summed over trials
    int deals = 0;
    double successRate = 0.0; // deals / negotiations over all trials
    std::optional<double> meanUnitPrice; // over all the phase's deals in all trials
    Summary successRateByTrial; // the phase's success rate, one value per trial
};

struct RankingEntry {
    int rank = 0; // 1 = richest on average
    std::string agent;
    std::string strategy;
    std::string role;
    double startWorth = 0.0;
    Summary worth; // final net worth over the trials
    Summary deals; // deals per trial
};

struct ScarcityResult {
    RunResult market; // the 100-round scarcity run
    RunResult rushExample; // the first rush-hour trial, for charts
    int rushTrials = 0;
    std::vector<PhaseResult> phases;
    double rushVersusNormalSuccessD = 0.0; // Cohen's d: per-trial success rate, rush hour vs the first normal phase
    int tournamentTrials = 0;
    std::vector<RankingEntry> ranking;
    double adaptiveVersusGreedySeekerD = 0.0; // Cohen's d on final worth
};

ScarcityResult runScarcity(const ExperimentOptions& options);

// --- Experiment 3 ---------------------------------------------------------------------------------------------

struct TrustWindow {
    int firstRound = 0;
    int lastRound = 0;
    double meanReputation = 0.0; // honest agents' mean view of the cheater, averaged over the window's rounds
    int cheaterDeals = 0;
};

struct CheaterResult {
    std::string cheater; // agent id
    int rounds = 0;
    std::uint64_t seed = 0;
    double cheatProbability = 0.0;
    std::vector<double> reputationByRound; // honest agents' mean view of the cheater after each round
    std::vector<int> cheaterDealsByRound;
    std::vector<TrustWindow> windows;
    int defaults = 0;
    int totalDeals = 0;
    double startBudget = 0.0, finalBudget = 0.0;
    double startWorth = 0.0, finalWorth = 0.0;
    std::optional<int> isolatedAtRound; // first round after which every honest agent rates it below its threshold
    RunResult run; // for charts and exports
    int trials = 0; // the statistics below come from this many seeds
    Summary finalWorthByTrial;
    Summary dealsByTrial;
    Summary finalReputationByTrial;
    int isolatedTrials = 0; // trials in which it was isolated
};

struct TrustResult {
    CheaterResult always;
    CheaterResult subtle;
    double finalWorthD = 0.0; // Cohen's d, subtle vs always, over the trials
    double dealsD = 0.0;
};

TrustResult runTrust(const ExperimentOptions& options);

// Rounds split into maximal runs of the same demand phase; rounds outside phases are called "normal".
std::vector<PhaseResult> phaseSegments(const Scenario& scenario);

} // namespace haggle::lab
