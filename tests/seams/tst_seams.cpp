// Each seam of the architecture is real: a test-only mechanism (a posted-price market), strategy (a fixed price) and
// reputation model (everyone trusted), each in one file and registered by one line here, run end to end through the
// scenario reader and writer, the engine, haggle-cli's commands and the desktop lab's models and Scenario dock, none
// of which knows them. (The test-only experiment is tests/lab/testexperiment.h, run by tst_experimentcatalog and
// tst_cliapp.)
#include "agenttablemodel.h"
#include "cliapp.h"
#include "fixedpricestrategy.h"
#include "kindeditor.h"
#include "kinds.h"
#include "postedpricemechanism.h"
#include "scenariodock.h"
#include "scenariodocument.h"
#include "scenariofile.h"
#include "simulation.h"
#include "trustingreputation.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace haggle;

namespace {

// Two providers posting 1.0 and 2.0 and two seekers paying up to 1.5, trusting everyone, in a posted-price market.
std::string marketJson(const char* seekerStrategy = R"({"type": "fixed-price", "params": {"price": 1.5}})")
{
    return std::string(R"({
  "format": "haggle-scenario", "version": 2, "name": "Seams", "rounds": 10, "seed": 5,
  "mechanism": {"type": "test-posted-price", "params": {"markup": 0.1}},
  "reputation": {"model": "trust-everyone"},
  "agents": [
    {"id": "cheap", "role": "provider", "strategy": {"type": "fixed-price", "params": {"price": 1.0}},
     "holdings": {"gpu": 100}, "budget": 0},
    {"id": "dear", "role": "provider", "strategy": {"type": "fixed-price", "params": {"price": 2.0}},
     "holdings": {"gpu": 100}, "budget": 0},
    {"id": "s1", "role": "seeker", "strategy": )")
        + seekerStrategy + R"(, "budget": 1000},
    {"id": "s2", "role": "seeker", "strategy": {"type": "fixed-price", "params": {"price": 1.5}}, "budget": 1000}
  ],
  "demand": {"rules": [{"role": "seeker", "need": {"gpu": 10}}]}
})";
}

struct Output {
    int code = -1;
    QByteArray out, err;
};

Output runCli(const QStringList& arguments)
{
    std::FILE* out = std::tmpfile();
    std::FILE* err = std::tmpfile();
    Output r;
    r.code = cli::CliApp(out, err).run(QStringList { QStringLiteral("haggle-cli") } + arguments);
    for (auto [file, text] : { std::pair { out, &r.out }, std::pair { err, &r.err } }) {
        std::fflush(file);
        std::rewind(file);
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;)
            text->append(buffer, qsizetype(n));
        std::fclose(file);
    }
    return r;
}

} // namespace

class TestSeams : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        mechanismCatalog().add(test::PostedPriceMechanism::kind(), test::PostedPriceMechanism::make);
        strategyCatalog().add(test::FixedPriceStrategy::kind(), test::FixedPriceStrategy::make);
        reputationCatalog().add(test::TrustingReputation::kind(), test::TrustingReputation::make);
    }

    void cleanupTestCase()
    {
        QVERIFY(mechanismCatalog().remove("test-posted-price"));
        QVERIFY(strategyCatalog().remove("fixed-price"));
        QVERIFY(reputationCatalog().remove("trust-everyone"));
    }

    void theScenarioReaderTakesThemAndWritesThemBack()
    {
        const Scenario s = lab::parseScenario(marketJson(), "seams.json");
        QCOMPARE(s.mechanism.type, std::string("test-posted-price"));
        QCOMPARE(s.mechanism.params.at("markup"), 0.1);
        QCOMPARE(s.reputation.model, std::string("trust-everyone"));
        QVERIFY(lab::parseScenario(lab::scenarioToJson(s), "again.json") == s);
        // A parameter the test kind does not declare is refused by the same checks as a built-in kind's.
        std::string bad = marketJson();
        bad.replace(bad.find("\"markup\": 0.1"), 13, "\"markup\": 7.0");
        QVERIFY_THROWS_EXCEPTION(lab::ScenarioFileError, lab::parseScenario(bad, "bad.json"));
    }

    // The posted-price mechanism needs strategies that post prices: a Greedy seeker cannot take part, and the
    // scenario says which agent and why before anything runs.
    void aStrategyThatDoesNotSpeakTheProtocolIsRefused()
    {
        try {
            lab::parseScenario(marketJson(R"({"type": "greedy"})"), "mismatch.json");
            QFAIL("a strategy that does not speak the mechanism's protocol was accepted");
        } catch (const lab::ScenarioFileError& e) {
            QCOMPARE(QString::fromStdString(e.path()), QStringLiteral("agents[2].strategy.type"));
            QVERIFY2(
                QString::fromStdString(e.what()).contains(QStringLiteral("does not speak 'posted-price'")), e.what());
        }
    }

    void theEngineRunsThem()
    {
        Scenario s = lab::parseScenario(marketJson(), "seams.json");
        Simulation sim(s);
        const double before = sim.totalBudget();
        double jobs = 0.0;
        int deals = 0;
        for (int r = 0; r < 10; ++r) {
            sim.step();
            for (const auto& deal : sim.lastEvents().deals) {
                ++deals;
                QCOMPARE(deal.seller, AgentIndex(0)); // the cheaper post
                QCOMPARE(deal.unitPrice, 1.1); // its price with the market's markup
                QCOMPARE(sim.lastEvents().negotiations.back().turns, 0); // no turns in a posted-price market
            }
            for (const auto& job : sim.lastEvents().jobs)
                jobs += job.value;
            QCOMPARE(sim.lastSummary().meanReputation[2], 1.0);
        }
        QCOMPARE(deals, 20); // both seekers, every round
        QVERIFY(std::abs(sim.totalBudget() - before - jobs) < 1e-9); // payments are zero-sum
        QCOMPARE(dynamic_cast<const test::TrustingReputation&>(sim.reputation()).rounds(), 10); // end-of-round hook

        // The failure hook: under the bilateral mechanism a seeker paying 0.5 and a seller asking 2.0 never agree.
        s.mechanism = { "bilateral", {} };
        s.agents[0].strategy.params["price"] = 2.0;
        s.agents[2].strategy.params["price"] = 0.5;
        s.agents[3].strategy.params["price"] = 0.5;
        Simulation bilateral(s);
        bilateral.run(3);
        const auto& seeker = dynamic_cast<const test::FixedPriceStrategy&>(bilateral.agents()[2].strategy());
        QVERIFY(seeker.failures() > 0);
        QCOMPARE(bilateral.lastSummary().deals, 0);
    }

    void haggleCliRunsAndListsThem()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("seams.json"));
        lab::writeFileAtomically(file.toStdString(), marketJson());
        const auto validate = runCli({ QStringLiteral("validate"), file });
        QCOMPARE(validate.code, 0);
        const auto run = runCli({ QStringLiteral("run"), file, QStringLiteral("--json") });
        QCOMPARE(run.code, 0);
        const auto rounds = QJsonDocument::fromJson(run.out).object()[QStringLiteral("rounds")].toArray();
        QCOMPARE(rounds.size(), 10);
        QCOMPARE(rounds.first().toObject()[QStringLiteral("deals")].toInt(), 2);
        QCOMPARE(rounds.first().toObject()[QStringLiteral("mean_unit_price")].toDouble(), 1.1);
        const auto list = runCli({ QStringLiteral("list") });
        for (const char* text :
            { "  test-posted-price  ", "markup: number in [0, 1]", "  fixed-price  ", "  trust-everyone  " })
            QVERIFY2(list.out.contains(text), text);
    }

    void theDesktopLabShowsThem()
    {
        ui::ScenarioDocument document;
        document.setScenario(lab::parseScenario(marketJson(), "seams.json"), QStringLiteral("Seams"));
        ui::ScenarioDock dock(&document);
        QComboBox* mechanisms = dock.mechanismEditor()->chooser();
        QVERIFY(mechanisms->findData(QStringLiteral("test-posted-price")) >= 0);
        QCOMPARE(mechanisms->currentData().toString(), QStringLiteral("test-posted-price"));
        QCOMPARE(dock.mechanismEditor()->parameterBox("markup")->value(), 0.1);
        QCOMPARE(dock.reputationEditor()->chooser()->currentData().toString(), QStringLiteral("trust-everyone"));
        // Editing the test kind's parameter in the dock is an undoable edit of the scenario.
        dock.mechanismEditor()->parameterBox("markup")->setValue(0.3);
        QCOMPARE(document.scenario().mechanism.params.at("markup"), 0.3);
        document.undoStack()->undo();
        QCOMPARE(document.scenario().mechanism.params.at("markup"), 0.1);
        // A step from the keyboard: the box sends its signal from inside its own event handler, and the edit it
        // makes reloads the dock; the box must outlive that (AddressSanitizer would catch it otherwise).
        QDoubleSpinBox* markup = dock.mechanismEditor()->parameterBox("markup");
        QTest::keyClick(markup, Qt::Key_Up);
        QCOMPARE(dock.mechanismEditor()->parameterBox("markup"), markup);
        QVERIFY(std::abs(document.scenario().mechanism.params.at("markup") - 0.11) < 1e-9);
        // Choosing the bilateral mechanism gives it its own parameters, at their defaults.
        mechanisms->setCurrentIndex(mechanisms->findData(QStringLiteral("bilateral")));
        QCOMPARE(document.scenario().mechanism.type, std::string("bilateral"));
        QVERIFY(dock.mechanismEditor()->parameterBox("max_turns") != nullptr);
        QVERIFY(dock.mechanismEditor()->parameterBox("markup") == nullptr);

        ui::AgentTableModel agents(&document);
        QCOMPARE(agents.data(agents.index(0, ui::AgentTableModel::StrategyColumn)).toString(),
            QStringLiteral("fixed-price"));
        QCOMPARE(
            agents.data(agents.index(1, ui::AgentTableModel::ParametersColumn)).toString(), QStringLiteral("price 2"));
    }
};

QTEST_MAIN(TestSeams)
#include "tst_seams.moc"
