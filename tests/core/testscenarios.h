// Scenario builders shared by the core tests: the prototype's reference set-ups (SCENARIOS.md) in code, plus
// small helpers. The lab ships the same scenarios as JSON; here they are built directly so core tests need
// nothing but the engine.
#pragma once

#include "rng.h"
#include "scenario.h"

#include <QString>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace haggle::test {

// A generator for decisions tested outside a run (the strategies under test draw nothing from it).
inline Rng& testRng()
{
    static Rng rng(1);
    return rng;
}

// "p1", "s2", ...: built in steps, which GCC 12's -O3 string-overflow warning does not misread.
inline std::string indexedId(char prefix, std::size_t i)
{
    std::string result(1, prefix);
    result.append(std::to_string(i));
    return result;
}

inline AgentSpec agent(std::string id, std::string role, std::string strategy, double gpu, double budget,
    double urgency, std::map<std::string, double> params = {}, std::optional<double> trustThreshold = {})
{
    AgentSpec a;
    a.id = std::move(id);
    a.role = std::move(role);
    a.strategy.type = std::move(strategy);
    a.strategy.params = std::move(params);
    a.strategy.trustThreshold = trustThreshold;
    a.holdings.gpu = gpu;
    a.budget = budget;
    a.urgency = urgency;
    return a;
}

inline NeedRule needByRole(std::string role, double gpu, double probability = 1.0)
{
    NeedRule r;
    r.who = NeedRule::Who::Role;
    r.role = std::move(role);
    r.probability = probability;
    r.need.gpu = gpu;
    return r;
}

inline NeedRule needAll(double gpu)
{
    NeedRule r;
    r.who = NeedRule::Who::All;
    r.need.gpu = gpu;
    return r;
}

inline NeedRule needAmong(std::vector<std::string> ids, double gpu, std::optional<int> count, double probability = 1.0)
{
    NeedRule r;
    r.who = NeedRule::Who::Agents;
    r.agents = std::move(ids);
    r.count = count;
    r.probability = probability;
    r.need.gpu = gpu;
    return r;
}

// One buyer (a seeker needing 10 GPU hours each round) and one seller (a provider with 100).
inline Scenario handshakePair(
    const std::string& buyerStrategy, const std::string& sellerStrategy, std::uint64_t seed, int rounds = 1)
{
    Scenario s;
    s.name = "handshake";
    s.rounds = rounds;
    s.seed = seed;
    s.agents = { agent("buyer", "seeker", buyerStrategy, 0, 100000, 0.5),
        agent("seller", "provider", sellerStrategy, 100, 100, 0.5) };
    s.demand.rules = { needByRole("seeker", 10) };
    return s;
}

// Experiment 2: three providers (Fair, Patient, Greedy) with 30 GPU hours each, two seekers (Adaptive, Greedy)
// needing 10 GPU hours every round.
inline Scenario scarcityMarket(std::uint64_t seed, int rounds = 100)
{
    Scenario s;
    s.name = "scarcity";
    s.rounds = rounds;
    s.seed = seed;
    s.agents = { agent("fair_provider", "provider", "fair", 30, 100, 0.3),
        agent("patient_provider", "provider", "patient", 30, 100, 0.3),
        agent("greedy_provider", "provider", "greedy", 30, 100, 0.3),
        agent("adaptive_seeker", "seeker", "adaptive", 0, 150, 0.6),
        agent("greedy_seeker", "seeker", "greedy", 0, 150, 0.6) };
    s.demand.rules = { needByRole("seeker", 10) };
    return s;
}

// The scarcity market with a rush hour: rounds 11-20 every agent needs 20 GPU hours.
inline Scenario rushHour(std::uint64_t seed)
{
    Scenario s = scarcityMarket(seed, 30);
    s.name = "rush hour";
    DemandPhase rush;
    rush.name = "rush hour";
    rush.firstRound = 11;
    rush.lastRound = 20;
    rush.rules = { needAll(20) };
    s.demand.phases = { rush };
    return s;
}

// Experiment 3: five honest reputation-aware agents and one cheater.
inline Scenario trustFall(double cheatProbability, std::uint64_t seed, int rounds)
{
    Scenario s;
    s.name = "trust fall";
    s.rounds = rounds;
    s.seed = seed;
    s.mechanism.params["max_turns"] = 6;
    const double t = 0.3;
    s.agents = { agent("honest_alice", "honest", "fair", 100, 50, 0.3, {}, t),
        agent("honest_bob", "honest", "adaptive", 80, 60, 0.4, {}, t),
        agent("honest_carol", "honest", "fair", 90, 45, 0.2, {}, t),
        agent("honest_dave", "honest", "adaptive", 70, 70, 0.5, {}, t),
        agent("seeker_eve", "honest", "fair", 5, 100, 0.7, {}, t),
        agent("cheater_mallory", "cheater", "cheater", 100, 50, 0.3, { { "cheat_probability", cheatProbability } }) };
    s.demand.rules = { needAmong({ "honest_alice", "honest_bob", "honest_carol", "honest_dave", "seeker_eve" }, 5, 3),
        needAmong({ "cheater_mallory" }, 5, std::nullopt, 0.5) };
    return s;
}

inline QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace haggle::test
