// Tests of the live charts panel: series fed from synthetic snapshots (5 agents with a rush hour, 1,000 agents,
// a million rounds), bounded buffers, series kept across frames, the rolling mean, legend toggles, zoom and
// every export. No timing assertions.
#include "builtinscenarios.h"
#include "chartcatalog.h"
#include "chartspanel.h"
#include "chartstyle.h"
#include "controllertesting.h"
#include "run.h"
#include "simulationcontroller.h"
#include "testchartkind.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QXmlStreamReader>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <cmath>
#include <set>

using haggle::DealRecord;
using haggle::RoundSummary;
using haggle::charts::ChartInput;
using haggle::charts::RunChartData;
using haggle::ui::ChartsPanel;
using haggle::ui::SimulationSnapshot;

// The built-in chart kinds by their catalog names.
namespace Kind {
const QString Price = QStringLiteral("price-convergence");
const QString RoundPrice = QStringLiteral("price-per-round");
const QString Reputation = QStringLiteral("reputation");
const QString Activity = QStringLiteral("market-activity");
const QString Wealth = QStringLiteral("wealth");
const QString Detection = QStringLiteral("detection");
const QString Bargaining = QStringLiteral("bargaining");
const QString OrderBook = QStringLiteral("order-book");
const QString Futures = QStringLiteral("futures");
const QStringList All = { Price, RoundPrice, Reputation, Activity, Wealth, Detection, Bargaining, OrderBook, Futures };
// What a run without an order book or futures exports (Export All leaves out a chart with nothing to draw).
const QStringList Drawn = { Price, RoundPrice, Reputation, Activity, Wealth, Detection, Bargaining };
} // namespace Kind

namespace {

const QString RushHour = QStringLiteral("rush hour");
constexpr QSize ExportSize(400, 300);

// Deterministic synthetic values, so tests can recompute what a chart should show.
double unitPrice(qint64 deal)
{
    return 1.0 + 0.25 * std::sin(static_cast<double>(deal) * 0.37) + 0.001 * static_cast<double>(deal % 13);
}
double netWorth(int round, int agent)
{
    return 100.0 + agent * 7.0 + round * 0.05 * (agent % 5 + 1) * (agent % 2 == 0 ? 1.0 : -1.0);
}
double reputation(int round, int agent)
{
    return 0.5 + 0.45 * std::sin(round * 0.01 + agent);
}

struct Run {
    int agents = 5;
    int dealsPerRound = 2;
    int phaseFirst = 0; // rush hour rounds, 0 for none
    int phaseLast = 0;
    qint64 dealsMade = 0;

    ChartInput staticPart(std::vector<int> highlighted) const
    {
        ChartInput input;
        input.title = QStringLiteral("Synthetic");
        for (int a = 0; a < agents; ++a) {
            input.agentIds.append(QStringLiteral("agent-%1").arg(a + 1));
            input.agentStrategies.append(a % 2 == 0 ? QStringLiteral("fair") : QStringLiteral("adaptive"));
        }
        input.highlighted.assign(static_cast<std::size_t>(agents), false);
        for (const int a : highlighted)
            input.highlighted[static_cast<std::size_t>(a)] = true;
        if (phaseFirst > 0)
            input.phases.push_back({ RushHour, phaseFirst, phaseLast });
        input.trustThreshold = 0.4;
        return input;
    }

    // Rounds first..first+count-1, with their deals.
    SimulationSnapshot snapshot(int first, int count, bool perAgent = true)
    {
        SimulationSnapshot s;
        s.round = first + count - 1;
        s.newRounds.reserve(static_cast<std::size_t>(count));
        for (int r = first; r < first + count; ++r) {
            RoundSummary summary;
            summary.round = r;
            if (r >= phaseFirst && r <= phaseLast)
                summary.phase = "rush hour";
            summary.negotiations = 6 + r % 7;
            summary.deals = dealsPerRound;
            summary.successRate = double(summary.deals) / summary.negotiations;
            if (perAgent) {
                for (int a = 0; a < agents; ++a) {
                    summary.netWorth.push_back(netWorth(r, a));
                    summary.meanReputation.push_back(reputation(r, a));
                }
            }
            s.newRounds.push_back(std::move(summary));
            for (int d = 0; d < dealsPerRound; ++d) {
                DealRecord deal;
                deal.round = r;
                deal.unitPrice = unitPrice(++dealsMade);
                s.newDeals.push_back(deal);
            }
        }
        return s;
    }
};

QList<QXYSeries*> xySeriesOf(QChart* chart)
{
    QList<QXYSeries*> found;
    const QList<QAbstractSeries*> all = chart->series();
    for (QAbstractSeries* series : all) {
        if (auto* area = qobject_cast<QAreaSeries*>(series))
            found << area->upperSeries() << area->lowerSeries();
        else if (auto* xy = qobject_cast<QXYSeries*>(series))
            found << xy;
    }
    return found;
}

QAbstractSeries* seriesNamed(QChart* chart, const QString& prefix)
{
    const QList<QAbstractSeries*> all = chart->series();
    for (QAbstractSeries* series : all)
        if (series->name().startsWith(prefix))
            return series;
    return nullptr;
}

qsizetype nonWhitePixels(const QImage& image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    qsizetype count = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            count += (line[x] & 0xffffff) != 0xffffff ? 1 : 0;
    }
    return count;
}

} // namespace

class TestChartsPanel : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void liveChartsAreThinnedToTheirWidth();
    void seriesAfterRefresh_data();
    void seriesAfterRefresh();
    void appendAloneDrawsNothing();
    void framesDrawOneChartEach();
    void millionRoundsStayBounded();
    void framesKeepTheSameSeries();
    void rollingMean_data();
    void rollingMean();
    void derivedPhases();
    void staticPartFromScenario();
    void legendTogglesSeries();
    void hoverShowsValues();
    void rightClickResetsZoom();
    void tabbedSkipsHiddenCharts();
    void chartsPerPageFollowTheSpace();

    void exportPng_data();
    void exportPng();
    void exportSvg_data();
    void exportSvg();
    void exportCsv();
    void exportLookSetsPixelsAndText();
    void exportLeavesHiddenSeriesOutOfTheLegend();
    void fontScaleForPresenting();
    void exportAll();
    void exportToMissingDirectoryFails_data();
    void exportToMissingDirectoryFails();

    void aRegisteredKindShowsForARun();

private:
    // A shown panel fed with `rounds` rounds of `run`.
    void feed(Run& run, const std::vector<int>& highlighted, int rounds);

    std::unique_ptr<ChartsPanel> m_panel;
};

void TestChartsPanel::init()
{
    m_panel = std::make_unique<ChartsPanel>();
    // Wide enough that each chart's plot (half the width) holds every point of the small runs: live charts are
    // thinned to their plot width.
    m_panel->resize(2600, 1400);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestChartsPanel::cleanup()
{
    m_panel.reset();
}

void TestChartsPanel::feed(Run& run, const std::vector<int>& highlighted, int rounds)
{
    m_panel->reset(run.staticPart(highlighted));
    m_panel->append(run.snapshot(1, rounds));
    QVERIFY(m_panel->hasPendingData());
    m_panel->refresh();
    QVERIFY(!m_panel->hasPendingData());
}

void TestChartsPanel::seriesAfterRefresh_data()
{
    QTest::addColumn<int>("agents");
    QTest::addColumn<int>("rounds");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("expectedSeries");
    QTest::addColumn<int>("points"); // of the first data line
    // 5 agents: one line each (+ the trust threshold); 1,000: band + mean + 2 highlighted (+ threshold). The round
    // charts shade the phase too.
    QTest::newRow("5 agents price") << 5 << 300 << Kind::Price << 3 << 600;
    QTest::newRow("5 agents reputation") << 5 << 300 << Kind::Reputation << 7 << 300;
    QTest::newRow("5 agents activity") << 5 << 300 << Kind::Activity << 5 << 300;
    QTest::newRow("5 agents wealth") << 5 << 300 << Kind::Wealth << 6 << 300;
    QTest::newRow("1000 agents price") << 1000 << 100 << Kind::Price << 3 << 200;
    QTest::newRow("1000 agents reputation") << 1000 << 100 << Kind::Reputation << 6 << 100;
    QTest::newRow("1000 agents activity") << 1000 << 100 << Kind::Activity << 5 << 100;
    QTest::newRow("1000 agents wealth") << 1000 << 100 << Kind::Wealth << 5 << 100;
}

void TestChartsPanel::seriesAfterRefresh()
{
    QFETCH(int, agents);
    QFETCH(int, rounds);
    QFETCH(QString, kind);
    QFETCH(int, expectedSeries);
    QFETCH(int, points);
    Run run;
    run.agents = agents;
    run.phaseFirst = 51;
    run.phaseLast = 80;
    feed(run, agents == 5 ? std::vector<int> { 4 } : std::vector<int> { 10, 500 }, rounds);

    QChart* chart = m_panel->chart(kind);
    QVERIFY(chart);
    QCOMPARE(m_panel->view(kind)->chart(), chart);
    QCOMPARE(chart->series().size(), expectedSeries);
    QVERIFY(chart->series().size() <= 7);
    QCOMPARE(chart->animationOptions(), QChart::NoAnimation);
    // Smooth lines for a small population; a large one is drawn faster without (exports are antialiased either way).
    QCOMPARE(m_panel->view(kind)->renderHints().testFlag(QPainter::Antialiasing),
        std::size_t(agents) <= haggle::charts::style::AntialiasLimit);
    QCOMPARE(m_panel->view(kind)->rubberBand(), QChartView::RubberBands(QChartView::HorizontalRubberBand));
    const QList<QAbstractSeries*> all = chart->series();
    for (QAbstractSeries* series : all)
        QVERIFY2(!series->useOpenGL(), qPrintable(series->name()));
    // On screen a chart is titled by its own name (the window title names the scenario); exports by both.
    QCOMPARE(chart->title(), m_panel->title(kind));

    QXYSeries* data = nullptr;
    for (QXYSeries* xy : xySeriesOf(chart))
        if (!data && xy->count() > 2)
            data = xy;
    QVERIFY(data);
    QCOMPARE(data->count(), points);

    if (kind == Kind::Reputation && agents == 5) {
        auto* line = qobject_cast<QLineSeries*>(seriesNamed(chart, QStringLiteral("agent-2")));
        QVERIFY(line);
        QCOMPARE(line->at(41), QPointF(42, reputation(42, 1)));
        QVERIFY(seriesNamed(chart, QStringLiteral("Trust threshold")));
    }
    if (kind == Kind::Wealth && agents == 1000) {
        auto* mean = qobject_cast<QLineSeries*>(seriesNamed(chart, QStringLiteral("Mean (1000 agents)")));
        QVERIFY(mean);
        double sum = 0.0;
        for (int a = 0; a < 1000; ++a)
            sum += netWorth(50, a);
        QCOMPARE(mean->at(49).y(), sum / 1000.0);
        QCOMPARE(chart->series().size(), 5);
    }
    if (kind == Kind::Activity) {
        auto* band = qobject_cast<QAreaSeries*>(chart->series().first());
        QVERIFY(band);
        QCOMPARE(band->name(), RushHour);
        QCOMPARE(band->upperSeries()->at(0).x(), 50.5);
        QCOMPARE(band->upperSeries()->at(1).x(), 80.5);
    }
    auto* xAxis = qobject_cast<QValueAxis*>(chart->axes(Qt::Horizontal).value(0));
    QVERIFY(xAxis);
    QCOMPARE(xAxis->max(), kind == Kind::Price ? double(rounds * 2) : rounds + 0.5);
}

void TestChartsPanel::liveChartsAreThinnedToTheirWidth()
{
    // A narrow panel draws no more points than its plots have pixels.
    m_panel->resize(700, 500);
    QTest::qWait(10);
    QCOMPARE(m_panel->chartsPerPage(), 1); // too small to share
    m_panel->enlarge(Kind::Activity);
    QTest::qWait(10);
    Run run;
    feed(run, {}, 2000); // 4,000 deals, 2,000 rounds
    auto* deals = qobject_cast<QXYSeries*>(seriesNamed(m_panel->chart(Kind::Activity), QStringLiteral("Deals")));
    QVERIFY(deals);
    const int width = m_panel->view(Kind::Activity)->width();
    QVERIFY(deals->count() <= std::max(200, width) + 1);
    QVERIFY(deals->count() >= 100);
    QCOMPARE(deals->at(deals->count() - 1).x(), 2000.0); // the newest round is always drawn
}

void TestChartsPanel::appendAloneDrawsNothing()
{
    Run run;
    feed(run, {}, 10);
    auto* deals = qobject_cast<QXYSeries*>(seriesNamed(m_panel->chart(Kind::Activity), QStringLiteral("Deals")));
    QCOMPARE(deals->count(), 10);
    m_panel->append(run.snapshot(11, 10));
    QCOMPARE(deals->count(), 10); // buffered only
    m_panel->refresh();
    QCOMPARE(deals->count(), 20);
    QVERIFY(!m_panel->hasPendingData());
    m_panel->append(SimulationSnapshot {}); // nothing new: nothing to draw
    QVERIFY(!m_panel->hasPendingData());
}

void TestChartsPanel::framesDrawOneChartEach()
{
    Run run;
    feed(run, {}, 10);
    auto* deals = qobject_cast<QXYSeries*>(seriesNamed(m_panel->chart(Kind::Activity), QStringLiteral("Deals")));
    m_panel->append(run.snapshot(11, 10));
    QVERIFY(m_panel->hasStaleVisibleChart());
    // A frame per chart shown: each redraws a different chart, and then all are up to date.
    const int shown = static_cast<int>(m_panel->shownKinds().size());
    QVERIFY(shown >= 4);
    QSet<QChartView*> drawn;
    for (int frame = 0; frame < shown; ++frame) {
        QChartView* view = m_panel->refreshNext();
        QVERIFY(view);
        drawn.insert(view);
    }
    QCOMPARE(drawn.size(), shown);
    QCOMPARE(deals->count(), 20);
    QVERIFY(!m_panel->hasStaleVisibleChart());
    QVERIFY(!m_panel->refreshNext());
    // New data mid-turn: the charts not yet redrawn are still due, and each is drawn once more.
    m_panel->append(run.snapshot(21, 10));
    QChartView* first = m_panel->refreshNext();
    m_panel->append(run.snapshot(31, 10));
    int frames = 1;
    while (m_panel->refreshNext())
        ++frames;
    QCOMPARE(frames, shown + 1); // the first again for the newest batch, then the others
    QVERIFY(first);
    QCOMPARE(deals->count(), 40);
}

void TestChartsPanel::millionRoundsStayBounded()
{
    Run run;
    run.agents = 3;
    run.dealsPerRound = 1;
    m_panel->reset(run.staticPart({ 2 }));
    constexpr int Total = 1'000'000;
    constexpr int Batch = 100'000;
    for (int first = 1; first <= Total; first += Batch) {
        m_panel->append(run.snapshot(first, Batch));
        m_panel->refresh();
    }
    const RunChartData& data = m_panel->data();
    QCOMPARE(data.roundsSeen(), qint64(Total));
    QCOMPARE(data.dealsSeen(), qint64(Total));
    QVERIFY(data.bufferedRounds() <= RunChartData::RoundCap);
    QVERIFY(data.bufferedDeals() <= RunChartData::RoundCap);
    QVERIFY(data.bufferedAgentSamples() <= RunChartData::RoundCap);
    QVERIFY(data.bufferedRounds() > RunChartData::RoundCap / 2 - 2);

    for (const QString& kind : Kind::All) {
        QChart* chart = m_panel->chart(kind);
        for (QXYSeries* xy : xySeriesOf(chart)) {
            QVERIFY2(xy->count() <= haggle::charts::DefaultMaxPoints, qPrintable(xy->name()));
            if (xy->count() > 2) { // data, not a reference line: the first and the newest are kept
                QCOMPARE(xy->at(0).x(), 1.0);
                QCOMPARE(xy->at(xy->count() - 1).x(), double(Total));
            }
        }
    }

    // The rolling mean was computed over every deal, not over the kept ones.
    auto* rolling
        = qobject_cast<QXYSeries*>(seriesNamed(m_panel->chart(Kind::Price), QStringLiteral("Rolling mean (10")));
    QVERIFY(rolling);
    for (const int i : { 1, rolling->count() / 2, rolling->count() - 1 }) {
        const auto deal = static_cast<qint64>(rolling->at(i).x());
        QVERIFY(deal >= 10);
        double sum = 0.0;
        for (qint64 d = deal - 9; d <= deal; ++d)
            sum += unitPrice(d);
        QCOMPARE(rolling->at(i).y(), sum / 10.0);
    }
}

void TestChartsPanel::framesKeepTheSameSeries()
{
    Run run;
    run.phaseFirst = 5;
    run.phaseLast = 15;
    feed(run, { 4 }, 100);
    QHash<QString, QList<QXYSeries*>> before;
    QHash<QString, QList<QAbstractSeries*>> topLevel;
    for (const QString& kind : Kind::All) {
        before[kind] = xySeriesOf(m_panel->chart(kind));
        topLevel[kind] = m_panel->chart(kind)->series();
    }
    for (int frame = 0; frame < 2; ++frame) {
        m_panel->append(run.snapshot(101 + frame * 50, 50));
        m_panel->refresh();
        for (const QString& kind : Kind::All) {
            QCOMPARE(xySeriesOf(m_panel->chart(kind)), before[kind]);
            QCOMPARE(m_panel->chart(kind)->series(), topLevel[kind]);
        }
    }
    auto* deals = qobject_cast<QXYSeries*>(seriesNamed(m_panel->chart(Kind::Activity), QStringLiteral("Deals")));
    QCOMPARE(deals->count(), 200);
}

void TestChartsPanel::rollingMean_data()
{
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("index");
    QTest::newRow("first deal") << 10 << 0;
    QTest::newRow("partial window") << 10 << 6;
    QTest::newRow("middle") << 10 << 257;
    QTest::newRow("last") << 10 << 599;
    QTest::newRow("window 25") << 25 << 400;
    QTest::newRow("window 1") << 1 << 33;
}

void TestChartsPanel::rollingMean()
{
    QFETCH(int, window);
    QFETCH(int, index);
    Run run;
    ChartInput input = run.staticPart({});
    input.rollingWindow = window;
    m_panel->reset(input);
    // In several snapshots: the window spans snapshot boundaries.
    for (int first = 1; first <= 300; first += 37)
        m_panel->append(run.snapshot(first, std::min(37, 301 - first)));
    m_panel->refresh();

    auto* rolling = qobject_cast<QXYSeries*>(seriesNamed(m_panel->chart(Kind::Price), QStringLiteral("Rolling mean")));
    QVERIFY(rolling);
    QCOMPARE(rolling->name(), QStringLiteral("Rolling mean (%1 deals)").arg(window));
    QCOMPARE(rolling->count(), 600);
    double sum = 0.0;
    const int from = std::max(0, index - window + 1);
    for (int i = from; i <= index; ++i)
        sum += unitPrice(i + 1);
    QCOMPARE(rolling->at(index).x(), double(index + 1));
    QCOMPARE(rolling->at(index).y(), sum / (index - from + 1));
    auto* prices = qobject_cast<QScatterSeries*>(m_panel->chart(Kind::Price)->series().first());
    QVERIFY(prices);
    QCOMPARE(prices->at(index), QPointF(index + 1, unitPrice(index + 1)));
}

// Without phases in the static part, the bands come from the rounds' phase names as they arrive.
void TestChartsPanel::derivedPhases()
{
    Run run;
    run.phaseFirst = 11;
    run.phaseLast = 20;
    ChartInput input = run.staticPart({});
    input.phases.clear();
    m_panel->reset(input);
    m_panel->append(run.snapshot(1, 10));
    m_panel->refresh();
    QChart* chart = m_panel->chart(Kind::Activity);
    QCOMPARE(chart->series().size(), 4);
    auto* negotiations = seriesNamed(chart, QStringLiteral("Negotiations"));

    m_panel->append(run.snapshot(11, 5));
    m_panel->refresh();
    QCOMPARE(chart->series().size(), 5);
    auto* band = qobject_cast<QAreaSeries*>(chart->series().first()); // under the data
    QVERIFY(band);
    QCOMPARE(band->upperSeries()->at(1).x(), 15.5);
    QCOMPARE(seriesNamed(chart, QStringLiteral("Negotiations")), negotiations); // kept, not rebuilt

    m_panel->append(run.snapshot(16, 20));
    m_panel->refresh();
    QCOMPARE(chart->series().first(), band);
    QCOMPARE(band->upperSeries()->at(1).x(), 20.5);
}

void TestChartsPanel::staticPartFromScenario()
{
    haggle::Scenario scenario;
    scenario.name = "Rush";
    scenario.rounds = 40;
    for (const char* type : { "fair", "cheater", "adaptive" }) {
        haggle::AgentSpec agent;
        agent.id = std::string("id-") + type;
        agent.strategy.type = type;
        scenario.agents.push_back(agent);
    }
    scenario.agents[2].strategy.trustThreshold = 0.35;
    scenario.demand.phases.push_back({ "outage", 30, 60, {} }); // clipped to the run
    scenario.demand.phases.push_back({ "rush hour", 11, 20, {} });
    const ChartInput input = RunChartData::staticPartFor(scenario);
    QCOMPARE(input.title, QStringLiteral("Rush"));
    QCOMPARE(input.agentIds,
        (QStringList { QStringLiteral("id-fair"), QStringLiteral("id-cheater"), QStringLiteral("id-adaptive") }));
    QCOMPARE(input.agentStrategies.at(1), QStringLiteral("cheater"));
    QCOMPARE(input.highlighted, (std::vector<bool> { false, true, false }));
    QCOMPARE(input.trustThreshold, std::optional<double>(0.35));
    QCOMPARE(input.phases.size(), std::size_t(2));
    QCOMPARE(input.phases[0].name, RushHour);
    QCOMPARE(input.phases[1].firstRound, 30);
    QCOMPARE(input.phases[1].lastRound, 40);
    QVERIFY(input.rounds.empty());
}

void TestChartsPanel::legendTogglesSeries()
{
    Run run;
    run.phaseFirst = 5;
    run.phaseLast = 9;
    feed(run, { 4 }, 50);
    QChart* chart = m_panel->chart(Kind::Reputation);
    QAbstractSeries* series = seriesNamed(chart, QStringLiteral("agent-3"));
    QVERIFY(series);
    const QList<QLegendMarker*> markers = chart->legend()->markers(series);
    QCOMPARE(markers.size(), 1);
    QLegendMarker* marker = markers.first();
    const QColor labelColor = marker->labelBrush().color();

    emit marker->clicked();
    QVERIFY(!series->isVisible());
    QTRY_VERIFY(marker->isVisible()); // still there (once the legend is laid out), to bring the series back
    QVERIFY(marker->labelBrush().color().alpha() < labelColor.alpha());

    // Later frames keep it hidden.
    m_panel->append(run.snapshot(51, 10));
    m_panel->refresh();
    QVERIFY(!series->isVisible());

    emit marker->clicked();
    QVERIFY(series->isVisible());
    QCOMPARE(marker->labelBrush().color(), labelColor);

    // A phase band toggles too.
    QAbstractSeries* band = seriesNamed(m_panel->chart(Kind::Activity), RushHour);
    QVERIFY(band);
    emit m_panel->chart(Kind::Activity)->legend()->markers(band).first()->clicked();
    QVERIFY(!band->isVisible());
}

void TestChartsPanel::hoverShowsValues()
{
    Run run;
    feed(run, {}, 30);
    auto* deals = qobject_cast<QXYSeries*>(seriesNamed(m_panel->chart(Kind::Activity), QStringLiteral("Deals")));
    QVERIFY(deals);
    QCOMPARE(ChartsPanel::hoverText(deals, QPointF(12.3, 1.7)), QStringLiteral("Deals: 12, 2"));
    QCOMPARE(ChartsPanel::hoverText(deals, QPointF(12.6, 0.0)), QStringLiteral("Deals: 13, 2"));
    QCOMPARE(ChartsPanel::hoverText(deals, QPointF(99.0, 0.0)), QStringLiteral("Deals: 30, 2"));
    auto* rate = qobject_cast<QXYSeries*>(seriesNamed(m_panel->chart(Kind::Activity), QStringLiteral("Success")));
    QCOMPARE(ChartsPanel::hoverText(rate, QPointF(0.0, 0.0)),
        QStringLiteral("Success rate: 1, ") + QString::number(2.0 / 7.0, 'g', 6));

    emit deals->hovered(QPointF(4.2, 2.0), true);
    QTRY_COMPARE(QToolTip::text(), QStringLiteral("Deals: 4, 2"));
    emit deals->hovered(QPointF(4.2, 2.0), false);
    QTRY_VERIFY(!QToolTip::isVisible());
}

void TestChartsPanel::rightClickResetsZoom()
{
    Run run;
    feed(run, {}, 100);
    QChart* chart = m_panel->chart(Kind::Wealth);
    auto* xAxis = qobject_cast<QValueAxis*>(chart->axes(Qt::Horizontal).first());
    const QRectF plot = chart->plotArea();
    chart->zoomIn(QRectF(plot.left() + plot.width() * 0.25, plot.top(), plot.width() * 0.5, plot.height()));
    QVERIFY(chart->isZoomed());
    const double zoomedMax = xAxis->max();
    QVERIFY(zoomedMax < 100.0);

    // Live frames leave the user's zoom alone.
    m_panel->append(run.snapshot(101, 50));
    m_panel->refresh();
    QCOMPARE(xAxis->max(), zoomedMax);

    QTest::mouseClick(m_panel->view(Kind::Wealth)->viewport(), Qt::RightButton, {}, plot.center().toPoint());
    QVERIFY(!chart->isZoomed());
    QCOMPARE(xAxis->min(), 0.5);
    QCOMPARE(xAxis->max(), 150.5);
}

void TestChartsPanel::tabbedSkipsHiddenCharts()
{
    m_panel->setTabbed(true);
    QVERIFY(m_panel->isTabbed());
    QVERIFY(m_panel->view(Kind::Price)->isVisible());
    QVERIFY(!m_panel->view(Kind::Wealth)->isVisible());
    Run run;
    feed(run, {}, 40);
    auto* price = qobject_cast<QXYSeries*>(m_panel->chart(Kind::Price)->series().first());
    QCOMPARE(price->count(), 80);
    auto* wealth = qobject_cast<QXYSeries*>(seriesNamed(m_panel->chart(Kind::Wealth), QStringLiteral("agent-1")));
    QVERIFY(!wealth || wealth->count() == 0); // not drawn while hidden

    auto* tabs = m_panel->findChild<QTabWidget*>();
    QVERIFY(tabs);
    tabs->setCurrentWidget(m_panel->view(Kind::Wealth));
    QVERIFY(m_panel->view(Kind::Wealth)->isVisible());
    wealth = qobject_cast<QXYSeries*>(seriesNamed(m_panel->chart(Kind::Wealth), QStringLiteral("agent-1")));
    QVERIFY(wealth);
    QCOMPARE(wealth->count(), 40); // caught up when shown

    // Untabbed: the first page's charts, as many as fit, all in view.
    m_panel->setTabbed(false);
    QCOMPARE(m_panel->shownKinds(), Kind::All.mid(0, m_panel->chartsPerPage()));
    for (const QString& kind : m_panel->shownKinds())
        QVERIFY(m_panel->view(kind)->isVisible());
}

void TestChartsPanel::chartsPerPageFollowTheSpace()
{
    // As many charts share the panel as each get ChartsPanel::MinChartSize; tabs lead to the others.
    auto* pages = m_panel->findChild<QTabWidget*>();
    QVERIFY(pages);
    const auto layoutAt = [&](int width, int height) {
        m_panel->resize(width, height);
        QTest::qWait(10);
        return std::pair(m_panel->chartsPerPage(), m_panel->shownKinds().size());
    };
    QCOMPARE(layoutAt(2600, 1400), std::pair(6, qsizetype(6)));
    QCOMPARE(pages->count(), 2); // six, then the other three
    QVERIFY(pages->tabBar()->isVisible());
    QCOMPARE(layoutAt(1100, 700), std::pair(4, qsizetype(4)));
    QCOMPARE(pages->count(), 3);
    QCOMPARE(layoutAt(1100, 400), std::pair(2, qsizetype(2)));
    QCOMPARE(pages->count(), 5);
    QVERIFY(pages->tabText(2).contains(m_panel->title(Kind::Wealth)));
    pages->setCurrentIndex(1);
    QCOMPARE(m_panel->shownKinds(), (QStringList { Kind::Reputation, Kind::Activity }));
    // As many a page, but one column of two: the charts stack rather than sit side by side.
    pages->setCurrentIndex(0);
    QCOMPARE(layoutAt(700, 700), std::pair(2, qsizetype(2)));
    QCOMPARE(m_panel->view(Kind::Price)->x(), m_panel->view(Kind::RoundPrice)->x());
    QVERIFY(m_panel->view(Kind::Price)->y() < m_panel->view(Kind::RoundPrice)->y());
    pages->setCurrentIndex(1);
    QCOMPARE(layoutAt(700, 500), std::pair(1, qsizetype(1)));
    QCOMPARE(m_panel->shownKinds(), QStringList { Kind::Reputation }); // the page in view stays in view
    QCOMPARE(pages->count(), 9);
    QVERIFY(m_panel->chart(Kind::Reputation)->title().isEmpty()); // its tab names it

    // A double-click enlarges a chart; another brings the page back.
    layoutAt(1100, 700);
    QWidget* viewport = m_panel->view(Kind::Reputation)->viewport();
    QTest::mouseDClick(viewport, Qt::LeftButton, {}, viewport->rect().center());
    QCOMPARE(m_panel->enlarged(), Kind::Reputation);
    QCOMPARE(m_panel->shownKinds(), QStringList { Kind::Reputation });
    QCOMPARE(m_panel->chart(Kind::Reputation)->title(), m_panel->title(Kind::Reputation));
    QTest::mouseDClick(viewport, Qt::LeftButton, {}, viewport->rect().center());
    QVERIFY(m_panel->enlarged().isEmpty());
    QCOMPARE(m_panel->shownKinds().size(), 4);
}

void TestChartsPanel::exportPng_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qreal>("scale");
    for (const QString& kind : Kind::All)
        for (const qreal scale : { 1.0, 2.0 })
            QTest::addRow("%s x%.0f", qPrintable(kind), scale) << kind << scale;
}

void TestChartsPanel::exportPng()
{
    QFETCH(QString, kind);
    QFETCH(qreal, scale);
    Run run;
    run.phaseFirst = 20;
    run.phaseLast = 30;
    feed(run, { 4 }, 60);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("chart.png"));
    QString error;
    QVERIFY2(m_panel->exportPng(kind, path, ExportSize, scale, &error), qPrintable(error));
    QImage image;
    QVERIFY(image.load(path, "PNG"));
    QCOMPARE(image.size(), QSize(qRound(ExportSize.width() * scale), qRound(ExportSize.height() * scale)));
    QVERIFY(nonWhitePixels(image) > image.width() * image.height() / 50);
    // The chart went back to its view.
    QCOMPARE(m_panel->view(kind)->chart()->scene(), m_panel->view(kind)->scene());
}

void TestChartsPanel::exportSvg_data()
{
    QTest::addColumn<QString>("kind");
    for (const QString& kind : Kind::All)
        QTest::newRow(qPrintable(kind)) << kind;
}

void TestChartsPanel::exportSvg()
{
    QFETCH(QString, kind);
    Run run;
    feed(run, { 4 }, 60);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("chart.svg"));
    QString error;
    QVERIFY2(m_panel->exportSvg(kind, path, ExportSize, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString root;
    int elements = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && elements++ == 0)
            root = xml.name().toString();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(root, QStringLiteral("svg"));
    QVERIFY(elements > 20);
    file.seek(0);
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains(QStringLiteral("<title>Synthetic: ") + m_panel->title(kind) + QStringLiteral("</title>")));
    QCOMPARE(m_panel->chart(kind)->title(), m_panel->title(kind)); // back to the screen's title
}

void TestChartsPanel::exportCsv()
{
    Run run;
    feed(run, {}, 25);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("activity.csv"));
    QString error;
    QVERIFY2(m_panel->exportCsv(Kind::Activity, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), QStringLiteral("series,x,y"));
    QStringList dealRows;
    for (const QString& line : lines)
        if (line.startsWith(QStringLiteral("Deals,")))
            dealRows.append(line);
    auto* deals = qobject_cast<QXYSeries*>(seriesNamed(m_panel->chart(Kind::Activity), QStringLiteral("Deals")));
    QCOMPARE(dealRows.size(), deals->count());
    QCOMPARE(dealRows.value(6), QStringLiteral("Deals,7,2"));
    // Four lines of 25 points (negotiations, deals, the rate per round and rolling).
    QCOMPARE(lines.size(), 1 + 4 * 25);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { QStringLiteral("activity.csv") });
}

// A preset's look: its pixels exactly, its text larger (more ink in the title's band of the image), and the chart's
// own fonts back afterwards.
void TestChartsPanel::exportLookSetsPixelsAndText()
{
    Run run;
    feed(run, { 4 }, 40);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QChart* chart = m_panel->chart(Kind::Activity);
    const QFont titleFont = chart->titleFont();
    const QFont labelsFont = chart->axes(Qt::Horizontal).first()->labelsFont();
    const auto titleInk = [](const QImage& image) {
        // The title is the first text from the top: the rows above the plot's top tenth.
        return nonWhitePixels(image.copy(0, 0, image.width(), image.height() / 10));
    };
    QImage plain;
    QImage large;
    QString error;
    const QString plainPath = dir.filePath(QStringLiteral("plain.png"));
    const QString largePath = dir.filePath(QStringLiteral("large.png"));
    QVERIFY2(
        m_panel->exportPng(Kind::Activity, plainPath, haggle::charts::ExportLook { { 600, 400 }, 4.0, 1.0 }, &error),
        qPrintable(error));
    QVERIFY2(
        m_panel->exportPng(Kind::Activity, largePath, haggle::charts::ExportLook { { 600, 400 }, 4.0, 1.5 }, &error),
        qPrintable(error));
    QVERIFY(plain.load(plainPath));
    QVERIFY(large.load(largePath));
    QCOMPARE(plain.size(), QSize(2400, 1600)); // the paper-column preset: 600 x 400 at 4x
    QCOMPARE(large.size(), QSize(2400, 1600));
    QVERIFY2(titleInk(large) > titleInk(plain) * 1.5,
        qPrintable(QStringLiteral("%1 vs %2").arg(titleInk(large)).arg(titleInk(plain))));
    QCOMPARE(chart->titleFont(), titleFont);
    QCOMPARE(chart->axes(Qt::Horizontal).first()->labelsFont(), labelsFont);
}

// A series hidden from the legend on screen (a click on its entry) is neither drawn nor named in an export.
void TestChartsPanel::exportLeavesHiddenSeriesOutOfTheLegend()
{
    Run run;
    feed(run, { 4 }, 40);
    QChart* chart = m_panel->chart(Kind::Activity);
    QAbstractSeries* deals = seriesNamed(chart, QStringLiteral("Deals"));
    QVERIFY(deals);
    QLegendMarker* marker = chart->legend()->markers(deals).first();
    emit marker->clicked();
    QVERIFY(!deals->isVisible());
    QVERIFY(marker->isVisible()); // on screen the greyed entry stays: a click brings the series back
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("activity.svg"));
    QString error;
    QVERIFY2(m_panel->exportSvg(Kind::Activity, path, haggle::charts::ExportLook {}, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(file.readAll());
    QVERIFY(svg.contains(QStringLiteral(">Negotiations<")));
    QVERIFY(!svg.contains(QStringLiteral(">Deals<")));
    QVERIFY(marker->isVisible()); // and back on screen
    emit marker->clicked();
    QVERIFY2(m_panel->exportSvg(Kind::Activity, path, haggle::charts::ExportLook {}, &error), qPrintable(error));
    QFile again(path);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(again.readAll()).contains(QStringLiteral(">Deals<")));
}

// Presentation mode's larger text: every chart's fonts scale, and scale back exactly.
void TestChartsPanel::fontScaleForPresenting()
{
    QChart* chart = m_panel->chart(Kind::Reputation);
    const QFont title = chart->titleFont();
    const QFont legend = chart->legend()->font();
    m_panel->setFontScale(1.4);
    QCOMPARE(chart->titleFont().pointSizeF(), title.pointSizeF() * 1.4);
    QCOMPARE(chart->legend()->font().pointSizeF(), legend.pointSizeF() * 1.4);
    for (QAbstractAxis* axis : chart->axes())
        QVERIFY(axis->labelsFont().pointSizeF() > legend.pointSizeF());
    m_panel->setFontScale(1.0);
    QCOMPARE(chart->titleFont(), title);
    QCOMPARE(chart->legend()->font(), legend);
}

void TestChartsPanel::exportAll()
{
    Run run;
    run.phaseFirst = 3;
    run.phaseLast = 6;
    feed(run, { 4 }, 30);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    const QStringList written = m_panel->exportAll(dir.path(), ExportSize, 1.5, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(written.size(), 3 * Kind::Drawn.size());
    QStringList expected;
    for (const QString& kind : Kind::Drawn)
        for (const char* ext : { ".png", ".svg", ".csv" })
            expected.append(kind + QLatin1String(ext));
    QCOMPARE(written, expected);
    QStringList onDisk = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
    onDisk.sort();
    expected.sort();
    QCOMPARE(onDisk, expected);
    QImage image;
    QVERIFY(image.load(dir.filePath(QStringLiteral("wealth.png"))));
    QCOMPARE(image.size(), QSize(600, 450));
}

void TestChartsPanel::exportToMissingDirectoryFails_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("png") << QStringLiteral("png");
    QTest::newRow("svg") << QStringLiteral("svg");
    QTest::newRow("csv") << QStringLiteral("csv");
    QTest::newRow("all") << QStringLiteral("all");
}

void TestChartsPanel::exportToMissingDirectoryFails()
{
    QFETCH(QString, format);
    Run run;
    feed(run, {}, 20);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("missing/sub"));
    const QString path = missing + QStringLiteral("/chart.") + format;
    QString error;
    bool ok = false;
    if (format == QStringLiteral("png"))
        ok = m_panel->exportPng(Kind::Reputation, path, ExportSize, 2.0, &error);
    else if (format == QStringLiteral("svg"))
        ok = m_panel->exportSvg(Kind::Reputation, path, ExportSize, &error);
    else if (format == QStringLiteral("csv"))
        ok = m_panel->exportCsv(Kind::Reputation, path, &error);
    else
        ok = !m_panel->exportAll(missing, ExportSize, 1.0, &error).isEmpty();
    QVERIFY(!ok);
    QVERIFY(!error.isEmpty());
    QVERIFY(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
}

// A chart kind registered by the test alone (tests/charts/testchartkind.h) gets its tab, is drawn from a real run's
// buffers and is exported with the others: the panel knows no list of kinds but the catalog's.
void TestChartsPanel::aRegisteredKindShowsForARun()
{
    using namespace haggle;
    // The one line that adds the kind; the guard takes it out again, so the other tests see the built-in kinds.
    charts::registerChart<charts::test::TestVolumeChart>(charts::chartCatalog());
    const auto unregister = qScopeGuard([] { charts::chartCatalog().remove("test-volume"); });
    const QString testKind = QStringLiteral("test-volume");

    ChartsPanel panel;
    panel.resize(1600, 1000);
    panel.setTabbed(true);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCOMPARE(panel.kinds(), Kind::All + QStringList { testKind });
    QCOMPARE(panel.title(testKind), QStringLiteral("Test volume"));
    auto* tabs = panel.findChild<QTabWidget*>();
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), Kind::All.size() + 1);
    QCOMPARE(tabs->tabText(Kind::All.size()), QStringLiteral("Test volume"));

    ui::Run run;
    panel.setRun(&run);
    Scenario scenario = lab::builtinScenario("rush-hour");
    scenario.rounds = 30;
    QSignalSpy started(&run, &ui::Run::startedOver);
    run.reset(scenario);
    QVERIFY(started.wait(30000));
    run.controller()->step(30);
    QVERIFY(ui::testing::waitForRound(*run.controller(), 30, 30000));
    QCOMPARE(run.newestRound(), 30);

    tabs->setCurrentWidget(panel.view(testKind));
    panel.refresh();
    auto* volume = qobject_cast<QXYSeries*>(seriesNamed(panel.chart(testKind), QStringLiteral("Volume")));
    QVERIFY(volume);
    QCOMPARE(volume->count(), 30);
    const auto& rounds = run.chartData().input().rounds;
    QCOMPARE(rounds.size(), std::size_t(30));
    for (int i = 0; i < 30; ++i)
        QCOMPARE(volume->at(i), QPointF(rounds[std::size_t(i)].round, rounds[std::size_t(i)].volume));
    QVERIFY(std::any_of(rounds.begin(), rounds.end(), [](const RoundSummary& r) { return r.volume > 0.0; }));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    const QStringList written = panel.exportAll(dir.path(), ExportSize, 1.0, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(written.size(), 3 * (Kind::Drawn.size() + 1));
    QVERIFY(written.contains(QStringLiteral("test-volume.csv")));
    QImage image;
    QVERIFY(image.load(dir.filePath(QStringLiteral("test-volume.png"))));
    QVERIFY(nonWhitePixels(image) > image.width() * image.height() / 50);
    QFile csv(dir.filePath(QStringLiteral("test-volume.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
    QCOMPARE(csv.readLine(), QByteArray("series,x,y\n"));
    QVERIFY(csv.readLine().startsWith("Volume,1,"));
}

QTEST_MAIN(TestChartsPanel)
#include "tst_chartspanel.moc"
