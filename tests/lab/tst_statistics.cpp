// Statistics against values computed by hand and published t tables.
#include "statistics.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace haggle::lab;

class TestStatistics : public QObject {
    Q_OBJECT

private slots:
    void describesASample()
    {
        const std::vector<double> v { 2, 4, 4, 4, 5, 5, 7, 9 };
        const Summary s = summarize(v);
        QCOMPARE(s.n, std::size_t(8));
        QCOMPARE(s.mean, 5.0);
        QCOMPARE(s.min, 2.0);
        QCOMPARE(s.max, 9.0);
        QVERIFY(std::abs(s.sd - std::sqrt(32.0 / 7.0)) < 1e-12); // sample sd: sum of squares 32 over n-1
        QVERIFY(std::abs(s.ci95 - 2.364624 * s.sd / std::sqrt(8.0)) < 1e-5); // t(0.975, 7)
        QVERIFY(s.lower() < s.mean && s.upper() > s.mean);
    }

    void tCriticalValues_data()
    {
        QTest::addColumn<int>("df");
        QTest::addColumn<double>("expected");
        QTest::newRow("1") << 1 << 12.7062;
        QTest::newRow("4") << 4 << 2.7764;
        QTest::newRow("19") << 19 << 2.0930;
        QTest::newRow("30") << 30 << 2.0423;
        QTest::newRow("1000") << 1000 << 1.9623;
    }

    void tCriticalValues()
    {
        QFETCH(int, df);
        QFETCH(double, expected);
        QVERIFY(std::abs(tCritical95(static_cast<std::size_t>(df)) - expected) < 1e-4);
    }

    void degenerateSamples()
    {
        QCOMPARE(summarize(std::vector<double> {}).n, std::size_t(0));
        const Summary one = summarize(std::vector<double> { 3.5 });
        QCOMPARE(one.mean, 3.5);
        QCOMPARE(one.sd, 0.0);
        QCOMPARE(one.ci95, 0.0);
    }

    void cohensDComparesGroups()
    {
        const std::vector<double> a { 1, 2, 3 }, b { 4, 5, 6 };
        QCOMPARE(cohensD(a, b), -3.0); // means 2 and 5, pooled sd 1
        QCOMPARE(cohensD(b, a), 3.0);
        const std::vector<double> flat { 2, 2 }, higher { 3, 3 };
        QCOMPARE(cohensD(flat, flat), 0.0);
        QVERIFY(std::isinf(cohensD(higher, flat)) && cohensD(higher, flat) > 0);
    }

    // Wilson score intervals against published values (e.g. Newcombe 1998, Table I), and at 0 and n successes.
    void wilsonIntervals()
    {
        const Proportion p = wilson(8, 10);
        QCOMPARE(p.share, 0.8);
        QVERIFY(std::abs(p.low - 0.4902) < 1e-4 && std::abs(p.high - 0.9433) < 1e-4);
        const Proportion none = wilson(0, 10);
        QCOMPARE(none.low, 0.0);
        QVERIFY(std::abs(none.high - 0.2775) < 1e-4);
        const Proportion all = wilson(10, 10);
        QVERIFY(std::abs(all.low - 0.7225) < 1e-4);
        QCOMPARE(all.high, 1.0);
        const Proportion empty = wilson(0, 0);
        QCOMPARE(empty.n, 0);
        QCOMPARE(empty.high, 0.0);
    }

    // 45/100 against 30/100: pooled 0.375, z = 0.15 / sqrt(0.375 x 0.625 x 0.02) = 2.1909, p = 0.0285.
    void twoProportions()
    {
        const ProportionTest t = twoProportionTest(45, 100, 30, 100);
        QVERIFY(std::abs(t.difference - 0.15) < 1e-12);
        QVERIFY(std::abs(t.z - 2.1909) < 1e-4);
        QVERIFY(std::abs(t.p - 0.02846) < 1e-4);
        QVERIFY(twoProportionTest(30, 100, 45, 100).z < 0);
        const ProportionTest same = twoProportionTest(0, 50, 0, 80); // no spread
        QCOMPARE(same.z, 0.0);
        QCOMPARE(same.p, 1.0);
        // Cohen's h: 2 asin(sqrt(1)) - 2 asin(sqrt(0)) = pi; 0.5 against 0.5 is 0.
        QVERIFY(std::abs(cohensH(1.0, 0.0) - M_PI) < 1e-12);
        QCOMPARE(cohensH(0.5, 0.5), 0.0);
        QVERIFY(std::abs(cohensH(0.45, 0.30) - 0.31135) < 1e-4);
    }

    // Jain's index: k equal shares of n give k / n; equal shares 1; nothing to anyone 1.
    void jainIndex()
    {
        for (int n = 1; n <= 6; ++n) {
            for (int k = 1; k <= n; ++k) {
                std::vector<double> shares(static_cast<std::size_t>(n), 0.0);
                for (int i = 0; i < k; ++i)
                    shares[static_cast<std::size_t>(i)] = 2.5;
                QCOMPARE(haggle::lab::jainIndex(shares), double(k) / n);
            }
        }
        QCOMPARE(haggle::lab::jainIndex(std::vector<double> { 0.0, 0.0 }), 1.0);
        // 1, 2, 3: 36 / (3 x 14).
        QCOMPARE(haggle::lab::jainIndex(std::vector<double> { 1.0, 2.0, 3.0 }), 36.0 / 42.0);
    }
};

QTEST_GUILESS_MAIN(TestStatistics)
#include "tst_statistics.moc"
