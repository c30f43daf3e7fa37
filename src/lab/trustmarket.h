// The trust market the reputation studies share (detection, threshold, cheater-kinds): the built-in
// "trust-fall-always" market (five honest reputation-aware agents and one cheater, 60 rounds) with a chosen
// reputation model, gossip, trust threshold and cheater kind, and a fast single run that scores it with a
// DetectionTracker.
//
// A run here keeps nothing it does not need: no messages, no deal history, no recorder, no state hashes. Build the
// scenario once (trustMarket()) and give each trial a copy with its own seed (runTrustMarket()).
#pragma once

#include "catalog.h"
#include "scenario.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace haggle::lab {

// The reputation models the studies compare, in the order their tables and charts list them.
inline constexpr std::array<std::string_view, 5> TrustModels { "baseline", "beta", "eigentrust", "witness", "none" };
// "0 baseline, 1 beta, 2 eigentrust, 3 witness, 4 none": for an experiment parameter that picks one by index.
std::string_view trustModelIndexHelp() noexcept;

struct TrustMarketSetup {
    std::string model = "baseline"; // a reputation catalog kind
    ParameterValues modelParams; // over the kind's defaults (the built-in market's own, for baseline)
    double gossip = 0.0; // gossip probability; 0: off
    int gossipFanout = 1; // listeners per teller
    double gossipBelow = 1.0; // gossip shares only views below this (GossipSettings::below); 1: every view
    std::optional<double> threshold; // every honest agent's trust threshold; unset: the market's own (0.3)
    std::string cheaterKind = "cheater"; // a strategy kind that cheats
    ParameterValues cheaterParams;
    int cheaters = 1; // 2: a second agent like the first joins (a colluders' ring of two, say); honest ones stay five
    int rounds = 60;
};

// The market for the setup; its seed is the built-in market's (42). EigenTrust's pre-trusted peers: the first honest
// agent. Throws std::invalid_argument when the scenario it makes is invalid (an unknown kind or parameter).
Scenario trustMarket(const TrustMarketSetup& setup);
// The indices of the market's cheaters (the last `cheaters` agents).
std::size_t firstCheater(const Scenario& market) noexcept;

// What one run of a trust market gives the studies. With two cheaters, "isolated" means both are (the ring is cut
// off) and the isolation round is the later one.
struct TrustRun {
    bool cheaterIsolated = false; // at the run's end
    std::optional<int> isolationRound; // of the isolation lasting to the end
    std::optional<double> f1; // isolated against cheater, at the end (see detection.h)
    int honestIsolated = 0; // honest agents isolated at the end
    double cheaterWorth = 0.0; // the cheaters' mean final net worth
    double twinWorth = 0.0; // the same agents' mean when each in turn plays fair instead (runs only with twins)
    double lossToCheaters = 0.0; // price of every deal a cheater defaulted on
    int identities = 1; // the cheaters' most identities (a whitewasher's grow)
};

// One run of the market with this seed. `twins`: also run each cheater's honest twin (honestTwin()) with the same
// seed, for TrustRun::twinWorth.
TrustRun runTrustMarket(const Scenario& market, std::uint64_t seed, bool twins = false);

} // namespace haggle::lab
