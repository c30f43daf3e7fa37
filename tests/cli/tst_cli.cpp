// haggle-cli end to end: every command, exit codes, JSON fields, output files, bad input writing nothing, and
// determinism across runs and thread counts.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Result {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Result cli(const QStringList& arguments)
{
    QProcess p;
    p.start(QStringLiteral(HAGGLE_CLI), arguments);
    if (!p.waitForFinished(120000))
        return {};
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError() };
}

QJsonObject json(const Result& r)
{
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(r.out, &error);
    return error.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& contents)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(contents);
    return path;
}

bool notBlank(const QImage& image)
{
    int nonWhite = 0;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4)
            nonWhite += image.pixelColor(x, y) != Qt::white ? 1 : 0;
    }
    return nonWhite > 100;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void helpAndVersion()
    {
        const auto help = cli({ QStringLiteral("--help") });
        QCOMPARE(help.code, 0);
        for (const char* word : { "experiment", "run", "validate", "--json", "--out", "--hashes", "Exit codes" })
            QVERIFY2(help.out.contains(word), word);
        const auto version = cli({ QStringLiteral("--version") });
        QCOMPARE(version.code, 0);
        QCOMPARE(version.out.trimmed(), QByteArray("haggle-cli " HAGGLE_VERSION));
    }

    void badArgumentsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("words");
        QTest::newRow("no command") << QStringList {} << QByteArray("missing command");
        QTest::newRow("unknown command") << QStringList { QStringLiteral("dance") } << QByteArray("unknown command");
        QTest::newRow("unknown experiment") << QStringList { QStringLiteral("experiment"), QStringLiteral("chess") }
                                            << QByteArray("unknown experiment 'chess'");
        QTest::newRow("bad trials") << QStringList { QStringLiteral("experiment"), QStringLiteral("trust"),
            QStringLiteral("--trials"), QStringLiteral("zero") }
                                    << QByteArray("--trials");
        QTest::newRow("negative seed") << QStringList { QStringLiteral("run"), QStringLiteral("builtin:handshake"),
            QStringLiteral("--seed"), QStringLiteral("-4") }
                                       << QByteArray("--seed");
        QTest::newRow("bad rounds") << QStringList { QStringLiteral("run"), QStringLiteral("builtin:handshake"),
            QStringLiteral("--rounds"), QStringLiteral("0") }
                                    << QByteArray("--rounds");
        QTest::newRow("unknown option") << QStringList { QStringLiteral("run"), QStringLiteral("builtin:handshake"),
            QStringLiteral("--fast") } << QByteArray("Unknown option");
        QTest::newRow("unknown builtin") << QStringList { QStringLiteral("run"), QStringLiteral("builtin:nope") }
                                         << QByteArray("no built-in scenario 'nope'");
        const QStringList hashes { QStringLiteral("run"), QStringLiteral("builtin:handshake"),
            QStringLiteral("--hashes") };
        QTest::newRow("hashes and json") << hashes + QStringList { QStringLiteral("--json") }
                                         << QByteArray("does not combine with --json or --out");
        QTest::newRow("hashes and out") << hashes + QStringList { QStringLiteral("--out"), QStringLiteral("x") }
                                        << QByteArray("does not combine with --json or --out");
        QTest::newRow("trials without hashes") << QStringList { QStringLiteral("run"),
            QStringLiteral("builtin:handshake"), QStringLiteral("--trials"), QStringLiteral("3") }
                                               << QByteArray("--trials needs --hashes");
        QTest::newRow("threads without trials")
            << hashes + QStringList { QStringLiteral("--threads"), QStringLiteral("2") }
            << QByteArray("--threads needs --trials");
        QTest::newRow("zero hash trials") << hashes + QStringList { QStringLiteral("--trials"), QStringLiteral("0") }
                                          << QByteArray("--trials expects");
        QTest::newRow("zero hash threads") << hashes
                + QStringList { QStringLiteral("--trials"), QStringLiteral("2"), QStringLiteral("--threads"),
                      QStringLiteral("0") } << QByteArray("--threads expects");
    }

    void badArgumentsExitWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, words);
        const auto r = cli(arguments);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(words), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void listShowsTheBuiltinScenarios()
    {
        const auto r = cli({ QStringLiteral("list") });
        QCOMPARE(r.code, 0);
        for (const char* key : { "builtin:handshake", "builtin:scarcity", "builtin:rush-hour",
                 "builtin:trust-fall-always", "builtin:trust-fall-subtle" })
            QVERIFY2(r.out.contains(key), key);
    }

    // `list` prints every kind of every catalog with its parameters; `list FAMILY` one family; an unknown family is
    // bad input naming the families.
    void listPrintsEveryCatalog()
    {
        const auto all = cli({ QStringLiteral("list") });
        QCOMPARE(all.code, 0);
        for (const char* line : { "\nstrategy: ", "\nmechanism: ", "\nsettlement: ", "\nreputation: ", "\nexperiment: ",
                 "  bilateral  ", "max_turns: integer in [1, 1000], default 6 proposals",
                 "greed_factor: number in [0, 0.95], default 0.7", "  lease  ",
                 "gossip_weight: number in [0, 1], default 0.3", "protocols: alternating-offers" })
            QVERIFY2(all.out.contains(line), line);
        const auto one = cli({ QStringLiteral("list"), QStringLiteral("mechanism") });
        QCOMPARE(one.code, 0);
        QVERIFY(one.out.startsWith("mechanism: "));
        QVERIFY(!one.out.contains("greed_factor"));
        const auto bad = cli({ QStringLiteral("list"), QStringLiteral("auction") });
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("unknown family 'auction'") && bad.err.contains("settlement"), bad.err.constData());
    }

    void validateGoodAndBadFiles()
    {
        const auto good = cli({ QStringLiteral("validate"),
            QStringLiteral(HAGGLE_SOURCE_DIR "/resources/scenarios/trust-fall-always.json") });
        QCOMPARE(good.code, 0);
        QVERIFY(good.out.contains("valid scenario"));
        QTemporaryDir dir;
        const QString bad = writeFile(dir, QStringLiteral("bad.json"),
            R"({"format": "haggle-scenario", "version": 1, "rounds": 5, "seed": 1,
                "agents": [{"id": "a", "strategy": {"type": "fair"}, "budget": -1},
                           {"id": "b", "strategy": {"type": "fair"}, "budget": 1}]})");
        const auto r = cli({ QStringLiteral("validate"), bad });
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("bad.json") && r.err.contains("agents[0].budget"), r.err.constData());
    }

    void badScenarioWritesNothing()
    {
        QTemporaryDir dir;
        const QString bad = writeFile(dir, QStringLiteral("broken.json"), "{ not json");
        const QString out = dir.filePath(QStringLiteral("results"));
        const auto r = cli({ QStringLiteral("run"), bad, QStringLiteral("--out"), out, QStringLiteral("--json") });
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.err.contains("broken.json") && r.err.contains("line 1"));
        QVERIFY(!QDir(out).exists());
    }

    void runReportsRoundsAndAgents()
    {
        const auto r = cli({ QStringLiteral("run"), QStringLiteral("builtin:rush-hour"), QStringLiteral("--json"),
            QStringLiteral("--rounds"), QStringLiteral("25"), QStringLiteral("--seed"), QStringLiteral("7") });
        QCOMPARE(r.code, 0);
        const QJsonObject j = json(r);
        QCOMPARE(j[QStringLiteral("rounds")].toArray().size(), 25);
        QCOMPARE(j[QStringLiteral("agents")].toArray().size(), 5);
        QCOMPARE(j[QStringLiteral("scenario")].toObject()[QStringLiteral("seed")].toInteger(), 7);
        const QJsonObject round12 = j[QStringLiteral("rounds")].toArray().at(11).toObject();
        QCOMPARE(round12[QStringLiteral("phase")].toString(), QStringLiteral("rush hour"));
        for (const char* field : { "negotiations", "deals", "success_rate", "mean_unit_price", "defaults" })
            QVERIFY2(round12.contains(QLatin1String(field)), field);
        // The text form names every agent.
        const auto text = cli({ QStringLiteral("run"), QStringLiteral("builtin:rush-hour") });
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.contains("fair_provider") && text.out.contains("net worth"));
    }

    void runPrintsStateHashes()
    {
        const QStringList base { QStringLiteral("run"), QStringLiteral("builtin:trust-fall-always"),
            QStringLiteral("--rounds"), QStringLiteral("12") };
        const auto r = cli(base + QStringList { QStringLiteral("--hashes") });
        QCOMPARE(r.code, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 12);
        static const QRegularExpression line(QStringLiteral("^(\\d+)\t([0-9a-f]{16})$"));
        for (int i = 0; i < lines.size(); ++i) {
            const auto m = line.match(QString::fromLatin1(lines.at(i)));
            QVERIFY2(m.hasMatch(), lines.at(i).constData());
            QCOMPARE(m.captured(1).toInt(), i + 1);
        }
        // The same hashes as the run report's, round by round.
        const QJsonObject j = json(cli(base + QStringList { QStringLiteral("--json") }));
        const QJsonArray rounds = j[QStringLiteral("rounds")].toArray();
        QCOMPARE(rounds.size(), 12);
        for (int i = 0; i < 12; ++i)
            QCOMPARE(rounds.at(i).toObject()[QStringLiteral("state_hash")].toString().toLatin1(),
                lines.at(i).split('\t').at(1));
        QCOMPARE(j[QStringLiteral("state_hash")].toString().toLatin1(), lines.last().split('\t').at(1));
        // Another seed, other hashes.
        const auto other
            = cli(base + QStringList { QStringLiteral("--hashes"), QStringLiteral("--seed"), QStringLiteral("43") });
        QCOMPARE(other.code, 0);
        QVERIFY(other.out.split('\n').first() != lines.first());
    }

    void trialHashesDoNotDependOnThreads()
    {
        const QStringList base { QStringLiteral("run"), QStringLiteral("builtin:rush-hour"), QStringLiteral("--rounds"),
            QStringLiteral("15"), QStringLiteral("--hashes"), QStringLiteral("--trials"), QStringLiteral("5") };
        const auto one = cli(base + QStringList { QStringLiteral("--threads"), QStringLiteral("1") });
        QCOMPARE(one.code, 0);
        const QList<QByteArray> lines = one.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5 * 15);
        for (const char* threads : { "2", "3", "8" }) {
            const auto many = cli(base + QStringList { QStringLiteral("--threads"), QLatin1String(threads) });
            QCOMPARE(many.code, 0);
            QCOMPARE(many.out, one.out);
        }
        // Trial 3 (TRIAL, SEED, ROUND, HASH) is the plain run of its seed.
        const QList<QByteArray> first = lines.at(3 * 15).split('\t');
        QCOMPARE(first.at(0), QByteArray("3"));
        const auto single = cli({ QStringLiteral("run"), QStringLiteral("builtin:rush-hour"),
            QStringLiteral("--rounds"), QStringLiteral("15"), QStringLiteral("--hashes"), QStringLiteral("--seed"),
            QString::fromLatin1(first.at(1)) });
        QCOMPARE(single.code, 0);
        const QList<QByteArray> singleLines = single.out.trimmed().split('\n');
        for (int round = 0; round < 15; ++round) {
            const QList<QByteArray> trial = lines.at(3 * 15 + round).split('\t');
            QCOMPARE(trial.at(2) + '\t' + trial.at(3), singleLines.at(round));
        }
    }

    void runWritesDataAndCharts()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("nested/out"));
        const auto r = cli(
            { QStringLiteral("run"), QStringLiteral(HAGGLE_SOURCE_DIR "/resources/scenarios/trust-fall-always.json"),
                QStringLiteral("--out"), out, QStringLiteral("--chart-size"), QStringLiteral("800x500"),
                QStringLiteral("--scale"), QStringLiteral("2") });
        QCOMPARE(r.code, 0);
        QFile rounds(out + u"/rounds.csv");
        QVERIFY(rounds.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = rounds.readAll().split('\n');
        // The provenance header first: where the file comes from, as "# Key: value" lines.
        QCOMPARE(lines.value(0), QByteArray("# Software: Haggle " HAGGLE_VERSION));
        QCOMPARE(lines.value(1), QByteArray("# Scenario: Cheater isolation: always cheater"));
        const QByteArray hash = lines.value(2).mid(QByteArray("# Scenario-Hash: ").size());
        QVERIFY(lines.value(2).startsWith("# Scenario-Hash: "));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{16}$")).match(QString::fromLatin1(hash)).hasMatch());
        QCOMPARE(lines.value(3), QByteArray("# Seed: 42"));
        QCOMPARE(lines.value(4), QByteArray("# Rounds: 1-60"));
        QCOMPARE(lines.value(5), QByteArray("# Rules: haggle"));
        lines.erase(lines.begin(), lines.begin() + 6);
        QVERIFY(lines.first().startsWith("round,phase,needs,needs_met,negotiations,deals,defaults,success_rate"));
        QVERIFY(lines.first().endsWith(",total_net_worth,buyer_utility,seller_utility,nash_distance,pareto_distance,"
                                       "price_over_spe,state_hash"));
        QVERIFY(
            QRegularExpression(QStringLiteral(",[0-9a-f]{16}$")).match(QString::fromLatin1(lines.at(60))).hasMatch());
        QCOMPARE(lines.size(), 60 + 2); // header, 60 rounds, final newline
        QFile deals(out + u"/deals.csv");
        QVERIFY(deals.open(QIODevice::ReadOnly));
        QByteArray header = deals.readLine();
        while (header.startsWith('#'))
            header = deals.readLine();
        QVERIFY(header.startsWith("round,negotiation,buyer,seller,gpu,cpu,memory,price,unit_price"));
        // The summary and the charts carry the same, and it is the hash a run file names the scenario by.
        QFile stamped(out + u"/summary.json");
        QVERIFY(stamped.open(QIODevice::ReadOnly));
        const QJsonObject provenance
            = QJsonDocument::fromJson(stamped.readAll()).object().value(u"provenance").toObject();
        QCOMPARE(provenance.value(u"Scenario-Hash").toString(), QString::fromLatin1(hash));
        QCOMPARE(QImage(out + u"/wealth.png").text(QStringLiteral("Scenario-Hash")), QString::fromLatin1(hash));
        QCOMPARE(QImage(out + u"/wealth.png").text(QStringLiteral("Seed")), QStringLiteral("42"));
        const QString record = out + u"/run.haggle-run";
        QCOMPARE(cli({ QStringLiteral("run"),
                         QStringLiteral(HAGGLE_SOURCE_DIR "/resources/scenarios/trust-fall-always.json"),
                         QStringLiteral("--record"), record })
                     .code,
            0);
        QFile recorded(record);
        QVERIFY(recorded.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(recorded.readAll()).object().value(u"scenario_hash").toString(),
            QString::fromLatin1(hash));
        QVERIFY(QFile::exists(out + u"/agents.csv"));
        // The deal network as GraphML: six agents, well-formed XML.
        QFile graph(out + u"/deals.graphml");
        QVERIFY(graph.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&graph);
        int nodes = 0, edges = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement) {
                nodes += xml.name() == u"node" ? 1 : 0;
                edges += xml.name() == u"edge" ? 1 : 0;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(nodes, 6);
        QVERIFY(edges >= 5);
        QFile summary(out + u"/summary.json");
        QVERIFY(summary.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(summary.readAll()).object()[QStringLiteral("rounds")].toArray().size(), 60);
        for (const char* chart : { "price-convergence.png", "reputation.png", "market-activity.png", "wealth.png" }) {
            const QImage image(out + u'/' + QLatin1String(chart));
            QVERIFY2(!image.isNull(), chart);
            QCOMPARE(image.size(), QSize(1600, 1000));
            QVERIFY2(notBlank(image), chart);
        }
    }

    void experimentJsonFields()
    {
        // Every experiment's document has the generic shape (README, "JSON output").
        const auto h = cli({ QStringLiteral("experiment"), QStringLiteral("handshake"), QStringLiteral("--json") });
        QCOMPARE(h.code, 0);
        const QJsonObject hj = json(h);
        for (const char* f : { "experiment", "title", "parameters", "findings", "tables", "series", "runs" })
            QVERIFY2(hj.contains(QLatin1String(f)), f);
        QCOMPARE(hj[QStringLiteral("experiment")].toString(), QStringLiteral("handshake"));
        QCOMPARE(hj[QStringLiteral("parameters")].toObject()[QStringLiteral("trials")].toInt(), 50);
        const QJsonObject tables = hj[QStringLiteral("tables")].toObject();
        const QJsonObject matrix = tables[QStringLiteral("matrix")].toObject();
        QStringList columns;
        for (const auto& c : matrix[QStringLiteral("columns")].toArray())
            columns.append(c.toObject()[QStringLiteral("name")].toString());
        QCOMPARE(columns,
            (QStringList { QStringLiteral("buyer"), QStringLiteral("seller"), QStringLiteral("deal_rate"),
                QStringLiteral("mean_unit_price"), QStringLiteral("mean_turns"), QStringLiteral("spe_price"),
                QStringLiteral("over_spe"), QStringLiteral("nash_distance"), QStringLiteral("buyer_utility"),
                QStringLiteral("seller_utility"), QStringLiteral("seeds") }));
        const QJsonArray cells = matrix[QStringLiteral("rows")].toArray();
        QCOMPARE(cells.size(), 16);
        const QJsonObject greedyGreedy = cells.at(0).toObject();
        QCOMPARE(greedyGreedy[QStringLiteral("buyer")].toString(), QStringLiteral("greedy"));
        QCOMPARE(greedyGreedy[QStringLiteral("deal_rate")].toDouble(), 0.0);
        QVERIFY(greedyGreedy[QStringLiteral("mean_unit_price")].isNull());
        QCOMPARE(cells.at(5).toObject()[QStringLiteral("deal_rate")].toDouble(), 1.0); // fair-fair
        const QJsonObject first
            = tables[QStringLiteral("trace")].toObject()[QStringLiteral("rows")].toArray().first().toObject();
        QCOMPARE(first[QStringLiteral("type")].toString(), QStringLiteral("REQUEST"));
        for (const char* f : { "from", "to", "price" })
            QVERIFY(first.contains(QLatin1String(f)));
        QJsonObject convergence;
        for (const auto& f : hj[QStringLiteral("findings")].toArray()) {
            QVERIFY(!f.toObject()[QStringLiteral("statement")].toString().isEmpty());
            if (f.toObject()[QStringLiteral("id")] == QStringLiteral("convergence"))
                convergence = f.toObject()[QStringLiteral("values")].toObject();
        }
        QVERIFY(convergence[QStringLiteral("deals")].toInt() >= 90);
        QVERIFY(convergence[QStringLiteral("early_volatility")].toDouble()
            > convergence[QStringLiteral("late_volatility")].toDouble());
        const QJsonObject run = hj[QStringLiteral("runs")].toArray().first().toObject();
        QCOMPARE(run[QStringLiteral("name")].toString(), QStringLiteral("convergence"));
        QCOMPARE(run[QStringLiteral("state_hash")].toString().size(), 16);

        const auto s = cli({ QStringLiteral("experiment"), QStringLiteral("scarcity"), QStringLiteral("--json"),
            QStringLiteral("--trials"), QStringLiteral("6") });
        QCOMPARE(s.code, 0);
        const QJsonObject sj = json(s);
        const QJsonObject stables = sj[QStringLiteral("tables")].toObject();
        const QJsonArray phases
            = stables[QStringLiteral("rush-hour-phases")].toObject()[QStringLiteral("rows")].toArray();
        QCOMPARE(phases.size(), 3);
        for (const char* f :
            { "phase", "first_round", "last_round", "negotiations", "deals", "success_rate", "mean_unit_price" })
            QVERIFY2(phases.at(1).toObject().contains(QLatin1String(f)), f);
        const QJsonObject top
            = stables[QStringLiteral("tournament")].toObject()[QStringLiteral("rows")].toArray().first().toObject();
        QCOMPARE(top[QStringLiteral("agent")].toString(), QStringLiteral("fair_provider"));
        QCOMPARE(top[QStringLiteral("trials")].toInt(), 6);
        for (const char* f : { "strategy", "mean_worth", "min_worth", "max_worth", "ci95" })
            QVERIFY2(top.contains(QLatin1String(f)), f);
        const QJsonObject ranking = sj[QStringLiteral("series")].toObject()[QStringLiteral("tournament")].toObject();
        QCOMPARE(ranking[QStringLiteral("chart")].toString(), QStringLiteral("ranking"));
        QCOMPARE(ranking[QStringLiteral("categories")].toArray().first().toString(), QStringLiteral("fair_provider"));

        const auto t = cli({ QStringLiteral("experiment"), QStringLiteral("trust"), QStringLiteral("--json") });
        QCOMPARE(t.code, 0);
        const QJsonObject tj = json(t);
        const QJsonArray cheaters = tj[QStringLiteral("tables")]
                                        .toObject()[QStringLiteral("cheaters")]
                                        .toObject()[QStringLiteral("rows")]
                                        .toArray();
        QCOMPARE(cheaters.size(), 2);
        for (const auto& c : cheaters) {
            for (const char* f : { "case", "rounds", "seed", "cheat_probability", "defaults", "deals", "start_budget",
                     "final_budget", "final_worth", "isolated_at_round" })
                QVERIFY2(c.toObject().contains(QLatin1String(f)), f);
        }
        QCOMPARE(cheaters.at(0).toObject()[QStringLiteral("seed")].toInt(), 42);
        QCOMPARE(cheaters.at(1).toObject()[QStringLiteral("seed")].toInt(), 123);
        QVERIFY(cheaters.at(1).toObject()[QStringLiteral("isolated_at_round")].isNull());
        const QJsonArray lines = tj[QStringLiteral("series")]
                                     .toObject()[QStringLiteral("cheater-reputation")]
                                     .toObject()[QStringLiteral("lines")]
                                     .toArray();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).toObject()[QStringLiteral("y")].toArray().size(), 60);
    }

    void experimentNamesComeFromTheCatalog()
    {
        const auto help = cli({ QStringLiteral("--help") });
        QVERIFY(help.out.contains(
            "experiment handshake|scarcity|trust|detection|threshold|cheater-kinds|rubinstein|tactics|learning|"
            "mechanisms|real-compute|coalitions|futures|llm-handshake|mixed|all"));
        const auto unknown = cli({ QStringLiteral("experiment"), QStringLiteral("chess") });
        QCOMPARE(unknown.code, 2);
        QVERIFY2(unknown.err.contains("expected handshake, scarcity, trust, detection, threshold, cheater-kinds, "
                                      "rubinstein, tactics, learning, mechanisms, real-compute, coalitions, futures, "
                                      "llm-handshake, mixed or all"),
            unknown.err.constData());
        const auto list = cli({ QStringLiteral("list") });
        QCOMPARE(list.code, 0);
        QVERIFY2(list.out.contains("\nexperiment: ") && list.out.contains("always_seed: integer in [0, "),
            list.out.constData());
        // --set gives a declared parameter; a wrong one is bad input.
        const auto set = cli({ QStringLiteral("experiment"), QStringLiteral("handshake"), QStringLiteral("--json"),
            QStringLiteral("--set"), QStringLiteral("rounds=20"), QStringLiteral("--trials"), QStringLiteral("2") });
        QCOMPARE(set.code, 0);
        QCOMPARE(json(set)[QStringLiteral("runs")].toArray().first().toObject()[QStringLiteral("rounds")].toInt(), 20);
        const auto bad = cli({ QStringLiteral("experiment"), QStringLiteral("handshake"), QStringLiteral("--set"),
            QStringLiteral("rounds=0") });
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("rounds"), bad.err.constData());
        const auto all = cli({ QStringLiteral("experiment"), QStringLiteral("all"), QStringLiteral("--set"),
            QStringLiteral("trials=2") });
        QCOMPARE(all.code, 2);
        QVERIFY(all.out.isEmpty());
    }

    void experimentAllWritesEverything()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("results"));
        const auto r = cli({ QStringLiteral("experiment"), QStringLiteral("all"), QStringLiteral("--out"), out,
            QStringLiteral("--trials"), QStringLiteral("5") });
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("EXPERIMENT 1") && r.out.contains("EXPERIMENT 2") && r.out.contains("EXPERIMENT 3"));
        QFile summary(out + u"/summary.json");
        QVERIFY(summary.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(summary.readAll()).object();
        QVERIFY(j.contains(QStringLiteral("handshake")) && j.contains(QStringLiteral("scarcity"))
            && j.contains(QStringLiteral("trust")));
        for (const char* file :
            { "handshake/matrix.csv", "handshake/trace.csv", "handshake/convergence-price-convergence.png",
                "scarcity/tournament.png", "scarcity/tournament.csv", "scarcity/rush-hour-market-activity.png",
                "scarcity/rush-hour-phases.csv", "trust/always-reputation.png", "trust/subtle-reputation.png",
                "trust/cheater-by-round.csv", "trust/summary.json", "trust/cheater-reputation.png", "trust/windows.csv",
                "scarcity/market.csv", "handshake/convergence-prices.csv" })
            QVERIFY2(QFile::exists(out + u'/' + QLatin1String(file)), file);
    }

    void sameSeedSameOutputForAnyThreadCount()
    {
        const QStringList base { QStringLiteral("experiment"), QStringLiteral("all"), QStringLiteral("--json"),
            QStringLiteral("--trials"), QStringLiteral("3"), QStringLiteral("--seed"), QStringLiteral("2026") };
        const auto one = cli(base + QStringList { QStringLiteral("--threads"), QStringLiteral("1") });
        const auto two = cli(base + QStringList { QStringLiteral("--threads"), QStringLiteral("2") });
        const auto again = cli(base + QStringList { QStringLiteral("--threads"), QStringLiteral("2") });
        QCOMPARE(one.code, 0);
        QVERIFY(!one.out.isEmpty());
        QCOMPARE(one.out, two.out);
        QCOMPARE(two.out, again.out);
        const auto other = cli({ QStringLiteral("experiment"), QStringLiteral("all"), QStringLiteral("--json"),
            QStringLiteral("--trials"), QStringLiteral("3"), QStringLiteral("--seed"), QStringLiteral("2027") });
        QVERIFY(other.out != one.out);
        const auto run1
            = cli({ QStringLiteral("run"), QStringLiteral("builtin:trust-fall-subtle"), QStringLiteral("--json") });
        const auto run2
            = cli({ QStringLiteral("run"), QStringLiteral("builtin:trust-fall-subtle"), QStringLiteral("--json") });
        QCOMPARE(run1.out, run2.out);
    }

    void unwritableOutputIsAFailure()
    {
        QTemporaryDir dir;
        const QString blocker = writeFile(dir, QStringLiteral("file"), "x");
        const auto r = cli(
            { QStringLiteral("run"), QStringLiteral("builtin:handshake"), QStringLiteral("--out"), blocker + u"/sub" });
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("cannot create"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
