// Conservation and sanity invariants over thousands of rounds of random scenarios: random populations of every
// strategy (cheaters, brokers and wrapped ones included), random holdings of all three kinds, random reference
// prices, random demand with phases.
#include "kinds.h"
#include "rng.h"
#include "simulation.h"
#include "strategyregistry.h"

#include <QTest>

#include <cmath>

using namespace haggle;

namespace {

ResourceBundle randomBundle(Rng& rng, double scale)
{
    ResourceBundle b;
    b.gpu = std::floor(rng.uniform01() * scale);
    b.cpu = rng.bernoulli(0.5) ? std::floor(rng.uniform01() * scale) : 0.0;
    b.memory = rng.bernoulli(0.3) ? std::floor(rng.uniform01() * scale * 4) : 0.0;
    return b;
}

NeedRule randomRule(Rng& rng, const Scenario& s)
{
    NeedRule r;
    switch (rng.below(3)) {
    case 0:
        r.who = NeedRule::Who::All;
        break;
    case 1:
        r.who = NeedRule::Who::Role;
        r.role = rng.bernoulli(0.5) ? "seeker" : "provider";
        break;
    default:
        r.who = NeedRule::Who::Agents;
        for (const auto& a : s.agents) {
            if (rng.bernoulli(0.4))
                r.agents.push_back(a.id);
        }
        if (r.agents.empty())
            r.agents.push_back(s.agents[0].id);
    }
    if (rng.bernoulli(0.3))
        r.count = static_cast<int>(rng.below(4));
    r.probability = rng.uniform01();
    r.need = randomBundle(rng, 12);
    if (r.need.isZero())
        r.need.gpu = 1;
    return r;
}

// minAgents..minAgents+10 agents: up to 17 means every peer is canvassed, more means sixteen drawn at random.
Scenario randomScenario(std::uint64_t seed, int minAgents = 2)
{
    Rng rng(seed * 7919 + 1);
    Scenario s;
    s.seed = seed;
    s.rounds = 20;
    s.mechanism.params["max_turns"] = 1 + static_cast<int>(rng.below(8));
    s.market.referencePrices.perUnit = { 0.5 + rng.uniform01() * 2, 0.2 + rng.uniform01(), 0.05 + rng.uniform01() };
    s.market.loadPremium = rng.uniform01();
    const auto catalog = strategyCatalog().infos();
    const int n = minAgents + static_cast<int>(rng.below(11));
    for (int i = 0; i < n; ++i) {
        AgentSpec a;
        a.id = "agent" + std::to_string(i);
        a.role = rng.bernoulli(0.5) ? "seeker" : "provider";
        a.strategy.type = std::string(catalog[rng.below(catalog.size())].name);
        if (a.strategy.type == "cheater")
            a.strategy.params["cheat_probability"] = rng.uniform01();
        if (rng.bernoulli(0.4))
            a.strategy.trustThreshold = rng.uniform01() * 0.6;
        a.holdings = a.role == "provider" ? randomBundle(rng, 60) : randomBundle(rng, 5);
        a.budget = std::floor(rng.uniform01() * 300);
        a.urgency = rng.uniform01();
        s.agents.push_back(a);
    }
    s.demand.rules = { randomRule(rng, s) };
    if (rng.bernoulli(0.5)) {
        DemandPhase p;
        p.name = "spike";
        p.firstRound = 1 + static_cast<int>(rng.below(10));
        p.lastRound = p.firstRound + static_cast<int>(rng.below(8));
        p.rules = { randomRule(rng, s), randomRule(rng, s) };
        s.demand.phases = { p };
    }
    return s;
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max({ 1.0, std::abs(a), std::abs(b) });
}

} // namespace

class TestInvariants : public QObject {
    Q_OBJECT

private slots:
    void conservationOverRandomScenarios()
    {
        int rounds = 0, deals = 0, defaults = 0, brokerSales = 0;
        for (std::uint64_t seed = 1; seed <= 250; ++seed) {
            const Scenario scenario = randomScenario(seed);
            QVERIFY2(validateScenario(scenario).empty(), qPrintable(QString::number(seed)));
            Simulation sim(scenario);
            const ResourceBundle holdings = sim.totalHoldings();
            for (int r = 0; r < scenario.rounds; ++r) {
                const double budgetBefore = sim.totalBudget();
                const auto& summary = sim.step();
                const auto& ev = sim.lastEvents();
                ++rounds;
                // Holdings never change: compute is leased and returned.
                QVERIFY(sim.totalHoldings() == holdings);
                // Budgets change only by the jobs run: deal payments are zero-sum, defaults move one side only.
                double jobs = 0.0;
                for (const auto& j : ev.jobs)
                    jobs += j.value;
                QVERIFY2(near(sim.totalBudget(), budgetBefore + jobs),
                    qPrintable(QStringLiteral("seed %1 round %2").arg(seed).arg(r + 1)));
                QVERIFY(near(summary.jobValue, jobs));
                int expectedDefaults = 0;
                for (const auto& d : ev.deals) {
                    expectedDefaults += (d.delivered ? 0 : 1) + (d.paid ? 0 : 1);
                    QVERIFY(d.price >= 0.0);
                    brokerSales += d.sourcing ? 1 : 0;
                }
                QCOMPARE(int(ev.defaults.size()), expectedDefaults);
                for (const auto& def : ev.defaults) {
                    // Each default lowered the victim's view of the defaulter.
                    const auto it = std::find_if(
                        ev.reputationChanges.begin(), ev.reputationChanges.end(), [&](const ReputationChange& c) {
                            return c.observer == def.victim && c.subject == def.defaulter
                                && c.cause == ReputationCause::Defaulted;
                        });
                    QVERIFY(it != ev.reputationChanges.end());
                    QVERIFY(it->after <= it->before);
                }
                deals += summary.deals;
                defaults += summary.defaults;
                // Every job ran on delivered compute and at most one per agent in need.
                QVERIFY(summary.needsMet <= summary.needs);
                QVERIFY(summary.successRate >= 0.0 && summary.successRate <= 1.0);
                for (const auto& agent : sim.agents()) {
                    QVERIFY(agent.budget() >= -1e-9);
                    QVERIFY(agent.leasedIn().isZero() && agent.leasedOut().isZero());
                }
                for (double rep : summary.meanReputation)
                    QVERIFY(rep >= 0.0 && rep <= 1.0);
                // Negotiations respect the turn limit and open with a REQUEST.
                for (const auto& n : ev.negotiations) {
                    QVERIFY(n.turns <= scenario.mechanism.params.at("max_turns"));
                    const auto msgs = ev.messagesOf(n.id);
                    QVERIFY(!msgs.empty());
                    const auto request = std::find_if(
                        msgs.begin(), msgs.end(), [](const Message& m) { return m.type == MessageType::Request; });
                    QVERIFY(request != msgs.end());
                    const auto proposals = std::count_if(msgs.begin(), msgs.end(), [](const Message& m) {
                        return m.type == MessageType::Offer || m.type == MessageType::Counter;
                    });
                    QCOMPARE(int(proposals), n.turns);
                }
            }
        }
        QCOMPARE(rounds, 5000);
        // The random populations exercise what the invariants are about.
        QVERIFY(deals > 1000);
        QVERIFY(defaults > 50);
        QVERIFY(brokerSales > 10);
    }

    void summariesFollowTheAgents()
    {
        // The per-agent columns of a round's summary are updated only for the agents the round touched; they must
        // equal the agents' and the reputation model's state after every round, in populations large enough for
        // canvasses to draw peers (and rule many out from their capacity flags), with all three resources.
        int checked = 0;
        for (std::uint64_t seed = 1; seed <= 40; ++seed) {
            Simulation sim(randomScenario(seed, 24));
            const auto& prices = sim.scenario().market.referencePrices;
            for (int r = 0; r < 15; ++r) {
                const auto& summary = sim.step();
                const auto& agents = sim.agents();
                QCOMPARE(summary.netWorth.size(), agents.size());
                for (AgentIndex i = 0; i < agents.size(); ++i) {
                    // Exactly, not QCOMPARE's fuzzy double comparison: the same formula on the same state.
                    QVERIFY(summary.netWorth[i] == agents[i].netWorth(prices));
                    QVERIFY(summary.meanReputation[i] == sim.reputation().meanViewOf(i));
                    QCOMPARE(summary.dealsSoFar[i], agents[i].dealCount());
                }
                checked += summary.deals;
            }
        }
        QVERIFY(checked > 500);
    }
};

QTEST_GUILESS_MAIN(TestInvariants)
#include "tst_invariants.moc"
