// The reputation studies (detection, threshold, cheater-kinds) on the shared trust market (trustmarket.h): their
// numbers behave as the model says they must, they are the same for any thread count, they stop when cancelled, and
// their findings carry the numbers behind them.
#include "experimentcatalog.h"
#include "report.h"
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

    void sameNumbersForAnyThreadCount()
    {
        const ParameterValues given { { "rate_steps", 2.0 } };
        QCOMPARE(toJson(runExperiment("detection", given, 4, 1)).dump(),
            toJson(runExperiment("detection", given, 4, 2)).dump());
    }

    void cancelThrows()
    {
        std::atomic<bool> cancel { false };
        ExperimentContext context;
        context.cancel = &cancel;
        context.trials = 3;
        context.progress = [&](double, std::string_view) { cancel = true; };
        QVERIFY_THROWS_EXCEPTION(ExperimentCancelled, experimentCatalog().make("detection", {})->run(context));
    }
};

QTEST_GUILESS_MAIN(TestReputationStudies)
#include "tst_reputationstudies.moc"
