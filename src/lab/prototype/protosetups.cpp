// The prototype experiments' shared markets and runs (see protosetups.h).
#include "protosetups.h"

#include "pystats.h"
#include "trialrunner.h"

#include <algorithm>
#include <stdexcept>

namespace haggle::lab::prototype {

Agent makeAgent(std::string id, Resource resources, double budget, Strategy strategy, double urgency)
{
    Agent a;
    a.id = std::move(id);
    a.resources = resources;
    a.budget = budget;
    a.strategy = std::move(strategy);
    a.urgency = urgency;
    return a;
}

Strategy matrixStrategy(std::string_view kind)
{
    if (kind == "greedy")
        return Strategy::greedy(0.7);
    if (kind == "fair")
        return Strategy::fair(0.15);
    if (kind == "patient")
        return Strategy::patient(0.8);
    if (kind == "adaptive")
        return Strategy::adaptive(1.0, 0.2);
    throw std::invalid_argument("unknown matrix strategy");
}

Market handshakePair(PyRandom& rng, Strategy buyer, Strategy seller, std::int64_t seed)
{
    std::vector<Agent> agents;
    agents.push_back(makeAgent("buyer", {}, 20.0, std::move(buyer), 0.7));
    agents.back().pendingNeeds = gpu(10);
    agents.push_back(makeAgent("seller", gpu(50), 5.0, std::move(seller), 0.2));
    return Market(std::move(agents), rng, 8, seed);
}

Convergence convergenceRun(PyRandom& rng, std::int64_t seed)
{
    std::vector<Agent> agents;
    agents.push_back(makeAgent("adaptive_buyer", {}, 200.0, Strategy::adaptive(0.5), 0.6));
    agents.push_back(makeAgent("adaptive_seller", gpu(500), 10.0, Strategy::adaptive(1.5), 0.3));
    const std::pair<int, int> pair[] = { { 0, 1 } };
    Convergence run { Market(std::move(agents), rng, 8, seed), {} };
    Market& market = run.market;
    std::vector<double>& prices = run.prices;
    for (int i = 0; i < 100; ++i) {
        market.agent(0).pendingNeeds = gpu(5);
        market.runRound(pair);
        const auto& last = market.lastResults().back();
        if (last.agreed)
            prices.push_back(last.price);
    }
    return run;
}

std::vector<Agent> scarcityMarket()
{
    std::vector<Agent> agents;
    agents.push_back(makeAgent("greedy_provider", { 100, 50, 0 }, 10.0, Strategy::greedy(0.6), 0.1));
    agents.push_back(makeAgent("fair_provider", { 80, 80, 0 }, 15.0, Strategy::fair(0.15), 0.2));
    agents.push_back(makeAgent("patient_provider", { 120, 30, 0 }, 5.0, Strategy::patient(0.9), 0.1));
    agents.push_back(makeAgent("adaptive_seeker", gpu(5), 100.0, Strategy::adaptive(1.0), 0.8));
    agents.push_back(makeAgent("greedy_seeker", gpu(5), 80.0, Strategy::greedy(0.5), 0.9));
    return agents;
}

Tournament tournament(int trials, std::int64_t seedOffset, int threads)
{
    Tournament t;
    t.worthByTrial = TrialRunner(threads).run(trials, [seedOffset](int trial) {
        PyRandom rng;
        Market market(scarcityMarket(), rng, 6, trial + seedOffset);
        for (int r = 0; r < 50; ++r) {
            market.agent(3).pendingNeeds = { 5, 3, 0 };
            market.agent(4).pendingNeeds = { 5, 3, 0 };
            market.runRound();
        }
        std::vector<double> worth;
        for (const auto& a : market.agents())
            worth.push_back(a.netWorth());
        return worth;
    });
    const std::vector<Agent> agents = scarcityMarket();
    for (std::size_t i = 0; i < agents.size(); ++i) {
        TournamentEntry entry { agents[i].id, {}, 0.0 };
        for (const auto& trial : t.worthByTrial)
            entry.worth.push_back(trial[i]);
        entry.mean = pyMean(entry.worth);
        t.ranking.push_back(std::move(entry));
    }
    std::stable_sort(t.ranking.begin(), t.ranking.end(),
        [](const TournamentEntry& a, const TournamentEntry& b) { return a.mean > b.mean; });
    return t;
}

std::vector<Agent> trustAgents(double cheatProbability)
{
    std::vector<Agent> agents;
    agents.push_back(makeAgent("honest_alice", gpu(100), 50.0, Strategy::fair().reputationAware(), 0.3));
    agents.push_back(makeAgent("honest_bob", gpu(80), 60.0, Strategy::adaptive().reputationAware(), 0.4));
    agents.push_back(makeAgent("honest_carol", gpu(90), 45.0, Strategy::fair().reputationAware(), 0.2));
    agents.push_back(makeAgent("honest_dave", gpu(70), 70.0, Strategy::adaptive().reputationAware(), 0.5));
    agents.push_back(makeAgent("seeker_eve", gpu(5), 100.0, Strategy::fair().reputationAware(), 0.7));
    agents.push_back(makeAgent("cheater_mallory", gpu(100), 50.0, Strategy::cheater(cheatProbability), 0.3));
    return agents;
}

Market cheaterMarket(PyRandom& rng, double cheatProbability, std::int64_t seed)
{
    Market market(trustAgents(cheatProbability), rng, 6, seed);
    market.markCheater(Mallory);
    return market;
}

double meanView(const Market& market, std::span<const int> honest, int subject)
{
    double sum = 0.0;
    for (int h : honest)
        sum = sum + market.agent(h).reputation.of(subject);
    return sum / static_cast<double>(honest.size());
}

CheaterRun cheaterRun(Market& market, int rounds, bool gossip)
{
    static constexpr int Honest[] = { 0, 1, 2, 3, 4 };
    market.setGossip(gossip);
    CheaterRun run;
    run.reputation.reserve(static_cast<std::size_t>(rounds));
    run.deals.reserve(static_cast<std::size_t>(rounds));
    std::vector<std::size_t> seekers;
    PyRandom& rng = market.rng();
    for (int r = 0; r < rounds; ++r) {
        rng.sample(5, 3, seekers);
        for (auto& a : market.agents())
            a.pendingNeeds = {};
        for (std::size_t s : seekers)
            market.agent(Honest[s]).pendingNeeds = gpu(5);
        if (rng.random() < 0.5)
            market.agent(Mallory).pendingNeeds = gpu(5);
        market.runRound();
        if (gossip)
            continue; // the collaborative run keeps no history
        run.reputation.push_back(meanView(market, Honest, Mallory));
        // The prototype counts among the last len(needs) results: this round's, as every needer finds a seller.
        int deals = 0;
        for (const auto& result : market.lastResults()) {
            if (result.agreed && (result.buyer == Mallory || result.seller == Mallory))
                ++deals;
        }
        run.deals.push_back(deals);
    }
    run.incidents = market.incidents();
    return run;
}

} // namespace haggle::lab::prototype
