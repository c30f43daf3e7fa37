// The three reference experiments reproduce the prototype's published findings (SCENARIOS.md), and their results
// are identical for the same seed and for any thread count.
#include "experiments.h"
#include "report.h"

#include <QTest>

using namespace haggle::lab;

class TestExperiments : public QObject {
    Q_OBJECT

private slots:
    void handshake()
    {
        const HandshakeResult r = runHandshake({});
        // The trace: a Fair buyer and a Greedy seller run into the turn limit.
        QCOMPARE(r.trace.front().type, std::string("REQUEST"));
        QCOMPARE(r.trace.front().from, std::string("fair_buyer"));
        QCOMPARE(r.trace[1].type, std::string("OFFER"));
        QCOMPARE(r.traceOutcome, std::string("turn_limit"));
        QCOMPARE(r.trace.size(), std::size_t(7));
        // The matrix: Fair and Adaptive close every deal with each other; every pairing with Greedy or Patient
        // deadlocks.
        QCOMPARE(r.seeds, DefaultMatrixSeeds);
        for (std::size_t b = 0; b < 4; ++b) {
            for (std::size_t s = 0; s < 4; ++s) {
                const bool compatible = (r.strategies[b] == "fair" || r.strategies[b] == "adaptive")
                    && (r.strategies[s] == "fair" || r.strategies[s] == "adaptive");
                QCOMPARE(r.dealRate[b][s], compatible ? 1.0 : 0.0);
                QCOMPARE(r.meanPrice[b][s].has_value(), compatible);
                if (compatible)
                    QCOMPARE(r.meanTurns[b][s], 1.0); // agreement in the first exchange
            }
        }
        // Convergence: volatility falls to near zero within about 30 deals.
        QVERIFY(r.convergencePrices.size() >= 90);
        QVERIFY(r.earlyVolatility > 0.02);
        QVERIFY(r.lateVolatility < 1e-6);
        QVERIFY(r.stableFromDeal && *r.stableFromDeal <= 30);
    }

    void scarcity()
    {
        const ScarcityResult r = runScarcity({});
        QCOMPARE(r.market.rounds.size(), std::size_t(100));
        // The tournament: Fair provider first, Greedy provider last among providers, Adaptive beats Greedy seeker.
        QCOMPARE(r.tournamentTrials, DefaultTrials);
        QCOMPARE(r.ranking.front().agent, std::string("fair_provider"));
        const auto rankOf = [&r](const std::string& agent) {
            for (const auto& e : r.ranking) {
                if (e.agent == agent)
                    return e.rank;
            }
            return 0;
        };
        QVERIFY(rankOf("greedy_provider") > rankOf("patient_provider"));
        QVERIFY(rankOf("adaptive_seeker") < rankOf("greedy_seeker"));
        QVERIFY(r.adaptiveVersusGreedySeekerD > 0.8); // a large effect
        for (const auto& e : r.ranking) {
            QCOMPARE(e.worth.n, std::size_t(DefaultTrials));
            QVERIFY(e.worth.min <= e.worth.mean && e.worth.mean <= e.worth.max);
        }
        // The Patient provider barely trades.
        for (const auto& e : r.ranking) {
            if (e.agent == "patient_provider")
                QVERIFY(e.deals.mean < 5.0);
        }
        // The rush hour: three phases; the rush lowers the success rate and raises prices.
        QCOMPARE(r.phases.size(), std::size_t(3));
        QCOMPARE(r.phases[1].name, std::string("rush hour"));
        QCOMPARE(r.phases[1].firstRound, 11);
        QCOMPARE(r.phases[1].lastRound, 20);
        QCOMPARE(r.phases[0].name, std::string("normal"));
        QVERIFY(r.phases[1].successRate < r.phases[0].successRate);
        QVERIFY(r.phases[1].successRate < r.phases[2].successRate);
        QVERIFY(*r.phases[1].meanUnitPrice > *r.phases[0].meanUnitPrice);
        QVERIFY(r.rushVersusNormalSuccessD < 0.0);
        QCOMPARE(r.rushExample.rounds.size(), std::size_t(30));
    }

    void trust()
    {
        const TrustResult r = runTrust({});
        const CheaterResult& a = r.always;
        QCOMPARE(a.rounds, 60);
        QCOMPARE(a.seed, std::uint64_t(42));
        QCOMPARE(a.cheatProbability, 1.0);
        QCOMPARE(a.reputationByRound.size(), std::size_t(60));
        // Detected and isolated within 10-15 rounds, then no more deals...
        QVERIFY(a.isolatedAtRound && *a.isolatedAtRound <= 15);
        QCOMPARE(a.windows.size(), std::size_t(3));
        QCOMPARE(a.windows[1].firstRound, 25);
        QCOMPARE(a.windows[2].lastRound, 60);
        QCOMPARE(a.windows[1].cheaterDeals + a.windows[2].cheaterDeals, 0);
        QVERIFY(a.windows[2].meanReputation < 0.3);
        // ...yet it ends richer than it started.
        QVERIFY(a.defaults > 0);
        QVERIFY(a.finalBudget > a.startBudget);
        QVERIFY(a.finalWorth > a.startWorth);
        QVERIFY(a.isolatedTrials >= a.trials * 9 / 10);

        const CheaterResult& s = r.subtle;
        QCOMPARE(s.rounds, 100);
        QCOMPARE(s.seed, std::uint64_t(123));
        QVERIFY(!s.isolatedAtRound);
        QCOMPARE(s.windows.size(), std::size_t(3));
        // Its reputation rises over time.
        QVERIFY(s.windows[2].meanReputation > s.windows[0].meanReputation);
        QVERIFY(s.windows[2].cheaterDeals > 0);
        QCOMPARE(s.isolatedTrials, 0);
        // Comparison: the subtle cheater deals far more and ends richer.
        QVERIFY(s.totalDeals > a.totalDeals);
        QVERIFY(s.finalWorth > a.finalWorth);
        QVERIFY(r.finalWorthD > 0.8);
    }

    void sameSeedSameNumbersForAnyThreadCount()
    {
        ExperimentOptions one, two, other;
        one.threads = 1;
        two.threads = 2;
        one.trials = two.trials = other.trials = 8;
        one.seed = two.seed = other.seed = 99;
        other.seed = 100;
        other.threads = 2;
        QCOMPARE(toJson(runScarcity(one)).dump(), toJson(runScarcity(two)).dump());
        QCOMPARE(toJson(runTrust(one)).dump(), toJson(runTrust(two)).dump());
        QCOMPARE(toJson(runHandshake(one)).dump(), toJson(runHandshake(two)).dump());
        QVERIFY(toJson(runScarcity(one)).dump() != toJson(runScarcity(other)).dump());
    }
};

QTEST_GUILESS_MAIN(TestExperiments)
#include "tst_experiments.moc"
