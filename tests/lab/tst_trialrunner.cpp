// The multi-trial runner: results in trial order and identical for any thread count; failures surface.
#include "rng.h"
#include "trialrunner.h"

#include <QTest>

#include <stdexcept>

using namespace haggle;
using namespace haggle::lab;

class TestTrialRunner : public QObject {
    Q_OBJECT

private slots:
    void resultsAreIdenticalForAnyThreadCount()
    {
        // Uneven work per trial, so threads finish out of order.
        const auto trial = [](int i) {
            Rng rng(deriveSeed(7, static_cast<std::uint64_t>(i)));
            std::uint64_t acc = 0;
            for (int k = 0; k < 1000 * (1 + i % 7); ++k)
                acc ^= rng.nextU64();
            return acc;
        };
        const auto one = TrialRunner(1).run(200, trial);
        QCOMPARE(one.size(), std::size_t(200));
        for (int threads : { 2, 3, 8 })
            QCOMPARE(TrialRunner(threads).run(200, trial), one);
        QCOMPARE(one[5], trial(5)); // slot i holds trial i
    }

    void defaultsToTheHardware() { QVERIFY(TrialRunner().threads() >= 1); }

    void zeroTrials()
    {
        QVERIFY(TrialRunner(2).run(0, [](int i) { return i; }).empty());
    }

    void exceptionsReachTheCaller()
    {
        const auto failing = [](int i) {
            if (i == 13)
                throw std::runtime_error("trial 13 failed");
            return i;
        };
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, TrialRunner(2).run(50, failing));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, TrialRunner(1).run(50, failing));
    }
};

QTEST_GUILESS_MAIN(TestTrialRunner)
#include "tst_trialrunner.moc"
