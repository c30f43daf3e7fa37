// Tests of the live deal graph: nodes and edges follow the snapshot and the network, a cut-off agent is drawn
// as such, clicks select, the layouts keep roles apart and finish in the background, the edge cap holds, and
// the exports go through the shared scene export.
#include "dealgraphview.h"
#include "graphfilterbar.h"
#include "graphlegend.h"

#include "builtinscenarios.h"
#include "chartstyle.h"
#include "dealnetwork.h"
#include "graphedge.h"
#include "graphedgelayer.h"
#include "graphlayout.h"
#include "graphnode.h"
#include "runresult.h"
#include "snapshot.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QXmlStreamReader>

#include <algorithm>
#include <memory>
#include <numeric>
#include <random>

using haggle::AgentIndex;
using haggle::DealRecord;
using haggle::ui::DealGraphView;
using haggle::ui::GraphLegendOverlay;
using haggle::ui::GraphLegendPainter;
using haggle::ui::GraphNode;
using haggle::ui::SimulationSnapshot;
namespace lab = haggle::lab;

namespace {

using AgentInfo = DealGraphView::AgentInfo;

std::vector<AgentInfo> agentsOf(const lab::RunResult& run)
{
    std::vector<AgentInfo> agents;
    for (const auto& a : run.agents)
        agents.push_back({ QString::fromStdString(a.id), QString::fromStdString(a.role),
            QString::fromStdString(a.strategy), a.strategy == "cheater", a.reputationAware });
    return agents;
}

SimulationSnapshot snapshotOf(const lab::RunResult& run)
{
    SimulationSnapshot s;
    s.round = int(run.rounds.size());
    s.totalRounds = s.round;
    for (const auto& a : run.agents) {
        haggle::ui::AgentLive live;
        live.netWorth = a.netWorth;
        live.meanReputation = a.meanReputation;
        live.deals = a.deals;
        s.agents.push_back(live);
        s.reputationAware += a.reputationAware ? 1 : 0;
    }
    return s;
}

DealRecord deal(AgentIndex buyer, AgentIndex seller, double gpu, int round, bool paid = true)
{
    DealRecord d;
    d.round = round;
    d.buyer = buyer;
    d.seller = seller;
    d.resources.gpu = gpu;
    d.price = gpu * 2.0;
    d.paid = paid;
    return d;
}

std::vector<AgentInfo> syntheticAgents(int count, const QStringList& roles)
{
    std::vector<AgentInfo> agents;
    for (int i = 0; i < count; ++i)
        agents.push_back({ QStringLiteral("agent_%1").arg(i), roles[i % roles.size()], QStringLiteral("fair") });
    return agents;
}

SimulationSnapshot uniformSnapshot(int count, int round)
{
    SimulationSnapshot s;
    s.round = round;
    s.agents.resize(std::size_t(count));
    for (int i = 0; i < count; ++i)
        s.agents[std::size_t(i)].netWorth = 100.0 + i;
    return s;
}

// A random graph: `pairs` distinct pairs among `agents`, each with a distinct volume (pair i trades i + 1 units).
lab::DealNetwork randomNetwork(int agents, int pairs, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> pick(0, agents - 1);
    lab::DealNetwork network;
    network.reset(std::size_t(agents));
    QSet<quint64> used;
    while (used.size() < pairs) {
        const int a = pick(rng);
        const int b = pick(rng);
        const quint64 key = quint64(std::min(a, b)) << 32 | quint64(std::max(a, b));
        if (a == b || used.contains(key))
            continue;
        used.insert(key);
        network.add(deal(AgentIndex(a), AgentIndex(b), double(used.size()), 1));
    }
    return network;
}

// Sets the agents and waits until their nodes are all in the scene: a large graph's are made over a few turns of
// the event loop.
bool showAgents(DealGraphView& view, const std::vector<AgentInfo>& agents)
{
    view.setAgents(agents);
    return QTest::qWaitFor([&view] { return !view.isBuilding(); }, 10000) && view.agentCount() == int(agents.size());
}

qsizetype nonWhitePixels(const QImage& image)
{
    qsizetype count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += (image.pixel(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
    return count;
}

} // namespace

Q_DECLARE_METATYPE(std::vector<AgentInfo>)

class TestDealGraph : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void nodesAndEdgesFollowTheRun();
    void itemsAreKeptBetweenFrames();
    void nodeLooks();
    void cutOff_data();
    void cutOff();
    void defaultsAndRecency();
    void tooltips();
    void edgeUnderTheCursor();
    void largeGraphOnScreen();
    void nodesOnScreenAreTheirDrawing();
    void strategyColours();

    void clickSelects();
    void selectAgentDoesNotEmit();
    void zoomKeys();

    void smallLayoutKeepsRolesApart_data();
    void smallLayoutKeepsRolesApart();
    void largeLayoutHidesLabels();
    void relayoutOfAThousand();
    void staleLayoutIsDropped();
    void edgeCapHolds();
    void heaviestPairsFrameAfterFrame();
    void largeGraphAppearsWhole();

    void exportPng_data();
    void exportPng();
    void exportSvg();
    void legendOnScreenAndInExports();
    void searchFindsAndCentresAnAgent();
    void filtersChooseThePairsDrawn();
    void arrangeByRoleStrategyOrDeals();
    void exportToMissingDirectoryFails_data();
    void exportToMissingDirectoryFails();

private:
    // The always-cheater run's graph in a shown 600x400 view, fitted; null if the window never got exposed.
    std::unique_ptr<DealGraphView> shownRunView() const
    {
        auto view = std::make_unique<DealGraphView>();
        view->resize(600, 400);
        view->setAgents(agentsOf(m_run));
        view->updateLive(snapshotOf(m_run), m_network);
        view->show();
        if (!QTest::qWaitForWindowExposed(view.get()))
            return nullptr;
        view->fitAll();
        return view;
    }

    lab::RunResult m_run;
    lab::DealNetwork m_network;
    int m_cheater = -1;
};

void TestDealGraph::initTestCase()
{
    m_run = lab::runScenario(lab::builtinScenario("trust-fall-always"));
    QVERIFY(!m_run.deals.empty());
    m_network.reset(m_run.agents.size());
    m_network.add(m_run.deals);
    for (std::size_t i = 0; i < m_run.agents.size(); ++i)
        if (m_run.agents[i].strategy == "cheater")
            m_cheater = int(i);
    QVERIFY(m_cheater >= 0);
    QVERIFY(m_network.edges().size() >= 2);
}

void TestDealGraph::nodesAndEdgesFollowTheRun()
{
    DealGraphView view;
    view.setAgents(agentsOf(m_run));
    QCOMPARE(view.agentCount(), int(m_run.agents.size()));
    QCOMPARE(view.drawnEdgeCount(), 0);
    int nodes = 0;
    const QList<QGraphicsItem*> all = view.graphScene()->items();
    for (const QGraphicsItem* item : all)
        nodes += item->type() == GraphNode::Type ? 1 : 0;
    QCOMPARE(nodes, int(m_run.agents.size()));

    view.updateLive(snapshotOf(m_run), m_network);
    QCOMPARE(view.drawnEdgeCount(), int(m_network.edges().size()));
    for (const auto& e : m_network.edges()) {
        const auto* edge = view.edge(int(e.a), int(e.b));
        QVERIFY(edge);
        QCOMPARE(edge, view.edge(int(e.b), int(e.a)));
        QCOMPARE(edge->deal(), e);
    }
    QVERIFY(!view.edge(0, 0));

    // A new run starts without edges; an empty network removes them.
    lab::DealNetwork empty;
    empty.reset(m_run.agents.size());
    view.updateLive(snapshotOf(m_run), empty);
    QCOMPARE(view.drawnEdgeCount(), 0);
}

void TestDealGraph::itemsAreKeptBetweenFrames()
{
    DealGraphView view;
    view.setAgents(agentsOf(m_run));
    const SimulationSnapshot s = snapshotOf(m_run);
    view.updateLive(s, m_network);
    const auto& first = m_network.edges().front();
    const auto* edgeBefore = view.edge(int(first.a), int(first.b));
    const auto* nodeBefore = view.node(0);
    const qsizetype itemsBefore = view.graphScene()->items().size();
    view.updateLive(s, m_network);
    QCOMPARE(view.edge(int(first.a), int(first.b)), edgeBefore);
    QCOMPARE(view.node(0), nodeBefore);
    QCOMPARE(view.graphScene()->items().size(), itemsBefore);
}

void TestDealGraph::nodeLooks()
{
    DealGraphView view;
    view.setAgents(syntheticAgents(3, { QStringLiteral("provider") }));
    SimulationSnapshot s = uniformSnapshot(3, 1);
    s.agents[0].netWorth = 400.0;
    s.agents[1].netWorth = 100.0;
    s.agents[2].netWorth = -50.0;
    s.agents[0].meanReputation = 1.0;
    s.agents[1].meanReputation = 0.0;
    lab::DealNetwork none;
    none.reset(3);
    view.updateLive(s, none);
    // Area follows net worth: a quarter of the worth, half the radius; nothing vanishes.
    QCOMPARE(view.node(0)->radius(), GraphNode::MaxRadius);
    QCOMPARE(view.node(1)->radius(), GraphNode::MaxRadius / 2.0);
    QCOMPARE(view.node(2)->radius(), GraphNode::MinRadius);
    QVERIFY(view.node(0)->ringColor().green() > view.node(0)->ringColor().red());
    QVERIFY(view.node(1)->ringColor().red() > view.node(1)->ringColor().green());
}

void TestDealGraph::cutOff_data()
{
    QTest::addColumn<int>("refusedBy");
    QTest::addColumn<int>("reputationAware");
    QTest::addColumn<bool>("selfAware");
    QTest::addColumn<bool>("expected");
    // Cut off from DealGraphView::CutOffShare (half) of the reputation-aware agents that could refuse it.
    QTest::newRow("refused by all five") << 5 << 5 << false << true;
    QTest::newRow("three of five") << 3 << 5 << false << true;
    QTest::newRow("two of five") << 2 << 5 << false << false;
    QTest::newRow("all others, itself aware") << 4 << 5 << true << true;
    QTest::newRow("two of four others") << 2 << 5 << true << true;
    QTest::newRow("one of four others") << 1 << 5 << true << false;
    QTest::newRow("500 of 1000") << 500 << 1000 << false << true;
    QTest::newRow("499 of 1000") << 499 << 1000 << false << false;
    QTest::newRow("nobody aware") << 0 << 0 << false << false;
    QTest::newRow("only itself aware") << 0 << 1 << true << false;
}

void TestDealGraph::cutOff()
{
    QFETCH(int, refusedBy);
    QFETCH(int, reputationAware);
    QFETCH(bool, selfAware);
    QFETCH(bool, expected);
    DealGraphView view;
    std::vector<AgentInfo> agents = agentsOf(m_run);
    agents[std::size_t(m_cheater)].reputationAware = selfAware;
    view.setAgents(agents);
    SimulationSnapshot s = snapshotOf(m_run);
    s.reputationAware = reputationAware;
    s.agents[std::size_t(m_cheater)].refusedBy = refusedBy;
    view.updateLive(s, m_network);

    QCOMPARE(view.isCutOff(m_cheater), expected);
    const GraphNode* node = view.node(m_cheater);
    QCOMPARE(node->isTagVisible(), expected);
    QCOMPARE(node->outlinePen().style(), expected ? Qt::DashLine : Qt::NoPen);
    if (expected)
        QCOMPARE(node->outlinePen().color(), haggle::charts::style::highlightColor());
    for (std::size_t i = 0; i < m_run.agents.size(); ++i)
        if (int(i) != m_cheater)
            QVERIFY(!view.isCutOff(int(i)));
    int cheaterEdges = 0;
    for (const auto& e : m_network.edges()) {
        if (int(e.a) != m_cheater && int(e.b) != m_cheater)
            continue;
        ++cheaterEdges;
        const QColor c = view.edge(int(e.a), int(e.b))->pen().color();
        const bool grey = c.red() == c.green() && c.green() == c.blue();
        QCOMPARE(grey, expected);
    }
    QVERIFY(cheaterEdges > 0);

    // It is drawn from each snapshot: forgiven, it is no longer cut off.
    s.agents[std::size_t(m_cheater)].refusedBy = 0;
    view.updateLive(s, m_network);
    QVERIFY(!view.isCutOff(m_cheater));
    QVERIFY(!node->isTagVisible());
}

void TestDealGraph::defaultsAndRecency()
{
    DealGraphView view;
    view.setAgents(syntheticAgents(4, { QStringLiteral("provider"), QStringLiteral("seeker") }));
    lab::DealNetwork network;
    network.reset(4);
    network.add(deal(1, 0, 10.0, 50));
    network.add(deal(3, 2, 10.0, 10, false));
    network.add(deal(1, 2, 1000.0, 50));
    view.updateLive(uniformSnapshot(4, 50), network);
    const QPen fresh = view.edge(0, 1)->pen();
    const QPen defaulted = view.edge(2, 3)->pen();
    const QPen heavy = view.edge(1, 2)->pen();
    QCOMPARE(fresh.style(), Qt::SolidLine);
    QCOMPARE(defaulted.style(), Qt::DashLine);
    QCOMPARE(defaulted.color().rgb(), haggle::charts::style::highlightColor().rgb());
    QCOMPARE(fresh.color().alphaF(), 1.0f);
    QVERIFY(defaulted.color().alphaF() < 0.5f); // 40 rounds since they traded
    QVERIFY(heavy.widthF() > fresh.widthF());
}

void TestDealGraph::tooltips()
{
    DealGraphView view;
    view.setAgents(agentsOf(m_run));
    SimulationSnapshot s = snapshotOf(m_run);
    s.agents[std::size_t(m_cheater)].refusedBy = 5;
    view.updateLive(s, m_network);
    const QString node = view.node(m_cheater)->toolTipText();
    QVERIFY2(node.contains(QString::fromStdString(m_run.agents[std::size_t(m_cheater)].id)), qPrintable(node));
    QVERIFY2(node.contains(QStringLiteral("refused by: 5")), qPrintable(node));
    QVERIFY2(node.contains(QStringLiteral("strategy: cheater")), qPrintable(node));
    QVERIFY2(node.contains(QStringLiteral("cut off: the others refuse to deal")), qPrintable(node));
    // Under the prototype rules only the agent asked checks trust: a cut-off agent can still deal by asking.
    DealGraphView asked;
    asked.setAgents(agentsOf(m_run), true);
    asked.updateLive(s, m_network);
    const QString askedNode = asked.node(m_cheater)->toolTipText();
    QVERIFY2(askedNode.contains(QStringLiteral("can still deal by asking")), qPrintable(askedNode));
    const auto& e = m_network.edges().front();
    const QString edge = view.edge(int(e.a), int(e.b))->toolTipText();
    QVERIFY2(edge.contains(QString::fromStdString(m_run.agents[e.a].id)), qPrintable(edge));
    QVERIFY2(edge.contains(QStringLiteral("deals: %1").arg(e.deals)), qPrintable(edge));
    QVERIFY2(edge.contains(QStringLiteral("last round: %1").arg(e.lastRound)), qPrintable(edge));
}

void TestDealGraph::edgeUnderTheCursor()
{
    const auto shown = shownRunView();
    QVERIFY(shown);
    DealGraphView& view = *shown;
    // All pairs are one item the scene never hits: a click at a line's middle finds no node, the view finds the
    // pair for its tooltip, and its neighbourhood off every line finds none.
    const auto& e = m_network.edges().front();
    const auto* edge = view.edge(int(e.a), int(e.b));
    QVERIFY(edge);
    const QPoint middle = view.mapFromScene(edge->line().center());
    const auto* found = view.edgeAt(middle);
    QVERIFY(found);
    // Several pairs may cross there; the one found passes within a few pixels.
    const QLineF seen(view.mapFromScene(found->line().p1()), view.mapFromScene(found->line().p2()));
    const QPointF d = seen.p2() - seen.p1();
    const qreal t
        = std::clamp(QPointF::dotProduct(QPointF(middle) - seen.p1(), d) / QPointF::dotProduct(d, d), 0.0, 1.0);
    // Within 3 pixels, or half the widest pen (6 scene units) at this zoom, plus rounding.
    QVERIFY(QLineF(QPointF(middle), seen.p1() + t * d).length() <= std::max(3.0, 3.0 * view.transform().m11()) + 1.0);
    QVERIFY(found->toolTipText().contains(QStringLiteral("deals: ")));
    QVERIFY(!view.edgeAt(QPoint(1, 1)));
    const QList<QGraphicsItem*> hits = view.items(middle);
    for (const QGraphicsItem* item : hits)
        QVERIFY(item->type() != haggle::ui::GraphEdgeLayer::Type);
    // Nodes still take clicks through the layer.
    QSignalSpy clicked(&view, &DealGraphView::agentClicked);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(view.node(int(e.a))->scenePos()));
    QCOMPARE(clicked.count(), 1);
}

void TestDealGraph::largeGraphOnScreen()
{
    constexpr int N = 1000;
    DealGraphView view;
    view.resize(800, 600);
    QVERIFY(showAgents(view, syntheticAgents(N, { QStringLiteral("provider"), QStringLiteral("seeker") })));
    view.legend()->hide(); // an overlay widget, not in the scene: the comparisons below are of the scene
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.fitAll();
    const QImage nodesImage = view.viewport()->grab().toImage();
    const qsizetype nodesOnly = nonWhitePixels(nodesImage);
    // The scene's background fills the whole view (the viewport does not fill it first).
    for (const QPoint corner : { QPoint(0, 0), QPoint(nodesImage.width() - 1, nodesImage.height() - 1) })
        QCOMPARE(nodesImage.pixel(corner) & 0xffffff, 0xffffffu);
    // The nodes on screen are what drawing them for an export makes.
    const auto drawDirectly = [&view] {
        QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image); // not a widget: everything is drawn, as for an export
        view.render(&painter, QRectF(image.rect()), view.viewport()->rect());
        return image;
    };
    const qsizetype nodesDrawn = nonWhitePixels(drawDirectly());
    QVERIFY2(std::abs(nodesOnly - nodesDrawn) < nodesDrawn / 50,
        qPrintable(QStringLiteral("%1 vs %2").arg(nodesOnly).arg(nodesDrawn)));
    view.updateLive(uniformSnapshot(N, 1), randomNetwork(N, 3000, 5));
    // Thousands of lines are not drawn on the GUI thread: the first paint starts a background render and shows the
    // nodes; the lines appear when the render lands, as the same picture a direct drawing makes.
    const qsizetype first = nonWhitePixels(view.viewport()->grab().toImage());
    QTRY_VERIFY_WITH_TIMEOUT(view.edgeLayer()->rendersDone() > 0 && !view.edgeLayer()->isRendering(), 120000);
    const qsizetype rendered = nonWhitePixels(view.viewport()->grab().toImage());
    QVERIFY2(rendered > first + 10000, qPrintable(QStringLiteral("%1 vs %2").arg(rendered).arg(first)));
    QVERIFY2(rendered > nodesOnly + 10000, qPrintable(QStringLiteral("%1 vs %2").arg(rendered).arg(nodesOnly)));
    const qsizetype drawn = nonWhitePixels(drawDirectly()); // the lines too
    QVERIFY2(std::abs(rendered - drawn) < drawn / 20, qPrintable(QStringLiteral("%1 vs %2").arg(rendered).arg(drawn)));
    // A new run while a render may be under way: the old layer goes (joining its render) and nothing is drawn
    // from it.
    view.updateLive(uniformSnapshot(N, 40), randomNetwork(N, 3000, 6));
    view.viewport()->repaint();
    QVERIFY(showAgents(view, syntheticAgents(N, { QStringLiteral("provider"), QStringLiteral("seeker") })));
    QCOMPARE(view.drawnEdgeCount(), 0);
    QCoreApplication::processEvents();
}

void TestDealGraph::nodesOnScreenAreTheirDrawing()
{
    // On screen a large graph's nodes copy the pictures of their last drawing while their look, the zoom and their
    // place within a pixel stay; what shows is what drawing them makes (the same pixels, but for rounding in the faded
    // colours of cut-off agents), frame after frame, after a scroll, a move by part of a pixel and a zoom.
    constexpr int N = 1000;
    DealGraphView view;
    view.resize(800, 600);
    QVERIFY(showAgents(
        view, syntheticAgents(N, { QStringLiteral("provider"), QStringLiteral("seeker"), QStringLiteral("broker") })));
    view.legend()->hide(); // an overlay widget, not in the scene
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.fitAll();
    lab::DealNetwork none;
    none.reset(std::size_t(N));
    SimulationSnapshot s = uniformSnapshot(N, 1);
    s.reputationAware = 1;
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> worth(1.0, 1000.0);
    std::uniform_real_distribution<double> reputation(0.0, 1.0);
    const auto newLooks = [&](int every) {
        for (int i = 0; i < N; i += every) {
            s.agents[std::size_t(i)].netWorth = worth(rng);
            s.agents[std::size_t(i)].meanReputation = reputation(rng);
            s.agents[std::size_t(i)].refusedBy = i % 97 == 0 ? 1 : 0;
        }
    };
    const auto compare = [&view](const char* when) {
        // Twice: a node whose look or place changed is drawn the first time and copied after.
        for (int paint = 0; paint < 2; ++paint) {
            const QImage screen = view.viewport()->grab().toImage().convertToFormat(QImage::Format_ARGB32);
            // What drawing the view makes. It differs from the screen by a unit or two in some colours where the nodes
            // are (rounding), with or without the copies; a copy of an old look, or in the wrong place, differs by far
            // more.
            QPixmap target(view.viewport()->size());
            target.fill(Qt::white);
            {
                QPainter painter(&target); // not a widget: every node is drawn
                view.render(&painter, QRectF(target.rect()), view.viewport()->rect());
            }
            const QImage drawn = target.toImage().convertToFormat(QImage::Format_ARGB32);
            QCOMPARE(screen.size(), drawn.size());
            int worst = 0;
            for (int y = 0; y < screen.height(); ++y) {
                for (int x = 0; x < screen.width(); ++x) {
                    const QRgb a = screen.pixel(x, y);
                    const QRgb b = drawn.pixel(x, y);
                    const int d = std::max({ std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                        std::abs(qBlue(a) - qBlue(b)) });
                    worst = std::max(worst, d);
                }
            }
            QVERIFY2(worst <= 2, when);
        }
    };
    newLooks(1);
    view.updateLive(s, none);
    compare("first frame");
    newLooks(10);
    view.updateLive(s, none);
    compare("a tenth changed");
    view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->value() + 7);
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->value() - 3);
    compare("scrolled");
    view.translate(0.37, 0.61);
    compare("moved by part of a pixel");
    view.scale(1.1, 1.1);
    compare("zoomed");
}

void TestDealGraph::strategyColours()
{
    QCOMPARE(DealGraphView::strategyColor(QStringLiteral("cheater")), haggle::charts::style::highlightColor());
    QCOMPARE(
        DealGraphView::strategyColor(QStringLiteral("my-own")), DealGraphView::strategyColor(QStringLiteral("my-own")));
    // Every honest kind of the catalog and the cheater: each its own colour (the classic tactics and the learner
    // among them).
    QSet<QRgb> known;
    for (const char* name : { "greedy", "fair", "patient", "adaptive", "broker", "time-dependent", "boulware",
             "conceder", "tit-for-tat", "q-learning", "zi-u", "zi-c", "truthful", "cheater" })
        known.insert(DealGraphView::strategyColor(QLatin1String(name)).rgb());
    QCOMPARE(known.size(), 14);
}

void TestDealGraph::clickSelects()
{
    const auto shown = shownRunView();
    QVERIFY(shown);
    DealGraphView& view = *shown;
    QSignalSpy clicked(&view, &DealGraphView::agentClicked);
    const int target = 2;
    const QPoint at = view.mapFromScene(view.node(target)->scenePos());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), target);
    QCOMPARE(view.selectedAgent(), target);
    QVERIFY(view.node(target)->isHighlighted());

    // Empty space selects nothing.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(view.selectedAgent(), target);
}

void TestDealGraph::selectAgentDoesNotEmit()
{
    DealGraphView view;
    view.setAgents(agentsOf(m_run));
    QSignalSpy clicked(&view, &DealGraphView::agentClicked);
    view.selectAgent(3);
    QCOMPARE(view.selectedAgent(), 3);
    QVERIFY(view.node(3)->isHighlighted());
    QVERIFY(view.node(3)->isLabelVisible());
    view.selectAgent(1);
    QVERIFY(!view.node(3)->isHighlighted());
    QVERIFY(view.node(1)->isHighlighted());
    view.selectAgent(-1);
    QCOMPARE(view.selectedAgent(), -1);
    QVERIFY(!view.node(1)->isHighlighted());
    view.selectAgent(99);
    QCOMPARE(view.selectedAgent(), -1);
    QCOMPARE(clicked.count(), 0);
}

void TestDealGraph::zoomKeys()
{
    DealGraphView view;
    view.resize(400, 300);
    view.setAgents(agentsOf(m_run));
    const qreal fitted = view.transform().m11();
    QTest::keyClick(&view, Qt::Key_Plus);
    QVERIFY(view.transform().m11() > fitted);
    QTest::keyClick(&view, Qt::Key_Minus);
    QTest::keyClick(&view, Qt::Key_Minus);
    QVERIFY(view.transform().m11() < fitted);
    view.fitAll();
    QCOMPARE(view.transform().m11(), fitted);
}

void TestDealGraph::smallLayoutKeepsRolesApart_data()
{
    QTest::addColumn<std::vector<AgentInfo>>("agents");
    const lab::RunResult scarcity = [] {
        lab::RunResult r;
        for (const auto& a : lab::builtinScenario("scarcity").agents) {
            lab::AgentOutcome outcome;
            outcome.id = a.id;
            outcome.role = a.role;
            outcome.strategy = a.strategy.type;
            r.agents.push_back(outcome);
        }
        return r;
    }();
    QTest::newRow("scarcity") << agentsOf(scarcity);
    QTest::newRow("interleaved with brokers")
        << syntheticAgents(9, { QStringLiteral("seeker"), QStringLiteral("provider"), QStringLiteral("broker") });
    QTest::newRow("sixty") << syntheticAgents(60,
        { QStringLiteral("provider"), QStringLiteral("seeker"), QStringLiteral("seeker"), QStringLiteral("broker"),
            QStringLiteral("auditor") });
}

void TestDealGraph::smallLayoutKeepsRolesApart()
{
    QFETCH(std::vector<AgentInfo>, agents);
    DealGraphView view;
    view.setAgents(agents);
    double sum[3] = { 0, 0, 0 };
    int count[3] = { 0, 0, 0 };
    QSet<QPair<qreal, qreal>> places;
    for (std::size_t i = 0; i < agents.size(); ++i) {
        const int side = agents[i].role == QLatin1String("provider") ? 0
            : agents[i].role == QLatin1String("seeker")              ? 2
                                                                     : 1;
        const QPointF p = view.node(int(i))->pos();
        sum[side] += p.x();
        ++count[side];
        places.insert({ p.x(), p.y() });
    }
    QCOMPARE(places.size(), qsizetype(agents.size()));
    QVERIFY(count[0] > 0 && count[2] > 0);
    const double providers = sum[0] / count[0];
    const double seekers = sum[2] / count[2];
    QVERIFY2(providers < seekers, qPrintable(QStringLiteral("%1 vs %2").arg(providers).arg(seekers)));
    if (count[1] > 0) {
        const double middle = sum[1] / count[1];
        QVERIFY(providers < middle && middle < seekers);
    }
    QVERIFY(view.node(0)->isLabelVisible());
}

void TestDealGraph::largeLayoutHidesLabels()
{
    DealGraphView view;
    view.setAgents(syntheticAgents(200, { QStringLiteral("provider"), QStringLiteral("seeker") }));
    QVERIFY(!view.node(0)->isLabelVisible());
    view.selectAgent(0);
    QVERIFY(view.node(0)->isLabelVisible());
    QSet<QPair<qreal, qreal>> places;
    for (int i = 0; i < view.agentCount(); ++i)
        places.insert({ view.node(i)->pos().x(), view.node(i)->pos().y() });
    QCOMPARE(places.size(), qsizetype(200));
}

void TestDealGraph::relayoutOfAThousand()
{
    constexpr int N = 1000;
    DealGraphView view;
    QVERIFY(showAgents(
        view, syntheticAgents(N, { QStringLiteral("provider"), QStringLiteral("seeker"), QStringLiteral("broker") })));
    const lab::DealNetwork network = randomNetwork(N, 2500, 7);
    view.updateLive(uniformSnapshot(N, 1), network);
    QCOMPARE(view.drawnEdgeCount(), 2500);
    std::vector<QPointF> before;
    for (int i = 0; i < N; ++i)
        before.push_back(view.node(i)->pos());

    QSignalSpy finished(&view, &DealGraphView::layoutFinished);
    view.relayout();
    QVERIFY(view.isLayoutRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QVERIFY(!view.isLayoutRunning());

    const double half = haggle::ui::graphlayout::forceFrameHalfSide(N);
    QRectF box;
    int moved = 0;
    QSet<QPair<int, int>> places;
    for (int i = 0; i < N; ++i) {
        const QPointF p = view.node(i)->pos();
        QVERIFY2(std::abs(p.x()) <= half && std::abs(p.y()) <= half, qPrintable(QStringLiteral("agent %1").arg(i)));
        box |= QRectF(p, QSizeF(0.001, 0.001));
        moved += p != before[std::size_t(i)] ? 1 : 0;
        places.insert({ qRound(p.x()), qRound(p.y()) });
    }
    QVERIFY(box.width() > half / 4 && box.height() > half / 4);
    QVERIFY(places.size() > N * 9 / 10);
    QVERIFY(moved > N / 2);
    // Edges follow their nodes.
    int edges = 0;
    for (const auto& e : network.edges()) {
        const auto* edge = view.edge(int(e.a), int(e.b));
        QVERIFY(edge);
        QCOMPARE(edge->line().p1(), view.node(int(e.a))->pos());
        QCOMPARE(edge->line().p2(), view.node(int(e.b))->pos());
        ++edges;
    }
    QCOMPARE(edges, 2500);
    QCOMPARE(int(view.edgeLayer()->size()), 2500);
}

void TestDealGraph::staleLayoutIsDropped()
{
    DealGraphView view;
    const auto agents = syntheticAgents(300, { QStringLiteral("provider"), QStringLiteral("seeker") });
    QVERIFY(showAgents(view, agents));
    view.updateLive(uniformSnapshot(300, 1), randomNetwork(300, 900, 3));
    QSignalSpy finished(&view, &DealGraphView::layoutFinished);

    // A new run while the layout runs: its result never lands.
    view.relayout();
    QVERIFY(showAgents(view, agents));
    QVERIFY(!view.isLayoutRunning());
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 0);

    // Two in a row: only the second is applied.
    view.relayout();
    view.relayout();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
}

void TestDealGraph::edgeCapHolds()
{
    constexpr int N = 1000;
    constexpr int Pairs = 10000;
    DealGraphView view;
    QVERIFY(showAgents(view, syntheticAgents(N, { QStringLiteral("provider"), QStringLiteral("seeker") })));
    lab::DealNetwork network = randomNetwork(N, Pairs, 11);
    QCOMPARE(network.edges().size(), std::size_t(Pairs));
    view.updateLive(uniformSnapshot(N, 1), network);
    QCOMPARE(view.drawnEdgeCount(), int(DealGraphView::MaxDrawnEdges));
    // Pair i has volume i + 1: exactly the last MaxDrawnEdges pairs are the heaviest.
    const auto& edges = network.edges();
    const std::size_t firstDrawn = edges.size() - DealGraphView::MaxDrawnEdges;
    for (std::size_t i = 0; i < edges.size(); ++i)
        QCOMPARE(view.edge(int(edges[i].a), int(edges[i].b)) != nullptr, i >= firstDrawn);

    // A light pair that becomes the heaviest takes the place of the lightest drawn one.
    const auto light = edges.front();
    const auto lightestDrawn = edges[firstDrawn];
    network.add(deal(light.a, light.b, 1e6, 2));
    view.updateLive(uniformSnapshot(N, 2), network);
    QCOMPARE(view.drawnEdgeCount(), int(DealGraphView::MaxDrawnEdges));
    QVERIFY(view.edge(int(light.a), int(light.b)));
    QVERIFY(!view.edge(int(lightestDrawn.a), int(lightestDrawn.b)));
}

void TestDealGraph::heaviestPairsFrameAfterFrame()
{
    // Frame after frame the drawn pairs are exactly the heaviest (ties by first deal), however the volumes grow,
    // and after the network starts over with lighter pairs.
    constexpr int N = 300;
    DealGraphView view;
    QVERIFY(showAgents(view, syntheticAgents(N, { QStringLiteral("provider"), QStringLiteral("seeker") })));
    const auto checkHeaviest = [&view](const lab::DealNetwork& network) {
        const auto& edges = network.edges();
        std::vector<std::size_t> order(edges.size());
        std::iota(order.begin(), order.end(), std::size_t(0));
        std::stable_sort(order.begin(), order.end(),
            [&edges](std::size_t x, std::size_t y) { return edges[x].volume > edges[y].volume; });
        const std::size_t drawn = std::min(order.size(), std::size_t(DealGraphView::MaxDrawnEdges));
        QCOMPARE(view.drawnEdgeCount(), int(drawn));
        for (std::size_t rank = 0; rank < order.size(); ++rank) {
            const auto& e = edges[order[rank]];
            QCOMPARE(view.edge(int(e.a), int(e.b)) != nullptr, rank < drawn);
        }
    };
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> pick(0, N - 1);
    // Small whole volumes, so many pairs tie.
    std::uniform_int_distribution<int> units(1, 3);
    for (int run = 0; run < 2; ++run) {
        lab::DealNetwork network;
        network.reset(std::size_t(N));
        for (int round = 1; round <= 12; ++round) {
            // The first round of each run forms more pairs than are drawn, all lighter than the last run's.
            for (int d = 0; d < (round == 1 ? 6000 : 1500); ++d) {
                const int a = pick(rng);
                const int b = pick(rng);
                if (a != b)
                    network.add(deal(AgentIndex(a), AgentIndex(b), double(units(rng)), round));
            }
            view.updateLive(uniformSnapshot(N, round), network);
            checkHeaviest(network);
            if (QTest::currentTestFailed())
                return;
        }
        // The next run's network starts over, as when the window resets without a new set of agents.
    }
}

void TestDealGraph::largeGraphAppearsWhole()
{
    // A large graph's nodes are made a slice per turn of the event loop and go into the scene together: every
    // agent, at the role layout, with the selection made meanwhile; frames drawn meanwhile draw nothing.
    constexpr int N = 1000;
    const QStringList roles { QStringLiteral("provider"), QStringLiteral("seeker"), QStringLiteral("broker") };
    DealGraphView view;
    QSignalSpy shown(&view, &DealGraphView::agentsShown);
    view.setAgents(syntheticAgents(N, roles));
    QVERIFY(view.isBuilding());
    QCOMPARE(view.agentCount(), 0);
    view.selectAgent(7);
    QCOMPARE(view.selectedAgent(), 7);
    view.updateLive(uniformSnapshot(N, 1), randomNetwork(N, 500, 2));
    QCOMPARE(view.drawnEdgeCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10000);
    QVERIFY(!view.isBuilding());
    QCOMPARE(view.agentCount(), N);
    std::vector<QString> roleOf;
    for (int i = 0; i < N; ++i)
        roleOf.push_back(roles[i % roles.size()]);
    const std::vector<QPointF> places = haggle::ui::graphlayout::roleLayout(roleOf);
    for (int i = 0; i < N; ++i) {
        const GraphNode* node = view.node(i);
        QVERIFY(node);
        QCOMPARE(node->id(), QStringLiteral("agent_%1").arg(i));
        QCOMPARE(node->pos(), places[std::size_t(i)]);
        QCOMPARE(node->isHighlighted(), i == 7);
        QCOMPARE(node->isLabelVisible(), i == 7);
    }
    const auto nodesInScene = [&view] {
        int nodes = 0;
        const QList<QGraphicsItem*> all = view.graphScene()->items();
        for (const QGraphicsItem* item : all)
            nodes += item->type() == GraphNode::Type ? 1 : 0;
        return nodes;
    };
    QCOMPARE(nodesInScene(), N);
    // The next frame draws on them.
    view.updateLive(uniformSnapshot(N, 2), randomNetwork(N, 500, 2));
    QCOMPARE(view.drawnEdgeCount(), 500);
    QCOMPARE(view.node(N - 1)->live().netWorth, 100.0 + (N - 1));

    // A new run before the last one's nodes are all made: only the new one's appear.
    view.setAgents(syntheticAgents(N, roles));
    view.setAgents(syntheticAgents(600, { QStringLiteral("seeker") }));
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 10000);
    QCoreApplication::processEvents(); // a slice of the older graph, had one been left queued, would come now
    QCOMPARE(shown.count(), 2);
    QCOMPARE(view.agentCount(), 600);
    QCOMPARE(nodesInScene(), 600);
}

void TestDealGraph::exportPng_data()
{
    QTest::addColumn<qreal>("scale");
    QTest::newRow("1x") << 1.0;
    QTest::newRow("2x") << 2.0;
}

void TestDealGraph::exportPng()
{
    QFETCH(qreal, scale);
    DealGraphView view;
    view.setAgents(agentsOf(m_run));
    view.updateLive(snapshotOf(m_run), m_network);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("graph.png"));
    const QSize size(640, 480);
    QString error;
    QVERIFY2(view.exportPng(path, size, scale, &error), qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { QStringLiteral("graph.png") });
    QImage image;
    QVERIFY(image.load(path, "PNG"));
    QCOMPARE(image.size(), QSize(qRound(size.width() * scale), qRound(size.height() * scale)));
    const qsizetype pixels = qsizetype(image.width()) * image.height();
    QVERIFY2(nonWhitePixels(image) > pixels / 200, "graph export is (almost) blank");
    QCOMPARE(image.pixel(0, 0) & 0xffffff, 0xffffffu); // white background
}

// The legend names the strategies present in their colours and what "cut off" takes, on screen (L hides it) and in an
// export, which is also titled with the scenario and round and drops the selection halo; the scene is as it was after.
void TestDealGraph::legendOnScreenAndInExports()
{
    DealGraphView view;
    view.resize(800, 600);
    view.setAgents(agentsOf(m_run));
    view.setTitle(QStringLiteral("Cheater isolation"));
    SimulationSnapshot s = snapshotOf(m_run);
    view.updateLive(s, m_network);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    GraphLegendOverlay* legend = view.legend();
    QVERIFY(legend->isVisible());
    const QStringList lines = GraphLegendPainter(legend->content(), legend->font()).lines();
    QVERIFY(lines.contains(QStringLiteral("cheater")));
    for (const AgentInfo& agent : agentsOf(m_run))
        QVERIFY2(agent.cheater || lines.contains(agent.strategy), qPrintable(agent.strategy));
    QVERIFY(lines.join(u'|').contains(QStringLiteral("Cut off: refused by 50% or more of its reputation-aware peers")));
    QCOMPARE(legend->content().strategies.value(0).second,
        DealGraphView::strategyColor(legend->content().strategies.value(0).first));
    QTest::keyClick(&view, Qt::Key_L);
    QVERIFY(legend->isHidden());
    QTest::keyClick(&view, Qt::Key_L);
    QVERIFY(legend->isVisible());

    view.selectAgent(m_cheater);
    QVERIFY(view.node(m_cheater)->isHighlighted());
    const int itemsBefore = int(view.graphScene()->items().size());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("graph.svg"));
    QString error;
    QVERIFY2(view.exportSvg(path, QSize(1200, 800), &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(file.readAll());
    QVERIFY(svg.contains(QStringLiteral("Cheater isolation: Deal graph, round %1").arg(s.round)));
    QVERIFY(svg.contains(QStringLiteral("Ring: reputation")));
    QVERIFY(svg.contains(QStringLiteral(">cheater<")));
    // No halo: the selection's amber appears nowhere in the drawing.
    QVERIFY(!svg.contains(QStringLiteral("#ffb000"), Qt::CaseInsensitive));
    QCOMPARE(int(view.graphScene()->items().size()), itemsBefore);
    QVERIFY(view.node(m_cheater)->isHighlighted());
}

// Search: an exact id first, else the first id containing the text, any case; the agent is selected and the window
// told; through the bar, Enter does it and a miss is shown.
void TestDealGraph::searchFindsAndCentresAnAgent()
{
    DealGraphView view;
    view.resize(600, 400);
    QVERIFY(showAgents(view, syntheticAgents(30, { QStringLiteral("provider") })));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy clicked(&view, &DealGraphView::agentClicked);
    QCOMPARE(view.findAgent(QStringLiteral("AGENT_2")), 2); // exact, before agent_20..29
    QCOMPARE(view.selectedAgent(), 2);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.last().at(0).toInt(), 2);
    QCOMPARE(view.findAgent(QStringLiteral("t_17")), 17);
    QCOMPARE(view.findAgent(QStringLiteral("nobody")), -1);
    QCOMPARE(view.selectedAgent(), 17); // a miss leaves the selection
    QCOMPARE(view.findAgent(QStringLiteral("  ")), -1);

    haggle::ui::GraphFilterBar* bar = view.filterBar();
    QVERIFY(bar && bar->isVisible());
    QVERIFY(bar->geometry().right() > view.width() - 40 && bar->y() < 40); // top right
    QTest::keyClick(&view, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(bar->searchField()->hasFocus());
    bar->searchField()->setText(QStringLiteral("agent_25"));
    QTest::keyClick(bar->searchField(), Qt::Key_Return);
    QCOMPARE(view.selectedAgent(), 25);
    bar->searchField()->setText(QStringLiteral("zzz"));
    QTest::keyClick(bar->searchField(), Qt::Key_Return);
    QCOMPARE(view.selectedAgent(), 25);
    QVERIFY(bar->searchField()->toolTip().contains(QStringLiteral("No agent")));
}

// Filters: a minimum volume, recent deals only, defaults only, and the selected agent's neighbourhood (the others
// faded), applied at once and together; showing all brings every pair back.
void TestDealGraph::filtersChooseThePairsDrawn()
{
    DealGraphView view;
    QVERIFY(showAgents(view, syntheticAgents(6, { QStringLiteral("provider") })));
    lab::DealNetwork network;
    network.reset(6);
    network.add(deal(0, 1, 10.0, 1)); // heavy, old
    network.add(deal(0, 2, 1.0, 9)); // light, recent
    network.add(deal(1, 2, 5.0, 10, false)); // recent, with a default
    network.add(deal(3, 4, 2.0, 2)); // light, old
    network.add(deal(4, 5, 8.0, 10)); // heavy, recent
    view.updateLive(uniformSnapshot(6, 10), network);
    QCOMPARE(view.drawnEdgeCount(), 5);

    const auto drawnWith = [&](const haggle::ui::EdgeFilter& filter) {
        view.setEdgeFilter(filter);
        QStringList pairs;
        for (int a = 0; a < 6; ++a)
            for (int b = a + 1; b < 6; ++b)
                if (view.edge(a, b))
                    pairs.append(QStringLiteral("%1-%2").arg(a).arg(b));
        return pairs.join(u' ');
    };
    haggle::ui::EdgeFilter filter;
    filter.minVolume = 5.0;
    QCOMPARE(drawnWith(filter), QStringLiteral("0-1 1-2 4-5"));
    filter.recentOnly = true; // rounds 8-10
    QCOMPARE(drawnWith(filter), QStringLiteral("1-2 4-5"));
    filter = {};
    filter.defaultsOnly = true;
    QCOMPARE(drawnWith(filter), QStringLiteral("1-2"));
    filter = {};
    filter.neighbourhoodOnly = true;
    QCOMPARE(drawnWith(filter), QStringLiteral("0-1 0-2 1-2 3-4 4-5")); // nobody selected: everything
    view.selectAgent(4);
    QCOMPARE(drawnWith(filter), QStringLiteral("3-4 4-5"));
    QCOMPARE(view.node(3)->opacity(), 1.0);
    QCOMPARE(view.node(0)->opacity(), 0.15);
    view.selectAgent(0); // the focus follows the selection
    QCOMPARE(drawnWith(filter), QStringLiteral("0-1 0-2"));
    QCOMPARE(view.node(4)->opacity(), 0.15);
    QCOMPARE(drawnWith({}), QStringLiteral("0-1 0-2 1-2 3-4 4-5"));
    QCOMPARE(view.node(4)->opacity(), 1.0);
    // Later frames keep the filter.
    view.setEdgeFilter(filter);
    network.add(deal(0, 5, 3.0, 11));
    view.updateLive(uniformSnapshot(6, 11), network);
    QCOMPARE(view.drawnEdgeCount(), 3);
}

// Large populations read grouped: bands by strategy (as the first layout bands by role), or by whom they deal with in
// the background; the Arrange menu does it and a new graph starts by role again.
void TestDealGraph::arrangeByRoleStrategyOrDeals()
{
    DealGraphView view;
    std::vector<AgentInfo> agents = syntheticAgents(200, { QStringLiteral("provider"), QStringLiteral("seeker") });
    std::vector<QString> strategies;
    for (std::size_t i = 0; i < agents.size(); ++i) {
        agents[i].strategy = i % 3 == 0 ? QStringLiteral("greedy") : QStringLiteral("fair");
        strategies.push_back(agents[i].strategy);
    }
    QVERIFY(showAgents(view, agents));
    view.updateLive(uniformSnapshot(200, 1), randomNetwork(200, 400, 3));
    QCOMPARE(view.arrangement(), DealGraphView::Arrangement::Role);

    view.arrangeBy(DealGraphView::Arrangement::Strategy);
    const std::vector<QPointF> expected = haggle::ui::graphlayout::roleLayout(strategies);
    for (int i : { 0, 1, 2, 99, 199 })
        QCOMPARE(view.node(i)->pos(), expected[std::size_t(i)]);
    // Agents of one strategy share a band: their distances from the centre do not interleave with the other's.
    double greedyMin = 1e18, greedyMax = 0.0, fairMin = 1e18, fairMax = 0.0;
    for (int i = 0; i < 200; ++i) {
        const double r = std::hypot(view.node(i)->pos().x(), view.node(i)->pos().y());
        double& lo = i % 3 == 0 ? greedyMin : fairMin;
        double& hi = i % 3 == 0 ? greedyMax : fairMax;
        lo = std::min(lo, r);
        hi = std::max(hi, r);
    }
    QVERIFY2(fairMin > greedyMax || greedyMin > fairMax,
        qPrintable(QStringLiteral("greedy %1-%2, fair %3-%4").arg(greedyMin).arg(greedyMax).arg(fairMin).arg(fairMax)));

    QSignalSpy finished(&view, &DealGraphView::layoutFinished);
    view.arrangeBy(DealGraphView::Arrangement::Deals);
    QVERIFY(finished.wait(20000));
    QCOMPARE(view.arrangement(), DealGraphView::Arrangement::Deals);
    QVERIFY(view.node(0)->pos() != expected[0]);

    haggle::ui::GraphFilterBar* bar = view.filterBar();
    QVERIFY(bar->arrangeButton());
    const QList<QAction*> actions = bar->arrangeButton()->menu()->actions();
    QCOMPARE(actions.size(), 3);
    actions.at(1)->trigger(); // By Strategy
    QCOMPARE(view.arrangement(), DealGraphView::Arrangement::Strategy);
    QCOMPARE(view.node(99)->pos(), expected[99]);
    QVERIFY(showAgents(view, agents));
    QCOMPARE(view.arrangement(), DealGraphView::Arrangement::Role);
    QVERIFY(actions.at(0)->isChecked());
}

void TestDealGraph::exportSvg()
{
    DealGraphView view;
    view.setAgents(agentsOf(m_run));
    view.updateLive(snapshotOf(m_run), m_network);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("graph.svg"));
    QString error;
    QVERIFY2(view.exportSvg(path, QSize(640, 480), &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int elements = 0;
    QString root;
    QString viewBox;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (elements++ == 0) {
            root = xml.name().toString();
            viewBox = xml.attributes().value(QStringLiteral("viewBox")).toString();
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(root, QStringLiteral("svg"));
    QCOMPARE(viewBox, QStringLiteral("0 0 640 480"));
    QVERIFY(elements > 2 * int(m_run.agents.size()));
}

void TestDealGraph::exportToMissingDirectoryFails_data()
{
    QTest::addColumn<bool>("svg");
    QTest::newRow("png") << false;
    QTest::newRow("svg") << true;
}

void TestDealGraph::exportToMissingDirectoryFails()
{
    QFETCH(bool, svg);
    DealGraphView view;
    view.setAgents(agentsOf(m_run));
    view.updateLive(snapshotOf(m_run), m_network);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(svg ? QStringLiteral("missing/graph.svg") : QStringLiteral("missing/graph.png"));
    QString error;
    const bool ok
        = svg ? view.exportSvg(path, QSize(400, 300), &error) : view.exportPng(path, QSize(400, 300), 2.0, &error);
    QVERIFY(!ok);
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());

    // Bad sizes are refused before anything is written.
    const QString good = dir.filePath(QStringLiteral("graph.png"));
    QVERIFY(!view.exportPng(good, QSize(0, 300), 1.0, &error));
    QVERIFY(!view.exportPng(good, QSize(400, 300), 0.0, &error));
    QVERIFY(!QFileInfo::exists(good));
}

QTEST_MAIN(TestDealGraph)
#include "tst_dealgraph.moc"
