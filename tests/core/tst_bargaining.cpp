// Bargaining theory and the classic tactics against their closed forms: the Rubinstein split, the Nash solution of
// hand-worked problems, the time-dependent target, relative tit-for-tat; each round's bargaining scores; and the
// Q-learning negotiator: deterministic for a seed, learning against a fixed opponent, reloaded identically.
#include "bargaining.h"
#include "learningnegotiator.h"
#include "simulation.h"
#include "strategyregistry.h"
#include "testscenarios.h"
#include "timedependentstrategy.h"
#include "titfortatstrategy.h"

#include <QTest>

#include <cmath>

using namespace haggle;
using namespace haggle::test;

namespace {

NegotiationView view(Side side, int turn, int maxTurns = 6)
{
    NegotiationView v;
    v.side = side;
    v.turn = turn;
    v.maxTurns = maxTurns;
    v.referenceValue = 10.0;
    v.marketRate = 1.0;
    return v;
}

StrategySpec spec(std::string type, ParameterValues params = {})
{
    StrategySpec s;
    s.type = std::move(type);
    s.params = std::move(params);
    return s;
}

// A Q-learning seller against a buyer of the given strategy, every round.
Scenario learnerMarket(const std::string& buyer, std::uint64_t seed, int rounds)
{
    Scenario s = handshakePair(buyer, "q-learning", seed, rounds);
    return s;
}

const QLearningStrategy& learnerOf(const Simulation& sim)
{
    return dynamic_cast<const QLearningStrategy&>(sim.agents()[1].strategy());
}

// The learner's mean reward per negotiation over each window of rounds, stepping the run.
std::vector<double> learningCurve(Simulation& sim, int rounds, int window)
{
    std::vector<double> curve;
    double reward = 0.0;
    long long episodes = 0;
    for (int r = 1; r <= rounds; ++r) {
        sim.step();
        if (r % window == 0) {
            const auto& learner = learnerOf(sim);
            curve.push_back((learner.totalReward() - reward) / double(learner.episodes() - episodes));
            reward = learner.totalReward();
            episodes = learner.episodes();
        }
    }
    return curve;
}

} // namespace

class TestBargaining : public QObject {
    Q_OBJECT

private slots:
    void rubinsteinSplit_data()
    {
        QTest::addColumn<double>("d1");
        QTest::addColumn<double>("d2");
        QTest::addColumn<double>("share");
        QTest::newRow("equal 0.9") << 0.9 << 0.9 << 1.0 / 1.9;
        QTest::newRow("impatient proposer") << 0.5 << 0.8 << 0.2 / 0.6;
        QTest::newRow("patient proposer") << 0.99 << 0.5 << 0.5 / 0.505;
        QTest::newRow("myopic responder") << 0.8 << 0.0 << 1.0;
        QTest::newRow("myopic proposer") << 0.0 << 0.7 << 0.3;
    }
    void rubinsteinSplit()
    {
        QFETCH(double, d1);
        QFETCH(double, d2);
        QFETCH(double, share);
        const double x = bargaining::rubinsteinShare(d1, d2);
        QVERIFY(std::abs(x - share) <= 1e-9);
        // The SPE's defining indifference: the responder is offered what it would get, a period later, as proposer.
        const double responderAsProposer = bargaining::rubinsteinShare(d2, d1);
        QVERIFY(std::abs((1.0 - x) - d2 * responderAsProposer) <= 1e-9);
        // In Haggle the seller proposes first: the SPE price is its share of [c, b].
        bargaining::Problem p { 1.5, 0.25, d2, d1 };
        QVERIFY(std::abs(bargaining::rubinsteinPrice(p) - (0.25 + share * 1.25)) <= 1e-9);
    }

    void nashSolutionOfHandWorkedProblems()
    {
        // Risk-neutral: the surplus is split in half.
        QCOMPARE(bargaining::nashPrice({ 1.5, 0.5 }), 1.0);
        // A risk-averse seller (u = sqrt(p)) with a risk-neutral buyer valuing at 1: max (1 - p) sqrt(p) at p = 1/3.
        bargaining::Problem averse { 1.0, 0.0, 0.9, 0.9, 1.0, 0.5 };
        QVERIFY(std::abs(bargaining::nashPrice(averse) - 1.0 / 3.0) <= 1e-12);
        // ... which is where the product of utilities peaks, checked by brute force.
        double bestPrice = 0.0, best = -1.0;
        for (int i = 0; i <= 30000; ++i) {
            const double p = i / 30000.0;
            const auto u = bargaining::utilities(averse, p);
            if (u.buyer * u.seller > best) {
                best = u.buyer * u.seller;
                bestPrice = p;
            }
        }
        QVERIFY(std::abs(bestPrice - 1.0 / 3.0) < 1e-4);
        // A finite problem: 4 units split as x to the first (u = x) and 4 - x to the second (u = sqrt(4 - x)):
        // products 0, 1.73, 2.83, 3, 0, so x = 3 (the continuous optimum is 8/3).
        std::vector<bargaining::UtilityPoint> outcomes;
        for (int x = 0; x <= 4; ++x)
            outcomes.push_back({ double(x), std::sqrt(4.0 - x) });
        QCOMPARE(bargaining::nashSolution(outcomes).value(), std::size_t { 3 });
        // Against a disagreement point of (3.5, 0.5) no outcome leaves both at least as well off.
        QCOMPARE(bargaining::nashSolution(outcomes, { 3.5, 0.5 }).has_value(), false);
        // Of (2.5, 0.5), only x = 3 does.
        QCOMPARE(bargaining::nashSolution(outcomes, { 2.5, 0.5 }).value(), std::size_t { 3 });
    }

    void frontierAndDistances()
    {
        const bargaining::Problem neutral { 2.0, 0.0 };
        // Every agreement in the zone is on the frontier; the disagreement point is 1/sqrt(2) from it.
        QVERIFY(bargaining::distanceToFrontier(neutral, bargaining::utilities(neutral, 0.7)) < 1e-12);
        QVERIFY(std::abs(bargaining::distanceToFrontier(neutral, {}) - std::sqrt(0.5)) < 1e-12);
        // On the concave frontier ((1 - s)^0.5, s^0.5) every point is at distance 1 from the origin.
        const bargaining::Problem averse { 2.0, 0.0, 0.9, 0.9, 0.5, 0.5 };
        QVERIFY(std::abs(bargaining::distanceToFrontier(averse, {}) - 1.0) < 1e-9);
        const auto frontier = bargaining::paretoFrontier(averse, 11);
        QCOMPARE(frontier.size(), std::size_t { 11 });
        QVERIFY(std::abs(frontier.front().buyer - 1.0) < 1e-12 && std::abs(frontier.back().seller - 1.0) < 1e-12);
        // A deal above the buyer's value: the buyer loses, linearly; the analysis reports it off the frontier.
        const auto a = bargaining::analyse(neutral, 2.5);
        QVERIFY(a.outcome.buyer < 0.0);
        QVERIFY(a.paretoDistance > 0.0);
        QVERIFY(std::abs(a.priceOverRubinstein - (2.5 - 2.0 / 1.9)) < 1e-12);
        // No surplus (value at or below cost): nothing to analyse.
        QVERIFY(!bargaining::analyse({ 1.0, 1.0 }, 1.0).surplus);
    }

    void timeDependentTarget_data()
    {
        QTest::addColumn<double>("t");
        QTest::addColumn<double>("e");
        QTest::addColumn<double>("expected");
        // Pmin 0.8, Pmax 1.2: target = 0.8 + 0.4 (1 - t^(1/e)).
        QTest::newRow("start") << 0.0 << 0.2 << 1.2;
        QTest::newRow("deadline") << 1.0 << 5.0 << 0.8;
        QTest::newRow("linear half") << 0.5 << 1.0 << 1.0;
        QTest::newRow("boulware half") << 0.5 << 0.5 << 0.8 + 0.4 * 0.75;
        QTest::newRow("conceder half") << 0.5 << 2.0 << 0.8 + 0.4 * (1.0 - std::sqrt(0.5));
        QTest::newRow("boulware late") << 0.9 << 0.2 << 0.8 + 0.4 * (1.0 - std::pow(0.9, 5.0));
    }
    void timeDependentTarget()
    {
        QFETCH(double, t);
        QFETCH(double, e);
        QFETCH(double, expected);
        QVERIFY(std::abs(TimeDependentStrategy::target(t, e, 0.8, 1.2) - expected) <= 1e-12);
    }

    void timeDependentTactics()
    {
        // Time runs over the proposals: turn k of 6 is at t = k / 5.
        QCOMPARE(TimeDependentStrategy::timeOf(0, 6), 0.0);
        QCOMPARE(TimeDependentStrategy::timeOf(5, 6), 1.0);
        auto boulware = makeStrategy(spec("boulware"));
        auto conceder = makeStrategy(spec("conceder"));
        auto* b = dynamic_cast<TimeDependentStrategy*>(boulware.get());
        auto* c = dynamic_cast<TimeDependentStrategy*>(conceder.get());
        QVERIFY(b && c);
        // A seller's price at turn 2 (t = 0.4): Boulware holds near 1.2, Conceder has come most of the way down.
        QVERIFY(std::abs(b->proposal(view(Side::Seller, 2)) - (0.8 + 0.4 * (1.0 - std::pow(0.4, 5.0)))) < 1e-12);
        QVERIFY(std::abs(c->proposal(view(Side::Seller, 2)) - (0.8 + 0.4 * (1.0 - std::sqrt(0.4)))) < 1e-12);
        // A buyer's mirrors it: it rises from p_min to p_max.
        QVERIFY(std::abs(c->proposal(view(Side::Buyer, 2)) - (1.2 - 0.4 * (1.0 - std::sqrt(0.4)))) < 1e-12);
        // AC_next: accept what is at least as good as one's own next proposal, else counter with it.
        NegotiationView v = view(Side::Seller, 2);
        v.partnerLast = 1.05;
        QCOMPARE(c->respond(v, testRng()).kind, Decision::Kind::Accept); // its next ask would be about 0.95
        QCOMPARE(b->respond(v, testRng()).kind, Decision::Kind::Counter);
        // AC_const at 1.0: a Boulware seller takes 1.05 at once.
        auto constant = makeStrategy(spec("boulware", { { "acceptance", 1 } }));
        QCOMPARE(constant->respond(v, testRng()).kind, Decision::Kind::Accept);
        // The last answer: within the band it accepts, below it rejects.
        NegotiationView last = view(Side::Seller, 6);
        last.partnerLast = 0.85;
        QCOMPARE(b->respond(last, testRng()).kind, Decision::Kind::Accept);
        last.partnerLast = 0.75;
        QCOMPARE(b->respond(last, testRng()).kind, Decision::Kind::Reject);
        // Between two tactics: Conceder buyer and Boulware seller agree, at the Boulware's end of the band.
        Simulation sim(handshakePair("conceder", "boulware", 3, 1));
        sim.step();
        const auto& n = sim.lastEvents().negotiations.front();
        QCOMPARE(n.outcome, NegotiationOutcome::Accepted);
        QVERIFY(n.unitPrice > 1.1);
    }

    void titForTatImitates()
    {
        TitForTatStrategy tft(0.8, 1.2, 0.1);
        // Seller: the buyer rose from 0.8 to 0.9 (12.5%), so it comes down from 1.2 by the same factor, 0.8/0.9.
        NegotiationView seller = view(Side::Seller, 3);
        seller.ownLast = 1.2;
        seller.partnerPrevious = 0.8;
        seller.partnerLast = 0.9;
        const Decision s = tft.respond(seller, testRng());
        QCOMPARE(s.kind, Decision::Kind::Counter);
        QVERIFY(std::abs(s.unitPrice - 1.2 * 0.8 / 0.9) < 1e-12);
        // Buyer: the seller came down from 1.3 to 1.2; it raises 0.8 by 1.3/1.2.
        NegotiationView buyer = view(Side::Buyer, 4);
        buyer.ownLast = 0.8;
        buyer.partnerPrevious = 1.3;
        buyer.partnerLast = 1.2;
        QVERIFY(std::abs(tft.respond(buyer, testRng()).unitPrice - 0.8 * 1.3 / 1.2) < 1e-12);
        // Nothing to imitate yet: the first counter concedes a tenth of the band.
        NegotiationView first = view(Side::Seller, 2);
        first.ownLast = 1.2;
        first.partnerLast = 0.8;
        QVERIFY(std::abs(tft.respond(first, testRng()).unitPrice - 1.16) < 1e-12);
        // A partner that does not move gets nothing: the same price again.
        seller.partnerPrevious = 0.9;
        QVERIFY(std::abs(tft.respond(seller, testRng()).unitPrice - 1.2) < 1e-12);
        // The mechanism hands the partner's previous proposal on.
        Simulation sim(handshakePair("tit-for-tat", "tit-for-tat", 5, 1));
        sim.step();
        QCOMPARE(sim.lastEvents().negotiations.front().outcome, NegotiationOutcome::Accepted);
    }

    void tacticParametersAreChecked()
    {
        const auto fieldOf = [](const StrategySpec& s) {
            const auto error = validateStrategySpec(s);
            return error ? error->field : std::string();
        };
        QCOMPARE(fieldOf(spec("time-dependent", { { "e", 0.0 } })), std::string("params.e"));
        QCOMPARE(fieldOf(spec("time-dependent", { { "e", -1.0 } })), std::string("params.e"));
        QCOMPARE(fieldOf(spec("boulware", { { "e", 1.5 } })), std::string("params.e"));
        QCOMPARE(fieldOf(spec("conceder", { { "p_min", 1.3 } })), std::string("params.p_min"));
        QCOMPARE(fieldOf(spec("tit-for-tat", { { "p_min", 1.0 }, { "p_max", 1.0 } })), std::string("params.p_min"));
        QCOMPARE(fieldOf(spec("q-learning", { { "epsilon", 1.5 } })), std::string("params.epsilon"));
        QCOMPARE(fieldOf(spec("q-learning", { { "epsilon", -0.1 } })), std::string("params.epsilon"));
        QCOMPARE(fieldOf(spec("q-learning", { { "low", 1.5 } })), std::string("params.low"));
        QCOMPARE(fieldOf(spec("conceder", { { "p_min", 0.5 }, { "p_max", 1.5 } })), std::string());
        const auto error = validateStrategySpec(spec("time-dependent", { { "p_min", 1.3 }, { "p_max", 1.1 } }));
        QVERIFY(error && error->message.find("must be below p_max") != std::string::npos);
    }

    void roundsScoreTheirNegotiations()
    {
        // Fair against Fair agrees at 1.0; the buyer (urgency 0.5) values the compute at 1.5, the seller's cost is 0.
        Scenario s = handshakePair("fair", "fair", 1, 1);
        Simulation sim(s);
        const RoundSummary& summary = sim.step();
        const BargainingTally& t = summary.bargaining;
        QCOMPARE(t.analysed, 1);
        QCOMPARE(t.agreed, 1);
        QVERIFY(std::abs(*t.meanBuyerUtility - 0.5 / 1.5) < 1e-12);
        QVERIFY(std::abs(*t.meanSellerUtility - 1.0 / 1.5) < 1e-12);
        QVERIFY(std::abs(*t.meanPriceOverRubinstein - (1.0 - 1.5 / 1.9)) < 1e-12);
        QVERIFY(*t.meanParetoDistance < 1e-12);
        // A deadlock sits at the disagreement point: 1/sqrt(2) from the frontier.
        Simulation deadlock(handshakePair("greedy", "greedy", 1, 1));
        const BargainingTally& d = deadlock.step().bargaining;
        QCOMPARE(d.agreed, 0);
        QVERIFY(!d.meanBuyerUtility);
        QVERIFY(std::abs(*d.meanParetoDistance - std::sqrt(0.5)) < 1e-12);
        // The analysis settings change the scores, not the run.
        s.analysis.sellerCost = 0.5;
        Simulation costly(s);
        QVERIFY(std::abs(*costly.step().bargaining.meanSellerUtility - 0.5) < 1e-12);
        QCOMPARE(costly.stateHash(), sim.stateHash());
    }

    void qLearningIsDeterministicForASeed()
    {
        Simulation a(learnerMarket("fair", 11, 300));
        Simulation b(learnerMarket("fair", 11, 300));
        Simulation other(learnerMarket("fair", 12, 300));
        for (int r = 0; r < 300; ++r) {
            a.step();
            b.step();
            other.step();
            QCOMPARE(a.stateHash(), b.stateHash());
        }
        QCOMPARE(learnerOf(a).learned(), learnerOf(b).learned());
        QVERIFY(learnerOf(a).learned()->values != learnerOf(other).learned()->values);
        QVERIFY(a.stateHash() != other.stateHash());
    }

    void qLearningCurveRisesAgainstAFixedOpponent_data()
    {
        QTest::addColumn<QString>("buyer");
        QTest::newRow("fair") << u"fair"_qs;
        QTest::newRow("conceder") << u"conceder"_qs;
    }
    void qLearningCurveRisesAgainstAFixedOpponent()
    {
        QFETCH(QString, buyer);
        Simulation sim(learnerMarket(buyer.toStdString(), 7, 1000));
        const auto curve = learningCurve(sim, 1000, 50);
        QCOMPARE(curve.size(), std::size_t { 20 });
        const double first = curve.front();
        const double last = (curve[17] + curve[18] + curve[19]) / 3.0;
        qInfo("learning curve vs %s: first 50 rounds %.3f, last 150 %.3f", qPrintable(buyer), first, last);
        QVERIFY(last > first + 0.1);
    }

    void savedPolicyReloadsIdentically()
    {
        Simulation sim(learnerMarket("fair", 21, 400));
        for (int r = 0; r < 400; ++r)
            sim.step();
        const LearnedTable policy = *learnerOf(sim).learned();
        QCOMPARE(policy.episodes, 400LL);
        StrategySpec loaded = spec("q-learning");
        loaded.policy = policy;
        auto restored = makeStrategy(loaded);
        QCOMPARE(*restored->learned(), policy);
        QCOMPARE(restored->stateDigest(), makeStrategy(loaded)->stateDigest());
        // It decides as the learner it came from, draw for draw.
        auto original = sim.agents()[1].strategy().clone();
        Rng r1(99), r2(99);
        for (int turn = 0; turn < 6; ++turn) {
            NegotiationView v = view(Side::Seller, turn);
            if (turn > 0)
                v.partnerLast = 0.7 + 0.1 * turn;
            const auto x = turn == 0 ? Decision::counter(*original->openingOffer(v, r1)) : original->respond(v, r1);
            const auto y = turn == 0 ? Decision::counter(*restored->openingOffer(v, r2)) : restored->respond(v, r2);
            QCOMPARE(x.kind, y.kind);
            QCOMPARE(x.unitPrice, y.unitPrice);
        }
        // A scenario whose learner starts from the policy plays on from where the first left off.
        Scenario next = learnerMarket("fair", 22, 50);
        next.agents[1].strategy.policy = policy;
        Simulation carried(next);
        carried.step();
        QCOMPARE(learnerOf(carried).episodes(), 401LL);
        // A policy of another shape is refused, saying why.
        StrategySpec other = spec("q-learning", { { "levels", 5 } });
        other.policy = policy;
        const auto error = validateStrategySpec(other);
        QVERIFY(error && error->field == "policy");
        StrategySpec notLearning = spec("fair");
        notLearning.policy = policy;
        QVERIFY(validateStrategySpec(notLearning).has_value());
    }
};

QTEST_GUILESS_MAIN(TestBargaining)
#include "tst_bargaining.moc"
