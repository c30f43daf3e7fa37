// Scale populations for the benchmarks: a market of N agents built in code (no file), with the same mix as
// scripts/make-market.py: providers of four strategies, a few brokers, seekers, reputation-aware agents and a few
// cheaters; half the seekers need compute each round.
#pragma once

#include "rng.h"
#include "scenario.h"

#include <string>

namespace haggle::bench {

inline Scenario market(std::size_t agents, std::uint64_t seed = 7, int rounds = 100)
{
    Rng rng(seed);
    Scenario s;
    s.name = "benchmark market";
    s.seed = seed;
    s.rounds = rounds;
    const char* providerStrategies[] = { "fair", "fair", "adaptive", "patient", "greedy" };
    const char* seekerStrategies[] = { "adaptive", "adaptive", "fair", "greedy" };
    s.agents.reserve(agents);
    for (std::size_t i = 0; i < agents; ++i) {
        AgentSpec a;
        const double kind = rng.uniform01();
        if (kind < 0.45) {
            a.role = "provider";
            a.strategy.type = providerStrategies[rng.below(5)];
            a.holdings.gpu = 20.0 + 20.0 * double(rng.below(3));
            a.budget = 100.0;
        } else if (kind < 0.48) {
            a.role = "broker";
            a.strategy.type = "broker";
            a.budget = 300.0;
        } else {
            a.role = "seeker";
            a.strategy.type = seekerStrategies[rng.below(4)];
            a.budget = 200.0;
        }
        if (rng.uniform01() < 0.02) {
            a.strategy.type = "cheater";
            a.strategy.params["cheat_probability"] = 0.5;
        } else if (rng.uniform01() < 0.5) {
            a.strategy.trustThreshold = 0.3;
        }
        a.urgency = 0.1 + 0.8 * rng.uniform01();
        a.id = a.role + "_" + std::to_string(i);
        s.agents.push_back(std::move(a));
    }
    NeedRule seekers;
    seekers.who = NeedRule::Who::Role;
    seekers.role = "seeker";
    seekers.probability = 0.5;
    seekers.need.gpu = 10.0;
    s.demand.rules = { seekers };
    return s;
}

} // namespace haggle::bench
