// ReputationTables, the storage any reputation model may keep its numbers in: what a model writes is what it reads
// back, in any form the tables take, with sums, digests and copies that agree with a plain map.
#include "reputation.h"
#include "reputationtables.h"
#include "rng.h"

#include <QTest>

#include <cmath>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

using namespace haggle;

namespace {

// A model other than the baseline: counts of kept deals (no view, no clamp; a stranger has 0).
double countOne(double kept)
{
    return kept + 1.0;
}

} // namespace

class TestReputationTables : public QObject {
    Q_OBJECT

private slots:
    void aWriteReportsBeforeAndAfter()
    {
        ReputationTables tables;
        tables.reset(4);
        QCOMPARE(tables.find(0, 1), nullptr);
        QCOMPARE(tables.valueOr(0, 1, 0.0), 0.0);
        const auto first = tables.write(0, 1, 0.0, countOne);
        QVERIFY(first.inserted);
        QCOMPARE(first.before, 0.0); // the stranger value given
        QCOMPARE(first.after, 1.0);
        const auto second = tables.write(0, 1, 0.0, countOne);
        QVERIFY(!second.inserted);
        QCOMPARE(second.before, 1.0);
        QCOMPARE(tables.valueOr(0, 1, 0.0), 2.0);
        // Each observer's own: 2 has no entry about 1, and 1 none about 0.
        QCOMPARE(tables.find(2, 1), nullptr);
        QCOMPARE(tables.find(1, 0), nullptr);
        QCOMPARE(tables.size(0), std::size_t(1));
        QCOMPARE(tables.size(2), std::size_t(0));
    }

    void sumsAboutASubjectCountEveryObserver()
    {
        ReputationTables tables;
        tables.reset(5);
        tables.write(0, 3, 0.5, [](double) { return 0.9; });
        tables.write(1, 3, 0.5, [](double) { return 0.1; });
        tables.write(1, 3, 0.5, [](double r) { return r + 0.2; }); // replaces 0.1, not added to it
        QCOMPARE(tables.countAbout(3), std::size_t(2));
        QVERIFY(std::abs(tables.sumAbout(3) - 1.2) < 1e-12);
        // Four others: two entries (0.9, 0.3) and two strangers at 0.5.
        QVERIFY(std::abs(tables.meanAbout(3, 0.5) - (0.9 + 0.3 + 0.5 + 0.5) / 4.0) < 1e-12);
        QCOMPARE(tables.meanAbout(4, 0.25), 0.25); // no entries: the stranger value
    }

    void everyFormHoldsWhatAMapHolds()
    {
        // Random writes until some tables turn into plain arrays: entries, sums, digests and batch reads equal a
        // straightforward map's, and a copy taken on the way goes on alone.
        constexpr std::size_t Agents = 200;
        ReputationTables tables;
        tables.reset(Agents);
        std::map<std::pair<AgentIndex, AgentIndex>, double> expected;
        Rng rng(7);
        std::optional<ReputationTables> copy;
        std::map<std::pair<AgentIndex, AgentIndex>, double> atCopy;
        for (int i = 0; i < 30000; ++i) {
            // Observers 0-3 meet almost everyone (dense), the rest a few (hashed).
            const auto observer = static_cast<AgentIndex>(rng.nextU64() % (i % 2 ? 4 : Agents));
            const auto subject = static_cast<AgentIndex>(rng.nextU64() % Agents);
            const double step = rng.uniform01();
            tables.write(observer, subject, 0.5, [&](double r) { return (r + step) / 2.0; });
            auto& entry = expected.try_emplace({ observer, subject }, 0.5).first->second;
            entry = (entry + step) / 2.0;
            if (i == 15000) {
                copy.emplace(tables);
                atCopy = expected;
            }
        }
        QVERIFY(tables.size(0) > Agents / 2); // dense by now
        QVERIFY(copy);
        const auto check = [](const ReputationTables& t, const std::map<std::pair<AgentIndex, AgentIndex>, double>& m) {
            std::vector<double> sums(Agents, 0.0);
            std::vector<std::size_t> counts(Agents, 0);
            for (AgentIndex observer = 0; observer < Agents; ++observer) {
                std::vector<std::pair<AgentIndex, double>> entries;
                std::uint64_t digest = 0;
                for (auto it = m.lower_bound({ observer, 0 }); it != m.end() && it->first.first == observer; ++it) {
                    entries.emplace_back(it->first.second, it->second);
                    digest += 1 + reputationEntryDigest(it->first.second, it->second);
                    sums[it->first.second] += it->second;
                    ++counts[it->first.second];
                }
                if (t.entries(observer) != entries || t.digest(observer) != digest)
                    return false;
                std::vector<AgentIndex> all;
                for (AgentIndex s = 0; s < Agents; ++s)
                    all.push_back(s);
                std::vector<double> read(Agents);
                t.valuesOr(observer, all, -1.0, read.data());
                for (AgentIndex s = 0; s < Agents; ++s) {
                    const auto it = m.find({ observer, s });
                    if (read[s] != (it == m.end() ? -1.0 : it->second))
                        return false;
                }
            }
            for (AgentIndex s = 0; s < Agents; ++s) {
                if (t.countAbout(s) != counts[s] || std::abs(t.sumAbout(s) - sums[s]) > 1e-9)
                    return false;
            }
            return true;
        };
        QVERIFY(check(tables, expected));
        QVERIFY(check(*copy, atCopy));
        QVERIFY(tables.entries(0) != copy->entries(0));
    }

    void aPackedCopyIsWholeAgainWhenCopied_data()
    {
        QTest::addColumn<bool>("fewNumbers");
        QTest::newRow("16-bit codes") << true; // views moving by fixed steps: few distinct numbers
        QTest::newRow("32-bit codes") << false; // more distinct numbers than 16 bits can code
    }

    void aPackedCopyIsWholeAgainWhenCopied()
    {
        // A checkpoint's tables are packed; a copy of them reads, sums and digests as the original, and both go on
        // alike. A packed instance answers nothing.
        QFETCH(bool, fewNumbers);
        // Observers 0-7 meet everyone (dense tables), the rest about 75 of 2,000 (hashed); unique numbers pass 65,535.
        constexpr std::size_t Agents = 2000;
        ReputationTables tables;
        tables.reset(Agents);
        Rng rng(11);
        const auto writeSome = [&](ReputationTables& t, Rng& r, int count) {
            for (int i = 0; i < count; ++i) {
                const auto observer = static_cast<AgentIndex>(r.nextU64() % (i % 4 == 0 ? 8 : Agents));
                const auto subject = static_cast<AgentIndex>(r.nextU64() % Agents);
                const double step = fewNumbers ? 0.1 * double(r.below(4)) : r.uniform01();
                t.write(observer, subject, 0.5, [&](double v) { return fewNumbers ? std::min(1.0, v + step) : step; });
            }
        };
        writeSome(tables, rng, 200000);
        ReputationTables packed(tables);
        packed.pack();
        QVERIFY(packed.packed());
        QCOMPARE(packed.agents(), std::size_t(0));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, packed.find(0, 1));
        if (fewNumbers)
            QVERIFY(packed.storageBytes() * 2 < tables.storageBytes());
        else
            QVERIFY(packed.storageBytes() < tables.storageBytes());

        ReputationTables restored(packed);
        QVERIFY(!restored.packed());
        const auto same = [](const ReputationTables& a, const ReputationTables& b) {
            if (a.agents() != b.agents())
                return false;
            for (AgentIndex i = 0; i < a.agents(); ++i) {
                if (a.entries(i) != b.entries(i) || a.digest(i) != b.digest(i) || a.sumAbout(i) != b.sumAbout(i)
                    || a.countAbout(i) != b.countAbout(i))
                    return false;
            }
            return true;
        };
        QVERIFY(same(tables, restored));
        Rng again(12), alike(12);
        writeSome(tables, again, 20000);
        writeSome(restored, alike, 20000);
        QVERIFY(same(tables, restored));
        QVERIFY(same(ReputationTables(packed), restored) == false); // the packed copy kept the earlier state
    }

    void aRuleThatGivesNoNumberChangesNothing()
    {
        ReputationTables tables;
        tables.reset(3);
        tables.write(0, 1, 0.5, [](double) { return 0.7; });
        const auto digest = tables.digest(0);
        const auto nan = [](double) { return std::nan(""); };
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tables.write(0, 1, 0.5, nan)); // an entry kept
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tables.write(0, 2, 0.5, nan)); // an entry not made
        QCOMPARE(tables.valueOr(0, 1, 0.5), 0.7);
        QCOMPARE(tables.find(0, 2), nullptr);
        QCOMPARE(tables.size(0), std::size_t(1));
        QCOMPARE(tables.digest(0), digest);
        QCOMPARE(tables.countAbout(2), std::size_t(0));
        // Agents outside the population, and a stranger value that is no number, are refused.
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, tables.write(0, 3, 0.5, countOne));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, tables.write(3, 0, 0.5, countOne));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tables.write(0, 2, INFINITY, countOne));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, tables.find(5, 0));
        QCOMPARE(tables.find(0, NoAgent), nullptr);
    }
};

QTEST_APPLESS_MAIN(TestReputationTables)
#include "tst_reputationtables.moc"
