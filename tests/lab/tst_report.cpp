// Reports: CSV quoting and formula neutralization, CSV columns, JSON fields and nulls.
#include "builtinscenarios.h"
#include "csv.h"
#include "report.h"

#include <QString>
#include <QTest>

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
            QStringLiteral("round,phase,needs,needs_met,negotiations,deals,defaults,success_rate,mean_unit_price,"
                           "volume,job_value,total_net_worth"));
        QVERIFY(rounds.at(11).startsWith(QStringLiteral("11,rush hour,5,")));
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
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
