// The bargaining and market experiments (rubinstein, tactics, learning, mechanisms) against what can be worked out by
// hand, identical for any thread count; and learnt policies as files and in scenarios, with errors that name where and
// what.
#include "builtinscenarios.h"
#include "experimentcatalog.h"
#include "kinds.h"
#include "policyfile.h"
#include "report.h"
#include "scenariofile.h"
#include "simulation.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>

using namespace haggle;
using namespace haggle::lab;

namespace {

ExperimentResult runExperiment(std::string_view name, const ExperimentContext& context = {}, ParameterValues p = {})
{
    return experimentCatalog().make(name, p)->run(context);
}

int rowOf(const ResultTable& table, std::initializer_list<std::pair<std::string_view, std::string>> keys)
{
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        bool all = true;
        for (const auto& [column, value] : keys)
            all = all && cellText(table.at(r, column)) == value;
        if (all)
            return static_cast<int>(r);
    }
    return -1;
}

// A learner trained for `rounds` against a Fair buyer, its table.
LearnedTable trainedTable(int rounds)
{
    Scenario s = builtinScenario("handshake");
    s.rounds = rounds;
    s.agents[1].strategy = { "q-learning", {}, std::nullopt };
    Simulation sim(s);
    for (int r = 0; r < rounds; ++r)
        sim.step();
    return *sim.agents()[1].strategy().learned();
}

std::string errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const ScenarioFileError& e) {
        return e.path() + ": " + e.message();
    }
    return {};
}

} // namespace

class TestBargainingExperiments : public QObject {
    Q_OBJECT

private slots:
    void rubinsteinPricesEachPairing()
    {
        ExperimentContext c;
        c.trials = 6;
        const ExperimentResult r = runExperiment("rubinstein", c);
        const ResultTable* pairings = r.table("pairings");
        QVERIFY(pairings);
        QCOMPARE(pairings->rows.size(), std::size_t(64));
        for (std::size_t row = 0; row < pairings->rows.size(); ++row) {
            // The SPE price is the seller's share (1/1.9 at d = 0.9) of a value between 1 and 2.
            const double spe = cellNumber(pairings->at(row, "spe_price"));
            QVERIFY(spe > 1.0 / 1.9 && spe < 2.0 / 1.9);
            // Greedy (g = 0.7) deadlocks with everyone: its band lies outside every other's.
            if (cellText(pairings->at(row, "buyer")) == "greedy" || cellText(pairings->at(row, "seller")) == "greedy")
                QCOMPARE(cellNumber(pairings->at(row, "deal_rate")), 0.0);
            if (!isNull(pairings->at(row, "over_spe")))
                QVERIFY(std::abs(cellNumber(pairings->at(row, "over_spe"))
                            - (cellNumber(pairings->at(row, "mean_price")) - spe))
                    < 1e-9);
        }
        // Fair meets Fair at the market rate, 1.0.
        const int fair = rowOf(*pairings, { { "buyer", "fair" }, { "seller", "fair" } });
        QVERIFY(fair >= 0);
        QCOMPARE(cellNumber(pairings->at(static_cast<std::size_t>(fair), "mean_price")), 1.0);
        QVERIFY(r.finding("overpay") && r.finding("closest"));
        QVERIFY(r.chartSeries("over-spe") && r.chartSeries("buyer-distance"));
    }

    void tacticsSweepsFindTheHandWorkedThresholds()
    {
        ExperimentContext c;
        c.trials = 3;
        const ExperimentResult r = runExperiment("tactics", c, { { "market_rounds", 20 } });
        const ResultTable* sweeps = r.table("sweeps");
        QVERIFY(sweeps);
        // A Greedy seller (reservation 1 + g/2) meets a Fair buyer (ceiling 1.15): deals exactly while g <= 0.3.
        for (std::size_t row = 0; row < sweeps->rows.size(); ++row) {
            if (cellText(sweeps->at(row, "pairing")) != "greed_factor: greedy seller vs fair")
                continue;
            const double g = cellNumber(sweeps->at(row, "value"));
            QCOMPARE(cellNumber(sweeps->at(row, "deal_rate")), g <= 0.3 + 1e-9 ? 1.0 : 0.0);
        }
        QCOMPARE(cellNumber(r.finding("sweep_thresholds")->value("greed_factor: greedy seller vs fair")), 0.3);
        const ResultTable* tournament = r.table("tournament");
        QVERIFY(tournament && tournament->rows.size() == 8);
        for (std::size_t row = 1; row < tournament->rows.size(); ++row)
            QVERIFY(cellNumber(tournament->at(row - 1, "utility")) >= cellNumber(tournament->at(row, "utility")));
        QCOMPARE(r.table("variants")->rows.size(), std::size_t(64));
        QCOMPARE(r.table("wealth")->rows.size(), std::size_t(8));
    }

    void learningShowsCurvesAndTransfers()
    {
        ExperimentContext c;
        c.trials = 3;
        const ExperimentResult r = runExperiment("learning", c, { { "rounds", 300 }, { "window", 50 } });
        const ResultSeries* seller = r.chartSeries("curve-seller");
        QVERIFY(seller);
        QCOMPARE(seller->lines.size(), std::size_t(7));
        QCOMPARE(seller->lines.front().x.size(), std::size_t(6));
        QCOMPARE(r.table("curves")->rows.size(), std::size_t(14));
        QCOMPARE(r.table("transfer")->rows.size(), std::size_t(6));
        QVERIFY(r.finding("learns") && r.finding("first_mover") && r.finding("transfer"));
        // Against a Fair buyer the seller learns: the last window beats the first.
        const int fair = rowOf(*r.table("curves"), { { "learner_side", "seller" }, { "opponent", "fair" } });
        QVERIFY(cellNumber(r.table("curves")->at(static_cast<std::size_t>(fair), "last_window"))
            > cellNumber(r.table("curves")->at(static_cast<std::size_t>(fair), "first_window")));
        // A window over half the rounds leaves no curve: refused, naming the parameter.
        const auto error = experimentCatalog().validate("learning", { { "rounds", 100 }, { "window", 60 } });
        QVERIFY(error && error->field == "params.window");
    }

    void sameNumbersForAnyThreadCount()
    {
        ExperimentContext one, two;
        one.threads = 1;
        two.threads = 2;
        one.trials = two.trials = 3;
        QCOMPARE(toJson(runExperiment("rubinstein", one)).dump(), toJson(runExperiment("rubinstein", two)).dump());
        const ParameterValues small { { "rounds", 60 }, { "window", 20 } };
        QCOMPARE(
            toJson(runExperiment("learning", one, small)).dump(), toJson(runExperiment("learning", two, small)).dump());
    }

    // Every mechanism of the catalog in each of the four conditions; efficiency a share of the maximum; defaults only
    // where there are cheaters; the Vickrey auction's price below the first-price auction's for the same bids (the
    // same seeds draw the same bids); Gode and Sunder reproduced; the same numbers for any thread count.
    void mechanismsCompareEveryMechanism()
    {
        ExperimentContext one, two;
        one.threads = 1;
        two.threads = 2;
        one.trials = two.trials = 4;
        const ParameterValues small { { "rounds", 15 }, { "providers", 20 } };
        const ExperimentResult r = runExperiment("mechanisms", two, small);
        const ResultTable* table = r.table("mechanisms");
        QVERIFY(table);
        QCOMPARE(table->rows.size(), 4 * mechanismCatalog().entries().size());
        for (std::size_t row = 0; row < table->rows.size(); ++row) {
            const double efficiency = cellNumber(table->at(row, "efficiency"));
            QVERIFY2(efficiency > 0.0 && efficiency <= 1.0 + 1e-9, qPrintable(QString::number(efficiency)));
            const double jain = cellNumber(table->at(row, "jain"));
            QVERIFY(jain > 0.0 && jain <= 1.0 + 1e-12);
            const bool cheaters = cellText(table->at(row, "cheaters")) == "yes";
            QCOMPARE(cellNumber(table->at(row, "default_losses")) > 0.0, cheaters);
        }
        const auto price = [&](std::string mechanism) {
            return cellNumber(
                table->at(static_cast<std::size_t>(rowOf(
                              *table, { { "mechanism", mechanism }, { "demand", "normal" }, { "cheaters", "no" } })),
                    "mean_price"));
        };
        QVERIFY(price("vickrey") < price("first-price"));
        const Finding* gs = r.finding("gode_sunder");
        QVERIFY(gs);
        QVERIFY(gs->holds.value_or(false));
        QVERIFY(cellNumber(gs->value("zi_c")) > 0.9);
        QCOMPARE(toJson(runExperiment("mechanisms", one, small)).dump(), toJson(r).dump());
    }

    void policyFilesRoundTrip()
    {
        QTemporaryDir dir;
        const LearnedTable table = trainedTable(60);
        const std::string file = dir.filePath(QStringLiteral("seller.policy.json")).toStdString();
        savePolicy(file, table);
        QCOMPARE(loadPolicy(file), table);
        // CSV: a row per state, the state's best tried action and one column per action.
        const std::string csv = learnedTableCsv(table);
        QVERIFY(csv.rfind("state,visits,best_action,q accept,q propose 0.60", 0) == 0);
        QCOMPARE(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')), table.states.size() + 1);
    }

    void policyFileErrorsNameThePath()
    {
        const nlohmann::ordered_json good = policyJson(trainedTable(5));
        const auto broken = [&](const std::function<void(nlohmann::ordered_json&)>& edit) {
            nlohmann::ordered_json j = good;
            edit(j);
            return errorOf([&] { parsePolicy(j.dump(), "p.json"); });
        };
        QCOMPARE(broken([](auto& j) { j["version"] = 7; }).substr(0, 9), std::string("version: "));
        QCOMPARE(broken([](auto& j) { j["q"][3].erase(0); }).substr(0, 6), std::string("q[3]: "));
        QCOMPARE(broken([](auto& j) { j["visits"][0][1] = -2; }).substr(0, 14), std::string("visits[0][1]: "));
        QCOMPARE(broken([](auto& j) { j["q"][2][0] = "x"; }).substr(0, 9), std::string("q[2][0]: "));
        QCOMPARE(broken([](auto& j) { j["extra"] = 1; }).substr(0, 7), std::string("extra: "));
        QVERIFY(errorOf([] { parsePolicy("{", "p.json"); }).find("not valid JSON") != std::string::npos);
    }

    void scenariosCarryPoliciesAndAnalysis()
    {
        QTemporaryDir dir;
        const LearnedTable table = trainedTable(40);
        savePolicy(dir.filePath(QStringLiteral("learnt.json")).toStdString(), table);
        Scenario s = builtinScenario("handshake");
        s.agents[1].strategy = { "q-learning", {}, std::nullopt };
        s.analysis.sellerCost = 0.25;
        nlohmann::ordered_json j = nlohmann::ordered_json::parse(scenarioToJson(s));
        // A policy named by file, relative to the scenario's folder.
        j["agents"][1]["strategy"]["policy"] = "learnt.json";
        const std::string path = dir.filePath(QStringLiteral("scenario.json")).toStdString();
        std::ofstream(path) << j.dump(2);
        const Scenario loaded = loadScenario(path);
        QCOMPARE(loaded.agents[1].strategy.policy.value(), table);
        QCOMPARE(loaded.analysis.sellerCost, 0.25);
        // Written back inline, it reads back the same.
        QVERIFY(parseScenario(scenarioToJson(loaded), "again") == loaded);
        // A missing policy file, a policy of another shape, a discount of 1: each named by its path.
        j["agents"][1]["strategy"]["policy"] = "nowhere.json";
        QVERIFY(
            errorOf([&] { parseScenario(j.dump(), path); }).rfind("agents[1].strategy.policy: policy file", 0) == 0);
        j["agents"][1]["strategy"]["policy"] = "learnt.json";
        j["agents"][1]["strategy"]["params"] = { { "levels", 5 } };
        QVERIFY(errorOf([&] { parseScenario(j.dump(), path); }).rfind("agents[1].strategy.policy: ", 0) == 0);
        j["agents"][1]["strategy"]["params"] = nlohmann::ordered_json::object();
        j["analysis"] = { { "buyer_discount", 1.0 } };
        QVERIFY(errorOf([&] { parseScenario(j.dump(), path); }).rfind("analysis.buyer_discount: ", 0) == 0);
        j["analysis"] = { { "buyer_risk", 0 } };
        QVERIFY(errorOf([&] { parseScenario(j.dump(), path); }).rfind("analysis.buyer_risk: ", 0) == 0);
        // Tactic parameters out of range or in the wrong order, named down to the parameter.
        j.erase("analysis");
        j["agents"][0]["strategy"] = { { "type", "boulware" }, { "params", { { "p_min", 1.4 } } } };
        QVERIFY(errorOf([&] { parseScenario(j.dump(), path); }).rfind("agents[0].strategy.params.p_min: ", 0) == 0);
        j["agents"][0]["strategy"] = { { "type", "time-dependent" }, { "params", { { "e", 0 } } } };
        QVERIFY(errorOf([&] { parseScenario(j.dump(), path); }).rfind("agents[0].strategy.params.e: ", 0) == 0);
        j["agents"][0]["strategy"] = { { "type", "q-learning" }, { "params", { { "epsilon", 2 } } } };
        QVERIFY(errorOf([&] { parseScenario(j.dump(), path); }).rfind("agents[0].strategy.params.epsilon: ", 0) == 0);
    }
};

QTEST_GUILESS_MAIN(TestBargainingExperiments)
#include "tst_bargainingexperiments.moc"
