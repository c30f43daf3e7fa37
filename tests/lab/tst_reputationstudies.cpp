// The reputation studies (detection, threshold, cheater-kinds) on the shared trust market (trustmarket.h): their
// numbers behave as the model says they must, they are the same for any thread count, they stop when cancelled, and
// their findings carry the numbers behind them.
#include "experimentcatalog.h"
#include "report.h"
#include "statistics.h"
#include "trustmarket.h"

#include <QTest>

#include <atomic>
#include <cmath>

using namespace haggle;
using namespace haggle::lab;

namespace {

ExperimentResult runExperiment(const char* name, const ParameterValues& given, int trials, int threads = 2)
{
    ExperimentContext context;
    context.trials = trials;
    context.threads = threads;
    return experimentCatalog().make(name, given)->run(context);
}

// The detection table's rows of one (model, gossip) curve, by rate.
std::vector<std::pair<double, double>> curve(const ExperimentResult& r, const std::string& model, const char* gossip)
{
    const ResultTable* t = r.table("detection");
    std::vector<std::pair<double, double>> out;
    for (std::size_t i = 0; i < t->rows.size(); ++i) {
        if (cellText(t->at(i, "model")) == model && cellText(t->at(i, "gossip")) == gossip)
            out.emplace_back(cellNumber(t->at(i, "cheat_rate")), cellNumber(t->at(i, "rate")));
    }
    return out;
}

} // namespace

class TestReputationStudies : public QObject {
    Q_OBJECT

private slots:
    void marketIsBuiltAsAsked()
    {
        TrustMarketSetup setup;
        setup.model = "eigentrust";
        setup.gossip = 0.3;
        setup.threshold = 0.45;
        setup.cheaterKind = "colluder";
        setup.cheaters = 2;
        const Scenario s = trustMarket(setup);
        QCOMPARE(s.agents.size(), std::size_t(7));
        QCOMPARE(firstCheater(s), std::size_t(5));
        QCOMPARE(s.reputation.model, std::string("eigentrust"));
        QVERIFY(s.reputation.params.empty()); // the baseline's own parameters are not carried over
        QCOMPARE(s.reputation.pretrusted, std::vector<std::string> { s.agents.front().id });
        QCOMPARE(s.reputation.gossip.probability, 0.3);
        for (std::size_t i = 0; i < 5; ++i)
            QCOMPARE(*s.agents[i].strategy.trustThreshold, 0.45);
        QCOMPARE(s.agents[6].strategy.type, std::string("colluder"));
        QCOMPARE(s.rounds, 60);
        // A cheater that defaults on every deal is isolated in the baseline market; one that never does is not.
        const TrustRun always = runTrustMarket(trustMarket({}), 7, true);
        QVERIFY(always.cheaterIsolated && always.isolationRound && *always.isolationRound <= 30);
        QVERIFY(always.lossToCheaters > 0.0);
        QVERIFY(always.twinWorth > 0.0);
        TrustMarketSetup honest;
        honest.cheaterParams = { { "cheat_probability", 0.0 } };
        const TrustRun never = runTrustMarket(trustMarket(honest), 7);
        QVERIFY(!never.cheaterIsolated && !never.isolationRound);
        QCOMPARE(never.lossToCheaters, 0.0);
    }

    // The gossip finding, on 400 trials of the baseline market at cheat rate 0.15: told to every peer, warnings only
    // (views below 0.4, as the prototype's gossip) raise detection significantly; telling every view, good news of
    // the cheater's honest deals included, lowers it significantly.
    void gossipHelpsOnlyWhenItTellsWarnings()
    {
        constexpr int Trials = 400;
        const auto detected = [](double below, double probability) {
            TrustMarketSetup setup;
            setup.cheaterParams = { { "cheat_probability", 0.15 } };
            setup.gossip = probability;
            setup.gossipFanout = 5;
            setup.gossipBelow = below;
            const Scenario market = trustMarket(setup);
            int k = 0;
            for (int i = 0; i < Trials; ++i)
                k += runTrustMarket(market, deriveSeed(11, static_cast<std::uint64_t>(i))).cheaterIsolated ? 1 : 0;
            return k;
        };
        const int without = detected(1.0, 0.0);
        const int warnings = detected(0.4, 1.0);
        const int everything = detected(1.0, 1.0);
        const ProportionTest helps = twoProportionTest(warnings, Trials, without, Trials);
        QVERIFY2(helps.difference > 0.0 && helps.p < 0.05,
            qPrintable(QStringLiteral("%1 -> %2 of %3").arg(without).arg(warnings).arg(Trials)));
        const ProportionTest hurts = twoProportionTest(everything, Trials, without, Trials);
        QVERIFY2(hurts.difference < 0.0 && hurts.p < 0.05,
            qPrintable(QStringLiteral("%1 -> %2 of %3").arg(without).arg(everything).arg(Trials)));
    }

    // Five rates (0, 0.25, ..., 1), ten trials.
    void detectionCurves()
    {
        const ExperimentResult r = runExperiment("detection", { { "rate_steps", 4.0 } }, 10);
        QCOMPARE(r.table("detection")->rows.size(), std::size_t(5 * 5 * 2));
        const auto base = curve(r, "baseline", "off");
        QCOMPARE(base.size(), std::size_t(5));
        QCOMPARE(base.front().first, 0.0);
        QCOMPARE(base.front().second, 0.0); // an agent that never defaults is never isolated
        QVERIFY2(base.back().second >= 0.9, qPrintable(QString::number(base.back().second)));
        for (std::size_t i = 1; i < base.size(); ++i) // non-decreasing, up to two trials in ten of noise
            QVERIFY2(base[i].second >= base[i - 1].second - 0.2, qPrintable(QString::number(base[i].first)));
        for (const char* gossip : { "off", "on" }) {
            for (const auto& [rate, share] : curve(r, "none", gossip))
                QCOMPARE(share, 0.0);
        }
        const auto* chart = r.chartSeries("detection-curves");
        QVERIFY(chart && chart->chart == ChartKind::Band);
        QCOMPARE(chart->lines.size(), std::size_t(5));
        QCOMPARE(chart->lines.front().low.size(), chart->lines.front().y.size());
        QVERIFY(chart->lines.front().low.front() <= chart->lines.front().y.front());
        QVERIFY(r.chartSeries("detection-curves-gossip"));

        for (const char* id : { "detection_monotone", "steep_rise", "gossip_helps_low_rate", "never_detects",
                 "false_alarms", "model_baseline", "model_none" })
            QVERIFY2(r.finding(id), id);
        QVERIFY(r.finding("detection_monotone")->holds.has_value());
        QVERIFY(!isNull(r.finding("gossip_helps_low_rate")->value("p")));
        QCOMPARE(cellNumber(r.finding("gossip_helps_low_rate")->value("cheat_rate")), 0.25);
        QVERIFY(cellText(r.finding("never_detects")->value("models")).find("none") != std::string::npos);
        QCOMPARE(cellNumber(r.finding("model_none")->value("at_rate_1")), 0.0);
        QVERIFY(cellNumber(r.finding("model_baseline")->value("at_rate_1")) >= 0.9);
    }

    // Thresholds 0.1, 0.35, 0.6 and cheat rates 0, 0.5, 1.
    void thresholdHeatmaps()
    {
        const ExperimentResult r = runExperiment("threshold", { { "threshold_steps", 2.0 }, { "rate_steps", 2.0 } }, 6);
        const ResultTable* cells = r.table("cells");
        QCOMPARE(cells->rows.size(), std::size_t(9));
        for (std::size_t i = 0; i < cells->rows.size(); ++i) {
            const double threshold = cellNumber(cells->at(i, "threshold"));
            const double rate = cellNumber(cells->at(i, "cheat_rate"));
            QCOMPARE(isNull(cells->at(i, "mean_f1")), rate == 0.0); // nothing to detect at rate 0
            const double honest = cellNumber(cells->at(i, "mean_honest_isolated"));
            if (threshold < 0.5) // below a stranger's 0.5 an honest agent keeps its standing
                QCOMPARE(honest, 0.0);
            else // above it nobody is ever trusted enough to deal, so everyone is isolated
                QCOMPARE(honest, 5.0);
            if (threshold == 0.35 && rate == 1.0)
                QVERIFY(cellNumber(cells->at(i, "mean_f1")) >= 0.9);
        }
        for (const char* name : { "f1-heatmap", "honest-isolated-heatmap" }) {
            const ResultSeries* heat = r.chartSeries(name);
            QVERIFY2(heat && heat->chart == ChartKind::Heatmap, name);
            QCOMPARE(heat->categories.size(), std::size_t(3));
            QCOMPARE(heat->lines.size(), std::size_t(3));
            QCOMPARE(heat->lines.front().y.size(), std::size_t(3));
        }
        QVERIFY(std::isnan(r.chartSeries("f1-heatmap")->lines.front().y.front()));
        QCOMPARE(cellNumber(r.finding("honest_isolation_threshold")->value("first_threshold_isolating_honest")), 0.6);
        QVERIFY(r.finding("f1_peak") && !isNull(r.finding("f1_peak")->value("cohens_d")));
        QVERIFY(r.finding("rate_zero"));
    }

    void cheaterKinds()
    {
        const ExperimentResult r = runExperiment("cheater-kinds", {}, 4);
        const ResultTable* t = r.table("kinds");
        QCOMPARE(t->rows.size(), std::size_t(5 * 5));
        for (std::size_t i = 0; i < t->rows.size(); ++i) {
            const std::string kind = cellText(t->at(i, "kind"));
            const std::string model = cellText(t->at(i, "model"));
            if (model == "none") { // nobody is ever isolated; cheating an unguarded market pays
                QCOMPARE(cellNumber(t->at(i, "never_isolated")), 1.0);
                QVERIFY2(cellNumber(t->at(i, "profit")) > 0.0, kind.c_str());
            }
            if (kind == "cheater p=1" && model == "baseline") {
                QCOMPARE(cellNumber(t->at(i, "never_isolated")), 0.0);
                QVERIFY(cellNumber(t->at(i, "profit")) < 0.0); // isolated, it earns less than playing fair
                QVERIFY(cellNumber(t->at(i, "loss_inflicted")) > 0.0);
            }
        }
        for (const char* name : { "kinds-survival", "kinds-profit", "kinds-loss" }) {
            const ResultSeries* heat = r.chartSeries(name);
            QVERIFY2(heat && heat->chart == ChartKind::Heatmap && heat->lines.size() == 5, name);
        }
        for (const char* id : { "longest_survivor", "whitewashing_pays", "most_damaging" })
            QVERIFY2(r.finding(id), id);
        QVERIFY(r.finding("whitewashing_pays")->holds.has_value());
        QVERIFY(!isNull(r.finding("whitewashing_pays")->value("cohens_d")));
    }

    void sameNumbersForAnyThreadCount()
    {
        const ParameterValues grid { { "rate_steps", 2.0 } };
        QCOMPARE(toJson(runExperiment("detection", grid, 4, 1)).dump(),
            toJson(runExperiment("detection", grid, 4, 2)).dump());
        const ParameterValues small { { "rate_steps", 2.0 }, { "threshold_steps", 2.0 } };
        QCOMPARE(toJson(runExperiment("threshold", small, 3, 1)).dump(),
            toJson(runExperiment("threshold", small, 3, 2)).dump());
        QCOMPARE(toJson(runExperiment("cheater-kinds", {}, 3, 1)).dump(),
            toJson(runExperiment("cheater-kinds", {}, 3, 2)).dump());
    }

    void cancelThrows_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char* kind : { "detection", "threshold", "cheater-kinds" })
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }

    void cancelThrows()
    {
        QFETCH(QString, kind);
        std::atomic<bool> cancel { false };
        ExperimentContext context;
        context.cancel = &cancel;
        context.trials = 3;
        context.progress = [&](double, std::string_view) { cancel = true; };
        QVERIFY_THROWS_EXCEPTION(ExperimentCancelled, experimentCatalog().make(kind.toStdString(), {})->run(context));
    }
};

QTEST_GUILESS_MAIN(TestReputationStudies)
#include "tst_reputationstudies.moc"
