// Tests for resource bundles: arithmetic, the covering order, valuation.
#include "resources.h"

#include <QTest>

using haggle::ReferencePrices;
using haggle::ResourceBundle;
using haggle::ResourceKind;

class TestResources : public QObject {
    Q_OBJECT

private slots:
    void arithmetic()
    {
        const ResourceBundle a { 10, 4, 2 };
        const ResourceBundle b { 3, 1, 2 };
        QCOMPARE(a + b, (ResourceBundle { 13, 5, 4 }));
        QCOMPARE(a - b, (ResourceBundle { 7, 3, 0 }));
        QCOMPARE(b * 2.0, (ResourceBundle { 6, 2, 4 }));
        QCOMPARE((a - a).isZero(), true);
        QVERIFY(!(b - a).isNonNegative());
        QCOMPARE(a.units(), 16.0);
    }

    void indexByKind()
    {
        ResourceBundle r;
        r[ResourceKind::Cpu] = 5;
        r[ResourceKind::Memory] = 7;
        r[ResourceKind::Gpu] = 1;
        QCOMPARE(r, (ResourceBundle { 1, 5, 7 }));
        QCOMPARE(r[ResourceKind::Memory], 7.0);
        QCOMPARE(haggle::resourceKindName(ResourceKind::Memory), std::string_view("memory"));
    }

    void coveringIsAProductOrder_data()
    {
        QTest::addColumn<double>("g1");
        QTest::addColumn<double>("c1");
        QTest::addColumn<double>("g2");
        QTest::addColumn<double>("c2");
        QTest::addColumn<bool>("firstCoversSecond");
        QTest::addColumn<bool>("secondCoversFirst");
        QTest::newRow("equal") << 5.0 << 5.0 << 5.0 << 5.0 << true << true;
        QTest::newRow("dominates") << 6.0 << 5.0 << 5.0 << 5.0 << true << false;
        QTest::newRow("incomparable") << 6.0 << 4.0 << 5.0 << 5.0 << false << false;
    }

    void coveringIsAProductOrder()
    {
        QFETCH(double, g1);
        QFETCH(double, c1);
        QFETCH(double, g2);
        QFETCH(double, c2);
        QFETCH(bool, firstCoversSecond);
        QFETCH(bool, secondCoversFirst);
        const ResourceBundle a { g1, c1, 0 };
        const ResourceBundle b { g2, c2, 0 };
        QCOMPARE(a.covers(b), firstCoversSecond);
        QCOMPARE(b.covers(a), secondCoversFirst);
        QCOMPARE(b <= a, firstCoversSecond);
        QCOMPARE(a >= b, firstCoversSecond);
    }

    void valuationUsesReferencePrices()
    {
        const ResourceBundle r { 10, 20, 40 };
        QCOMPARE(r.value(ReferencePrices {}), 70.0); // 1.0 per unit by default
        ReferencePrices prices;
        prices.perUnit = { 3.0, 0.5, 0.25 };
        QCOMPARE(r.value(prices), 30.0 + 10.0 + 10.0);
    }
};

QTEST_GUILESS_MAIN(TestResources)
#include "tst_resources.moc"
