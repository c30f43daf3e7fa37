// The market the mechanisms experiment (mechanismsexperiment.h) puts every mechanism on, and what one run of it
// measures.
//
// The market: `providers` providers with one GPU hour each, unit costs evenly spread over [0.2, 1.4], and `seekers`
// seekers, values per unit evenly spread over [1, 2] (urgency 0 to 1 at job value 1): a market of unit demand and unit
// supply whose maximum surplus is that of Gode and Sunder's, worked out round by round (surplus.h). Demand: each seeker
// needs one GPU hour with probability 0.5 a round (normal: about 0.75 of the capacity), or every round (rush hour: 1.5
// times the capacity). With cheaters, one in five providers and one in five seekers default on a deal with probability
// 0.5. Every agent trades with the same strategy kind (zero intelligence, constrained, by default), which speaks every
// mechanism's protocol.
#pragma once

#include "scenario.h"
#include "statistics.h"

#include <cstdint>
#include <string>
#include <vector>

namespace haggle::lab {

enum class DemandRegime : std::uint8_t { Normal, RushHour };
std::string_view demandRegimeName(DemandRegime regime) noexcept; // "normal", "rush hour"

struct MechanismMarket {
    KindSpec mechanism { "bilateral", {} };
    DemandRegime regime = DemandRegime::Normal;
    bool cheaters = false;
    std::string trader = "zi-c"; // the strategy kind of every agent
    int providers = 40;
    int seekers = 60; // 1.5 x providers
    int rounds = 30;
    std::uint64_t seed = 1;
};

Scenario mechanismScenario(const MechanismMarket& market);

// What one run measured.
struct MechanismTrial {
    double efficiency = 0.0; // realised surplus / maximum surplus over the run (1 when nothing could be gained)
    double successRate = 0.0; // needs met / needs
    double volatility = 0.0; // coefficient of variation of the rounds' mean unit price (0 with under two such rounds)
    double jain = 0.0; // Jain's index of the compute each seeker received
    double roundsToAllocation = 0.0; // mean over seekers of the round it first got compute (never: rounds + 1)
    double defaultLosses = 0.0; // value defaulted on (price of the deals a party withheld), per round
    double meanPrice = 0.0; // mean unit price of the run's deals (0: none)
};

MechanismTrial runMechanismMarket(const MechanismMarket& market);

// The named metrics of a trial, in the experiment's column order.
struct MechanismMetric {
    std::string_view name; // column stem: "efficiency", ...
    std::string_view unit; // "share", "", "rounds", ...
    double MechanismTrial::*field;
};
const std::vector<MechanismMetric>& mechanismMetrics();

} // namespace haggle::lab
