// The Python-compatible generator of the prototype rules against CPython 3.11's `random` (the test vectors of
// PROTOTYPE.md section 2.5, computed with CPython 3.11.7).
#include "prototype/pyrandom.h"

#include <QTest>

#include <vector>

using haggle::prototype::PyRandom;

class TestPyRandom : public QObject {
    Q_OBJECT

private slots:
    void randomAfterSeed42()
    {
        PyRandom r(42);
        const double expected[] = { 0.6394267984578837, 0.025010755222666936, 0.27502931836911926, 0.22321073814882275,
            0.7364712141640124 };
        for (double e : expected)
            QCOMPARE(r.random(), e); // exact: the same bits
    }

    void wordsAfterSeed42And0()
    {
        PyRandom r(42);
        for (std::uint32_t e : { 2746317213U, 478163327U, 107420369U, 3184935163U })
            QCOMPARE(r.nextWord(), e);
        PyRandom z(0);
        for (std::uint32_t e : { 3626764237U, 1654615998U, 3255389356U })
            QCOMPARE(z.nextWord(), e);
        PyRandom d; // default: seed(0)
        QCOMPARE(d.nextWord(), 3626764237U);
    }

    void choiceRejectsOnBitLengthOfN()
    {
        PyRandom r(123);
        const int items[] = { 0, 1, 2, 3, 4 };
        for (int e : { 0, 2, 0, 3, 2 })
            QCOMPARE(r.choice(std::span<const int>(items)), e);
        // A one-element choice still consumes a word (577090037: top bit 0, accepted).
        PyRandom one(1);
        const int single[] = { 7 };
        QCOMPARE(one.choice(std::span<const int>(single)), 7);
        QCOMPARE(one.random(), 0.5692038748222122);
    }

    void samplePoolMethod()
    {
        std::vector<std::size_t> out;
        PyRandom r(7);
        r.sample(5, 3, out);
        QCOMPARE(out, (std::vector<std::size_t> { 2, 1, 3 }));
        PyRandom s(123);
        s.sample(4, 2, out);
        QCOMPARE(out, (std::vector<std::size_t> { 0, 1 }));
        QCOMPARE(s.random(), 0.08718667752263232);
    }

    void sampleSetMethod()
    {
        std::vector<std::size_t> out;
        PyRandom r(5);
        r.sample(100, 3, out); // 100 > 21: CPython's set method
        QCOMPARE(out, (std::vector<std::size_t> { 79, 32, 94 }));
    }

    void wideAndNegativeSeeds()
    {
        PyRandom wide((std::uint64_t(1) << 40) + 5); // two key words
        QCOMPARE(wide.random(), 0.5043802970418443);
        PyRandom negative;
        negative.seedSigned(-42);
        QCOMPARE(negative.random(), 0.6394267984578837);
    }

    void reseedingRestartsTheStream()
    {
        // A seeding served from the per-thread cache gives the same stream as one worked out afresh.
        PyRandom a(42);
        const double first = a.random();
        for (int i = 0; i < 2000; ++i)
            a.random(); // past a block regeneration
        a.seed(42);
        QCOMPARE(a.random(), first);
        PyRandom b(42 + 1024); // the same cache slot as 42
        PyRandom c(42);
        QCOMPARE(c.random(), first);
        QVERIFY(b.random() != first);
    }
};

QTEST_APPLESS_MAIN(TestPyRandom)
#include "tst_pyrandom.moc"
