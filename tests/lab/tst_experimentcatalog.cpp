// The experiment catalog and the generic result: the built-in kinds are registered with their parameters, and a kind
// registered by the test alone (testexperiment.h) is made, run, and written as JSON, CSV and text by the same code
// that writes the built-in ones. Progress and cancel reach every kind.
#include "experimentcatalog.h"
#include "report.h"
#include "testexperiment.h"

#include <QString>
#include <QTest>

#include <atomic>

using namespace haggle;
using namespace haggle::lab;

class TestExperimentCatalog : public QObject {
    Q_OBJECT

private slots:
    // The one line that adds the test's kind; cleanupTestCase() takes it out again.
    void initTestCase() { registerExperiment<test::TestExperiment>(experimentCatalog()); }

    void builtinKindsAreRegistered()
    {
        QCOMPARE(QString::fromStdString(joinNames(experimentCatalog().infos())),
            QStringLiteral(
                "handshake, scarcity, trust, detection, threshold, cheater-kinds, rubinstein, tactics, "
                "learning, mechanisms, real-compute, coalitions, futures, llm-handshake, mixed, test-probe"));
        const CatalogFamily family = experimentFamily();
        QCOMPARE(family.name, std::string_view("experiment"));
        QCOMPARE(family.kinds().size(), std::size_t(16));
        for (const auto& kind : family.kinds()) {
            const ParameterInfo* trials = kind.param("trials");
            QVERIFY2(trials, kind.name.data());
            QCOMPARE(trials->type, ParameterType::Integer);
            QVERIFY(trials->min >= 1 && trials->defaultValue >= trials->min && trials->defaultValue <= trials->max);
            QVERIFY(!kind.description.empty());
        }
        QCOMPARE(experimentCatalog().info("trust")->param("subtle_seed")->defaultValue, 123.0);
        // Only the experiment that times this machine's work is left out of `all`.
        for (const auto& kind : family.kinds())
            QCOMPARE(measuresThisMachine(kind.name), kind.name == "real-compute");
    }

    void testKindRunsThroughTheGenericWriters()
    {
        QCOMPARE(experimentFamily().kinds().back().name, std::string_view("test-probe"));

        std::vector<std::pair<double, std::string>> progress;
        ExperimentContext context;
        context.progress = [&](double fraction, std::string_view stage) { progress.emplace_back(fraction, stage); };
        const auto experiment = experimentCatalog().make("test-probe", { { "rounds", 4.0 } });
        QCOMPARE(experiment->name(), std::string("test-probe"));
        QCOMPARE(experiment->parameter("rounds"), 4.0);
        const ExperimentResult r = experiment->run(context);
        QCOMPARE(progress.size(), std::size_t(4)); // three trials, then done
        QCOMPARE(progress.front().second, std::string("trial 0"));
        QCOMPARE(progress.back().first, 1.0);
        QCOMPARE(r.runs.front().run.rounds.size(), std::size_t(4));

        const JsonDocument j = toJson(r);
        QCOMPARE(j["experiment"].get<std::string>(), std::string("test-probe"));
        QCOMPARE(j["parameters"]["trials"].get<int>(), 3);
        const auto& rows = j["tables"]["probe"]["rows"];
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[0]["note"].get<std::string>(), std::string("=first, \"quoted\""));
        QVERIFY(rows[0]["missing"].is_null());
        QCOMPARE(j["tables"]["probe"]["columns"][3]["unit"].get<std::string>(), std::string("unit price"));
        QCOMPARE(j["series"]["deals-by-trial"]["chart"].get<std::string>(), std::string("line"));
        QCOMPARE(j["series"]["trial-ranking"]["chart"].get<std::string>(), std::string("ranking"));
        QVERIFY(j["findings"][0]["values"]["nothing"].is_null());
        QCOMPARE(j["runs"][0]["name"].get<std::string>(), std::string("probe"));
        QCOMPARE(j["runs"][0]["rounds"].get<int>(), 4);

        const QStringList csv = QString::fromStdString(tableCsv(*r.table("probe"))).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(csv.size(), 4);
        QCOMPARE(csv.at(0), QStringLiteral("trial,seed,deals,mean_unit_price,note,missing"));
        QVERIFY2(csv.at(1).startsWith(QStringLiteral("0,")), qPrintable(csv.at(1)));
        QVERIFY2(csv.at(1).endsWith(QStringLiteral(",\"'=first, \"\"quoted\"\"\",")), qPrintable(csv.at(1)));

        const QString text = QString::fromStdString(formatExperiment(r));
        QVERIFY(text.startsWith(QStringLiteral("TEST PROBE\n")));
        QVERIFY(text.contains(QStringLiteral("Probe runs")));
        QVERIFY(!text.contains(QStringLiteral("seed"))); // a detail column: JSON and CSV only
        QVERIFY(text.contains(QString::fromStdString(r.findings.front().statement)));
    }

    void cancelStopsEveryKind_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("threads");
        for (const char* kind :
            { "handshake", "scarcity", "trust", "detection", "threshold", "cheater-kinds", "test-probe" }) {
            QTest::newRow(kind) << QString::fromLatin1(kind) << 1;
            QTest::newRow(qPrintable(QStringLiteral("%1, 2 threads").arg(QString::fromLatin1(kind))))
                << QString::fromLatin1(kind) << 2;
        }
    }

    void cancelStopsEveryKind()
    {
        QFETCH(QString, kind);
        QFETCH(int, threads);
        // Cancelled from the first progress report, as a GUI's Cancel button would: the run stops at the next trial
        // or stage. On several threads, trials already under way when the cancel comes may still finish and report.
        std::atomic<bool> cancel { false };
        std::atomic<int> reports { 0 };
        ExperimentContext context;
        context.cancel = &cancel;
        context.trials = 4;
        context.threads = threads;
        context.progress = [&](double, std::string_view) {
            ++reports;
            cancel = true;
        };
        bool cancelled = false;
        try {
            experimentCatalog().make(kind.toStdString(), {})->run(context);
        } catch (const ExperimentCancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QVERIFY2(reports >= 1 && reports <= threads, qPrintable(QString::number(reports)));
    }

    void cleanupTestCase() { QVERIFY(experimentCatalog().remove("test-probe")); }
};

QTEST_GUILESS_MAIN(TestExperimentCatalog)
#include "tst_experimentcatalog.moc"
