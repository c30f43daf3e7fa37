// What the bargaining experiments (rubinstein, tactics, learning) share: the contenders they set against each other, a
// pairing's trial (one buyer and one seller trading round after round, each negotiation scored against bargaining
// theory, bargaining.h) and the per-window rewards of a Q-learning negotiator.
#pragma once

#include "bargaining.h"
#include "experimentresult.h"
#include "scenario.h"
#include "statistics.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace haggle::lab {

struct Contender {
    std::string label; // "greedy", "fair t=0.30", ...
    StrategySpec strategy;
};
// The strategies the bargaining experiments set against each other, Haggle's four and the classic tactics, at their
// defaults: greedy, fair, patient, adaptive, boulware, time-dependent (linear), conceder, tit-for-tat.
std::vector<Contender> bargainingContenders();
Contender contender(std::string label, std::string type, ParameterValues params = {});

// The handshake pair (a seeker needing 10 GPU hours each round, a provider holding 100) with these strategies, the
// buyer's urgency drawn uniformly from [0, 1] by the trial's seed (its value of the compute is 1 + urgency per unit).
Scenario pairingScenario(const StrategySpec& buyer, const StrategySpec& seller, std::uint64_t seed, int rounds,
    const bargaining::Settings& analysis = {});

// One pairing's trial, every negotiation scored. Means over negotiations; utilities count a failure as the
// disagreement point (0); prices are over deals.
struct PairingTrial {
    int negotiations = 0;
    int deals = 0;
    double buyerValue = 0.0;
    double spePrice = 0.0; // Rubinstein's price for this buyer's value
    std::optional<double> meanPrice;
    std::optional<double> meanOverSpe; // mean (price - SPE price) over deals
    double meanNashDistance = 0.0;
    double meanBuyerUtility = 0.0;
    double meanSellerUtility = 0.0;
    double meanTurns = 0.0;

    double dealRate() const noexcept { return negotiations ? double(deals) / negotiations : 0.0; }
};
PairingTrial runPairing(const Scenario& pairing);

// A Q-learning negotiator's mean reward per negotiation in each window of `window` rounds of a run (NaN for a window
// without negotiations); the learner is the agent at `learner`.
std::vector<double> learningCurve(const Scenario& scenario, std::size_t learner, int window);

// A Ranking chart: one box per entry (its mean, range and 95% confidence interval), in the order given.
struct RankedSummary {
    std::string label;
    Summary summary;
};
ResultSeries rankingSeries(std::string name, std::string title, std::string xTitle, std::string yTitle,
    const std::vector<RankedSummary>& entries);

// The mixed market: two providers (30 GPU hours each) and two seekers (10 GPU hours every round) of each contender,
// trading in the handshake's market for `rounds` rounds.
Scenario mixedMarket(const std::vector<Contender>& contenders, std::uint64_t seed, int rounds);
// Plays one: each contender's mean gain in net worth per agent, in contender order.
std::vector<double> mixedMarketGains(const std::vector<Contender>& contenders, std::uint64_t seed, int rounds);
// Gains over trials (one vector a trial, an entry a contender): each contender's summary, the best first.
std::vector<RankedSummary> rankedGains(
    const std::vector<Contender>& contenders, const std::vector<std::vector<double>>& trials);

// The values of a vector that are numbers (not NaN), summarised.
Summary summarizeNumbers(const std::vector<double>& values);
// A summary's mean, or nothing when it has no values.
Cell meanCell(const Summary& s);
Cell ciCell(const Summary& s);

} // namespace haggle::lab
