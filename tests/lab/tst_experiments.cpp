// The three reference experiments, made from the experiment catalog and read through their generic results, reproduce
// the prototype's published findings (SCENARIOS.md), and their results are identical for the same seed and for any
// thread count.
#include "experimentcatalog.h"
#include "report.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace haggle;
using namespace haggle::lab;

namespace {

ExperimentResult runExperiment(std::string_view name, const ExperimentContext& context = {})
{
    return experimentCatalog().make(name, {})->run(context);
}

// The first row whose cell under `column` is `key`, or -1.
int rowOf(const ResultTable& table, std::string_view column, const std::string& key)
{
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (cellText(table.at(r, column)) == key)
            return static_cast<int>(r);
    }
    return -1;
}

} // namespace

class TestExperiments : public QObject {
    Q_OBJECT

private slots:
    void handshake()
    {
        const ExperimentResult r = runExperiment("handshake");
        QCOMPARE(r.experiment, std::string("handshake"));
        // The trace: a Fair buyer and a Greedy seller run into the turn limit.
        const ResultTable* trace = r.table("trace");
        QVERIFY(trace);
        QCOMPARE(cellText(trace->at(0, "type")), std::string("REQUEST"));
        QCOMPARE(cellText(trace->at(0, "from")), std::string("fair_buyer"));
        QCOMPARE(cellText(trace->at(1, "type")), std::string("OFFER"));
        QCOMPARE(trace->rows.size(), std::size_t(7));
        QCOMPARE(cellText(r.finding("trace")->value("outcome")), std::string("turn_limit"));
        // The matrix: Fair and Adaptive close every deal with each other; every pairing with Greedy or Patient
        // deadlocks.
        const ResultTable* matrix = r.table("matrix");
        QVERIFY(matrix);
        QCOMPARE(matrix->rows.size(), std::size_t(16));
        for (std::size_t row = 0; row < matrix->rows.size(); ++row) {
            const std::string buyer = cellText(matrix->at(row, "buyer"));
            const std::string seller = cellText(matrix->at(row, "seller"));
            const bool compatible
                = (buyer == "fair" || buyer == "adaptive") && (seller == "fair" || seller == "adaptive");
            QCOMPARE(cellNumber(matrix->at(row, "seeds")), 50.0);
            QCOMPARE(cellNumber(matrix->at(row, "deal_rate")), compatible ? 1.0 : 0.0);
            QCOMPARE(!isNull(matrix->at(row, "mean_unit_price")), compatible);
            if (compatible)
                QCOMPARE(cellNumber(matrix->at(row, "mean_turns")), 1.0); // agreement in the first exchange
        }
        QCOMPARE(cellNumber(r.finding("matrix")->value("pairings_with_deals")), 4.0);
        // Convergence: volatility falls to near zero within about 30 deals.
        const Finding* convergence = r.finding("convergence");
        QVERIFY(convergence);
        QVERIFY(cellNumber(convergence->value("deals")) >= 90);
        QCOMPARE(r.table("convergence-prices")->rows.size(), std::size_t(cellNumber(convergence->value("deals"))));
        QVERIFY(cellNumber(convergence->value("early_volatility")) > 0.02);
        QVERIFY(cellNumber(convergence->value("late_volatility")) < 1e-6);
        QVERIFY(cellNumber(convergence->value("stable_from_deal")) <= 30);
        QCOMPARE(r.runs.size(), std::size_t(1));
        QCOMPARE(r.runs.front().name, std::string("convergence"));
    }

    void scarcity()
    {
        const ExperimentResult r = runExperiment("scarcity");
        QCOMPARE(r.runs.front().name, std::string("market"));
        QCOMPARE(r.runs.front().run.rounds.size(), std::size_t(100));
        // The tournament: Fair provider first, Greedy provider last among providers, Adaptive beats Greedy seeker.
        const ResultTable* ranking = r.table("tournament");
        QVERIFY(ranking);
        QCOMPARE(cellText(ranking->at(0, "agent")), std::string("fair_provider"));
        const auto rankOf = [ranking](const std::string& agent) {
            return cellNumber(ranking->at(static_cast<std::size_t>(rowOf(*ranking, "agent", agent)), "rank"));
        };
        QVERIFY(rankOf("greedy_provider") > rankOf("patient_provider"));
        QVERIFY(rankOf("adaptive_seeker") < rankOf("greedy_seeker"));
        QVERIFY(cellNumber(r.finding("tournament")->value("adaptive_vs_greedy_seeker_cohens_d")) > 0.8);
        for (std::size_t row = 0; row < ranking->rows.size(); ++row) {
            QCOMPARE(cellNumber(ranking->at(row, "trials")), 20.0);
            const double mean = cellNumber(ranking->at(row, "mean_worth"));
            QVERIFY(cellNumber(ranking->at(row, "min_worth")) <= mean);
            QVERIFY(mean <= cellNumber(ranking->at(row, "max_worth")));
        }
        // The Patient provider barely trades.
        const int patient = rowOf(*ranking, "agent", "patient_provider");
        QVERIFY(cellNumber(ranking->at(static_cast<std::size_t>(patient), "mean_deals")) < 5.0);
        // The tournament's chart series follows the ranking.
        const ResultSeries* chart = r.chartSeries("tournament");
        QVERIFY(chart);
        QCOMPARE(chart->chart, ChartKind::Ranking);
        QCOMPARE(chart->categories.front(), std::string("fair_provider"));
        QCOMPARE(chart->line("mean")->y.front(), cellNumber(ranking->at(0, "mean_worth")));
        // The rush hour: three phases; the rush lowers the success rate and raises prices.
        const ResultTable* phases = r.table("rush-hour-phases");
        QVERIFY(phases);
        QCOMPARE(phases->rows.size(), std::size_t(3));
        QCOMPARE(cellText(phases->at(1, "phase")), std::string("rush hour"));
        QCOMPARE(cellNumber(phases->at(1, "first_round")), 11.0);
        QCOMPARE(cellNumber(phases->at(1, "last_round")), 20.0);
        QCOMPARE(cellText(phases->at(0, "phase")), std::string("normal"));
        QVERIFY(cellNumber(phases->at(1, "success_rate")) < cellNumber(phases->at(0, "success_rate")));
        QVERIFY(cellNumber(phases->at(1, "success_rate")) < cellNumber(phases->at(2, "success_rate")));
        QVERIFY(cellNumber(phases->at(1, "mean_unit_price")) > cellNumber(phases->at(0, "mean_unit_price")));
        QVERIFY(cellNumber(r.finding("rush_hour")->value("rush_vs_normal_success_cohens_d")) < 0.0);
        QCOMPARE(r.runs.at(1).name, std::string("rush-hour"));
        QCOMPARE(r.runs.at(1).run.rounds.size(), std::size_t(30));
    }

    void trust()
    {
        const ExperimentResult r = runExperiment("trust");
        const ResultTable* cheaters = r.table("cheaters");
        const ResultTable* windows = r.table("windows");
        QVERIFY(cheaters && windows);
        const auto always = static_cast<std::size_t>(rowOf(*cheaters, "case", "always"));
        QCOMPARE(cellNumber(cheaters->at(always, "rounds")), 60.0);
        QCOMPARE(cellNumber(cheaters->at(always, "seed")), 42.0);
        QCOMPARE(cellNumber(cheaters->at(always, "cheat_probability")), 1.0);
        QCOMPARE(r.table("cheater-by-round")->rows.size(), std::size_t(100)); // the longer of the two runs
        QVERIFY(isNull(r.table("cheater-by-round")->at(60, "always_reputation")));
        // Detected and isolated within 10-15 rounds, then no more deals...
        QVERIFY(cellNumber(r.finding("always_isolated")->value("isolated_at_round")) <= 15);
        QCOMPARE(cellNumber(cheaters->at(always, "isolated_at_round")),
            cellNumber(r.finding("always_isolated")->value("isolated_at_round")));
        QCOMPARE(windows->rows.size(), std::size_t(6));
        QCOMPARE(cellNumber(windows->at(1, "first_round")), 25.0);
        QCOMPARE(cellNumber(windows->at(2, "last_round")), 60.0);
        QCOMPARE(cellNumber(windows->at(1, "cheater_deals")) + cellNumber(windows->at(2, "cheater_deals")), 0.0);
        QVERIFY(cellNumber(windows->at(2, "mean_reputation")) < 0.3);
        // ...yet it ends richer than it started.
        QVERIFY(cellNumber(cheaters->at(always, "defaults")) > 0);
        QVERIFY(cellNumber(cheaters->at(always, "final_budget")) > cellNumber(cheaters->at(always, "start_budget")));
        QVERIFY(cellNumber(cheaters->at(always, "final_worth")) > cellNumber(cheaters->at(always, "start_worth")));
        QVERIFY(cellNumber(cheaters->at(always, "isolated_trials")) >= 18);

        const auto subtle = static_cast<std::size_t>(rowOf(*cheaters, "case", "subtle"));
        QCOMPARE(cellNumber(cheaters->at(subtle, "rounds")), 100.0);
        QCOMPARE(cellNumber(cheaters->at(subtle, "seed")), 123.0);
        QVERIFY(isNull(cheaters->at(subtle, "isolated_at_round")));
        // Its reputation rises over time.
        QVERIFY(cellNumber(windows->at(5, "mean_reputation")) > cellNumber(windows->at(3, "mean_reputation")));
        QVERIFY(cellNumber(windows->at(5, "cheater_deals")) > 0);
        QCOMPARE(cellNumber(cheaters->at(subtle, "isolated_trials")), 0.0);
        // Comparison: the subtle cheater deals far more and ends richer.
        QVERIFY(cellNumber(cheaters->at(subtle, "deals")) > cellNumber(cheaters->at(always, "deals")));
        QVERIFY(cellNumber(cheaters->at(subtle, "final_worth")) > cellNumber(cheaters->at(always, "final_worth")));
        QVERIFY(cellNumber(r.finding("comparison")->value("final_worth_cohens_d")) > 0.8);
        // Both runs are exported, and charted as one line each.
        QCOMPARE(r.runs.size(), std::size_t(2));
        QCOMPARE(r.chartSeries("cheater-reputation")->lines.size(), std::size_t(2));
        QCOMPARE(r.chartSeries("cheater-reputation")->lines[0].x.size(), std::size_t(60));
    }

    void overridesAndParameters()
    {
        ExperimentContext context;
        context.trials = 3;
        context.seed = 7;
        const ExperimentResult r = runExperiment("scarcity", context);
        QCOMPARE(cellNumber(r.table("tournament")->at(0, "trials")), 3.0);
        QCOMPARE(r.runs.front().run.scenario.seed, std::uint64_t(7));
        // A parameter given to the catalog changes what the experiment runs.
        const auto made = experimentCatalog().make("handshake", { { "rounds", 30.0 }, { "trials", 2.0 } });
        QCOMPARE(made->parameter("rounds"), 30.0);
        QCOMPARE(made->parameter("seed"), 42.0); // the default: the built-in scenario's seed
        const ExperimentResult h = made->run({});
        QCOMPARE(h.runs.front().run.rounds.size(), std::size_t(30));
        QCOMPARE(cellNumber(h.table("matrix")->at(0, "seeds")), 2.0);
        QVERIFY(experimentCatalog().validate("handshake", { { "rounds", 0.0 } }));
        QVERIFY(experimentCatalog().validate("handshake", { { "tempo", 1.0 } }));
        QVERIFY(experimentCatalog().validate("chess", {}));
    }

    // The futures experiment: every market's row, the charts round by round (open interest where futures trade, none
    // in the spot market alone), and its findings.
    void futures()
    {
        ExperimentContext context;
        context.trials = 4;
        const ExperimentResult r = runExperiment("futures", context);
        QCOMPARE(r.tables.size(), std::size_t(1));
        const ResultTable& t = r.tables.front();
        QCOMPARE(t.rows.size(), std::size_t(6));
        for (const char* market : { "stable, spot only", "bursty, futures and an arbitrageur" })
            QVERIFY2(rowOf(t, "market", market) >= 0, market);
        const auto number = [&](const char* market, const char* column) {
            return std::get<double>(t.at(std::size_t(rowOf(t, "market", market)), column));
        };
        QCOMPARE(number("bursty, spot only", "contracts"), 0.0);
        QVERIFY(number("bursty, futures", "contracts") > 0.0);
        QVERIFY(number("bursty, futures", "open_interest") > 0.0);
        QVERIFY(std::isnan(number("stable, spot only", "futures_price")));
        // Bursts make the spot price swing more than stable demand does.
        QVERIFY(number("bursty, spot only", "spot_volatility") > number("stable, spot only", "spot_volatility"));
        const ResultSeries* prices = r.chartSeries("spot-vs-futures");
        QVERIFY(prices && prices->lines.size() == 2);
        QCOMPARE(prices->lines[0].y.size(), std::size_t(100));
        const ResultSeries* interest = r.chartSeries("open-interest");
        QVERIFY(interest && interest->lines.size() == 1);
        QVERIFY(*std::max_element(interest->lines[0].y.begin(), interest->lines[0].y.end()) > 0.0);
        for (const char* id : { "futures_price", "volatility", "hedging", "arbitrage" }) {
            const auto f
                = std::find_if(r.findings.begin(), r.findings.end(), [&](const Finding& x) { return x.id == id; });
            QVERIFY2(f != r.findings.end(), id);
        }
    }

    void sameSeedSameNumbersForAnyThreadCount()
    {
        ExperimentContext one, two, other;
        one.threads = 1;
        two.threads = 2;
        one.trials = two.trials = other.trials = 8;
        one.seed = two.seed = 99;
        other.seed = 100;
        other.threads = 2;
        for (const char* name : { "handshake", "scarcity", "trust", "futures" })
            QCOMPARE(toJson(runExperiment(name, one)).dump(), toJson(runExperiment(name, two)).dump());
        QVERIFY(toJson(runExperiment("scarcity", one)).dump() != toJson(runExperiment("scarcity", other)).dump());
    }
};

QTEST_GUILESS_MAIN(TestExperiments)
#include "tst_experiments.moc"
