// The pipeline's parts for cheating research: gossip, scenario events (a cheater injected), whitewashers rejoining
// under a new identity, colluding rings vouching for each other.
#include "kinds.h"
#include "simulation.h"
#include "testscenarios.h"

#include <QTest>

#include <algorithm>

using namespace haggle;
using namespace haggle::test;

namespace {

AgentIndex indexOf(const Scenario& s, const std::string& id)
{
    return static_cast<AgentIndex>(*s.indexOf(id));
}

int countMessages(const RoundEvents& events, MessageType type)
{
    return static_cast<int>(std::count_if(
        events.messages.begin(), events.messages.end(), [type](const Message& m) { return m.type == type; }));
}

} // namespace

class TestCheating : public QObject {
    Q_OBJECT

private slots:
    // Gossip off draws nothing: a run with probability 0 is the run without the setting at all, hash for hash.
    void gossipOffChangesNothing()
    {
        Scenario plain = trustFall(0.5, 9, 30);
        Scenario off = plain;
        off.reputation.gossip = { 0.0, 5 };
        Simulation a(plain), b(off);
        for (int r = 0; r < 30; ++r) {
            a.step();
            b.step();
            QCOMPARE(b.stateHash(), a.stateHash());
            QCOMPARE(countMessages(b.lastEvents(), MessageType::Gossip), 0);
        }
    }

    // With gossip on, each GOSSIP message is a teller's view of one of its partners this round, sent to another agent,
    // and the listener's view moves as the model's report rule says (baseline: a share gossip_weight of the way).
    void gossipReportsPartnersToListeners()
    {
        Scenario s = trustFall(1.0, 4, 20);
        s.reputation.gossip = { 1.0, 2 };
        Simulation sim(s);
        int seen = 0;
        for (int r = 0; r < 20; ++r) {
            const Simulation before(sim);
            sim.step();
            const RoundEvents& ev = sim.lastEvents();
            for (const Message& m : ev.messages) {
                if (m.type != MessageType::Gossip)
                    continue;
                ++seen;
                QVERIFY(m.from != m.to && m.to != m.subject && m.from != m.subject);
                const bool partners = std::any_of(ev.deals.begin(), ev.deals.end(), [&m](const DealRecord& d) {
                    return (d.buyer == m.from && d.seller == m.subject) || (d.seller == m.from && d.buyer == m.subject);
                });
                QVERIFY(partners);
                QVERIFY(m.reputation >= 0.0 && m.reputation <= 1.0);
            }
            // Every gossip message is a Report change of the listener's view of the subject, in order.
            std::vector<const ReputationChange*> reports;
            for (const auto& c : ev.reputationChanges) {
                if (c.cause == ReputationCause::Report)
                    reports.push_back(&c);
            }
            QVERIFY(int(reports.size()) >= countMessages(ev, MessageType::Gossip));
        }
        QVERIFY(seen > 20);
    }

    // Warnings only (below < 1): the same tellers and listeners are drawn, and exactly the messages of the share-all
    // run whose report is below the level are sent, none other.
    void warningsOnlyGossipTellsLowViews()
    {
        // The first round of several seeds (after it, the runs part: the listeners heard different things).
        int warningsSeen = 0, goodNewsSeen = 0;
        Scenario all = trustFall(1.0, 1, 1);
        all.reputation.gossip = { 1.0, 3 };
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            all.seed = seed;
            Scenario warnings = all;
            warnings.reputation.gossip.below = 0.4;
            Simulation a(all), b(warnings);
            a.step();
            b.step();
            std::vector<Message> expected, got;
            for (const Message& m : a.lastEvents().messages) {
                if (m.type == MessageType::Gossip && m.reputation < 0.4)
                    expected.push_back(m);
                goodNewsSeen += m.type == MessageType::Gossip && m.reputation >= 0.4 ? 1 : 0;
            }
            for (const Message& m : b.lastEvents().messages) {
                if (m.type == MessageType::Gossip)
                    got.push_back(m);
            }
            warningsSeen += int(expected.size());
            QCOMPARE(got.size(), expected.size());
            for (std::size_t i = 0; i < got.size(); ++i) {
                QCOMPARE(got[i].from, expected[i].from);
                QCOMPARE(got[i].to, expected[i].to);
                QCOMPARE(got[i].subject, expected[i].subject);
                QCOMPARE(got[i].reputation, expected[i].reputation);
            }
        }
        QVERIFY(warningsSeen > 0); // the cheater's victims warned
        QVERIFY(goodNewsSeen > 0); // and the share-all runs told good news too
        Scenario bad = all;
        bad.reputation.gossip.below = 1.5;
        const auto issues = validateScenario(bad);
        QVERIFY(std::any_of(
            issues.begin(), issues.end(), [](const ScenarioIssue& i) { return i.path == "reputation.gossip.below"; }));
    }

    // The first time a listener hears about a subject from gossip, its view moves gossip_weight of the way from a
    // stranger's 0.5 toward the report.
    void gossipMovesTheListenersView()
    {
        Scenario s = trustFall(1.0, 4, 1);
        s.reputation.gossip = { 1.0, 1 };
        Simulation sim(s);
        sim.step();
        const auto& ev = sim.lastEvents();
        const auto gossip = std::find_if(
            ev.messages.begin(), ev.messages.end(), [](const Message& m) { return m.type == MessageType::Gossip; });
        QVERIFY(gossip != ev.messages.end());
        const auto change = std::find_if(ev.reputationChanges.begin(), ev.reputationChanges.end(),
            [&](const ReputationChange& c) { return c.observer == gossip->to && c.subject == gossip->subject; });
        QVERIFY(change != ev.reputationChanges.end());
        QCOMPARE(change->after, change->before + 0.3 * (gossip->reputation - change->before));
    }

    // A scenario event turns an honest agent into a cheater at its round: no default of it before, defaults after.
    void injectedCheaterDefaultsFromItsRound()
    {
        Scenario s = trustFall(0.0, 11, 40);
        s.events.push_back(strategyEvent(20, "honest_bob", { "cheater", { { "cheat_probability", 1.0 } }, 0.3 }));
        QVERIFY(validateScenario(s).empty());
        Simulation sim(s);
        const AgentIndex bob = indexOf(s, "honest_bob");
        int before = 0, after = 0, changes = 0;
        for (int r = 1; r <= 40; ++r) {
            sim.step();
            for (const auto& d : sim.lastEvents().defaults)
                (r < 20 ? before : after) += d.defaulter == bob ? 1 : 0;
            for (const auto& c : sim.lastEvents().strategyChanges) {
                QCOMPARE(r, 20);
                QCOMPARE(c.agent, bob);
                QCOMPARE(c.strategy, std::string("cheater"));
                ++changes;
            }
        }
        QCOMPARE(before, 0);
        QVERIFY(after > 0);
        QCOMPARE(changes, 1);
        QVERIFY(sim.agents()[bob].strategy().cheats());
        // A copy made before the event applies it too, and plays the same rounds.
        Simulation early(s);
        early.run(10);
        Simulation fork(early);
        early.run(30);
        fork.run(30);
        QCOMPARE(fork.stateHash(), early.stateHash());
        QCOMPARE(early.stateHash(), sim.stateHash());
    }

    void badEventsAreRefusedByPath()
    {
        Scenario s = trustFall(0.0, 1, 10);
        s.events.push_back(strategyEvent(0, "nobody", { "liar", {}, std::nullopt }));
        const auto issues = validateScenario(s);
        QStringList paths;
        for (const auto& i : issues)
            paths << qs(i.path);
        QVERIFY2(paths.contains(QStringLiteral("events[0].round")), qPrintable(paths.join(u',')));
        QVERIFY(paths.contains(QStringLiteral("events[0].agent")));
        QVERIFY(paths.contains(QStringLiteral("events[0].strategy.type")));
        Scenario prototypeRules = trustFall(0.0, 1, 10);
        prototypeRules.rules = "prototype";
        prototypeRules.events.push_back(strategyEvent(2, "honest_bob", { "cheater", {}, std::nullopt }));
        bool refused = false;
        for (const auto& i : validateScenario(prototypeRules))
            refused = refused || i.path == "events[0]";
        QVERIFY(refused);
    }

    // A whitewasher that cheats and is shunned rejoins as someone new: peers forget it (their views are a
    // stranger's again), its identity count grows and the event is recorded.
    void whitewasherRejoinsAndIsForgotten()
    {
        Scenario s = trustFall(1.0, 5, 80);
        const AgentIndex mallory = indexOf(s, "cheater_mallory");
        s.agents[mallory].strategy = { "whitewasher", { { "patience", 2 } }, std::nullopt };
        Simulation sim(s);
        int rejoins = 0;
        for (int r = 0; r < 80; ++r) {
            sim.step();
            for (const auto& id : sim.lastEvents().identities) {
                QCOMPARE(id.agent, mallory);
                ++rejoins;
                QCOMPARE(id.identity, rejoins + 1);
                for (AgentIndex o = 0; o < sim.agents().size(); ++o) {
                    if (o != mallory)
                        QCOMPARE(sim.reputation().view(o, mallory), 0.5);
                }
                QCOMPARE(sim.lastSummary().meanReputation[mallory], 0.5);
            }
        }
        QVERIFY2(rejoins >= 2, qPrintable(QString::number(rejoins)));
        QCOMPARE(sim.agents()[mallory].identity(), rejoins + 1);
        // A plain cheater never rejoins.
        Simulation plain(trustFall(1.0, 5, 80));
        plain.runToEnd();
        QCOMPARE(plain.agents()[mallory].identity(), 1);
    }

    // Colluders answer queries about their ring with 1, whatever they saw, and never default on each other.
    void ringMembersVouchForEachOther()
    {
        Scenario s = trustFall(1.0, 3, 60);
        const AgentIndex mallory = indexOf(s, "cheater_mallory");
        const AgentIndex eve = indexOf(s, "seeker_eve");
        s.agents[mallory].strategy = { "colluder", { { "ring", 7 } }, std::nullopt };
        s.agents[eve].strategy = { "colluder", { { "ring", 7 } }, 0.3 };
        s.reputation.gossip = { 1.0, 3 };
        Simulation sim(s);
        QVERIFY(sim.state().sameRing(mallory, eve));
        QVERIFY(!sim.state().sameRing(mallory, 0));
        int vouches = 0;
        for (int r = 0; r < 60; ++r) {
            sim.step();
            for (const auto& m : sim.lastEvents().messages) {
                const bool answer = m.type == MessageType::ReputationResponse || m.type == MessageType::Gossip;
                if (answer && sim.state().sameRing(m.from, m.subject)) {
                    QCOMPARE(m.reputation, 1.0);
                    ++vouches;
                }
            }
            for (const auto& d : sim.lastEvents().defaults)
                QVERIFY(!sim.state().sameRing(d.defaulter, d.victim));
        }
        QVERIFY(vouches > 0);
    }
};

QTEST_GUILESS_MAIN(TestCheating)
#include "tst_cheating.moc"
