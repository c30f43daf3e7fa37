// The baseline reputation model: strangers, the documented formulas, sparse tables and aggregate views.
#include "baselinereputation.h"
#include "rng.h"

#include <QTest>

#include <cmath>
#include <map>
#include <memory>
#include <set>
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
        const auto change = rep.recordReport(0, 2, 0.0, 1);
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
        BaselineRates s;
        s.reward = 1.0;
        s.penalty = 1.0;
        BaselineReputation rep(s);
        rep.reset(2);
        QCOMPARE(rep.recordDeal(0, 1, true).after, 1.0);
        QCOMPARE(rep.recordDeal(0, 1, false).after, 0.0);
        QCOMPARE(rep.recordReport(0, 1, 7.0, 2).after, 1.0);
    }

    void cloneIsIndependent()
    {
        BaselineReputation rep;
        rep.reset(2);
        auto copy = rep.clone();
        rep.recordDeal(0, 1, false);
        QCOMPARE(copy->view(0, 1), 0.5);

        // A clone of grown tables (each holding its own storage), hashed or dense, holds the same entries, and
        // each goes on, and is destroyed, on its own.
        BaselineReputation big;
        big.reset(300);
        for (AgentIndex s = 1; s < 300; ++s)
            big.recordDeal(0, s, s % 3 != 0);
        auto twin = big.clone();
        QCOMPARE(twin->table(0), big.table(0));
        QCOMPARE(twin->tableDigest(0), big.tableDigest(0));
        QCOMPARE(twin->meanViewOf(7), big.meanViewOf(7));
        twin->recordDeal(0, 3, true);
        big.reset(300);
        QCOMPARE(big.table(0).size(), std::size_t(0));
        QCOMPARE(twin->table(0).size(), std::size_t(299));
        QVERIFY(twin->view(0, 3) > 0.25);

        BaselineReputation hashed; // 20 entries among 300: still a hash table
        hashed.reset(300);
        for (AgentIndex s = 1; s <= 20; ++s)
            hashed.recordDeal(5, s * 7, s % 2 == 0);
        auto hashedTwin = hashed.clone();
        QCOMPARE(hashedTwin->table(5), hashed.table(5));
        hashed.recordDeal(5, 7, true);
        QVERIFY(hashedTwin->view(5, 7) != hashed.view(5, 7));
        QCOMPARE(hashedTwin->tableDigest(5), hashedTwin->ReputationModel::tableDigest(5));
    }

    void badInputIsRefused()
    {
        BaselineReputation rep;
        rep.reset(3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rep.recordReport(0, 1, std::nan(""), 2));
        QCOMPARE(rep.table(0).size(), std::size_t(0)); // nothing recorded
        QCOMPARE(rep.view(0, NoAgent), 0.5); // not a match for an empty place
        rep.recordDeal(0, 1, true);
        QCOMPARE(rep.view(0, NoAgent), 0.5);
        BaselineRates nan;
        nan.initial = std::nan("");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BaselineReputation { nan });
    }

    void viewsSurviveEveryChangeOfForm()
    {
        // A table starts hashed and becomes a plain array once that is smaller: every view, before and after,
        // equals a straightforward map's, for strangers and for subjects out of range alike.
        BaselineReputation rep;
        rep.reset(1000);
        std::map<AgentIndex, double> expected;
        Rng rng(9);
        for (int i = 0; i < 3000; ++i) {
            const auto subject = static_cast<AgentIndex>(1 + rng.below(999));
            const bool fulfilled = rng.bernoulli(0.7);
            const double before = expected.count(subject) ? expected[subject] : 0.5;
            expected[subject] = fulfilled ? before + 0.1 * (1.0 - before) : before - 0.5 * before;
            QCOMPARE(rep.recordDeal(0, subject, fulfilled).after, expected[subject]);
            if (i % 97 == 0) {
                for (AgentIndex s = 0; s < 1000; ++s)
                    QVERIFY(rep.view(0, s) == (expected.count(s) ? expected[s] : 0.5)); // exactly, not fuzzily
                QCOMPARE(rep.view(0, 5000), 0.5);
                QCOMPARE(rep.table(0).size(), expected.size());
            }
        }
        QCOMPARE(expected.size(), rep.table(0).size());
        QVERIFY(expected.size() > 900); // the table went through every form
    }

    void tablesGrowingSideBySideKeepTheirViews()
    {
        // Tables of one size share an arena, and a table that grows leaves a place there that the arena's last table
        // of that size moves into. Many observers growing in random turn (through every size and the dense form), a
        // clone taken halfway: every view of every observer equals a map's, in the original and in the clone, asked
        // for one at a time or many at once.
        constexpr AgentIndex Population = 300;
        BaselineReputation rep;
        rep.reset(Population);
        std::vector<std::map<AgentIndex, double>> expected(Population);
        std::unique_ptr<ReputationModel> clone;
        std::vector<std::map<AgentIndex, double>> cloned;
        // Asked one at a time, and all at once (the model's own views() and the interface's default), in a shuffled
        // order with repeats.
        std::vector<AgentIndex> subjects;
        for (AgentIndex s = 0; s < Population; ++s)
            subjects.insert(subjects.end(), { s, s });
        Rng order(3);
        order.shuffle(subjects);
        using Views = std::vector<std::map<AgentIndex, double>>;
        const auto check = [&subjects](const ReputationModel& model, const Views& views) {
            std::vector<double> batch(subjects.size()), byDefault(subjects.size());
            for (AgentIndex o = 0; o < views.size(); ++o) {
                QCOMPARE(model.table(o).size(), views[o].size());
                model.views(o, subjects, batch.data());
                model.ReputationModel::views(o, subjects, byDefault.data());
                for (std::size_t k = 0; k < subjects.size(); ++k) {
                    const auto it = views[o].find(subjects[k]);
                    const double want = it != views[o].end() ? it->second : 0.5;
                    QVERIFY(model.view(o, subjects[k]) == want);
                    QVERIFY(batch[k] == want);
                    QVERIFY(byDefault[k] == want);
                }
            }
        };
        Rng rng(21);
        for (int i = 0; i < 60000; ++i) {
            // Low observers meet many more subjects than high ones, so tables of every size live at once.
            const auto observer = static_cast<AgentIndex>(rng.below(1 + rng.below(Population)));
            const auto subject = static_cast<AgentIndex>(rng.below(Population));
            if (subject == observer)
                continue;
            const bool fulfilled = rng.bernoulli(0.8);
            auto& views = expected[observer];
            const double before = views.count(subject) ? views[subject] : 0.5;
            views[subject] = fulfilled ? before + 0.1 * (1.0 - before) : before - 0.5 * before;
            QCOMPARE(rep.recordDeal(observer, subject, fulfilled).after, views[subject]);
            if (i == 20000) {
                clone = rep.clone();
                cloned = expected;
            }
            if (i % 10000 == 0)
                check(rep, expected);
        }
        check(rep, expected);
        check(*clone, cloned); // untouched by everything the original did after it
        QVERIFY(expected[0].size() > Population / 2); // the busiest table went dense (past 96 entries at 300 agents)
        QVERIFY(expected[Population - 1].size() < 40); // while the quietest stayed small
    }

    void tableDigestFollowsEveryChange()
    {
        // The digest kept up to date on every update equals one computed afresh from the sorted table, through
        // inserts, updates, clamping and growth of the hash tables; and it tells different tables apart.
        BaselineReputation rep;
        rep.reset(40);
        Rng rng(5);
        std::set<std::uint64_t> seen;
        for (int i = 0; i < 4000; ++i) {
            const auto observer = static_cast<AgentIndex>(rng.below(40));
            auto subject = static_cast<AgentIndex>(rng.below(40));
            if (subject == observer)
                subject = (subject + 1) % 40;
            switch (rng.below(3)) {
            case 0:
                rep.recordDeal(observer, subject, true);
                break;
            case 1:
                rep.recordDeal(observer, subject, false);
                break;
            default:
                rep.recordReport(observer, subject, rng.uniform01(), NoAgent);
            }
            QCOMPARE(rep.tableDigest(observer), rep.ReputationModel::tableDigest(observer));
            seen.insert(rep.tableDigest(observer));
        }
        for (AgentIndex a = 0; a < 40; ++a)
            QCOMPARE(rep.tableDigest(a), rep.ReputationModel::tableDigest(a));
        QVERIFY(seen.size() > 3900); // nearly every change gives a new digest
        BaselineReputation fresh;
        fresh.reset(40);
        QCOMPARE(fresh.tableDigest(3), std::uint64_t(0));
        fresh.recordDeal(3, 4, true);
        QVERIFY(fresh.tableDigest(3) != 0);
    }

    void modelsAreChosenByName()
    {
        QCOMPARE(makeReputationModel({}, {})->name(), std::string_view("baseline"));
        ReputationSettings unknown;
        unknown.model = "eigentrust";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeReputationModel(unknown, {}));
    }
};

QTEST_GUILESS_MAIN(TestReputation)
#include "tst_reputation.moc"
