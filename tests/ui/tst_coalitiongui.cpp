// Coalitions in the desktop lab: the worker carries each round's coalitions in its snapshots (live and in a past
// round), the deal graph outlines each coalition around its parties, and the inspector lists the members, their parts
// and payouts for an agent that took part.
#include "builtinscenarios.h"
#include "coalitiongroups.h"
#include "controllertesting.h"
#include "dealgraphview.h"
#include "graphlegend.h"
#include "graphnode.h"
#include "inspectordock.h"
#include "inspectormodels.h"
#include "marketrun.h"
#include "run.h"
#include "scenariodocument.h"

#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <algorithm>

using namespace haggle;
using namespace haggle::ui;

using haggle::ui::testing::startOver;
using haggle::ui::testing::step;

namespace {

// Every round's coalitions of the scenario played straight through, without the lab.
std::vector<std::vector<CoalitionRecord>> coalitionsByRound(const Scenario& scenario, int rounds)
{
    std::vector<std::vector<CoalitionRecord>> out(1); // round 0 formed none
    const auto run = makeRun(scenario);
    for (int r = 1; r <= rounds; ++r) {
        run->step();
        out.push_back(run->lastEvents().coalitions);
    }
    return out;
}

std::vector<DealGraphView::AgentInfo> agentsOf(const Scenario& s)
{
    std::vector<DealGraphView::AgentInfo> out;
    for (const AgentSpec& a : s.agents)
        out.push_back(
            { QString::fromStdString(a.id), QString::fromStdString(a.role), QString::fromStdString(a.strategy.type) });
    return out;
}

} // namespace

class TestCoalitionGui : public QObject {
    Q_OBJECT

private slots:
    void snapshotsCarryTheRoundsCoalitions();
    void graphOutlinesEachCoalition();
    void inspectorListsMembersAndSplit();
};

void TestCoalitionGui::snapshotsCarryTheRoundsCoalitions()
{
    const Scenario scenario = lab::builtinScenario("coalitions");
    const auto expected = coalitionsByRound(scenario, 12);
    Run run;
    QVERIFY(startOver(run, scenario));
    QVERIFY(run.latest().coalitions.empty()); // nothing formed before the first round
    int withCoalitions = 0;
    for (int r = 1; r <= 12; ++r) {
        QVERIFY(step(run, 1));
        QCOMPARE(run.latest().round, r);
        QCOMPARE(run.latest().coalitions, expected[std::size_t(r)]);
        QCOMPARE(run.latest().split, SplitRule::Shapley);
        withCoalitions += expected[std::size_t(r)].empty() ? 0 : 1;
    }
    QVERIFY2(withCoalitions >= 6, "the scenario's large jobs need coalitions in most rounds");
    // A past round (time travel) shows that round's coalitions, not the newest round's.
    const int past = int(std::find_if(expected.begin() + 1, expected.end(), [&](const auto& c) {
        return !c.empty() && c != expected.back();
    }) - expected.begin());
    QVERIFY(past < 12);
    QSignalSpy shown(&run, &Run::shownChanged);
    run.setCursor(past);
    QVERIFY(shown.wait(10000));
    QVERIFY(run.showsPast());
    QCOMPARE(run.shown().round, past);
    QCOMPARE(run.shown().coalitions, expected[std::size_t(past)]);
}

void TestCoalitionGui::graphOutlinesEachCoalition()
{
    const Scenario scenario = lab::builtinScenario("coalitions");
    Run run;
    QVERIFY(startOver(run, scenario));
    // The first round in which a large buyer led a coalition of several providers, and (some round) a buyer pool.
    bool led = false;
    for (int r = 0; r < 20 && !led; ++r) {
        QVERIFY(step(run, 1));
        for (const CoalitionRecord& c : run.latest().coalitions)
            led = led || (c.buyers.size() == 1 && c.members.size() >= 3);
    }
    QVERIFY(led);
    DealGraphView view;
    view.resize(800, 600);
    view.setAgents(agentsOf(scenario));
    view.updateLive(run.latest(), run.dealNetwork());
    const CoalitionGroups* groups = view.coalitionGroups();
    QVERIFY(groups);
    // The legend says what the outlines are once there are some.
    QVERIFY(GraphLegendPainter(view.legend()->content(), view.font())
                .lines()
                .join(u'\n')
                .contains(QStringLiteral("a coalition of the round")));
    QCOMPARE(groups->size(), run.latest().coalitions.size());
    for (std::size_t k = 0; k < groups->size(); ++k) {
        const CoalitionRecord& c = groups->coalition(k);
        QCOMPARE(c, run.latest().coalitions[k]);
        // The outline holds every party's node and nobody else's that stands well clear of them.
        for (const AgentIndex a : CoalitionGroups::parties(c))
            QVERIFY(groups->outline(k).contains(view.node(int(a))->pos()));
        const QString tip = groups->toolTipText(k);
        for (const auto& m : c.members)
            QVERIFY2(tip.contains(QString::fromStdString(scenario.agents[m.agent].id)), qPrintable(tip));
        if (c.buyers.size() == 1)
            QVERIFY2(tip.contains(QStringLiteral("split shapley")), qPrintable(tip));
    }
    // A member's node: the groups under it include its coalition.
    const CoalitionRecord& first = groups->coalition(0);
    const int at = groups->groupAt(view.node(int(first.members.front().agent))->pos());
    QVERIFY(at >= 0);
    const auto partiesAt = CoalitionGroups::parties(groups->coalition(std::size_t(at)));
    QVERIFY(std::find(partiesAt.begin(), partiesAt.end(), first.members.front().agent) != partiesAt.end());
    // Moving the nodes (a relayout) moves the outlines with them.
    view.arrangeBy(DealGraphView::Arrangement::Strategy);
    for (const AgentIndex a : CoalitionGroups::parties(first))
        QVERIFY(groups->outline(0).contains(view.node(int(a))->pos()));
    // A round with no coalition clears them.
    SimulationSnapshot none = run.latest();
    none.coalitions.clear();
    view.updateLive(none, run.dealNetwork());
    QCOMPARE(groups->size(), std::size_t(0));
}

void TestCoalitionGui::inspectorListsMembersAndSplit()
{
    const Scenario scenario = lab::builtinScenario("coalitions");
    ScenarioDocument document;
    document.setScenario(scenario, QStringLiteral("coalitions"));
    InspectorDock dock(&document);
    Run run;
    dock.setRun(&run);
    QVERIFY(startOver(run, scenario));
    // Follow l1, a large buyer: the pane shows while it has a coalition in the round shown, and hides otherwise.
    const auto l1 = static_cast<AgentIndex>(
        std::find_if(scenario.agents.begin(), scenario.agents.end(), [](const AgentSpec& a) { return a.id == "l1"; })
        - scenario.agents.begin());
    run.setFocus(int(l1));
    dock.setAgent(int(l1));
    auto* pane = dock.findChild<QWidget*>(QStringLiteral("coalitionPane"));
    QVERIFY(pane);
    bool seenIn = false, seenOut = false;
    for (int r = 0; r < 20 && !(seenIn && seenOut); ++r) {
        QVERIFY(step(run, 1));
        const auto& cs = run.latest().coalitions;
        const auto mine = std::find_if(
            cs.begin(), cs.end(), [&](const CoalitionRecord& c) { return c.buyers == std::vector<AgentIndex> { l1 }; });
        CoalitionModel* model = dock.coalitionModel();
        if (mine == cs.end()) {
            seenOut = true;
            QVERIFY(!pane->isVisibleTo(&dock));
            QVERIFY(!model->coalition());
            continue;
        }
        seenIn = true;
        QVERIFY(pane->isVisibleTo(&dock));
        QCOMPARE(model->coalition(), std::optional<CoalitionRecord>(*mine));
        QCOMPARE(model->rowCount(), int(1 + mine->members.size()));
        QCOMPARE(model->index(0, CoalitionModel::AgentColumn).data().toString(), QStringLiteral("l1"));
        // Each member's row: its id and its payout; the shares add up to the whole price.
        double shares = 0.0;
        for (std::size_t k = 0; k < mine->members.size(); ++k) {
            const int row = int(1 + k);
            QCOMPARE(model->index(row, CoalitionModel::AgentColumn).data().toString(),
                QString::fromStdString(scenario.agents[mine->members[k].agent].id));
            QCOMPARE(model->index(row, CoalitionModel::PayoutColumn).data().toString(),
                QString::number(mine->members[k].payout, 'f', 2));
            QString share = model->index(row, CoalitionModel::ShareColumn).data().toString();
            share.chop(1);
            shares += share.toDouble();
        }
        QVERIFY2(std::abs(shares - 100.0) < 0.1 * double(mine->members.size()), qPrintable(QString::number(shares)));
        QVERIFY(dock.summaryText().contains(QStringLiteral("After round")));
    }
    QVERIFY(seenIn);
    QVERIFY(seenOut);
}

QTEST_MAIN(TestCoalitionGui)
#include "tst_coalitiongui.moc"
