// The desktop lab's side of reputation and cheating: the Scenario dock's pre-trusted peers, gossip and events
// editors (each edit one undo step), whitewashed identities in the deal graph, and the detection chart fed live by
// the worker and, the same, from a finished run for haggle-cli.
#include "builtinscenarios.h"
#include "chartcatalog.h"
#include "chartstyle.h"
#include "controllertesting.h"
#include "dealgraphview.h"
#include "detectionchart.h"
#include "eventsmodel.h"
#include "graphnode.h"
#include "kindeditor.h"
#include "kinds.h"
#include "run.h"
#include "runresult.h"
#include "scenariodock.h"
#include "scenariodocument.h"
#include "serieschart.h"
#include "simulationcontroller.h"
#include "wheelguard.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QListWidget>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QWheelEvent>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>

using namespace haggle;
using namespace haggle::ui;

using haggle::ui::testing::startOver;
using haggle::ui::testing::step;

namespace {

QXYSeries* lineNamed(QChart* chart, const QString& name)
{
    for (QAbstractSeries* s : chart->series())
        if (s->name() == name)
            return qobject_cast<QXYSeries*>(s);
    return nullptr;
}

QAreaSeries* bandNamed(QChart* chart, const QString& name)
{
    for (QAbstractSeries* s : chart->series())
        if (s->name() == name)
            return qobject_cast<QAreaSeries*>(s);
    return nullptr;
}

QList<QPointF> pointsOf(QXYSeries* series)
{
    return series ? series->points() : QList<QPointF> {};
}

} // namespace

class TestCheatingGui : public QObject {
    Q_OBJECT

private slots:
    void eigentrustWithoutPeersPreselectsOne();
    void pretrustedListEditsTheScenario();
    void gossipEditsReachTheScenarioAndUndo();
    void scrollingTheDockEditsNothing();
    void eventsTableAddsAndEditsEvents();
    void eventsTableEditsEveryKind();
    void cheaterKindsAreMarkedInTheEventsTable();
    void whitewasherShowsItsNewIdentityInTheDealGraph();
    void detectionChartAfterTrustFall();
};

void TestCheatingGui::eigentrustWithoutPeersPreselectsOne()
{
    ScenarioDocument doc;
    doc.loadBuiltin(QStringLiteral("trust-fall-always"));
    QVERIFY(doc.scenario().reputation.pretrusted.empty());
    ScenarioDock dock(&doc);
    QSignalSpy messages(&dock, &ScenarioDock::message);
    QComboBox* chooser = dock.reputationEditor()->chooser();
    const int eigentrust = chooser->findText(QStringLiteral("eigentrust"), Qt::MatchContains);
    QVERIFY(eigentrust >= 0);
    chooser->setCurrentIndex(eigentrust);

    // The model changed and the scenario is still valid: the first reputation-aware agent is pre-trusted.
    QCOMPARE(doc.scenario().reputation.model, std::string("eigentrust"));
    QCOMPARE(doc.scenario().reputation.pretrusted, std::vector<std::string> { "honest_alice" });
    QVERIFY(validateScenario(doc.scenario()).empty());
    QCOMPARE(messages.count(), 1);
    QVERIFY(messages.first().first().toString().contains(QStringLiteral("honest_alice")));
    // The list shows it checked, and says the model needs them.
    QListWidget* list = dock.pretrustedList();
    QCOMPARE(list->count(), int(doc.scenario().agents.size()));
    QCOMPARE(list->item(0)->checkState(), Qt::Checked);
    QCOMPARE(list->item(1)->checkState(), Qt::Unchecked);
    QVERIFY(list->isEnabled());

    // One undo step puts back the model and the empty list together.
    doc.undoStack()->undo();
    QCOMPARE(doc.scenario().reputation.model, std::string("baseline"));
    QVERIFY(doc.scenario().reputation.pretrusted.empty());
    QCOMPARE(list->item(0)->checkState(), Qt::Unchecked);
    doc.undoStack()->redo();
    QCOMPARE(doc.scenario().reputation.pretrusted, std::vector<std::string> { "honest_alice" });
}

void TestCheatingGui::pretrustedListEditsTheScenario()
{
    ScenarioDocument doc;
    doc.loadBuiltin(QStringLiteral("trust-fall-always"));
    ScenarioDock dock(&doc);
    QComboBox* chooser = dock.reputationEditor()->chooser();
    chooser->setCurrentIndex(chooser->findText(QStringLiteral("eigentrust"), Qt::MatchContains));
    QListWidget* list = dock.pretrustedList();
    list->item(2)->setCheckState(Qt::Checked);
    QCOMPARE(doc.scenario().reputation.pretrusted, (std::vector<std::string> { "honest_alice", "honest_carol" }));
    // Unchecking the last one would leave EigenTrust without peers: refused, the check comes back.
    QSignalSpy messages(&dock, &ScenarioDock::message);
    dock.pretrustedList()->item(0)->setCheckState(Qt::Unchecked);
    QCOMPARE(doc.scenario().reputation.pretrusted, std::vector<std::string> { "honest_carol" });
    dock.pretrustedList()->item(2)->setCheckState(Qt::Unchecked);
    QCOMPARE(doc.scenario().reputation.pretrusted, std::vector<std::string> { "honest_carol" });
    QCOMPARE(messages.count(), 1);
    QCOMPARE(dock.pretrustedList()->item(2)->checkState(), Qt::Checked);
    doc.undoStack()->undo();
    QCOMPARE(doc.scenario().reputation.pretrusted, (std::vector<std::string> { "honest_alice", "honest_carol" }));
}

void TestCheatingGui::gossipEditsReachTheScenarioAndUndo()
{
    ScenarioDocument doc;
    doc.loadBuiltin(QStringLiteral("trust-fall-always"));
    ScenarioDock dock(&doc);
    QVERIFY(!dock.gossipFanoutBox()->isEnabled()); // no gossip, nothing to fan out
    QVERIFY(!dock.gossipBelowBox()->isEnabled());
    dock.gossipProbabilityBox()->setValue(0.4);
    QCOMPARE(doc.scenario().reputation.gossip.probability, 0.4);
    QVERIFY(dock.gossipFanoutBox()->isEnabled());
    dock.gossipFanoutBox()->setValue(5);
    QCOMPARE(doc.scenario().reputation.gossip.fanout, 5);
    QCOMPARE(dock.gossipFanoutBox()->maximum(), MaxGossipFanout);
    QVERIFY(dock.gossipBelowBox()->isEnabled());
    QCOMPARE(dock.gossipBelowBox()->value(), 1.0); // every view, by default
    dock.gossipBelowBox()->setValue(0.4);
    QCOMPARE(doc.scenario().reputation.gossip.below, 0.4);
    QVERIFY(validateScenario(doc.scenario()).empty());
    doc.undoStack()->undo();
    QCOMPARE(doc.scenario().reputation.gossip.below, 1.0);
    doc.undoStack()->undo();
    QCOMPARE(doc.scenario().reputation.gossip.fanout, 1);
    QCOMPARE(dock.gossipFanoutBox()->value(), 1);
    doc.undoStack()->undo();
    QCOMPARE(doc.scenario().reputation.gossip.probability, 0.0);
    QCOMPARE(dock.gossipProbabilityBox()->value(), 0.0);
}

// A wheel turned over a field the user has not clicked scrolls the dock and edits nothing; once the field has the
// focus, the wheel steps it.
void TestCheatingGui::scrollingTheDockEditsNothing()
{
    WheelGuard::install();
    ScenarioDocument doc;
    doc.loadBuiltin(QStringLiteral("trust-fall-always"));
    ScenarioDock dock(&doc);
    dock.resize(340, 300); // far shorter than its form: it scrolls
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    auto* area = dock.findChild<QScrollArea*>();
    QVERIFY(area);
    QDoubleSpinBox* box = dock.gossipProbabilityBox();
    area->ensureWidgetVisible(box);
    const int scrolled = area->verticalScrollBar()->value();
    QVERIFY(scrolled < area->verticalScrollBar()->maximum());
    const auto wheel = [box](int delta) {
        const QPointF at(box->width() / 2.0, box->height() / 2.0);
        QWheelEvent event(at, box->mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier,
            Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(box, &event);
    };
    QVERIFY(!box->hasFocus());
    wheel(-120); // down: scroll the dock down
    QCOMPARE(doc.scenario().reputation.gossip.probability, 0.0);
    QCOMPARE(box->value(), 0.0);
    QVERIFY(area->verticalScrollBar()->value() > scrolled); // the dock scrolled down instead
    QVERIFY(!doc.undoStack()->canUndo());

    box->setFocus();
    QTRY_VERIFY(box->hasFocus());
    wheel(120); // up: one step up
    QVERIFY(box->value() > 0.0);
    QCOMPARE(doc.scenario().reputation.gossip.probability, box->value());
    QVERIFY(WheelGuard::passesWheelOn(dock.gossipFanoutBox())); // another field, not focused: passes
}

void TestCheatingGui::eventsTableAddsAndEditsEvents()
{
    ScenarioDocument doc;
    doc.loadBuiltin(QStringLiteral("trust-fall-always"));
    ScenarioDock dock(&doc);
    QVERIFY(doc.scenario().events.empty());
    dock.addEvent();
    QCOMPARE(doc.scenario().events.size(), std::size_t(1));
    const ScenarioEvent added = doc.scenario().events.front();
    QCOMPARE(added.round, doc.scenario().rounds / 2);
    QCOMPARE(added.agent, std::string("honest_alice"));
    QCOMPARE(added.strategy.type, std::string("cheater"));

    // Edits through the table's model: each one undo step.
    EventsModel* model = dock.eventsModel();
    QCOMPARE(model->rowCount(), 1);
    QVERIFY(model->setData(model->index(0, EventsModel::RoundColumn), 7));
    QCOMPARE(doc.scenario().events.front().round, 7);
    QVERIFY(model->setData(model->index(0, EventsModel::AgentColumn), QStringLiteral("honest_bob")));
    QCOMPARE(doc.scenario().events.front().agent, std::string("honest_bob"));
    QVERIFY(model->setData(model->index(0, EventsModel::StrategyColumn), QStringLiteral("colluder")));
    QCOMPARE(doc.scenario().events.front().strategy.type, std::string("colluder"));
    QVariantMap params;
    params.insert(QStringLiteral("ring"), 3);
    QVERIFY(model->setData(model->index(0, EventsModel::ParametersColumn), params));
    QCOMPARE(doc.scenario().events.front().strategy.params.at("ring"), 3.0);
    QCOMPARE(model->data(model->index(0, EventsModel::ParametersColumn)).toString().contains(QStringLiteral("ring 3")),
        true);
    // An agent the scenario does not have is refused; the table keeps the document's value.
    model->setData(model->index(0, EventsModel::AgentColumn), QStringLiteral("nobody"));
    QCOMPARE(doc.scenario().events.front().agent, std::string("honest_bob"));
    QCOMPARE(model->data(model->index(0, EventsModel::AgentColumn)).toString(), QStringLiteral("honest_bob"));

    doc.undoStack()->undo(); // the ring
    doc.undoStack()->undo(); // the strategy
    QCOMPARE(doc.scenario().events.front().strategy.type, std::string("cheater"));
    dock.eventsView()->setCurrentIndex(model->index(0, 0));
    dock.removeSelectedEvent();
    QVERIFY(doc.scenario().events.empty());
    doc.undoStack()->undo();
    QCOMPARE(doc.scenario().events.size(), std::size_t(1));
}

// The Event column changes a row's kind: what the old kind took and the new one does not goes, what it needs gets a
// first value; whom it concerns, its last round and its own parameters are edited in place, each an undo step.
void TestCheatingGui::eventsTableEditsEveryKind()
{
    ScenarioDocument doc;
    doc.loadBuiltin(QStringLiteral("trust-fall-always"));
    ScenarioDock dock(&doc);
    dock.addEvent();
    EventsModel* model = dock.eventsModel();
    const auto event = [&doc] { return doc.scenario().events.front(); };

    // Every kind of the catalog is offered.
    const QStringList kinds
        = model->data(model->index(0, EventsModel::KindColumn), EventsModel::ChoicesRole).toStringList();
    QCOMPARE(kinds.size(), qsizetype(eventCatalog().entries().size()));
    QVERIFY(kinds.contains(QStringLiteral("price-shock")));

    // A price shock concerns the market: no agent, no strategy column, a last round and factors.
    QVERIFY(model->setData(model->index(0, EventsModel::KindColumn), QStringLiteral("price-shock")));
    QCOMPARE(event().type, std::string("price-shock"));
    QVERIFY(event().agent.empty());
    QVERIFY(!(model->flags(model->index(0, EventsModel::AgentColumn)) & Qt::ItemIsEditable));
    QVERIFY(!(model->flags(model->index(0, EventsModel::StrategyColumn)) & Qt::ItemIsEditable));
    QVERIFY(model->setData(model->index(0, EventsModel::LastRoundColumn), doc.scenario().rounds / 2 + 5));
    QCOMPARE(event().lastRound, std::optional<int>(doc.scenario().rounds / 2 + 5));
    QVariantMap factors;
    factors.insert(QStringLiteral("gpu"), 2.5);
    QVERIFY(model->setData(model->index(0, EventsModel::ParametersColumn), factors));
    QCOMPARE(event().params.at("gpu"), 2.5);
    QVERIFY(model->data(model->index(0, EventsModel::ParametersColumn)).toString().contains(QStringLiteral("gpu 2.5")));
    QCOMPARE(model->data(model->index(0, EventsModel::ParametersColumn), EventsModel::EditValueRole)
                 .toMap()
                 .value(QStringLiteral("__family"))
                 .toString(),
        QStringLiteral("event"));

    // An outage takes a group: everyone, a role or an agent.
    QVERIFY(model->setData(model->index(0, EventsModel::KindColumn), QStringLiteral("outage")));
    QVERIFY(event().params.empty()); // the shock's factors mean nothing to an outage
    QCOMPARE(model->data(model->index(0, EventsModel::AgentColumn)).toString(), QStringLiteral("everyone"));
    const QStringList concerns
        = model->data(model->index(0, EventsModel::AgentColumn), EventsModel::ChoicesRole).toStringList();
    QVERIFY(concerns.contains(QStringLiteral("role: cheater")));
    QVERIFY(concerns.contains(QStringLiteral("honest_alice")));
    QVERIFY(model->setData(model->index(0, EventsModel::AgentColumn), QStringLiteral("role: cheater")));
    QCOMPARE(event().role, std::string("cheater"));
    QVERIFY(event().agent.empty());

    // A leave needs an agent: the first is taken; it keeps a last round; a join does not.
    QVERIFY(model->setData(model->index(0, EventsModel::KindColumn), QStringLiteral("leave")));
    QCOMPARE(event().agent, std::string("honest_alice"));
    QVERIFY(event().role.empty());
    QVERIFY(event().lastRound.has_value());
    QVERIFY(model->setData(model->index(0, EventsModel::KindColumn), QStringLiteral("join")));
    QVERIFY(!event().lastRound.has_value());
    QVERIFY(!(model->flags(model->index(0, EventsModel::LastRoundColumn)) & Qt::ItemIsEditable));

    // Each edit was one undo step: back to the strategy event added first.
    while (doc.undoStack()->canUndo() && event().type != "strategy")
        doc.undoStack()->undo();
    QCOMPARE(event().type, std::string("strategy"));
    QCOMPARE(event().strategy.type, std::string("cheater"));
}

void TestCheatingGui::cheaterKindsAreMarkedInTheEventsTable()
{
    ScenarioDocument doc;
    doc.loadBuiltin(QStringLiteral("trust-fall-always"));
    ScenarioDock dock(&doc);
    dock.addEvent();
    EventsModel* model = dock.eventsModel();
    const QStringList kinds
        = model->data(model->index(0, EventsModel::StrategyColumn), EventsModel::ChoicesRole).toStringList();
    for (const char* kind : { "cheater", "strategic-cheater", "whitewasher", "colluder" })
        QVERIFY2(kinds.contains(QLatin1String(kind)), kind);
    QVERIFY(model->data(model->index(0, EventsModel::StrategyColumn), Qt::ForegroundRole).isValid());
    QVERIFY(model->setData(model->index(0, EventsModel::StrategyColumn), QStringLiteral("fair")));
    QVERIFY(!model->data(model->index(0, EventsModel::StrategyColumn), Qt::ForegroundRole).isValid());
}

void TestCheatingGui::whitewasherShowsItsNewIdentityInTheDealGraph()
{
    Scenario scenario = lab::builtinScenario("trust-fall-always");
    const auto mallory = scenario.indexOf("cheater_mallory");
    QVERIFY(mallory);
    scenario.agents[*mallory].strategy = { "whitewasher", { { "patience", 2.0 } }, std::nullopt };

    Run run;
    DealGraphView view;
    view.resize(800, 600);
    QVERIFY(startOver(run, scenario));
    std::vector<DealGraphView::AgentInfo> infos;
    for (const AgentSpec& a : scenario.agents)
        infos.push_back({ QString::fromStdString(a.id), QString::fromStdString(a.role),
            QString::fromStdString(a.strategy.type), isCheaterStrategy(scenario.rules, a.strategy.type),
            a.strategy.trustThreshold.has_value(), 0, a.strategy.type == "whitewasher" });
    view.setAgents(infos);
    view.setRejoinHistory(&run.rejoins());
    QVERIFY(view.legend()->content().whitewashers);
    QVERIFY(step(run, scenario.rounds));
    view.updateLive(run.latest(), run.dealNetwork());

    const GraphNode* node = view.node(int(*mallory));
    QVERIFY(node);
    QVERIFY2(node->identity() > 1, "the whitewasher never rejoined");
    QCOMPARE(run.latest().agents[*mallory].identity, node->identity());
    QCOMPARE(node->labelText(), QStringLiteral("cheater_mallory #%1").arg(node->identity()));
    const std::vector<int>& rejoins = run.rejoinRounds(int(*mallory));
    QCOMPARE(int(rejoins.size()), node->identity() - 1);
    QVERIFY(node->toolTipText().contains(QStringLiteral("rejoined %1 time").arg(node->identity() - 1)));
    QVERIFY(node->toolTipText().contains(QString::number(rejoins.front())));
    // Honest agents keep their first identity.
    QCOMPARE(view.node(0)->identity(), 1);
    QCOMPARE(view.node(0)->labelText(), QStringLiteral("honest_alice"));
}

void TestCheatingGui::detectionChartAfterTrustFall()
{
    const Scenario scenario = lab::builtinScenario("trust-fall-always");
    Run run;
    QVERIFY(startOver(run, scenario));
    QVERIFY(run.latest().detection);
    QVERIFY(step(run, scenario.rounds));
    const auto& input = run.chartData().input();
    QVERIFY(input.detection);
    QCOMPARE(int(input.detection->rounds.size()), scenario.rounds);

    const std::unique_ptr<charts::ChartKind> live = charts::chartCatalog().make("detection", {});
    QVERIFY(live);
    live->update(input);
    QChart* chart = live->chart();
    // One isolation row per agent, out of the legend; the cheater's row has a bar (it is isolated).
    for (const AgentSpec& a : scenario.agents)
        QVERIFY2(bandNamed(chart, QString::fromStdString(a.id)), a.id.c_str());
    QAreaSeries* mallory = bandNamed(chart, QStringLiteral("cheater_mallory"));
    QVERIFY(mallory->upperSeries()->count() > 2);
    QCOMPARE(mallory->brush().color(), charts::style::highlightColor());
    QVERIFY(bandNamed(chart, charts::DetectionChart::cheaterLegend()));
    // Precision and recall over the rounds: by the end the cheater is found.
    QXYSeries* precision = lineNamed(chart, QStringLiteral("Precision"));
    QXYSeries* recall = lineNamed(chart, QStringLiteral("Recall"));
    QVERIFY(precision && recall && lineNamed(chart, QStringLiteral("F1")));
    QVERIFY(recall->count() > 0);
    QCOMPARE(recall->at(recall->count() - 1).y(), 1.0);
    QVERIFY(precision->count() > 0);
    QCOMPARE(precision->at(precision->count() - 1).y(), 1.0);

    // haggle-cli draws the same chart from the finished run's summary.
    const lab::RunResult result = lab::runScenario(scenario);
    QVERIFY(result.detection);
    const std::unique_ptr<charts::ChartKind> file = charts::chartCatalog().make("detection", {});
    file->update(charts::runChartInput(result, QString()));
    QCOMPARE(pointsOf(lineNamed(file->chart(), QStringLiteral("Precision"))), pointsOf(precision));
    QCOMPARE(pointsOf(lineNamed(file->chart(), QStringLiteral("Recall"))), pointsOf(recall));
    for (const AgentSpec& a : scenario.agents) {
        const QString id = QString::fromStdString(a.id);
        QCOMPARE(pointsOf(bandNamed(file->chart(), id)->upperSeries()), pointsOf(bandNamed(chart, id)->upperSeries()));
    }
}

QTEST_MAIN(TestCheatingGui)
#include "tst_cheatinggui.moc"
