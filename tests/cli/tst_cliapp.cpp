// haggle-cli's commands in process, with an experiment kind registered by the test alone (tests/lab/testexperiment.h):
// its name reaches the usage text, the error for an unknown experiment, `list` and `experiment all`, and it is
// printed, written as JSON, CSV and charts, and its run exported, by the same code path as the built-in experiments.
// Likewise a chart kind of the test's own (tests/charts/testchartkind.h): `list chart` names it and every run's
// --out files include its PNG and CSV. (tst_cli runs the real binary, which cannot see a test-only kind.)
#include "builtinscenarios.h"
#include "chartcatalog.h"
#include "cliapp.h"
#include "experimentcatalog.h"
#include "scenariofile.h"
#include "testchartkind.h"
#include "testexperiment.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// A CSV file's lines after its provenance header ("# Key: value" lines, which it must have), the final newline's
// empty line kept.
QList<QByteArray> dataLines(const QByteArray& text)
{
    QList<QByteArray> lines = text.split('\n');
    if (lines.isEmpty() || !lines.front().startsWith("# Software: Haggle "))
        return {}; // no provenance: the callers' comparisons fail
    while (!lines.isEmpty() && lines.front().startsWith('#'))
        lines.removeFirst();
    return lines;
}

// A FILE* the app writes to, read back afterwards.
class Capture {
public:
    Capture()
        : m_file(std::tmpfile())
    {
    }
    ~Capture() { std::fclose(m_file); }
    Capture(const Capture&) = delete;
    Capture& operator=(const Capture&) = delete;

    std::FILE* file() const { return m_file; }
    QByteArray text() const
    {
        std::fflush(m_file);
        std::rewind(m_file);
        QByteArray all;
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, m_file)) > 0;)
            all.append(buffer, static_cast<qsizetype>(n));
        return all;
    }

private:
    std::FILE* m_file;
};

struct Result {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Result cli(const QStringList& arguments)
{
    Capture out, err;
    const int code
        = haggle::cli::CliApp(out.file(), err.file()).run(QStringList { QStringLiteral("haggle-cli") } + arguments);
    return { code, out.text(), err.text() };
}

// An experiment that cannot go on, to check that the CLI says why instead of aborting.
class FailingExperiment : public haggle::lab::Experiment {
public:
    explicit FailingExperiment(const haggle::Parameters& parameters)
        : Experiment(kindInfo(), parameters)
    {
    }
    static haggle::KindInfo kindInfo() { return { "test-fails", "Throws once it has started", {} }; }
    haggle::lab::ExperimentResult run(const haggle::lab::ExperimentContext&) const override
    {
        throw std::runtime_error("the slot market made no deal in 1000 ticks");
    }
};

} // namespace

class TestCliApp : public QObject {
    Q_OBJECT

private slots:
    // The one line each that adds the test's kinds; cleanupTestCase() takes them out again.
    void initTestCase()
    {
        haggle::lab::registerExperiment<haggle::lab::test::TestExperiment>(haggle::lab::experimentCatalog());
        haggle::charts::registerChart<haggle::charts::test::TestVolumeChart>(haggle::charts::chartCatalog());
    }
    void cleanupTestCase()
    {
        QVERIFY(haggle::lab::experimentCatalog().remove("test-probe"));
        QVERIFY(haggle::charts::chartCatalog().remove("test-volume"));
    }

    // An experiment that throws: its message and exit code 1, not an abort.
    void aFailingExperimentSaysWhy()
    {
        haggle::lab::registerExperiment<FailingExperiment>(haggle::lab::experimentCatalog());
        const auto r = cli({ QStringLiteral("experiment"), QStringLiteral("test-fails") });
        QVERIFY(haggle::lab::experimentCatalog().remove("test-fails"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("experiment 'test-fails' failed: the slot market made no deal in 1000 ticks"),
            r.err.constData());
    }

    void theChartKindIsListed()
    {
        const auto list = cli({ QStringLiteral("list"), QStringLiteral("chart") });
        QCOMPARE(list.code, 0);
        QVERIFY2(list.out.startsWith("chart: "), list.out.constData());
        for (const char* kind : { "price-convergence", "reputation", "market-activity", "wealth" })
            QVERIFY2(list.out.contains(QByteArray("\n  " + QByteArray(kind) + "  ")), kind);
        QVERIFY2(list.out.contains("test-volume  A test-only chart: units traded per round"), list.out.constData());
        QVERIFY(list.out.contains("scale: number in [0, 100], default 1; what each round's volume is multiplied by"));
    }

    void aRunWritesEveryChartKind()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("run"));
        const auto r = cli({ QStringLiteral("run"), QStringLiteral("builtin:handshake"), QStringLiteral("--rounds"),
            QStringLiteral("12"), QStringLiteral("--out"), out, QStringLiteral("--chart-size"),
            QStringLiteral("400x300") });
        QCOMPARE(r.code, 0);
        for (const char* kind : { "price-convergence", "reputation", "market-activity", "wealth", "test-volume" }) {
            const QImage image(out + u'/' + QLatin1String(kind) + u".png");
            QVERIFY2(!image.isNull(), kind);
            QCOMPARE(image.size(), QSize(400, 300));
            QFile csv(out + u'/' + QLatin1String(kind) + u".csv");
            QVERIFY2(csv.open(QIODevice::ReadOnly), kind);
            QCOMPARE(dataLines(csv.readAll()).value(0), QByteArray("series,x,y"));
        }
        // The test kind drew the run's rounds: one point per round, x = the round.
        QFile csv(out + u"/test-volume.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = dataLines(csv.readAll());
        QCOMPARE(lines.value(1).left(9), QByteArray("Volume,1,"));
        QCOMPARE(lines.value(12).left(10), QByteArray("Volume,12,"));
        QCOMPARE(lines.value(13), QByteArray());
    }

    void theKindIsListedWhereverExperimentsAre()
    {
        QVERIFY(haggle::cli::usageText().contains(QStringLiteral(
            "handshake|scarcity|trust|detection|threshold|cheater-kinds|rubinstein|tactics|learning|mechanisms|"
            "real-compute|coalitions|futures|llm-handshake|mixed|test-probe|all")));
        QVERIFY(haggle::cli::usageText().contains(QStringLiteral("A test-only experiment")));
        const auto unknown = cli({ QStringLiteral("experiment"), QStringLiteral("chess") });
        QCOMPARE(unknown.code, 2);
        QVERIFY2(unknown.err.contains("expected handshake, scarcity, trust, detection, threshold, cheater-kinds, "
                                      "rubinstein, tactics, learning, mechanisms, real-compute, coalitions, futures, "
                                      "llm-handshake, mixed, test-probe or all"),
            unknown.err.constData());
        const auto list = cli({ QStringLiteral("list") });
        QCOMPARE(list.code, 0);
        QVERIFY2(list.out.contains("test-probe  A test-only experiment"), list.out.constData());
        QVERIFY(list.out.contains("rounds: integer in [1, 30], default 5 rounds; rounds of each run"));
    }

    void theKindPrintsAndWritesJson()
    {
        const auto text = cli({ QStringLiteral("experiment"), QStringLiteral("test-probe"), QStringLiteral("--trials"),
            QStringLiteral("2") });
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.startsWith("TEST PROBE\n") && text.out.contains("Probe runs")
                && text.out.contains("2 probe runs of 5 rounds make"),
            text.out.constData());
        const auto json = cli({ QStringLiteral("experiment"), QStringLiteral("test-probe"), QStringLiteral("--json"),
            QStringLiteral("--set"), QStringLiteral("rounds=3"), QStringLiteral("--seed"), QStringLiteral("11") });
        QCOMPARE(json.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(j[QStringLiteral("experiment")].toString(), QStringLiteral("test-probe"));
        QCOMPARE(j[QStringLiteral("parameters")].toObject()[QStringLiteral("seed")].toInt(), 11);
        QCOMPARE(j[QStringLiteral("tables")]
                     .toObject()[QStringLiteral("probe")]
                     .toObject()[QStringLiteral("rows")]
                     .toArray()
                     .size(),
            3);
        QCOMPARE(j[QStringLiteral("runs")].toArray().first().toObject()[QStringLiteral("rounds")].toInt(), 3);
        const auto bad = cli({ QStringLiteral("experiment"), QStringLiteral("test-probe"), QStringLiteral("--set"),
            QStringLiteral("rounds=31") });
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("rounds") && bad.err.contains("[1, 30]"), bad.err.constData());
    }

    void theKindWritesFilesAndCharts()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out"));
        const auto r = cli({ QStringLiteral("experiment"), QStringLiteral("test-probe"), QStringLiteral("--out"), out,
            QStringLiteral("--chart-size"), QStringLiteral("400x300") });
        QCOMPARE(r.code, 0);
        QFile csv(out + u"/probe.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> probe = dataLines(csv.readAll());
        QCOMPARE(probe.value(0), QByteArray("trial,seed,deals,mean_unit_price,note,missing"));
        QVERIFY(probe.value(1).endsWith(",\"'=first, \"\"quoted\"\"\","));
        for (const char* chart :
            { "deals-by-trial.png", "trial-ranking.png", "probe-market-activity.png", "probe-test-volume.png" }) {
            const QImage image(out + u'/' + QLatin1String(chart));
            QVERIFY2(!image.isNull(), chart);
            QCOMPARE(image.size(), QSize(400, 300));
        }
        for (const char* file :
            { "summary.json", "probe-rounds.csv", "probe-deals.csv", "probe-deals.graphml", "probe-test-volume.csv" })
            QVERIFY2(QFile::exists(out + u'/' + QLatin1String(file)), file);
    }

    void allRunsTheKindToo()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("all"));
        const auto r = cli({ QStringLiteral("experiment"), QStringLiteral("all"), QStringLiteral("--trials"),
            QStringLiteral("2"), QStringLiteral("--out"), out, QStringLiteral("--json") });
        QCOMPARE(r.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.keys(),
            (QStringList { QStringLiteral("cheater-kinds"), QStringLiteral("coalitions"), QStringLiteral("detection"),
                QStringLiteral("futures"), QStringLiteral("handshake"), QStringLiteral("learning"),
                QStringLiteral("mechanisms"), QStringLiteral("rubinstein"), QStringLiteral("scarcity"),
                QStringLiteral("tactics"), QStringLiteral("test-probe"), QStringLiteral("threshold"),
                QStringLiteral("trust") }));
        QVERIFY(QFile::exists(out + u"/test-probe/probe.csv"));
        QVERIFY(QFile::exists(out + u"/trust/cheater-by-round.csv"));
    }

    // `run --save-policy`: a learner's table saved after the run, as a policy another scenario starts from, or as
    // CSV; an agent that is not there or learns nothing is refused, saying which.
    void runSavesALearntPolicy()
    {
        QTemporaryDir dir;
        QJsonObject scenario = QJsonDocument::fromJson(
            QByteArray::fromStdString(haggle::lab::scenarioToJson(haggle::lab::builtinScenario("handshake"))))
                                   .object();
        QJsonArray agents = scenario[u"agents"].toArray();
        QJsonObject seller = agents[1].toObject();
        seller[u"strategy"] = QJsonObject { { u"type"_qs, u"q-learning"_qs } };
        agents[1] = seller;
        scenario[u"agents"] = agents;
        scenario[u"rounds"] = 40;
        const QString file = dir.filePath(QStringLiteral("learner.json"));
        QFile outFile(file);
        QVERIFY(outFile.open(QIODevice::WriteOnly));
        outFile.write(QJsonDocument(scenario).toJson());
        outFile.close();
        const QString policy = dir.filePath(QStringLiteral("seller.policy.json"));
        const QString csv = dir.filePath(QStringLiteral("seller.csv"));
        const auto r = cli(
            { QStringLiteral("run"), file, QStringLiteral("--save-policy"), QStringLiteral("greedy_seller=") + policy,
                QStringLiteral("--save-policy"), QStringLiteral("greedy_seller=") + csv });
        QCOMPARE(r.code, 0);
        QFile saved(policy);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QJsonObject p = QJsonDocument::fromJson(saved.readAll()).object();
        QCOMPARE(p[u"format"].toString(), QStringLiteral("haggle-policy"));
        QCOMPARE(p[u"episodes"].toInt(), 40);
        QFile table(csv);
        QVERIFY(table.open(QIODevice::ReadOnly));
        QVERIFY(table.readLine().startsWith("state,visits,best_action,q accept"));
        // The policy, named relative to the scenario, starts another run where this one stopped.
        seller[u"strategy"]
            = QJsonObject { { u"type"_qs, u"q-learning"_qs }, { u"policy"_qs, u"seller.policy.json"_qs } };
        agents[1] = seller;
        scenario[u"agents"] = agents;
        QVERIFY(outFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        outFile.write(QJsonDocument(scenario).toJson());
        outFile.close();
        QCOMPARE(cli({ QStringLiteral("validate"), file }).code, 0);
        const auto unknown
            = cli({ QStringLiteral("run"), file, QStringLiteral("--save-policy"), QStringLiteral("nobody=") + policy });
        QCOMPARE(unknown.code, 2);
        QVERIFY(unknown.err.contains("no agent 'nobody'"));
        const auto nothing = cli(
            { QStringLiteral("run"), file, QStringLiteral("--save-policy"), QStringLiteral("fair_buyer=") + policy });
        QCOMPARE(nothing.code, 1);
        QVERIFY(nothing.err.contains("agent 'fair_buyer' (strategy 'fair') has learnt nothing to save"));
    }
};

QTEST_MAIN(TestCliApp)
#include "tst_cliapp.moc"
