// Time travel: checkpoints and seeking (RunHistory) give exactly the straight run's state at any round, forks continue
// a run under an edited scenario, and every scenario event kind does what docs/scenario-format.md says.
#include "kinds.h"
#include "marketrun.h"
#include "runhistory.h"
#include "simulation.h"
#include "testscenarios.h"

#include <QTest>

#include <algorithm>

using namespace haggle;
using namespace haggle::test;

namespace {

// The trust-fall market with one event of every kind, so that seeking crosses all of them.
Scenario eventfulMarket(int rounds)
{
    Scenario s = trustFall(0.5, 7, rounds);
    s.events.push_back(scenarioEvent("price-shock", 20, 40, {}, { { "gpu", 2.5 } }));
    ScenarioEvent surge = scenarioEvent("demand-surge", 30, 45, {}, { { "probability", 0.5 }, { "gpu", 3 } });
    surge.role = "honest";
    s.events.push_back(surge);
    s.events.push_back(scenarioEvent("outage", 50, 70, "honest_alice", { { "fraction", 0.75 } }));
    s.events.push_back(scenarioEvent("join", 15, {}, "honest_carol"));
    s.events.push_back(scenarioEvent("leave", 80, 95, "honest_dave"));
    ScenarioEvent turn = scenarioEvent("strategy", 60, {}, "honest_bob");
    turn.strategy.type = "cheater";
    turn.strategy.params = { { "cheat_probability", 0.8 } };
    s.events.push_back(turn);
    s.events.push_back(scenarioEvent("reputation-reset", 110, {}, "cheater_mallory"));
    std::erase_if(s.events, [rounds](const ScenarioEvent& e) { return e.lastRound.value_or(e.round) > rounds; });
    return s;
}

// What the views show of a run at a round: every agent's status and own reputation table.
struct Seen {
    std::uint64_t hash = 0;
    std::vector<std::tuple<double, double, int, double, std::string>> agents;
    std::vector<std::vector<std::pair<AgentIndex, double>>> tables;
    bool operator==(const Seen&) const = default;
};

Seen seen(const MarketRun& run)
{
    Seen s;
    s.hash = run.stateHash();
    for (AgentIndex i = 0; i < run.agentCount(); ++i) {
        const AgentStatus a = run.agentStatus(i);
        s.agents.emplace_back(a.budget, a.netWorth, a.deals, a.meanReputation, std::string(a.strategy));
        s.tables.push_back(run.reputationTable(i));
    }
    return s;
}

// A market of one buyer and one seller, which deal every round unless an event stops them.
Scenario pair(int rounds)
{
    Scenario s = handshakePair("fair", "fair", 3, rounds);
    return s;
}

// Rounds of the run (1-based) in which a deal was made.
std::vector<int> dealRounds(Scenario s)
{
    SimulationRun run(std::move(s));
    std::vector<int> rounds;
    while (!run.finished()) {
        run.step();
        if (!run.lastEvents().deals.empty())
            rounds.push_back(run.round());
    }
    return rounds;
}

} // namespace

class TestTimeTravel : public QObject {
    Q_OBJECT

private slots:
    void seekingGivesTheStraightRunsState_data()
    {
        // Every reputation model: each packs its own tables into the checkpoints.
        QTest::addColumn<QString>("model");
        for (const char* model : { "baseline", "beta", "eigentrust", "witness" })
            QTest::newRow(model) << QString::fromLatin1(model);
    }

    void seekingGivesTheStraightRunsState()
    {
        QFETCH(QString, model);
        Scenario s = eventfulMarket(160);
        s.reputation.model = model.toStdString();
        if (model == QLatin1String("eigentrust"))
            s.reputation.pretrusted = { "honest_alice" };
        SimulationRun straight(s);
        CheckpointPolicy policy;
        policy.firstInterval = 4;
        policy.maxCount = 6; // forces the interval to double several times
        RunHistory history(straight, policy);
        std::vector<Seen> truth { seen(straight) };
        std::vector<RoundEvents> events { RoundEvents {} };
        while (!straight.finished()) {
            straight.step();
            history.record(straight);
            truth.push_back(seen(straight));
            events.push_back(straight.lastEvents());
        }
        QVERIFY(history.checkpointCount() <= policy.maxCount);
        QVERIFY(history.interval() >= 160 / int(policy.maxCount));
        const auto rounds = history.checkpointRounds();
        QCOMPARE(rounds.front(), 0);
        for (int r : rounds)
            QCOMPARE(r % history.interval(), 0);

        Rng pick(11);
        std::vector<int> targets { 0, 1, 15, 20, 41, 60, 110, 160 };
        for (int k = 0; k < 24; ++k)
            targets.push_back(1 + int(pick.below(160)));
        for (int r : targets) {
            const auto run = history.seek(r);
            QCOMPARE(run->round(), r);
            QVERIFY2(seen(*run) == truth[std::size_t(r)], qPrintable(QStringLiteral("round %1").arg(r)));
            if (r == 0)
                continue;
            // Playing round r from the state before it gives round r's events, messages included.
            const auto before = history.seekBefore(r);
            before->step();
            QVERIFY2(before->lastEvents() == events[std::size_t(r)], qPrintable(QStringLiteral("round %1").arg(r)));
        }
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, history.seek(161));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, history.seek(-1));
    }

    void checkpointsStayWithinTheByteBudget()
    {
        const Scenario s = eventfulMarket(200);
        SimulationRun run(s);
        CheckpointPolicy policy;
        policy.firstInterval = 1;
        const std::size_t one = run.stateBytes();
        QVERIFY(one > 0);
        policy.maxBytes = 10 * one;
        RunHistory history(run, policy);
        while (!run.finished()) {
            run.step();
            history.record(run);
            QVERIFY(history.checkpointBytes() <= policy.maxBytes + 2 * one); // a history may grow by one per round
        }
        QVERIFY(history.checkpointCount() <= 12);
        QCOMPARE(history.seek(137)->stateHash(), history.hashAfter(137));
    }

    void recordRefusesARoundOutOfStep()
    {
        SimulationRun run(pair(10));
        RunHistory history(run);
        run.step();
        run.step();
        QVERIFY_THROWS_EXCEPTION(std::logic_error, history.record(run));
    }

    void thePrototypesRulesSeekByReplayingFromTheStart()
    {
        Scenario s = trustFall(0.5, 3, 40);
        s.rules = std::string(PrototypeRules);
        const auto run = makeRun(s);
        RunHistory history(*run);
        std::vector<std::uint64_t> hashes;
        while (!run->finished()) {
            run->step();
            history.record(*run);
            hashes.push_back(run->stateHash());
        }
        QCOMPARE(history.checkpointCount(), std::size_t(1));
        for (int r : { 1, 17, 40 })
            QCOMPARE(history.seek(r)->stateHash(), hashes[std::size_t(r - 1)]);
    }

    void aForkWithNoEditIsTheOriginal()
    {
        const Scenario s = eventfulMarket(120);
        SimulationRun straight(s);
        std::vector<std::uint64_t> hashes;
        std::unique_ptr<MarketRun> fork;
        while (!straight.finished()) {
            straight.step();
            hashes.push_back(straight.stateHash());
            if (straight.round() == 55)
                fork = straight.fork(s);
        }
        QVERIFY(fork);
        QCOMPARE(fork->round(), 55);
        while (!fork->finished()) {
            fork->step();
            QCOMPARE(fork->stateHash(), hashes[std::size_t(fork->round() - 1)]);
        }
    }

    void aForkWithAnEventDivergesAtTheEventsRound()
    {
        const Scenario s = trustFall(0.0, 5, 100);
        SimulationRun straight(s);
        std::vector<std::uint64_t> hashes;
        std::unique_ptr<MarketRun> fork;
        Scenario edited = s;
        ScenarioEvent turn = scenarioEvent("strategy", 70, {}, "honest_alice");
        turn.strategy.type = "cheater";
        turn.strategy.params = { { "cheat_probability", 1.0 } };
        edited.events.push_back(turn);
        while (!straight.finished()) {
            straight.step();
            hashes.push_back(straight.stateHash());
            if (straight.round() == 40)
                fork = straight.fork(edited);
        }
        while (fork->round() < 69) {
            fork->step();
            QCOMPARE(fork->stateHash(), hashes[std::size_t(fork->round() - 1)]);
        }
        fork->step();
        QCOMPARE(fork->round(), 70);
        QVERIFY(fork->stateHash() != hashes[69]);
        QCOMPARE(fork->lastEvents().strategyChanges.size(), std::size_t(1));
        QCOMPARE(fork->agentStatus(0).strategy, std::string_view("cheater"));
    }

    void aForkOfPastEventsDoesNotReplayThem()
    {
        // Forked at round 80, the strategy event of round 60 is in the past: it does not act again.
        const Scenario s = eventfulMarket(100);
        SimulationRun straight(s);
        straight.run(80);
        const auto fork = straight.fork(s);
        fork->step();
        QVERIFY(fork->lastEvents().strategyChanges.empty());
        straight.step();
        QCOMPARE(fork->stateHash(), straight.stateHash());
    }

    // A history that follows a run through a fork (RunHistory::markFork()) seeks either side of it exactly.
    void aHistorySeeksAcrossAFork()
    {
        const Scenario s = trustFall(0.0, 5, 120);
        Scenario edited = s;
        edited.events.push_back(
            strategyEvent(50, "honest_alice", { "cheater", { { "cheat_probability", 1.0 } }, 0.3 }));
        CheckpointPolicy policy;
        policy.firstInterval = 4;
        policy.maxCount = 5;
        std::unique_ptr<MarketRun> run = std::make_unique<SimulationRun>(s);
        RunHistory history(*run, policy);
        std::vector<std::uint64_t> hashes;
        while (run->round() < 120) {
            if (run->round() == 41) {
                run = run->fork(edited);
                history.markFork(*run);
            }
            run->step();
            history.record(*run);
            hashes.push_back(run->stateHash());
        }
        const auto rounds = history.checkpointRounds();
        QVERIFY(std::find(rounds.begin(), rounds.end(), 41) != rounds.end()); // pinned, whatever the interval
        for (int r : { 10, 41, 42, 49, 50, 77, 120 })
            QCOMPARE(history.seek(r)->stateHash(), hashes[std::size_t(r - 1)]);
        // The fork diverged at its event: a straight run of the original differs from round 50 on, not before.
        SimulationRun original(s);
        original.run(49);
        QCOMPARE(original.stateHash(), hashes[48]);
        original.step();
        QVERIFY(original.stateHash() != hashes[49]);
    }

    void aForkKeepsTheAgents()
    {
        const Scenario s = trustFall(0.5, 5, 50);
        SimulationRun run(s);
        run.run(10);
        Scenario fewer = s;
        fewer.agents.pop_back();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run.fork(fewer));
        Scenario renamed = s;
        renamed.agents[1].id = "someone_else";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run.fork(renamed));
        Scenario prototype = s;
        prototype.rules = std::string(PrototypeRules);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run.fork(prototype));
    }

    void aForkTakesEditedStrategiesAndModel()
    {
        const Scenario s = trustFall(0.5, 5, 50);
        SimulationRun run(s);
        run.run(20);
        Scenario edited = s;
        edited.agents[5].strategy = { "fair", {}, std::nullopt };
        edited.reputation.model = "beta";
        const auto fork = run.fork(edited);
        QCOMPARE(fork->agentStatus(5).strategy, std::string_view("fair"));
        for (AgentIndex i = 0; i < fork->agentCount(); ++i)
            QVERIFY(fork->reputationTable(i).empty()); // a new model starts with no views
        fork->run(5);
        QCOMPARE(fork->round(), 25);
    }

    // --- The event kinds, one effect each --------------------------------------------------------------------------

    void priceShockScalesReferencePricesOverItsRounds()
    {
        Scenario s = pair(8);
        s.events = { scenarioEvent("price-shock", 3, 5, {}, { { "gpu", 3.0 } }) };
        SimulationRun run(s);
        const double base = s.market.referencePrices.perUnit[0];
        for (int r = 1; r <= 8; ++r) {
            run.step();
            const double gpu = run.simulation().state().market().referencePrices.perUnit[0];
            QCOMPARE(gpu, r >= 3 && r <= 5 ? 3.0 * base : base);
            // Valuation follows: the seller's net worth is its budget plus its 100 GPU hours at the round's price.
            QCOMPARE(run.agentStatus(1).netWorth, run.agentStatus(1).budget + 100 * gpu);
        }
    }

    void demandSurgeAddsNeeds()
    {
        Scenario s = pair(6);
        ScenarioEvent surge = scenarioEvent("demand-surge", 2, 3, {}, { { "gpu", 4 }, { "cpu", 0 } });
        surge.role = "provider";
        s.events = { surge };
        SimulationRun run(s);
        for (int r = 1; r <= 6; ++r) {
            const RoundSummary& summary = run.step();
            QCOMPARE(summary.needs, r == 2 || r == 3 ? 2 : 1);
        }
    }

    void outageTakesCapacityOffline()
    {
        Scenario s = pair(8);
        s.events = { scenarioEvent("outage", 3, 5, "seller", { { "fraction", 1.0 } }) };
        QCOMPARE(dealRounds(s), (std::vector<int> { 1, 2, 6, 7, 8 }));
        s.events[0].params["fraction"] = 0.95; // 5 GPU hours left: the buyer needs 10
        QCOMPARE(dealRounds(s), (std::vector<int> { 1, 2, 6, 7, 8 }));
        s.events[0].params["fraction"] = 0.5; // 50 left: enough
        QCOMPARE(dealRounds(s), (std::vector<int> { 1, 2, 3, 4, 5, 6, 7, 8 }));
    }

    void joinAndLeaveMakeAgentsAbsent()
    {
        Scenario s = pair(8);
        s.events = { scenarioEvent("join", 4, {}, "seller") };
        QCOMPARE(dealRounds(s), (std::vector<int> { 4, 5, 6, 7, 8 }));
        s.events = { scenarioEvent("leave", 3, 5, "buyer") };
        QCOMPARE(dealRounds(s), (std::vector<int> { 1, 2, 6, 7, 8 }));
        s.events = { scenarioEvent("leave", 6, {}, "seller") };
        QCOMPARE(dealRounds(s), (std::vector<int> { 1, 2, 3, 4, 5 }));
        // A join and a leave of one agent combine: present over [3, 5] only.
        s.events = { scenarioEvent("join", 3, {}, "seller"), scenarioEvent("leave", 6, {}, "seller") };
        QCOMPARE(dealRounds(s), (std::vector<int> { 3, 4, 5 }));
    }

    void strategyEventChangesTheAgentsStrategy()
    {
        Scenario s = pair(6);
        ScenarioEvent turn = scenarioEvent("strategy", 4, {}, "seller");
        turn.strategy.type = "greedy";
        s.events = { turn };
        SimulationRun run(s);
        run.run(3);
        QCOMPARE(run.agentStatus(1).strategy, std::string_view("fair"));
        run.step();
        QCOMPARE(run.agentStatus(1).strategy, std::string_view("greedy"));
        QCOMPARE(run.lastEvents().strategyChanges.size(), std::size_t(1));
    }

    void reputationResetForgetsViews()
    {
        // Round 31 has no demand (an empty phase), so nothing after the reset changes a view.
        Scenario s = trustFall(1.0, 9, 31);
        DemandPhase quiet;
        quiet.name = "quiet";
        quiet.firstRound = quiet.lastRound = 31;
        s.demand.phases = { quiet };
        s.events = { scenarioEvent("reputation-reset", 31, {}, "cheater_mallory") };
        SimulationRun one(s);
        one.run(30);
        QVERIFY(one.agentStatus(5).meanReputation < 0.5);
        one.step();
        QCOMPARE(one.agentStatus(5).meanReputation, 0.5);
        for (AgentIndex i = 0; i < 5; ++i)
            QCOMPARE(one.reputationView(i, 5), 0.5);
        // Naming no one: every view of everyone.
        s.events = { scenarioEvent("reputation-reset", 31) };
        SimulationRun all(s);
        all.run(31);
        for (AgentIndex i = 0; i < all.agentCount(); ++i)
            QVERIFY(all.reputationTable(i).empty());
    }

    void badEventsAreNamed()
    {
        const auto issueAt = [](Scenario s, const ScenarioEvent& e) {
            s.events = { e };
            const auto issues = validateScenario(s);
            return issues.empty() ? ScenarioIssue {} : issues.front();
        };
        const Scenario s = pair(10);
        QCOMPARE(issueAt(s, scenarioEvent("join", 11, {}, "seller")).path, std::string("events[0].round"));
        QVERIFY(issueAt(s, scenarioEvent("join", 11, {}, "seller")).message.find("after the run's last round (10)")
            != std::string::npos);
        QCOMPARE(issueAt(s, scenarioEvent("join", 3, {}, "nobody")).path, std::string("events[0].agent"));
        QCOMPARE(issueAt(s, scenarioEvent("join", 3)).path, std::string("events[0].agent"));
        QCOMPARE(issueAt(s, scenarioEvent("join", 3, 5, "seller")).path, std::string("events[0].last_round"));
        QCOMPARE(issueAt(s, scenarioEvent("leave", 5, 4, "seller")).path, std::string("events[0].last_round"));
        QCOMPARE(issueAt(s, scenarioEvent("outage", 2, 3, "seller", { { "fraction", 2.0 } })).path,
            std::string("events[0].params.fraction"));
        QCOMPARE(issueAt(s, scenarioEvent("earthquake", 2)).path, std::string("events[0].type"));
        ScenarioEvent byRole = scenarioEvent("outage", 2, 3);
        byRole.role = "nobody-has-this";
        QCOMPARE(issueAt(s, byRole).path, std::string("events[0].role"));
        ScenarioEvent shock = scenarioEvent("price-shock", 2, 3, "seller");
        QCOMPARE(issueAt(s, shock).path, std::string("events[0].agent"));
        QVERIFY(issueAt(s, scenarioEvent("price-shock", 2, 10)).path.empty());
    }
};

QTEST_APPLESS_MAIN(TestTimeTravel)
#include "tst_timetravel.moc"
