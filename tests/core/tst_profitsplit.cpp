// Splitting a coalition's proceeds: Shapley values against hand-computed games, proportional and equal shares, and
// the limits of the exact computation.
#include "profitsplit.h"
#include "rng.h"

#include <QTest>

#include <cmath>
#include <numeric>

using namespace haggle;

namespace {

bool near(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::abs(a[i] - b[i]) > 1e-12)
            return false;
    }
    return true;
}

} // namespace

class TestProfitSplit : public QObject {
    Q_OBJECT

private slots:
    // The glove game: player 0 holds a left glove, players 1 and 2 a right one; a pair is worth 1. Of the six orders
    // player 0 is pivotal in four (whenever it is not first), so phi = (2/3, 1/6, 1/6).
    void shapleyOfTheGloveGame()
    {
        const auto v = [](std::uint32_t s) { return (s & 1U) && (s & 6U) ? 1.0 : 0.0; };
        QVERIFY(near(shapleyValues(3, v), { 2.0 / 3.0, 1.0 / 6.0, 1.0 / 6.0 }));
    }

    // A job of 4 units worth 12 among suppliers of 3, 2 and 1: {0, 1} and {0, 2} cover it, {1, 2} does not, so the
    // game is the glove game times 12: (8, 2, 2). Proportional gives (6, 4, 2), equal (4, 4, 4).
    void sharesOfAJobCoalition()
    {
        const std::vector<double> c { 3.0, 2.0, 1.0 };
        QVERIFY(near(splitProceeds(SplitRule::Shapley, 12.0, c, 4.0), { 8.0, 2.0, 2.0 }));
        QVERIFY(near(splitProceeds(SplitRule::Proportional, 12.0, c, 4.0), { 6.0, 4.0, 2.0 }));
        QVERIFY(near(splitProceeds(SplitRule::Equal, 12.0, c, 4.0), { 4.0, 4.0, 4.0 }));
        // Every member needed (6 units of 6): symmetric under Shapley whatever each brings.
        QVERIFY(near(splitProceeds(SplitRule::Shapley, 12.0, c, 6.0), { 4.0, 4.0, 4.0 }));
        // A member that brings nothing is a dummy: Shapley gives it nothing, equal shares do.
        const std::vector<double> dummy { 2.0, 2.0, 0.0 };
        QVERIFY(near(splitProceeds(SplitRule::Shapley, 10.0, dummy, 3.0), { 5.0, 5.0, 0.0 }));
        QVERIFY(near(splitProceeds(SplitRule::Proportional, 10.0, dummy, 3.0), { 5.0, 5.0, 0.0 }));
        // Not enough among them all: no sub-coalition is worth anything, so Shapley gives every member 0.
        QVERIFY(near(splitProceeds(SplitRule::Shapley, 12.0, std::vector<double> { 1.0, 1.0 }, 5.0), { 0.0, 0.0 }));
        // Nothing contributed at all: proportional falls back to equal.
        QVERIFY(near(splitProceeds(SplitRule::Proportional, 9.0, std::vector<double>(3, 0.0), 1.0), { 3, 3, 3 }));
    }

    // Weighted majority [q = 3; 2, 1, 1, 1]: player 0 is pivotal when one or two others come before it (weight 1 or
    // 2, then 3 or 4 with it), in 12 of the 24 orders: phi_0 = 1/2, and the other three share the rest, 1/6 each.
    void shapleyOfAWeightedMajority()
    {
        const std::vector<double> w { 2.0, 1.0, 1.0, 1.0 };
        const auto phi = splitProceeds(SplitRule::Shapley, 1.0, w, 3.0);
        QVERIFY(near(phi, { 0.5, 1.0 / 6.0, 1.0 / 6.0, 1.0 / 6.0 }));
    }

    // An additive game gives every player its own worth; any game's values sum to the grand coalition's worth.
    void shapleyIsAdditiveAndEfficient()
    {
        const std::vector<double> a { 1.5, -2.0, 3.0, 0.25, 7.0 };
        const auto additive = [&](std::uint32_t s) {
            double total = 0.0;
            for (std::size_t i = 0; i < a.size(); ++i)
                total += (s >> i) & 1U ? a[i] : 0.0;
            return total;
        };
        QVERIFY(near(shapleyValues(5, additive), a));
        Rng rng(17);
        std::vector<double> table(1U << 12);
        for (double& x : table)
            x = rng.uniform01();
        table[0] = 0.0;
        const auto phi = shapleyValues(12, [&](std::uint32_t s) { return table[s]; });
        QVERIFY(std::abs(std::accumulate(phi.begin(), phi.end(), 0.0) - table.back()) < 1e-9);
        QVERIFY(shapleyValues(0, additive).empty());
    }

    void limitsAndNames()
    {
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument, shapleyValues(MaxShapleyMembers + 1, [](std::uint32_t) { return 1.0; }));
        QCOMPARE(
            shapleyValues(MaxShapleyMembers, [](std::uint32_t s) { return s == (1U << 20) - 1U ? 20.0 : 0.0; }).front(),
            1.0);
        for (const SplitRule r : { SplitRule::Proportional, SplitRule::Equal, SplitRule::Shapley })
            QCOMPARE(splitRuleFromName(splitRuleName(r)), std::optional<SplitRule>(r));
        QVERIFY(!splitRuleFromName("nash"));
    }
};

QTEST_GUILESS_MAIN(TestProfitSplit)
#include "tst_profitsplit.moc"
