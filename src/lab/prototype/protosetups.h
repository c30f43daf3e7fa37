// The markets and runs the prototype's experiments share (docs/prototype-rules.md, "Experiments"): the handshake
// pair, the scarcity market, the trust-fall agents and the cheater run, with every seed shifted by the experiment's
// seed offset.
#pragma once

#include "prototype/protomarket.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace haggle::lab::prototype {

using haggle::prototype::Agent;
using haggle::prototype::Market;
using haggle::prototype::PyRandom;
using haggle::prototype::Resource;
using haggle::prototype::Strategy;

inline Resource gpu(double hours)
{
    return { hours, 0.0, 0.0 };
}
Agent makeAgent(std::string id, Resource resources, double budget, Strategy strategy, double urgency);

// The four strategy kinds of the handshake matrix, in its order: greedy, fair, patient, adaptive.
inline constexpr std::string_view MatrixKinds[] = { "greedy", "fair", "patient", "adaptive" };
Strategy matrixStrategy(std::string_view kind);

// exp1's pair: a buyer (budget 20, needs gpu 10, urgency 0.7) and a seller (gpu 50, budget 5, urgency 0.2); max 8
// turns. The buyer is agent 0.
Market handshakePair(PyRandom& rng, Strategy buyer, Strategy seller, std::int64_t seed);
// exp1's and exp4's two Adaptive agents (beliefs 0.5 and 1.5): 100 rounds of gpu 5; the market and the prices
// agreed.
struct Convergence {
    Market market;
    std::vector<double> prices;
};
Convergence convergenceRun(PyRandom& rng, std::int64_t seed);

// exp2's market: three providers and two seekers (agents 3 and 4).
std::vector<Agent> scarcityMarket();

// exp2's and exp4's tournament: `trials` trials of 50 rounds in the scarcity market (trial i with seed i + offset),
// both seekers needing (gpu 5, cpu 3) each round. Each agent's net worth per trial, in trial order; the agents
// ranked by their mean worth, highest first (a stable sort: the prototype's).
struct TournamentEntry {
    std::string id;
    std::vector<double> worth; // per trial
    double mean = 0.0;
};
struct Tournament {
    std::vector<std::vector<double>> worthByTrial; // per trial, per agent in market order
    std::vector<TournamentEntry> ranking;
};
Tournament tournament(int trials, std::int64_t seedOffset, int threads);

// exp3's agents: five reputation-aware honest agents and cheater_mallory (agent 5) with cheat probability p.
std::vector<Agent> trustAgents(double cheatProbability);

// exp3's cheater_run(): each round three honest seekers (sample), Mallory needing with probability 0.5; the
// honest agents' mean view of Mallory and Mallory's deals, per round.
struct CheaterRun {
    std::vector<double> reputation; // per round
    std::vector<int> deals; // per round
    int incidents = 0;
    double finalReputation() const { return reputation.back(); }
};
// `gossip`: exp6's collaborative simulator (gossip after every round).
CheaterRun cheaterRun(Market& market, int rounds, bool gossip = false);
Market cheaterMarket(PyRandom& rng, double cheatProbability, std::int64_t seed);
inline constexpr int Mallory = 5;

// The mean over the honest agents (agent order) of their view of `subject`: sum / count, left to right.
double meanView(const Market& market, std::span<const int> honest, int subject);

} // namespace haggle::lab::prototype
