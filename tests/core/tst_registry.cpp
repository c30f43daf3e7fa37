// The strategy catalogue: the prototype's defaults, parameter ranges, and clear errors for bad specs.
#include "fairstrategy.h"
#include "kinds.h"
#include "strategyregistry.h"

#include <QTest>

#include <stdexcept>

using namespace haggle;

class TestRegistry : public QObject {
    Q_OBJECT

private slots:
    void prototypeDefaults_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("param");
        QTest::addColumn<double>("value");
        QTest::newRow("greedy") << QStringLiteral("greedy") << QStringLiteral("greed_factor") << 0.7;
        QTest::newRow("fair") << QStringLiteral("fair") << QStringLiteral("fairness_tolerance") << 0.15;
        QTest::newRow("patient") << QStringLiteral("patient") << QStringLiteral("patience") << 0.8;
        QTest::newRow("adaptive") << QStringLiteral("adaptive") << QStringLiteral("learning_rate") << 0.2;
        QTest::newRow("broker") << QStringLiteral("broker") << QStringLiteral("commission_rate") << 0.1;
        QTest::newRow("cheater") << QStringLiteral("cheater") << QStringLiteral("cheat_probability") << 1.0;
    }

    void prototypeDefaults()
    {
        QFETCH(QString, type);
        QFETCH(QString, param);
        QFETCH(double, value);
        StrategySpec spec { type.toStdString(), {}, std::nullopt };
        QCOMPARE(strategyParameter(spec, param.toStdString()), value);
        auto strategy = makeStrategy(spec);
        QCOMPARE(std::string(strategy->name()), type.toStdString());
        QVERIFY(findStrategy(type.toStdString()) != nullptr);
    }

    void wrapperDefaultThreshold() { QCOMPARE(DefaultTrustThreshold, 0.3); }

    void badSpecs_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("param");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("words");
        QTest::newRow("unknown strategy") << QStringLiteral("sneaky") << QString() << 0.0 << -1.0
                                          << QStringLiteral("type") << QStringLiteral("unknown strategy 'sneaky'");
        QTest::newRow("unknown parameter")
            << QStringLiteral("fair") << QStringLiteral("greed_factor") << 0.5 << -1.0
            << QStringLiteral("params.greed_factor") << QStringLiteral("unknown parameter 'greed_factor'");
        QTest::newRow("out of range") << QStringLiteral("cheater") << QStringLiteral("cheat_probability") << 1.5 << -1.0
                                      << QStringLiteral("params.cheat_probability")
                                      << QStringLiteral("must be a number in [0, 1]");
        QTest::newRow("not a number") << QStringLiteral("greedy") << QStringLiteral("greed_factor")
                                      << std::numeric_limits<double>::quiet_NaN() << -1.0
                                      << QStringLiteral("params.greed_factor") << QStringLiteral("must be a number");
        QTest::newRow("bad threshold") << QStringLiteral("fair") << QString() << 0.0 << 2.0
                                       << QStringLiteral("trust_threshold") << QStringLiteral("[0, 1]");
    }

    void badSpecs()
    {
        QFETCH(QString, type);
        QFETCH(QString, param);
        QFETCH(double, value);
        QFETCH(double, threshold);
        QFETCH(QString, field);
        QFETCH(QString, words);
        StrategySpec spec { type.toStdString(), {}, std::nullopt };
        if (!param.isEmpty())
            spec.params[param.toStdString()] = value;
        if (threshold >= 0.0)
            spec.trustThreshold = threshold;
        const auto error = validateStrategySpec(spec);
        QVERIFY(error.has_value());
        QCOMPARE(QString::fromStdString(error->field), field);
        QVERIFY2(QString::fromStdString(error->message).contains(words), error->message.c_str());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeStrategy(spec));
    }

    void everyCatalogueDefaultIsInItsRange()
    {
        for (const auto& family : engineFamilies()) {
            const auto kinds = family.kinds();
            QVERIFY2(!kinds.empty(), family.name.data());
            for (const auto& info : kinds) {
                QVERIFY(!info.description.empty());
                ParameterValues defaults;
                for (const auto& p : info.params) {
                    QVERIFY(p.defaultValue >= p.min && p.defaultValue <= p.max);
                    QVERIFY(!p.description.empty());
                    defaults[std::string(p.name)] = p.defaultValue;
                }
                // Every default, given explicitly, passes the kind's own check.
                QVERIFY(!validateParameters(family.name, info, defaults).has_value());
            }
        }
        for (const auto& info : strategyCatalog().infos())
            QVERIFY(!validateStrategySpec({ std::string(info.name), {}, 0.3 }).has_value());
        QCOMPARE(strategyCatalog().entries().size(), std::size_t(19));
    }

    // Whole-number parameters refuse fractions; every kind makes a product of its own name.
    void catalogsCheckTypesAndMakeTheirKinds()
    {
        const auto error = mechanismCatalog().validate("bilateral", { { "max_turns", 2.5 } });
        QVERIFY(error.has_value());
        QCOMPARE(QString::fromStdString(error->field), QStringLiteral("params.max_turns"));
        QVERIFY(QString::fromStdString(error->message).contains(QStringLiteral("whole number")));
        for (const auto& e : strategyCatalog().entries())
            QCOMPARE(strategyCatalog().make(e.info.name, {})->name(), e.info.name);
        for (const auto& e : mechanismCatalog().entries())
            QCOMPARE(mechanismCatalog().make(e.info.name, {})->name(), e.info.name);
        for (const auto& e : settlementCatalog().entries())
            QCOMPARE(settlementCatalog().make(e.info.name, {})->name(), e.info.name);
        for (const auto& e : reputationCatalog().entries())
            QCOMPARE(reputationCatalog().make(e.info.name, {}, ReputationSetup { { 0 } })->name(), e.info.name);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, strategyCatalog().add(FairStrategy::kind(), nullptr));
    }
};

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_registry.moc"
