// Reports: CSV quoting and formula neutralization, CSV columns, JSON fields and nulls.
#include "builtinscenarios.h"
#include "csv.h"
#include "dealnetwork.h"
#include "report.h"
#include "statehashes.h"

#include <QString>
#include <QTest>
#include <QXmlStreamReader>

using namespace haggle;
using namespace haggle::lab;

class TestReport : public QObject {
    Q_OBJECT

private slots:
    void csvCellsAreQuotedAndNeverFormulas_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("written");
        QTest::newRow("plain") << QStringLiteral("alice") << QStringLiteral("alice");
        QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        QTest::newRow("formula") << QStringLiteral("=HYPERLINK(\"x\")") << QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\"");
        QTest::newRow("plus") << QStringLiteral("+1") << QStringLiteral("'+1");
        QTest::newRow("minus") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
        QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("tab") << QStringLiteral("\tx") << QStringLiteral("'\tx");
    }

    void csvCellsAreQuotedAndNeverFormulas()
    {
        QFETCH(QString, cell);
        QFETCH(QString, written);
        QCOMPARE(QString::fromStdString(CsvWriter::escape(cell.toStdString())), written);
    }

    void numbersStayNumbers()
    {
        CsvWriter csv({ "a", "b", "c" });
        csv.number(-1.5).number(std::nan("")).integer(-3);
        csv.endRow();
        QCOMPARE(QString::fromStdString(csv.str()), QStringLiteral("a,b,c\n-1.5,,-3\n"));
    }

    void runCsvAndJson()
    {
        Scenario s = builtinScenario("rush-hour");
        const RunResult r = runScenario(s);
        const QStringList rounds = QString::fromStdString(roundsCsv(r)).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(rounds.size(), 31);
        QCOMPARE(rounds.front(),
            QStringLiteral(
                "round,phase,needs,needs_met,negotiations,deals,defaults,success_rate,mean_unit_price,"
                "volume,job_value,surplus,maximum_surplus,total_net_worth,buyer_utility,seller_utility,nash_distance,"
                "pareto_distance,"
                "price_over_spe,state_hash"));
        QVERIFY(rounds.at(11).startsWith(QStringLiteral("11,rush hour,5,")));
        QVERIFY(rounds.at(11).endsWith(u',' + QString::fromStdString(hashText(r.stateHashes[10]))));
        const QStringList deals = QString::fromStdString(dealsCsv(r)).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(deals.size(), int(r.deals.size()) + 1);
        QCOMPARE(deals.front(),
            QStringLiteral("round,negotiation,buyer,seller,gpu,cpu,memory,price,unit_price,delivered,paid,sourcing"));
        const QStringList agents = QString::fromStdString(agentsCsv(r)).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(agents.size(), 30 * 5 + 1);

        const JsonDocument j = toJson(r);
        QCOMPARE(j["rounds"].size(), std::size_t(30));
        QCOMPARE(j["agents"].size(), std::size_t(5));
        for (const char* field : { "round", "phase", "negotiations", "deals", "success_rate", "mean_unit_price" })
            QVERIFY2(j["rounds"][0].contains(field), field);
        for (const char* field : { "id", "strategy", "budget", "net_worth", "mean_reputation", "deals" })
            QVERIFY2(j["agents"][0].contains(field), field);
        // A round without deals has no mean price: null, not NaN.
        for (std::size_t i = 0; i < r.rounds.size(); ++i) {
            if (!r.rounds[i].meanUnitPrice)
                QVERIFY(j["rounds"][i]["mean_unit_price"].is_null());
        }
        QCOMPARE(j["state_hash"].get<std::string>().size(), std::size_t(16));
        // Every round carries the state hash after it; the last one is the top-level state_hash.
        QCOMPARE(j["rounds"][4]["state_hash"].get<std::string>(), hashText(r.stateHashes[4]));
        QVERIFY(j["rounds"][29]["state_hash"] == j["state_hash"]);
    }

    void dealNetworkAggregatesPairs()
    {
        DealNetwork net;
        net.reset(3);
        DealRecord d;
        d.round = 1;
        d.buyer = 2;
        d.seller = 0;
        d.resources.gpu = 5;
        d.price = 6;
        net.add(d);
        d.round = 4;
        d.buyer = 0;
        d.seller = 2;
        d.paid = false;
        net.add(d);
        d.buyer = 1;
        net.add(d);
        QCOMPARE(net.edges().size(), std::size_t(2));
        const DealEdge& e = net.edges()[0];
        QCOMPARE(e.a, AgentIndex(0));
        QCOMPARE(e.b, AgentIndex(2));
        QCOMPARE(e.deals, 2);
        QCOMPARE(e.aBought, 1);
        QCOMPARE(e.volume, 10.0);
        QCOMPARE(e.value, 12.0);
        QCOMPARE(e.defaults, 1);
        QCOMPARE(e.lastRound, 4);
        QCOMPARE(net.dealsPerAgent(), (std::vector<int> { 2, 1, 3 })); // pairs (0,2) twice and (1,2) once
    }

    void graphMLIsWellFormedAndEscaped()
    {
        DealNetwork net;
        net.reset(2);
        DealRecord d;
        d.buyer = 0;
        d.seller = 1;
        d.resources.gpu = 1;
        net.add(d);
        const std::string text = toGraphML(net,
            { { "a<b>&\"c\"", "seeker", "fair", false, 1.5, 0.5 }, { "d'e", "provider", "cheater", true, 2.0, 0.1 } });
        QXmlStreamReader xml(QByteArray::fromStdString(text));
        QStringList ids;
        int edges = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == u"node")
                ids.append(xml.attributes().value(QStringLiteral("id")).toString());
            if (xml.name() == u"edge") {
                ++edges;
                QCOMPARE(xml.attributes().value(QStringLiteral("source")).toString(), QStringLiteral("a<b>&\"c\""));
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(ids, (QStringList { QStringLiteral("a<b>&\"c\""), QStringLiteral("d'e") }));
        QCOMPARE(edges, 1);
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
