// What the bargaining experiments share (see bargainingstudy.h).
#include "bargainingstudy.h"

#include "builtinscenarios.h"
#include "learningnegotiator.h"
#include "rng.h"
#include "simulation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace haggle::lab {

Contender contender(std::string label, std::string type, ParameterValues params)
{
    StrategySpec spec;
    spec.type = std::move(type);
    spec.params = std::move(params);
    return { std::move(label), std::move(spec) };
}

std::vector<Contender> bargainingContenders()
{
    std::vector<Contender> all;
    for (const char* type :
        { "greedy", "fair", "patient", "adaptive", "boulware", "time-dependent", "conceder", "tit-for-tat" })
        all.push_back(contender(type == std::string("time-dependent") ? "linear" : type, type));
    return all;
}

Scenario pairingScenario(const StrategySpec& buyer, const StrategySpec& seller, std::uint64_t seed, int rounds,
    const bargaining::Settings& analysis)
{
    Scenario s = builtinScenario("handshake");
    s.seed = seed;
    s.rounds = rounds;
    s.presentation = {};
    s.analysis = analysis;
    s.agents[0].strategy = buyer;
    s.agents[1].strategy = seller;
    // The urgency comes from its own stream (the seed's second derived seed), so the run's own draws are untouched.
    Rng draw(deriveSeed(seed, 1));
    s.agents[0].urgency = draw.uniform01();
    return s;
}

PairingTrial runPairing(const Scenario& pairing)
{
    PairingTrial t;
    Simulation sim(pairing);
    sim.setRecordMessages(false);
    const auto& buyerSpec = pairing.agents[0];
    t.buyerValue = bargaining::buyerValue(pairing.market.jobValue, buyerSpec.urgency);
    const bargaining::Problem problem = pairing.analysis.problem(t.buyerValue);
    t.spePrice = bargaining::rubinsteinPrice(problem);
    double price = 0.0, over = 0.0, nash = 0.0, buyer = 0.0, seller = 0.0, turns = 0.0;
    for (int r = 0; r < pairing.rounds; ++r) {
        sim.step();
        for (const auto& n : sim.lastEvents().negotiations) {
            const bool agreed = n.outcome == NegotiationOutcome::Accepted;
            const auto a = bargaining::analyse(problem, agreed ? std::optional(n.unitPrice) : std::nullopt);
            ++t.negotiations;
            turns += n.turns;
            nash += a.nashDistance;
            buyer += a.outcome.buyer;
            seller += a.outcome.seller;
            if (agreed) {
                ++t.deals;
                price += n.unitPrice;
                over += a.priceOverRubinstein;
            }
        }
    }
    if (t.negotiations > 0) {
        t.meanNashDistance = nash / t.negotiations;
        t.meanBuyerUtility = buyer / t.negotiations;
        t.meanSellerUtility = seller / t.negotiations;
        t.meanTurns = turns / t.negotiations;
    }
    if (t.deals > 0) {
        t.meanPrice = price / t.deals;
        t.meanOverSpe = over / t.deals;
    }
    return t;
}

std::vector<double> learningCurve(const Scenario& scenario, std::size_t learner, int window)
{
    Simulation sim(scenario);
    sim.setRecordMessages(false);
    const auto* q = dynamic_cast<const QLearningStrategy*>(&sim.agents()[learner].strategy());
    if (!q)
        throw std::invalid_argument("agent " + std::to_string(learner) + " is not a Q-learning negotiator");
    // From where it starts: a learner loaded with a policy has learnt from episodes before this run.
    double reward = q->totalReward();
    long long episodes = q->episodes();
    std::vector<double> curve;
    for (int r = 1; r <= scenario.rounds; ++r) {
        sim.step();
        if (r % window != 0)
            continue;
        q = dynamic_cast<const QLearningStrategy*>(&sim.agents()[learner].strategy());
        const long long n = q->episodes() - episodes;
        curve.push_back(n > 0 ? (q->totalReward() - reward) / double(n) : std::numeric_limits<double>::quiet_NaN());
        reward = q->totalReward();
        episodes = q->episodes();
    }
    return curve;
}

ResultSeries rankingSeries(std::string name, std::string title, std::string xTitle, std::string yTitle,
    const std::vector<RankedSummary>& entries)
{
    ResultSeries chart { std::move(name), std::move(title), ChartKind::Ranking, std::move(xTitle), std::move(yTitle),
        {}, { { "mean", {}, {} }, { "low", {}, {} }, { "high", {}, {} }, { "ci95", {}, {} } } };
    for (const auto& e : entries) {
        chart.categories.push_back(e.label);
        chart.lines[0].y.push_back(e.summary.mean);
        chart.lines[1].y.push_back(e.summary.min);
        chart.lines[2].y.push_back(e.summary.max);
        chart.lines[3].y.push_back(e.summary.ci95);
    }
    return chart;
}

Scenario mixedMarket(const std::vector<Contender>& contenders, std::uint64_t seed, int rounds)
{
    Scenario s = builtinScenario("handshake");
    s.name = "mixed market";
    s.presentation = {};
    s.seed = seed;
    s.rounds = rounds;
    const AgentSpec seeker = s.agents[0];
    const AgentSpec provider = s.agents[1];
    s.agents.clear();
    for (const auto& c : contenders) {
        for (int i = 1; i <= 2; ++i) {
            AgentSpec p = provider;
            p.id = c.label + "_provider_" + std::to_string(i);
            p.strategy = c.strategy;
            p.holdings = {};
            p.holdings.gpu = 30.0;
            s.agents.push_back(p);
            AgentSpec b = seeker;
            b.id = c.label + "_seeker_" + std::to_string(i);
            b.strategy = c.strategy;
            s.agents.push_back(b);
        }
    }
    return s;
}

std::vector<double> mixedMarketGains(const std::vector<Contender>& contenders, std::uint64_t seed, int rounds)
{
    const Scenario s = mixedMarket(contenders, seed, rounds);
    Simulation sim(s);
    sim.setRecordMessages(false);
    std::vector<double> start;
    for (const auto& a : sim.agents())
        start.push_back(a.netWorth(s.market.referencePrices));
    for (int r = 0; r < s.rounds; ++r)
        sim.step();
    constexpr std::size_t AgentsEach = 4;
    std::vector<double> gain(contenders.size(), 0.0);
    for (std::size_t a = 0; a < sim.agents().size(); ++a)
        gain[a / AgentsEach] += (sim.agents()[a].netWorth(s.market.referencePrices) - start[a]) / AgentsEach;
    return gain;
}

std::vector<RankedSummary> rankedGains(
    const std::vector<Contender>& contenders, const std::vector<std::vector<double>>& trials)
{
    std::vector<RankedSummary> ranked;
    for (std::size_t x = 0; x < contenders.size(); ++x) {
        std::vector<double> gains;
        for (const auto& trial : trials)
            gains.push_back(trial[x]);
        ranked.push_back({ contenders[x].label, summarize(gains) });
    }
    std::stable_sort(ranked.begin(), ranked.end(),
        [](const RankedSummary& a, const RankedSummary& b) { return a.summary.mean > b.summary.mean; });
    return ranked;
}

Summary summarizeNumbers(const std::vector<double>& values)
{
    std::vector<double> numbers;
    for (double v : values) {
        if (!std::isnan(v))
            numbers.push_back(v);
    }
    return summarize(numbers);
}

Cell meanCell(const Summary& s)
{
    return s.n > 0 ? Cell(s.mean) : Cell();
}

Cell ciCell(const Summary& s)
{
    return s.n > 1 ? Cell(s.ci95) : Cell();
}

} // namespace haggle::lab
