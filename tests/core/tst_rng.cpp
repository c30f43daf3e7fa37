// Tests for the engine's portable random generator and distributions.
#include "rng.h"

#include <QTest>

#include <algorithm>
#include <numeric>
#include <set>

using haggle::Rng;

class TestRng : public QObject {
    Q_OBJECT

private slots:
    void matchesReferenceXoshiro256StarStar()
    {
        // Published reference output of xoshiro256** from the state {1, 2, 3, 4}.
        auto rng = Rng::fromState({ 1, 2, 3, 4 });
        QCOMPARE(rng.nextU64(), std::uint64_t(11520));
        QCOMPARE(rng.nextU64(), std::uint64_t(0));
        QCOMPARE(rng.nextU64(), std::uint64_t(1509978240));
        QCOMPARE(rng.nextU64(), std::uint64_t(1215971899390074240ULL));
    }

    void splitMixMatchesReference()
    {
        // SplitMix64's first output from 0 (Steele, Lea & Flood's reference implementation).
        std::uint64_t x = 0;
        QCOMPARE(haggle::splitMix64(x), std::uint64_t(0xE220A8397B1DCDAFULL));
    }

    void sameSeedSameStream()
    {
        Rng a(42), b(42), c(43);
        bool differs = false;
        for (int i = 0; i < 1000; ++i) {
            const auto va = a.nextU64();
            QCOMPARE(va, b.nextU64());
            differs = differs || va != c.nextU64();
        }
        QVERIFY(differs);
    }

    void uniformIsInUnitInterval()
    {
        Rng rng(7);
        double sum = 0.0;
        for (int i = 0; i < 100000; ++i) {
            const double u = rng.uniform01();
            QVERIFY(u >= 0.0 && u < 1.0);
            sum += u;
        }
        QVERIFY(std::abs(sum / 100000 - 0.5) < 0.01);
    }

    void belowIsUnbiased_data()
    {
        QTest::addColumn<quint64>("bound");
        QTest::newRow("2") << quint64(2);
        QTest::newRow("6") << quint64(6);
        QTest::newRow("10") << quint64(10);
        QTest::newRow("2^63+1") << quint64((1ULL << 63) + 1);
    }

    void belowIsUnbiased()
    {
        QFETCH(quint64, bound);
        Rng rng(99);
        constexpr int draws = 60000;
        const std::uint64_t buckets = std::min<std::uint64_t>(bound, 10);
        std::vector<int> counts(buckets, 0);
        for (int i = 0; i < draws; ++i) {
            const auto v = rng.below(bound);
            QVERIFY(v < bound);
            // Fold large bounds into 10 buckets by scaling: each bucket should see its share.
            const auto bucket = bound <= 10 ? v : static_cast<std::uint64_t>(static_cast<double>(v) / bound * 10);
            ++counts[std::min<std::uint64_t>(bucket, buckets - 1)];
        }
        const double expected = double(draws) / buckets;
        for (int c : counts)
            QVERIFY2(std::abs(c - expected) < 0.06 * expected, qPrintable(QString::number(c)));
    }

    void bernoulliEdges()
    {
        Rng rng(3);
        int hits = 0;
        for (int i = 0; i < 1000; ++i) {
            QVERIFY(!rng.bernoulli(0.0));
            QVERIFY(rng.bernoulli(1.0));
            hits += rng.bernoulli(0.25) ? 1 : 0;
        }
        QVERIFY(hits > 200 && hits < 300);
    }

    void shuffleIsPermutation()
    {
        Rng rng(11);
        std::vector<int> v(100);
        std::iota(v.begin(), v.end(), 0);
        auto shuffled = v;
        rng.shuffle(shuffled);
        QVERIFY(shuffled != v);
        std::sort(shuffled.begin(), shuffled.end());
        QCOMPARE(shuffled, v);
    }

    void sampleDrawsDistinctItems()
    {
        Rng rng(5);
        std::vector<int> pool(20);
        std::iota(pool.begin(), pool.end(), 100);
        const auto picked = rng.sample(pool, 7);
        QCOMPARE(picked.size(), std::size_t(7));
        QCOMPARE(std::set<int>(picked.begin(), picked.end()).size(), std::size_t(7));
        for (int p : picked)
            QVERIFY(p >= 100 && p < 120);
        QCOMPARE(rng.sample(pool, 50).size(), pool.size());
    }

    void weightedIndexFollowsWeights()
    {
        Rng rng(8);
        const std::vector<double> w { 0.0, 1.0, 3.0 };
        int counts[3] = {};
        for (int i = 0; i < 40000; ++i)
            ++counts[rng.weightedIndex(w)];
        QCOMPARE(counts[0], 0);
        QVERIFY(std::abs(counts[2] / double(counts[1]) - 3.0) < 0.15);
        QCOMPARE(rng.weightedIndex({ 0.0, 0.0 }), std::size_t(2));
    }

    void derivedSeedsAreDistinctAndStable()
    {
        std::set<std::uint64_t> seeds;
        for (std::uint64_t i = 0; i < 1000; ++i)
            seeds.insert(haggle::deriveSeed(42, i));
        QCOMPARE(seeds.size(), std::size_t(1000));
        QCOMPARE(haggle::deriveSeed(42, 17), haggle::deriveSeed(42, 17));
        QVERIFY(haggle::deriveSeed(42, 17) != haggle::deriveSeed(43, 17));
    }
};

QTEST_GUILESS_MAIN(TestRng)
#include "tst_rng.moc"
