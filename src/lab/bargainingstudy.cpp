// What the bargaining experiments share (see bargainingstudy.h).
#include "bargainingstudy.h"

#include "builtinscenarios.h"
#include "learningnegotiator.h"
#include "rng.h"
#include "simulation.h"

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
