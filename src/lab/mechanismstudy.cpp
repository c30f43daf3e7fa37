// The mechanisms experiment's market and its measures (see mechanismstudy.h).
#include "mechanismstudy.h"

#include "simulation.h"

#include <cmath>

namespace haggle::lab {

std::string_view demandRegimeName(DemandRegime regime) noexcept
{
    return regime == DemandRegime::Normal ? "normal" : "rush hour";
}

Scenario mechanismScenario(const MechanismMarket& m)
{
    Scenario s;
    s.name = "mechanisms: " + m.mechanism.type + ", " + std::string(demandRegimeName(m.regime))
        + (m.cheaters ? ", cheaters" : "");
    s.rounds = m.rounds;
    s.seed = m.seed;
    s.mechanism = m.mechanism;
    s.analysis.efficiency = true;
    const auto agent = [&](std::string id, std::string role, int k) {
        AgentSpec a;
        a.id = std::move(id);
        a.role = std::move(role);
        a.strategy.type = m.trader;
        // One in five of each side cheats, spread through the list.
        if (m.cheaters && k % 5 == 2)
            a.strategy.params["cheat_probability"] = 0.5;
        a.budget = 1000.0;
        return a;
    };
    for (int i = 0; i < m.providers; ++i) {
        AgentSpec a = agent("p" + std::to_string(i + 1), "provider", i);
        a.holdings.gpu = 1.0;
        a.unitCost = evenlySpread(i, m.providers, 0.2, 1.4);
        s.agents.push_back(std::move(a));
    }
    for (int j = 0; j < m.seekers; ++j) {
        AgentSpec a = agent("s" + std::to_string(j + 1), "seeker", j);
        a.urgency = evenlySpread(j, m.seekers, 0.0, 1.0);
        s.agents.push_back(std::move(a));
    }
    NeedRule rule;
    rule.who = NeedRule::Who::Role;
    rule.role = "seeker";
    rule.probability = m.regime == DemandRegime::Normal ? 0.5 : 1.0;
    rule.need.gpu = 1.0;
    s.demand.rules.push_back(rule);
    return s;
}

MechanismTrial runMechanismMarket(const MechanismMarket& market)
{
    Simulation sim(mechanismScenario(market));
    sim.setRecordMessages(false);
    sim.setDealHistoryLimit(0);
    const std::size_t n = sim.state().size();
    const auto firstSeeker = static_cast<std::size_t>(market.providers);
    std::vector<double> received(n, 0.0);
    std::vector<int> firstServed(n, 0);
    double surplus = 0.0;
    double best = 0.0;
    long needs = 0;
    long met = 0;
    double defaulted = 0.0;
    double priceSum = 0.0;
    long deals = 0;
    std::vector<double> roundPrices;
    for (int r = 1; r <= market.rounds; ++r) {
        const RoundSummary& s = sim.step();
        const RoundEvents& e = sim.lastEvents();
        surplus += s.surplus;
        best += s.maximumSurplus.value_or(0.0);
        needs += s.needs;
        met += s.needsMet;
        for (const JobRecord& job : e.jobs) {
            received[job.agent] += job.resources.units();
            if (firstServed[job.agent] == 0)
                firstServed[job.agent] = r;
        }
        for (const DefaultRecord& d : e.defaults)
            defaulted += d.price;
        for (const DealRecord& d : e.deals) {
            priceSum += d.unitPrice;
            ++deals;
        }
        if (s.meanUnitPrice)
            roundPrices.push_back(*s.meanUnitPrice);
    }
    MechanismTrial t;
    t.efficiency = best > 0.0 ? surplus / best : 1.0;
    t.successRate = needs > 0 ? static_cast<double>(met) / static_cast<double>(needs) : 0.0;
    if (roundPrices.size() >= 2) {
        const Summary p = summarize(roundPrices);
        t.volatility = p.mean > 0.0 ? p.sd / p.mean : 0.0;
    }
    const std::span<const double> seekers(received.data() + firstSeeker, n - firstSeeker);
    t.jain = jainIndex(seekers);
    double waited = 0.0;
    for (std::size_t i = firstSeeker; i < n; ++i)
        waited += firstServed[i] > 0 ? firstServed[i] : market.rounds + 1;
    t.roundsToAllocation = n > firstSeeker ? waited / static_cast<double>(n - firstSeeker) : 0.0;
    t.defaultLosses = market.rounds > 0 ? defaulted / market.rounds : 0.0;
    t.meanPrice = deals > 0 ? priceSum / static_cast<double>(deals) : 0.0;
    return t;
}

const std::vector<MechanismMetric>& mechanismMetrics()
{
    static const std::vector<MechanismMetric> metrics {
        { "efficiency", "share", &MechanismTrial::efficiency },
        { "success", "share", &MechanismTrial::successRate },
        { "volatility", "", &MechanismTrial::volatility },
        { "jain", "", &MechanismTrial::jain },
        { "rounds_to_allocation", "rounds", &MechanismTrial::roundsToAllocation },
        { "default_losses", "per round", &MechanismTrial::defaultLosses },
        { "mean_price", "unit price", &MechanismTrial::meanPrice },
    };
    return metrics;
}

} // namespace haggle::lab
