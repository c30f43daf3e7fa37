// A scenario under the prototype rules (prototype/prototyperun.h) behind the run abstraction (marketrun.h): exp3's
// cheater_run written as a scenario reproduces the prototype's reference trace (PROTOTYPE.md §8.8) and its final
// numbers (exp3 part 1); runs are deterministic under either rules set; validateScenario() refuses, by JSON path,
// what the prototype rules do not know and, under Haggle's rules, the prototype's own kinds.
#include "kinds.h"
#include "marketrun.h"
#include "prototype/protocatalog.h"
#include "prototype/prototyperun.h"
#include "testscenarios.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace haggle;
using namespace haggle::test;

namespace {

bool hasIssue(const Scenario& s, const std::string& path, const std::string& fragment)
{
    const auto issues = validateScenario(s);
    return std::any_of(issues.begin(), issues.end(),
        [&](const ScenarioIssue& i) { return i.path == path && i.message.find(fragment) != std::string::npos; });
}

QString issuesText(const Scenario& s)
{
    QString text;
    for (const auto& i : validateScenario(s))
        text += QString::fromStdString(i.path + ": " + i.message + "\n");
    return text;
}

std::vector<std::uint64_t> hashes(const Scenario& s)
{
    auto run = makeRun(s);
    std::vector<std::uint64_t> out;
    while (!run->finished()) {
        run->step();
        out.push_back(run->stateHash());
    }
    return out;
}

} // namespace

class TestPrototypeRun : public QObject {
    Q_OBJECT

private slots:
    // exp3 part 1: cheater_run(1.0, 60, 42) as a scenario under the prototype rules.
    void cheaterRunReproducesThePrototype()
    {
        Scenario s = trustFall(1.0, 42, 60);
        s.rules = "prototype";
        QVERIFY2(validateScenario(s).empty(), qPrintable(issuesText(s)));
        auto run = makeRun(s);
        QVERIFY(dynamic_cast<prototype::PrototypeRun*>(run.get()));
        const AgentIndex mallory = 5;
        QCOMPARE(run->agentStatus(mallory).id, std::string_view("cheater_mallory"));
        // The honest agents' mean view of Mallory after rounds 1..10 (rep_history[0:10]).
        const double expected[] = { 0.44, 0.44, 0.38, 0.38, 0.32, 0.26, 0.26, 0.26, 0.14, 0.08 };
        int cheats = 0;
        for (double want : expected) {
            const RoundSummary& summary = run->step();
            QVERIFY2(std::abs(summary.meanReputation[mallory] - want) < 1e-9,
                qPrintable(QStringLiteral("round %1: %2, expected %3")
                               .arg(summary.round)
                               .arg(summary.meanReputation[mallory], 0, 'g', 17)
                               .arg(want)));
            QCOMPARE(run->agentStatus(mallory).meanReputation, summary.meanReputation[mallory]);
            cheats += summary.defaults;
        }
        // Round 1 of the trace: four negotiations, the last Mallory buying from bob and cheating him.
        run->runToEnd();
        QCOMPARE(run->round(), 60);
        const AgentStatus m = run->agentStatus(mallory);
        QCOMPARE(m.budget, 220.0);
        QCOMPARE(m.holdings.gpu, 105.0);
        QCOMPARE(m.holdings.units(), 105.0);
        QCOMPARE(m.deals, 35);
        QCOMPARE(m.meanReputation, 0.0);
        const auto& market = static_cast<const prototype::PrototypeRun&>(*run).market();
        QCOMPARE(market.incidents(), 35);
        QCOMPARE(market.totalNegotiations(), 207);
        QCOMPARE(market.totalDeals(), 164);
        QVERIFY(cheats > 0);
        // alice's ledger, in the order she met them: honest_bob=0.10, honest_dave=1.00, cheater_mallory=0.00, ...
        const auto table = run->reputationTable(0);
        QCOMPARE(table.size(), std::size_t(5));
        QCOMPARE(table[0].first, AgentIndex(1));
        QVERIFY(std::abs(table[0].second - 0.1) < 1e-9);
        QCOMPARE(table[2].first, mallory);
        QCOMPARE(table[2].second, 0.0);
    }

    void theFirstRoundsEventsFollowTheTrace()
    {
        Scenario s = trustFall(1.0, 42, 60);
        s.rules = "prototype";
        auto run = makeRun(s);
        const RoundSummary& summary = run->step();
        const RoundEvents& events = run->lastEvents();
        // alice, carol, eve and mallory each buy from bob; mallory's deal is a cheat (bob paid, got nothing).
        QCOMPARE(summary.needs, 4);
        QCOMPARE(events.negotiations.size(), std::size_t(4));
        for (const auto& n : events.negotiations) {
            QCOMPARE(n.seller, AgentIndex(1));
            QCOMPARE(n.outcome, NegotiationOutcome::Accepted);
        }
        QCOMPARE(events.negotiations[0].buyer, AgentIndex(0));
        QCOMPARE(events.negotiations[0].price, 5.375);
        QCOMPARE(events.negotiations[0].unitPrice, 5.375 / 5);
        QCOMPARE(events.negotiations[3].buyer, AgentIndex(5));
        QCOMPARE(events.negotiations[3].price, 5.601625);
        QCOMPARE(events.deals.size(), std::size_t(4));
        QVERIFY(!events.deals[3].paid);
        QVERIFY(events.deals[3].delivered);
        QCOMPARE(events.defaults.size(), std::size_t(1));
        QCOMPARE(events.defaults[0].defaulter, AgentIndex(5));
        QCOMPARE(events.defaults[0].victim, AgentIndex(1));
        QCOMPARE(events.defaults[0].withheld, MessageReason::PaymentWithheld);
        QCOMPARE(summary.deals, 4);
        QCOMPARE(summary.defaults, 1);
        QCOMPARE(summary.successRate, 1.0);
        QCOMPARE(summary.volume, 20.0);
        // Messages: REQUEST then ACCEPT for each, in negotiation order.
        QCOMPARE(events.messages.size(), std::size_t(8));
        QCOMPARE(events.messages[0].type, MessageType::Request);
        QCOMPARE(events.messages[0].price, 5.75);
        QCOMPARE(events.messages[1].type, MessageType::Accept);
        QCOMPARE(events.messagesOf(events.negotiations[3].id).size(), std::size_t(2));
        // Round 2: mallory is refused by bob for low reputation, with no cheat draw.
        run->step();
        const auto& refused = run->lastEvents().negotiations.back();
        QCOMPARE(refused.buyer, AgentIndex(5));
        QCOMPARE(refused.outcome, NegotiationOutcome::Rejected);
        QCOMPARE(run->lastEvents().messages.back().reason, MessageReason::Untrusted);
    }

    void runsAreDeterministicUnderEitherRules_data()
    {
        QTest::addColumn<QString>("rules");
        QTest::newRow("haggle") << QStringLiteral("haggle");
        QTest::newRow("prototype") << QStringLiteral("prototype");
    }
    void runsAreDeterministicUnderEitherRules()
    {
        QFETCH(QString, rules);
        for (Scenario s : { trustFall(0.3, 7, 40), scarcityMarket(42, 30) }) {
            s.rules = rules.toStdString();
            const auto first = hashes(s);
            QCOMPARE(first.size(), std::size_t(s.rounds));
            QCOMPARE(hashes(s), first);
            // Messages are not part of the state.
            auto quiet = makeRun(s);
            quiet->setRecordMessages(false);
            quiet->runToEnd();
            QCOMPARE(quiet->stateHash(), first.back());
            s.seed += 1;
            QVERIFY(hashes(s) != first);
        }
    }

    void theHaggleAdapterIsTheSimulation()
    {
        const Scenario s = trustFall(1.0, 42, 20);
        auto run = makeRun(s);
        QVERIFY(dynamic_cast<SimulationRun*>(run.get()));
        Simulation sim(s);
        for (int r = 0; r < 20; ++r) {
            QCOMPARE(run->step(), sim.step());
            QCOMPARE(run->stateHash(), sim.stateHash());
        }
        QCOMPARE(run->agentStatus(5).meanReputation, sim.reputation().meanViewOf(5));
    }

    void aSimulationRefusesOtherRules()
    {
        Scenario s = trustFall(1.0, 42, 20);
        s.rules = "prototype";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Simulation { s });
        s.rules = "haggle";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, prototype::PrototypeRun { s });
    }

    void unknownRulesAreRefused()
    {
        Scenario s = trustFall(1.0, 42, 20);
        s.rules = "python";
        QVERIFY2(hasIssue(s, "rules", "unknown rules 'python' (expected one of: haggle, prototype)"),
            qPrintable(issuesText(s)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeRun(s));
    }

    void whatThePrototypeDoesNotKnowIsRefusedByPath()
    {
        Scenario s = scarcityMarket(42, 10);
        s.rules = "prototype";
        QVERIFY2(validateScenario(s).empty(), qPrintable(issuesText(s)));
        const auto refused = [&](auto edit, const std::string& path, const std::string& fragment) {
            Scenario t = s;
            edit(t);
            QVERIFY2(hasIssue(t, path, fragment), qPrintable(QString::fromStdString(path) + u'\n' + issuesText(t)));
        };
        refused(
            [](Scenario& t) {
                t.agents[2].strategy = { "patient", { { "impatience", 0.02 } }, std::nullopt };
            },
            "agents[2].strategy.params.impatience",
            "parameter 'impatience' is not known to the prototype rules' strategy 'patient' (known: patience)");
        refused(
            [](Scenario& t) {
                t.agents[3].strategy = { "adaptive", { { "tolerance", 0.1 } }, std::nullopt };
            },
            "agents[3].strategy.params.tolerance", "(known: initial_belief, learning_rate)");
        refused(
            [](Scenario& t) {
                t.agents[0].strategy = { "greedy", { { "greed_factor", 2.0 } }, std::nullopt };
            },
            "agents[0].strategy.params.greed_factor", "");
        refused([](Scenario& t) { t.agents[1].strategy.type = "sniper"; }, "agents[1].strategy.type",
            "strategy 'sniper' is not known to the prototype rules");
        refused(
            [](Scenario& t) {
                t.mechanism = { "posted-price", {} };
            },
            "mechanism.type", "is not known to the prototype rules");
        refused(
            [](Scenario& t) {
                t.mechanism = { "random-partner", { { "max_turns", 0 } } };
            },
            "mechanism.params.max_turns", "");
        refused([](Scenario& t) { t.reputation.params["penalty"] = 0.3; }, "reputation.params.penalty",
            "the prototype rules have no parameter 'penalty'");
        refused([](Scenario& t) { t.reputation.model = "eigentrust"; }, "reputation.model",
            "is not known to the prototype rules");
        refused([](Scenario& t) { t.market.loadPremium = 0.2; }, "market.load_premium", "no load premium");
        refused([](Scenario& t) { t.market.jobValue = 2; }, "market.job_value", "no job value");
        refused([](Scenario& t) { t.market.referencePrices.perUnit[0] = 2; }, "market.reference_prices.gpu", "at 1");

        // Haggle's defaults stand for the prototype's, with their parameters at their defaults (max_turns carries).
        Scenario t = s;
        t.mechanism.params["max_turns"] = 4;
        t.reputation.params = { { "reward", 0.1 }, { "penalty", 0.5 } };
        QVERIFY2(validateScenario(t).empty(), qPrintable(issuesText(t)));
        QCOMPARE(prototype::marketSetup(t).maxTurns, 4);
        t.mechanism = { "random-partner", { { "max_turns", 3 } } };
        t.settlement = { "transfer", {} };
        t.reputation = { "gossip", {}, {}, {} };
        t.agents[0].strategy = { "llm-fallback", {}, 0.3 };
        t.agents[1].strategy = { "adaptive-cheater", {}, std::nullopt };
        QVERIFY2(validateScenario(t).empty(), qPrintable(issuesText(t)));
        QCOMPARE(prototype::marketSetup(t).maxTurns, 3);
        QVERIFY(prototype::marketSetup(t).gossip);
        auto run = makeRun(t);
        run->runToEnd();
        QCOMPARE(run->round(), t.rounds);
    }

    void prototypeKindsAreRefusedUnderHaggleRules()
    {
        Scenario s = scarcityMarket(42, 10);
        const auto refused = [&](auto edit, const std::string& path) {
            Scenario t = s;
            edit(t);
            QVERIFY2(hasIssue(t, path, "of the prototype rules (set \"rules\": \"prototype\")"),
                qPrintable(QString::fromStdString(path) + u'\n' + issuesText(t)));
        };
        refused(
            [](Scenario& t) {
                t.agents[1].strategy = { "adaptive-cheater", {}, std::nullopt };
            },
            "agents[1].strategy.type");
        refused(
            [](Scenario& t) {
                t.agents[0].strategy = { "llm-fallback", {}, std::nullopt };
            },
            "agents[0].strategy.type");
        refused([](Scenario& t) { t.mechanism = { "random-partner", {} }; }, "mechanism.type");
        refused([](Scenario& t) { t.settlement = { "transfer", {} }; }, "settlement.type");
        refused([](Scenario& t) { t.reputation = { "ledger", {}, {}, {} }; }, "reputation.model");
        refused([](Scenario& t) { t.reputation = { "gossip", {}, {}, {} }; }, "reputation.model");
    }

    void theCatalogsAreListable()
    {
        const auto families = prototype::prototypeFamilies();
        QCOMPARE(families.size(), std::size_t(5));
        QCOMPARE(families[0].name, std::string_view("prototype-strategy"));
        QCOMPARE(families[0].kinds().size(), std::size_t(8));
        QCOMPARE(families[4].kinds().front().name, std::string_view("python-mt19937"));
        const KindInfo* cheater = prototype::strategyCatalog().info("cheater");
        const KindInfo* haggleCheater = haggle::strategyCatalog().info("cheater");
        QCOMPARE(cheater->params[0].defaultValue, haggleCheater->params[0].defaultValue);
        QCOMPARE(cheater->params[0].min, haggleCheater->params[0].min);
        QCOMPARE(cheater->params[0].max, haggleCheater->params[0].max);
        const KindInfo* mechanism = prototype::mechanismCatalog().info("random-partner");
        QCOMPARE(mechanism->params[0].type, ParameterType::Integer);
    }
};

QTEST_APPLESS_MAIN(TestPrototypeRun)
#include "tst_prototyperun.moc"
