// The prototype rules' experiments against the prototype's own printed output, line for line, and what a seed
// offset and the thread count do and do not change.
#include "prototype/prototypecatalog.h"
#include "rulescomparison.h"

#include <QFile>
#include <QStringList>
#include <QTest>

using namespace haggle;

namespace {

QStringList linesOf(const QString& text)
{
    QStringList lines = text.split(u'\n');
    return lines;
}

QString published(int experiment)
{
    QFile f(QStringLiteral(HAGGLE_SOURCE_DIR "/tests/data/prototype-outputs/exp%1.txt").arg(experiment));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

lab::ExperimentResult runPrototype(const char* name, long long seedOffset = 0, int threads = 0)
{
    lab::ExperimentContext context;
    context.threads = threads;
    return lab::prototypeExperimentCatalog()
        .make(name, { { "seed_offset", static_cast<double>(seedOffset) } })
        ->run(context);
}

} // namespace

class TestPrototypeRules : public QObject {
    Q_OBJECT

private slots:
    void catalogHasTheSevenExperiments()
    {
        QStringList names;
        for (const auto& e : lab::prototypeExperimentCatalog().entries())
            names << QString::fromUtf8(e.info.name.data(), static_cast<qsizetype>(e.info.name.size()));
        QCOMPARE(names,
            QStringList({ QStringLiteral("handshake"), QStringLiteral("scarcity"), QStringLiteral("trust"),
                QStringLiteral("statistical-rigor"), QStringLiteral("llm-negotiators"),
                QStringLiteral("cheater-analysis"), QStringLiteral("futures") }));
    }

    void printsWhatThePrototypePrinted_data()
    {
        QTest::addColumn<int>("number");
        QTest::addColumn<QString>("name");
        QTest::newRow("exp1") << 1 << QStringLiteral("handshake");
        QTest::newRow("exp2") << 2 << QStringLiteral("scarcity");
        QTest::newRow("exp3") << 3 << QStringLiteral("trust");
        QTest::newRow("exp4") << 4 << QStringLiteral("statistical-rigor");
        QTest::newRow("exp5") << 5 << QStringLiteral("llm-negotiators");
        QTest::newRow("exp6") << 6 << QStringLiteral("cheater-analysis");
        QTest::newRow("exp7") << 7 << QStringLiteral("futures");
    }
    void printsWhatThePrototypePrinted()
    {
        QFETCH(int, number);
        QFETCH(QString, name);
        const QString expected = published(number);
        QVERIFY2(!expected.isEmpty(), "the published output is missing");
        const auto result = runPrototype(name.toUtf8().constData());
        const QStringList got = linesOf(QString::fromStdString(result.transcript));
        const QStringList want = linesOf(expected);
        for (qsizetype i = 0; i < std::min(got.size(), want.size()); ++i) {
            if (got[i] != want[i])
                QFAIL(qPrintable(
                    QStringLiteral("line %1 differs:\n  got:  %2\n  want: %3").arg(i + 1).arg(got[i], want[i])));
        }
        QCOMPARE(got.size(), want.size());
        QCOMPARE(result.transcript, expected.toStdString()); // byte for byte, final newline included
    }

    void seedsDoNotMatterWhereThePairingIsExplicit()
    {
        // Experiment 1 pairs its agents explicitly: no draw is made, so any offset prints the same (quirk 13).
        QCOMPARE(runPrototype("handshake", 1234).transcript, runPrototype("handshake").transcript);
    }

    void anOffsetMovesEverySeed()
    {
        const auto base = runPrototype("scarcity");
        const auto moved = runPrototype("scarcity", 1);
        QVERIFY(base.transcript != moved.transcript);
        // The banner and the fixed texts stay; numbers move.
        QVERIFY(moved.transcript.starts_with(base.transcript.substr(0, 200)));
        // Offsetting by K and by K + 2^32 are different runs (a two-word seed): the offset is not truncated.
        QVERIFY(runPrototype("trust", 3).transcript != runPrototype("trust", 3 + (1LL << 32)).transcript);
    }

    void threadCountChangesNothing()
    {
        // Trials run on the trial runner's threads; each has its own generator, so the text is the same.
        QCOMPARE(runPrototype("futures", 17, 1).transcript, runPrototype("futures", 17, 2).transcript);
    }

    void statesThePrototypesFindings()
    {
        const auto trust = runPrototype("trust");
        const auto* keeps = trust.finding("always_cheater_keeps_dealing");
        QVERIFY(keeps && keeps->holds);
        QVERIFY(*keeps->holds); // 3 deals in rounds 50-60 at reputation 0.000
        QCOMPARE(lab::cellNumber(keeps->value("late_deals")), 3.0);
        const auto handshake = runPrototype("handshake");
        QVERIFY(*handshake.finding("greedy_patient_never_deal")->holds);
        QVERIFY(*handshake.finding("fair_adaptive_always_deal")->holds);
        const auto futures = runPrototype("futures");
        QVERIFY(*futures.finding("futures_no_effect")->holds);
        QVERIFY(*futures.finding("demand_patterns_flat_price")->holds);
    }

    void comparesTheClaimsUnderBothRules()
    {
        lab::ExperimentContext context;
        context.trials = 8;
        const auto c = lab::compareRules("trust", context);
        const auto claim = [&](std::string_view id) -> const lab::ClaimVerdict& {
            for (const auto& v : c.claims) {
                if (v.id == id)
                    return v;
            }
            throw std::logic_error("no claim " + std::string(id));
        };
        // The always-cheater keeps dealing only where trust is checked on one side.
        QCOMPARE(claim("always_cheater_keeps_dealing").prototype, std::optional<bool>(true));
        QCOMPARE(claim("always_cheater_keeps_dealing").haggle, std::optional<bool>(false));
        QCOMPARE(claim("always_cheater_isolated").haggle, std::optional<bool>(true));
        QVERIFY(!claim("cheating_pays").rule.empty());
        // A claim Haggle's rules cannot express says so rather than guessing; futures are expressed now (the futures
        // mechanism), holding one's purchase to resell later is not.
        const auto futures = lab::compareRules("futures", context);
        for (const auto& v : futures.claims) {
            if (v.id == "arbitrage_unprofitable") {
                QVERIFY(!v.haggle.has_value());
                QVERIFY(!v.haggleEvidence.empty());
            }
            if (v.id == "futures_no_effect") {
                QVERIFY(v.haggle.has_value());
                QVERIFY2(v.haggleEvidence.find("beside futures") != std::string::npos, v.haggleEvidence.c_str());
            }
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, lab::compareRules("no-such", context));
    }
};

QTEST_GUILESS_MAIN(TestPrototypeRules)
#include "tst_prototyperules.moc"
