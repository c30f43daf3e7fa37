// The baseline reputation model: strangers, the documented formulas, sparse tables and aggregate views.
#include "baselinereputation.h"

#include <QTest>

#include <stdexcept>

using namespace haggle;

class TestReputation : public QObject {
    Q_OBJECT

private slots:
    void strangersStartAtTheInitialValue()
    {
        BaselineReputation rep;
        rep.reset(4);
        QCOMPARE(rep.view(0, 1), 0.5);
        QCOMPARE(rep.meanViewOf(2), 0.5);
        QVERIFY(rep.table(0).empty());
    }

    void fulfilledDealsRaiseDefaultsLower()
    {
        BaselineReputation rep; // reward 0.1, penalty 0.5
        rep.reset(3);
        auto up = rep.recordDeal(0, 1, true);
        QCOMPARE(up.before, 0.5);
        QVERIFY(std::abs(up.after - 0.55) < 1e-12); // 0.5 + 0.1 x 0.5
        QCOMPARE(up.cause, ReputationCause::Fulfilled);
        auto down = rep.recordDeal(0, 2, false);
        QCOMPARE(down.after, 0.25); // 0.5 - 0.5 x 0.5: below the wrapper's 0.3 after one default
        QCOMPARE(down.cause, ReputationCause::Defaulted);
        // Views are each agent's own: 2 has heard nothing of 1.
        QCOMPARE(rep.view(2, 1), 0.5);
        QCOMPARE(rep.table(0).size(), std::size_t(2));
    }

    void aLongRecordAbsorbsARareDefault()
    {
        BaselineReputation rep;
        rep.reset(2);
        for (int i = 0; i < 30; ++i)
            rep.recordDeal(0, 1, true);
        QVERIFY(rep.view(0, 1) > 0.95);
        rep.recordDeal(0, 1, false);
        QVERIFY(rep.view(0, 1) > 0.3);
    }

    void reportsBlendTowardThePeersView()
    {
        BaselineReputation rep; // gossip weight 0.3
        rep.reset(3);
        const auto change = rep.recordReport(0, 2, 0.0);
        QVERIFY(std::abs(change.after - 0.35) < 1e-12);
        QCOMPARE(change.cause, ReputationCause::Report);
    }

    void meanViewCountsStrangersAtInitial()
    {
        BaselineReputation rep;
        rep.reset(5);
        rep.recordDeal(0, 4, false); // 0.25
        rep.recordDeal(1, 4, false); // 0.25
        // Two explicit views of 0.25 and two strangers at 0.5, over the 4 others.
        QVERIFY(std::abs(rep.meanViewOf(4) - 0.375) < 1e-12);
        rep.recordDeal(1, 4, true);
        QVERIFY(std::abs(rep.meanViewOf(4) - (0.25 + 0.325 + 1.0) / 4) < 1e-12);
    }

    void valuesStayInTheUnitInterval()
    {
        ReputationSettings s;
        s.reward = 1.0;
        s.penalty = 1.0;
        BaselineReputation rep(s);
        rep.reset(2);
        QCOMPARE(rep.recordDeal(0, 1, true).after, 1.0);
        QCOMPARE(rep.recordDeal(0, 1, false).after, 0.0);
        QCOMPARE(rep.recordReport(0, 1, 7.0).after, 1.0);
    }

    void cloneIsIndependent()
    {
        BaselineReputation rep;
        rep.reset(2);
        auto copy = rep.clone();
        rep.recordDeal(0, 1, false);
        QCOMPARE(copy->view(0, 1), 0.5);
    }

    void modelsAreChosenByName()
    {
        QCOMPARE(makeReputationModel({})->name(), std::string_view("baseline"));
        ReputationSettings unknown;
        unknown.model = "eigentrust";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeReputationModel(unknown));
    }
};

QTEST_GUILESS_MAIN(TestReputation)
#include "tst_reputation.moc"
