// Experiment `futures`: compute futures (the futures mechanism, futuresmechanism.h) against a spot market alone (the
// double auction), under stable demand and under bursty demand (five-round rushes three times a provider fleet's
// capacity), over trials:
//   1. spot against futures: the spot unit price, its volatility from round to round, the futures unit price, the
//      buyers' surplus, contracts traded and defaulted (one provider withholds 30% of its deliveries), open interest;
//   2. arbitrage: an arbitrageur that buys futures below the forecast spot price and resells on the spot market, its
//      profit a round in each market;
//   3. charts: the spot and futures unit prices and the open interest, round by round (means over trials).
#pragma once

#include "experiment.h"
#include "scenario.h"

#include <cstdint>
#include <string>

namespace haggle::lab {

// One market of the experiment: 8 providers of 4 GPU hours (unit costs 0.2 to 0.8; the first withholds 30% of what
// it owes) and 16 buyers of one GPU hour (urgency 0 to 1), zero-intelligence traders (ZI-C) all, each buyer needing
// an hour with probability 0.6 a round (stable), or 0.4 a round with five-round rushes from round 11 every 20 rounds
// in which every buyer needs 3 hours (bursty: 48 hours asked of 32); with an arbitrageur or not.
struct FuturesMarket {
    std::string mechanism = "futures"; // or "double-auction": the spot market alone
    bool bursty = false;
    bool arbitrageur = false;
    int rounds = 100;
    int horizon = 5;
    std::uint64_t seed = 1;
};
Scenario futuresScenario(const FuturesMarket& market);

class FuturesExperiment : public Experiment {
public:
    explicit FuturesExperiment(const Parameters& parameters);

    static KindInfo kindInfo();
    ExperimentResult run(const ExperimentContext& context) const override;

private:
    // The defaults of its parameters (kindInfo()).
    static constexpr int DefaultTrials = 30;
    static constexpr std::uint64_t DefaultSeed = 1848; // the Chicago Board of Trade
    int m_trials;
    std::uint64_t m_seed;
    int m_rounds;
    int m_horizon;
};

} // namespace haggle::lab
