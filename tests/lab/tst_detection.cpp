// Detection metrics (detection.h): isolation as every reputation-aware peer refusing an agent, scored against the
// agents that played a cheater kind; the run report's detection section and each cheater's honest twin.
#include "builtinscenarios.h"
#include "detection.h"
#include "marketrun.h"
#include "report.h"
#include "runresult.h"

#include <QTest>

#include <cmath>

using namespace haggle;
using namespace haggle::lab;

namespace {

AgentIndex indexOf(const Scenario& s, const std::string& id)
{
    return static_cast<AgentIndex>(*s.indexOf(id));
}

// Isolation worked out here from the views, independently of the tracker: every other reputation-aware agent rates
// the subject below its threshold.
bool isolatedByViews(const MarketRun& run, const Scenario& s, AgentIndex subject)
{
    bool watched = false;
    for (AgentIndex o = 0; o < s.agents.size(); ++o) {
        const auto& t = s.agents[o].strategy.trustThreshold;
        if (o == subject || !t)
            continue;
        watched = true;
        if (run.reputationView(o, subject) >= *t)
            return false;
    }
    return watched;
}

} // namespace

class TestDetection : public QObject {
    Q_OBJECT

private slots:
    void countsGiveTheRatios()
    {
        DetectionCounts c { 3, 1, 2, 10 };
        QCOMPARE(*c.precision(), 0.75);
        QCOMPARE(*c.recall(), 0.6);
        QCOMPARE(*c.f1(), 6.0 / 9.0);
        const DetectionCounts none {};
        QVERIFY(!none.precision() && !none.recall() && !none.f1());
        const DetectionCounts missed { 0, 0, 1, 5 };
        QVERIFY(!missed.precision());
        QCOMPARE(*missed.recall(), 0.0);
        QCOMPARE(*missed.f1(), 0.0);
    }

    // Round by round the tracker agrees with the views, and the isolation round is the start of the streak that
    // lasts to the end.
    void trackerFollowsTheViews()
    {
        const Scenario s = builtinScenario("trust-fall-always");
        const auto run = makeRun(s);
        DetectionTracker tracker(s);
        QVERIFY(tracker.enabled());
        const AgentIndex mallory = indexOf(s, "cheater_mallory");
        std::optional<int> streak;
        double loss = 0.0;
        while (!run->finished()) {
            run->step();
            tracker.observe(*run);
            for (AgentIndex i = 0; i < s.agents.size(); ++i)
                QCOMPARE(tracker.isolated(i), isolatedByViews(*run, s, i));
            if (tracker.isolated(mallory)) {
                if (!streak)
                    streak = run->round();
            } else {
                streak.reset();
            }
            for (const auto& d : run->lastEvents().defaults)
                loss += d.defaulter == mallory ? d.price : 0.0;
        }
        const DetectionSummary d = tracker.summary(run.get());
        QVERIFY(streak.has_value());
        QCOMPARE(d.agents[mallory].isolatedFrom, streak);
        QVERIFY(d.agents[mallory].cheater);
        QCOMPARE(d.cheaters(), 1);
        QCOMPARE(d.atEnd.truePositives, 1);
        QCOMPARE(d.honestIsolated(), 0);
        QCOMPARE(*d.atEnd.f1(), 1.0);
        QCOMPARE(d.lossToCheaters, loss);
        QVERIFY(loss > 0.0);
        QCOMPARE(int(d.byRound.size()), s.rounds);
        QCOMPARE(d.agents[mallory].finalWorth, run->agentStatus(mallory).netWorth);
    }

    // Under the "none" model nobody is ever refused: the cheater goes undetected (recall 0), precision undefined.
    void noReputationDetectsNobody()
    {
        Scenario s = builtinScenario("trust-fall-always");
        s.reputation.model = "none";
        s.reputation.params.clear();
        const RunResult r = runScenario(s);
        QVERIFY(r.detection.has_value());
        QCOMPARE(r.detection->atEnd.truePositives, 0);
        QCOMPARE(*r.detection->atEnd.recall(), 0.0);
        QVERIFY(!r.detection->atEnd.precision());
    }

    // An agent turned cheater by an event counts as a cheater; before its round the market has none.
    void injectedCheatersCount()
    {
        Scenario s = builtinScenario("trust-fall-always");
        const AgentIndex mallory = indexOf(s, "cheater_mallory");
        s.agents[mallory].strategy = { "fair", {}, std::nullopt };
        s.events.push_back(
            strategyEvent(30, "cheater_mallory", { "cheater", { { "cheat_probability", 1.0 } }, std::nullopt }));
        const auto run = makeRun(s);
        DetectionTracker tracker(s);
        while (!run->finished()) {
            run->step();
            tracker.observe(*run);
            QCOMPARE(tracker.cheater(mallory), run->round() >= 30);
        }
        const DetectionSummary d = tracker.summary();
        QCOMPARE(d.cheaters(), 1);
        QCOMPARE(d.byRound[28].truePositives + d.byRound[28].falseNegatives, 0);
    }

    // A cheater's honest twin is the same run with that agent fair: its worth there, run here independently.
    void honestTwinIsTheRunWithoutCheating()
    {
        const Scenario s = builtinScenario("trust-fall-always");
        const AgentIndex mallory = indexOf(s, "cheater_mallory");
        const Scenario twin = honestTwin(s, mallory);
        QCOMPARE(twin.agents[mallory].strategy.type, std::string("fair"));
        QCOMPARE(twin.agents[mallory].strategy.trustThreshold, s.agents[mallory].strategy.trustThreshold);
        for (AgentIndex i = 0; i < s.agents.size(); ++i) {
            if (i != mallory)
                QVERIFY(twin.agents[i] == s.agents[i]);
        }
        const auto run = makeRun(twin);
        run->runToEnd();
        const RunResult r = runScenario(s);
        const auto& a = r.detection->agents[mallory];
        QVERIFY(a.twinWorth.has_value());
        QCOMPARE(*a.twinWorth, run->agentStatus(mallory).netWorth);
        QVERIFY(!r.detection->agents[0].twinWorth); // honest agents have none
    }

    // The report: JSON section, CSV rows and the text table.
    void reportCarriesDetection()
    {
        const RunResult r = runScenario(builtinScenario("trust-fall-always"));
        const auto json = toJson(r);
        QVERIFY(json.contains("detection"));
        QCOMPARE(json["detection"]["cheaters"].get<int>(), 1);
        QCOMPARE(json["detection"]["agents"].size(), r.agents.size());
        const QString csv = QString::fromStdString(detectionCsv(r));
        QCOMPARE(csv.count(u'\n'), int(r.agents.size()) + 1);
        QVERIFY(csv.startsWith(QStringLiteral("agent,cheater,")));
        QVERIFY(QString::fromStdString(formatRun(r)).contains(QStringLiteral("profit over honest twin")));
    }

    void largeMarketsAreNotTracked()
    {
        Scenario s = builtinScenario("trust-fall-always");
        const AgentSpec extra = s.agents.front();
        while (s.agents.size() <= MaxDetectionAgents) {
            s.agents.push_back(extra);
            s.agents.back().id = "extra_" + std::to_string(s.agents.size());
        }
        QVERIFY(!DetectionTracker(s).enabled());
    }
};

QTEST_GUILESS_MAIN(TestDetection)
#include "tst_detection.moc"
