// Each strategy's decisions at telling prices, and its learning or memory where it has one.
#include "adaptivestrategy.h"
#include "brokerstrategy.h"
#include "patientstrategy.h"
#include "reputationawarestrategy.h"
#include "rng.h"
#include "strategyregistry.h"
#include "testscenarios.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

using namespace haggle;

namespace {

constexpr double None = std::numeric_limits<double>::quiet_NaN();

NegotiationView viewOf(Side side, double partnerLast, double ownLast = None, double marketRate = 1.0)
{
    NegotiationView v;
    v.side = side;
    v.referenceValue = 10.0;
    v.marketRate = marketRate;
    if (!std::isnan(partnerLast))
        v.partnerLast = partnerLast;
    if (!std::isnan(ownLast))
        v.ownLast = ownLast;
    return v;
}

std::unique_ptr<Strategy> make(const QString& type)
{
    StrategySpec spec;
    spec.type = type.toStdString();
    return makeStrategy(spec);
}

} // namespace

Q_DECLARE_METATYPE(haggle::Side)

class TestStrategies : public QObject {
    Q_OBJECT

private slots:
    void responses_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<Side>("side");
        QTest::addColumn<double>("partnerLast");
        QTest::addColumn<double>("ownLast");
        QTest::addColumn<QString>("expected"); // accept, counter, reject
        QTest::addColumn<double>("counter");

        // Fair: accepts within 15% of the market rate, splits the difference, never beyond its band.
        QTest::newRow("fair buyer accepts 1.15") << u"fair"_s << Side::Buyer << 1.15 << None << u"accept"_s << None;
        QTest::newRow("fair buyer counters at the rate")
            << u"fair"_s << Side::Buyer << 1.16 << None << u"counter"_s << 1.0;
        QTest::newRow("fair buyer splits") << u"fair"_s << Side::Buyer << 1.2 << 1.0 << u"counter"_s << 1.1;
        QTest::newRow("fair buyer capped") << u"fair"_s << Side::Buyer << 1.7 << 1.0 << u"counter"_s << 1.15;
        QTest::newRow("fair seller accepts 0.85") << u"fair"_s << Side::Seller << 0.85 << 1.0 << u"accept"_s << None;
        QTest::newRow("fair seller splits") << u"fair"_s << Side::Seller << 0.8 << 1.0 << u"counter"_s << 0.9;
        QTest::newRow("fair seller floored") << u"fair"_s << Side::Seller << 0.3 << 1.0 << u"counter"_s << 0.85;
        // Greedy: reservation 1.35 as seller, 0.65 as buyer; concedes a quarter of the way per turn.
        QTest::newRow("greedy seller accepts 1.35")
            << u"greedy"_s << Side::Seller << 1.35 << 1.7 << u"accept"_s << None;
        QTest::newRow("greedy seller concedes") << u"greedy"_s << Side::Seller << 1.15 << 1.7 << u"counter"_s << 1.6125;
        QTest::newRow("greedy buyer lowballs") << u"greedy"_s << Side::Buyer << 1.0 << None << u"counter"_s << 0.3;
        QTest::newRow("greedy buyer accepts 0.65") << u"greedy"_s << Side::Buyer << 0.65 << 0.3 << u"accept"_s << None;
        QTest::newRow("greedy buyer refuses fair")
            << u"greedy"_s << Side::Buyer << 0.85 << 0.3 << u"counter"_s << 0.3875;
        // Patient, fully patient (no idle rounds): holds 1.8 / 0.2, accepts from 1.4 / up to 0.6.
        QTest::newRow("patient seller holds") << u"patient"_s << Side::Seller << 1.39 << 1.8 << u"counter"_s << 1.8;
        QTest::newRow("patient seller accepts 1.4")
            << u"patient"_s << Side::Seller << 1.4 << 1.8 << u"accept"_s << None;
        QTest::newRow("patient buyer bids low") << u"patient"_s << Side::Buyer << 0.61 << None << u"counter"_s << 0.2;
        QTest::newRow("patient buyer accepts 0.6") << u"patient"_s << Side::Buyer << 0.6 << 0.2 << u"accept"_s << None;
        // Adaptive (belief 1.0): accepts what is as good as its next counter or within 0.15 of it, inside +-25%.
        QTest::newRow("adaptive buyer accepts the rate")
            << u"adaptive"_s << Side::Buyer << 1.0 << None << u"accept"_s << None;
        QTest::newRow("adaptive buyer refuses greedy")
            << u"adaptive"_s << Side::Buyer << 1.7 << None << u"counter"_s << 1.0;
        QTest::newRow("adaptive buyer capped") << u"adaptive"_s << Side::Buyer << 1.7 << 1.25 << u"counter"_s << 1.25;
        QTest::newRow("adaptive seller within tolerance")
            << u"adaptive"_s << Side::Seller << 0.9 << None << u"accept"_s << None;
        QTest::newRow("adaptive seller counters")
            << u"adaptive"_s << Side::Seller << 0.7 << None << u"counter"_s << 1.0;
        QTest::newRow("adaptive seller floored") << u"adaptive"_s << Side::Seller << 0.3 << 1.0 << u"counter"_s << 0.75;
        // Cheater: fair face as seller; as buyer accepts up to 1.3 and bids up to 1.2.
        QTest::newRow("cheater buyer accepts 1.3") << u"cheater"_s << Side::Buyer << 1.3 << None << u"accept"_s << None;
        QTest::newRow("cheater buyer bids up to 1.2")
            << u"cheater"_s << Side::Buyer << 1.6 << 1.0 << u"counter"_s << 1.2;
        QTest::newRow("cheater seller looks fair")
            << u"cheater"_s << Side::Seller << 0.85 << 1.0 << u"accept"_s << None;
        // Broker as a buyer pays at most the market rate.
        QTest::newRow("broker buyer opens low") << u"broker"_s << Side::Buyer << 1.05 << None << u"counter"_s << 0.9;
        QTest::newRow("broker buyer accepts the rate")
            << u"broker"_s << Side::Buyer << 1.0 << None << u"accept"_s << None;
    }

    void responses()
    {
        QFETCH(QString, strategy);
        QFETCH(Side, side);
        QFETCH(double, partnerLast);
        QFETCH(double, ownLast);
        QFETCH(QString, expected);
        QFETCH(double, counter);
        auto s = make(strategy);
        const Decision d = s->respond(viewOf(side, partnerLast, ownLast), test::testRng());
        const QString kind = d.kind == Decision::Kind::Accept ? u"accept"_s
            : d.kind == Decision::Kind::Counter               ? u"counter"_s
                                                              : u"reject"_s;
        QCOMPARE(kind, expected);
        if (!std::isnan(counter))
            QVERIFY2(std::abs(d.unitPrice - counter) < 1e-12, qPrintable(QString::number(d.unitPrice, 'g', 17)));
    }

    void openingOffersAndAnnouncedLimits_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<double>("opening");
        QTest::addColumn<double>("maxPrice");
        QTest::newRow("fair") << u"fair"_s << 1.0 << 1.15;
        QTest::newRow("greedy") << u"greedy"_s << 1.7 << 0.65;
        QTest::newRow("patient") << u"patient"_s << 1.8 << 0.6;
        QTest::newRow("adaptive") << u"adaptive"_s << 1.0 << 1.25;
        QTest::newRow("cheater") << u"cheater"_s << 1.0 << 1.3;
        QTest::newRow("broker") << u"broker"_s << 1.1 << 1.0;
    }

    void openingOffersAndAnnouncedLimits()
    {
        QFETCH(QString, strategy);
        QFETCH(double, opening);
        QFETCH(double, maxPrice);
        auto s = make(strategy);
        QCOMPARE(*s->openingOffer(viewOf(Side::Seller, None), test::testRng()), opening);
        QVERIFY(std::abs(s->maxUnitPrice(viewOf(Side::Buyer, None)) - maxPrice) < 1e-12);
    }

    void sellersChargeTheirMarketRate()
    {
        // Under demand pressure a seller's market rate rises and prices follow it.
        auto fair = make(u"fair"_s);
        QCOMPARE(*fair->openingOffer(viewOf(Side::Seller, None, None, 1.2), test::testRng()), 1.2);
        const auto d = fair->respond(viewOf(Side::Seller, 1.05, 1.2, 1.2), test::testRng());
        QCOMPARE(d.kind, Decision::Kind::Accept); // 1.05 >= 0.85 x 1.2 = 1.02
        const auto e = fair->respond(viewOf(Side::Seller, 0.9, 1.2, 1.2), test::testRng());
        QCOMPARE(e.kind, Decision::Kind::Counter);
        QVERIFY(std::abs(e.unitPrice - 1.05) < 1e-12);
    }

    void patientGrowsLessPatient()
    {
        PatientStrategy patient;
        QCOMPARE(patient.effectivePatience(0), 0.8);
        QVERIFY(patient.effectivePatience(10) < patient.effectivePatience(9));
        auto view = viewOf(Side::Seller, 1.15, 1.8);
        QCOMPARE(patient.respond(view, test::testRng()).kind, Decision::Kind::Counter); // 1.15 < 1.4 when fully patient
        view.roundsSinceLastDeal = 50; // 0.8 x 0.98^50 = 0.29: reservation 1.146
        QCOMPARE(patient.respond(view, test::testRng()).kind, Decision::Kind::Accept);
        QVERIFY(*patient.openingOffer(view, test::testRng()) < 1.3);
    }

    void adaptiveLearnsFromFulfilledDealsOnly()
    {
        AdaptiveStrategy adaptive(0.2, 0.5);
        adaptive.observeDeal({ Side::Buyer, 1, 1, 1.0, true });
        QVERIFY(std::abs(adaptive.belief() - 0.6) < 1e-12); // 0.5 + 0.2 x (1.0 - 0.5)
        adaptive.observeDeal({ Side::Buyer, 1, 2, 5.0, false });
        QVERIFY(std::abs(adaptive.belief() - 0.6) < 1e-12);
        // Its target follows the belief: it now first counters at 0.6.
        const auto d = adaptive.respond(viewOf(Side::Buyer, 1.2), test::testRng());
        QCOMPARE(d.kind, Decision::Kind::Counter);
        QVERIFY(std::abs(d.unitPrice - 0.6) < 1e-12);
    }

    void brokerKeepsItsCommission()
    {
        BrokerStrategy broker(0.1);
        auto view = viewOf(Side::Seller, None);
        view.costBasis = 1.0;
        QVERIFY(std::abs(*broker.openingOffer(view, test::testRng()) - 1.1) < 1e-12);
        view.ownLast = 1.1;
        view.partnerLast = 1.0; // at cost: no commission left
        const auto d = broker.respond(view, test::testRng());
        QCOMPARE(d.kind, Decision::Kind::Counter);
        QVERIFY(d.unitPrice >= 1.05 - 1e-12);
        view.partnerLast = 1.05;
        QCOMPARE(broker.respond(view, test::testRng()).kind, Decision::Kind::Accept);
    }

    void brokerRemembersProvidersAndSeekers()
    {
        BrokerStrategy broker;
        broker.observeDeal({ Side::Buyer, 3, 1, 0.9, true });
        broker.observeDeal({ Side::Buyer, 4, 1, 0.95, true });
        broker.observeDeal({ Side::Seller, 7, 1, 1.1, true });
        QCOMPARE(broker.knownProviders().size(), std::size_t(2));
        QCOMPARE(broker.lastPriceFrom(3), std::optional<double>(0.9));
        QCOMPARE(broker.lastPriceFrom(4), std::optional<double>(0.95));
        QCOMPARE(broker.lastPriceFrom(7), std::optional<double>()); // a seeker, not a provider
        QCOMPARE(broker.knownSeekers().at(7), 1);
        // It goes back to the cheapest provider it knows, except when it explores.
        const std::vector<PartnerCandidate> candidates { { 4, 0.5, false }, { 3, 0.5, false }, { 9, 0.5, false } };
        Rng rng(1);
        int cheapest = 0;
        for (int i = 0; i < 1000; ++i)
            cheapest += broker.choosePartner(candidates, rng) == 1 ? 1 : 0;
        QVERIFY(cheapest > 750 && cheapest < 950);
        // A provider that defaulted is forgotten.
        broker.observeDeal({ Side::Buyer, 3, 2, 0.9, false });
        QCOMPARE(broker.lastPriceFrom(3), std::optional<double>());
        QCOMPARE(broker.knownProviders().size(), std::size_t(1));
    }

    void brokerKeepsEachProvidersLastPrice()
    {
        // Providers' last prices through random fulfilled deals (new or repeated) and defaults (forgetting), checked
        // against a map after every deal: the same entries in index order, the same answer for every agent.
        BrokerStrategy broker;
        std::map<AgentIndex, double> expected;
        Rng rng(9);
        for (int i = 0; i < 3000; ++i) {
            const auto provider = static_cast<AgentIndex>(rng.below(60));
            const bool fulfilled = rng.bernoulli(0.8);
            const double price = 0.5 + rng.uniform01();
            broker.observeDeal({ Side::Buyer, provider, i, price, fulfilled });
            if (fulfilled)
                expected[provider] = price;
            else
                expected.erase(provider);
            QCOMPARE(broker.knownProviders(),
                (std::vector<std::pair<AgentIndex, double>>(expected.begin(), expected.end())));
            const auto other = static_cast<AgentIndex>(rng.below(61));
            const auto it = expected.find(other);
            QCOMPARE(broker.lastPriceFrom(other), it != expected.end() ? std::optional(it->second) : std::nullopt);
        }
        QVERIFY(expected.size() > 30); // it came to know most of them
    }

    void cheaterDefaultsWithItsProbability()
    {
        Rng rng(17);
        StrategySpec always { "cheater", { { "cheat_probability", 1.0 } }, std::nullopt };
        StrategySpec never { "cheater", { { "cheat_probability", 0.0 } }, std::nullopt };
        StrategySpec subtle { "cheater", { { "cheat_probability", 0.05 } }, std::nullopt };
        auto a = makeStrategy(always), n = makeStrategy(never), s = makeStrategy(subtle);
        int subtleDefaults = 0;
        const DefaultView seller { Side::Seller, 1, 1, 0.5, false };
        const DefaultView buyer { Side::Buyer, 1, 1, 0.5, false };
        for (int i = 0; i < 4000; ++i) {
            QVERIFY(a->defaultsOnDeal(seller, rng));
            QVERIFY(!n->defaultsOnDeal(buyer, rng));
            subtleDefaults += s->defaultsOnDeal(seller, rng) ? 1 : 0;
        }
        QVERIFY(subtleDefaults > 140 && subtleDefaults < 260); // 5% of 4000 = 200
        QVERIFY(!make(u"fair"_s)->defaultsOnDeal(seller, rng));
        QVERIFY(a->cheats() && n->cheats() && !make(u"fair"_s)->cheats());
    }

    void strategicCheaterCheatsOnlyAboveItsMargin()
    {
        Rng rng(3);
        auto c = makeStrategy({ "strategic-cheater", { { "threshold", 0.3 }, { "margin", 0.25 } }, std::nullopt });
        // Standing 0.55 = threshold + margin: it cheats; just below, it keeps its word, without a draw.
        QVERIFY(c->defaultsOnDeal({ Side::Seller, 1, 1, 0.55, false }, rng));
        const auto before = rng.state();
        QVERIFY(!c->defaultsOnDeal({ Side::Seller, 1, 1, 0.5499, false }, rng));
        QCOMPARE(rng.state(), before);
        QVERIFY(c->cheats());
        // Wrapped with a trust threshold, it still decides by its own rule.
        auto wrapped = makeStrategy({ "strategic-cheater", {}, 0.3 });
        QVERIFY(!wrapped->defaultsOnDeal({ Side::Buyer, 1, 1, 0.49, false }, rng));
        QVERIFY(wrapped->defaultsOnDeal({ Side::Buyer, 1, 1, 0.5, false }, rng));
    }

    void colluderSparesAndVouchesForItsRing()
    {
        Rng rng(5);
        auto c = makeStrategy({ "colluder", { { "ring", 2 } }, 0.3 });
        QCOMPARE(c->ring(), 2);
        QVERIFY(!c->defaultsOnDeal({ Side::Seller, 1, 1, 0.9, true }, rng));
        QVERIFY(c->defaultsOnDeal({ Side::Seller, 1, 1, 0.9, false }, rng));
        QCOMPARE(c->report(0.1, true), 1.0); // vouches for a ring member whatever it saw
        QCOMPARE(c->report(0.1, false), 0.1); // honest about outsiders
        QCOMPARE(make(u"fair"_s)->report(0.2, true), 0.2);
        QCOMPARE(make(u"fair"_s)->ring(), 0);
    }

    void whitewasherRejoinsOnceShunnedAfterCheating()
    {
        Rng rng(7);
        auto w = makeStrategy({ "whitewasher", { { "patience", 3 } }, std::nullopt });
        QVERIFY(w->changesIdentity());
        QVERIFY(!make(u"cheater"_s)->changesIdentity());
        // Idle but honest so far: it stays who it is.
        QVERIFY(!w->wantsNewIdentity({ 10, 5 }));
        QVERIFY(w->defaultsOnDeal({ Side::Seller, 10, 1, 0.5, false }, rng));
        QVERIFY(!w->wantsNewIdentity({ 11, 2 }));
        QVERIFY(w->wantsNewIdentity({ 12, 3 }));
        const auto digest = w->stateDigest();
        w->onNewIdentity();
        QVERIFY(w->stateDigest() != digest);
        QVERIFY(!w->wantsNewIdentity({ 20, 8 })); // a clean slate until it cheats again
    }

    void wrapperRefusesBelowItsThreshold()
    {
        ReputationAwareStrategy wrapped(make(u"fair"_s), 0.3);
        QCOMPARE(wrapped.name(), std::string_view("fair"));
        QVERIFY(wrapped.queriesReputation());
        QVERIFY(!wrapped.acceptsPartner(0.29));
        QVERIFY(wrapped.acceptsPartner(0.3));
        auto view = viewOf(Side::Buyer, 1.0);
        view.partnerReputation = 0.29;
        QCOMPARE(wrapped.respond(view, test::testRng()).kind, Decision::Kind::Reject);
        QVERIFY(!wrapped.openingOffer(view, test::testRng()).has_value());
        view.partnerReputation = 0.8;
        QCOMPARE(wrapped.respond(view, test::testRng()).kind, Decision::Kind::Accept); // the inner Fair decides
        // A copy is deep: the clone owns its own inner strategy.
        auto copy = wrapped.clone();
        QVERIFY(!copy->acceptsPartner(0.1));
    }

    void defaultPartnerChoiceIsTrustWeighted()
    {
        auto fair = make(u"fair"_s);
        const std::vector<PartnerCandidate> candidates { { 0, 0.0, false }, { 1, 0.25, false }, { 2, 0.75, false } };
        Rng rng(4);
        int counts[3] = {};
        for (int i = 0; i < 20000; ++i)
            ++counts[fair->choosePartner(candidates, rng)];
        QCOMPARE(counts[0], 0);
        QVERIFY(std::abs(counts[2] / double(counts[1]) - 3.0) < 0.2);
    }
};

QTEST_GUILESS_MAIN(TestStrategies)
#include "tst_strategies.moc"
