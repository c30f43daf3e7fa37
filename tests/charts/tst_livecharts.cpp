// Tests of the live chart objects: series kept across updates and rebuilt only when the set of series changes,
// the same charts as the one-shot builders, reduced (sampled) inputs drawn like full ones, the chart catalog and the
// one reduction of a run (RunChartData) drawing like the full data, zoom, ownership, the decimating buffer and the
// charts' CSV.
#include "activitychart.h"
#include "chartbuilder.h"
#include "chartcatalog.h"
#include "chartcsv.h"
#include "chartexport.h"
#include "chartinput.h"
#include "chartstyle.h"
#include "decimator.h"
#include "detectionchart.h"
#include "livechart.h"
#include "pricechart.h"
#include "reputationchart.h"
#include "runchartdata.h"
#include "wealthchart.h"

#include "chartsamples.h"

#include <QRegularExpression>
#include <QTest>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QBoxPlotSeries>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <cmath>
#include <limits>
#include <memory>

using namespace haggle::charts;
using namespace chartsamples;

namespace {

std::unique_ptr<LiveChart> newLiveChart(Kind kind)
{
    switch (kind) {
    case Kind::Price:
        return std::make_unique<PriceConvergenceChart>();
    case Kind::RoundPrice:
        return std::make_unique<RoundPriceChart>();
    case Kind::Reputation:
        return std::make_unique<ReputationChart>();
    case Kind::Activity:
        return std::make_unique<MarketActivityChart>();
    case Kind::Wealth:
        return std::make_unique<WealthChart>();
    case Kind::Ranking:
        break;
    }
    return nullptr;
}

// The first `rounds` rounds of a run and the deals made in them.
ChartInput prefix(const ChartInput& input, int rounds)
{
    ChartInput part = input;
    part.rounds.resize(std::min(part.rounds.size(), static_cast<std::size_t>(rounds)));
    std::erase_if(part.deals, [rounds](const haggle::DealRecord& d) { return d.round > rounds; });
    return part;
}

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

// Everything a chart draws from its data: series (type, name, points, pen), legend entries and axis ranges.
void verifySameChart(QChart* actual, QChart* expected)
{
    QCOMPARE(actual->title(), expected->title());
    const QList<QAbstractSeries*> a = actual->series();
    const QList<QAbstractSeries*> e = expected->series();
    QCOMPARE(a.size(), e.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        QCOMPARE(a.at(i)->type(), e.at(i)->type());
        QCOMPARE(a.at(i)->name(), e.at(i)->name());
        QCOMPARE(legendEntryVisible(actual, a.at(i)), legendEntryVisible(expected, e.at(i)));
    }
    const QList<QXYSeries*> ax = xySeriesOf(actual);
    const QList<QXYSeries*> ex = xySeriesOf(expected);
    QCOMPARE(ax.size(), ex.size());
    for (qsizetype i = 0; i < ax.size(); ++i) {
        QCOMPARE(ax.at(i)->points(), ex.at(i)->points());
        QCOMPARE(ax.at(i)->pen(), ex.at(i)->pen());
    }
    const QList<QAbstractAxis*> aAxes = actual->axes();
    const QList<QAbstractAxis*> eAxes = expected->axes();
    QCOMPARE(aAxes.size(), eAxes.size());
    for (qsizetype i = 0; i < aAxes.size(); ++i) {
        auto* av = qobject_cast<QValueAxis*>(aAxes.at(i));
        auto* ev = qobject_cast<QValueAxis*>(eAxes.at(i));
        QCOMPARE(av != nullptr, ev != nullptr);
        if (!av)
            continue;
        QCOMPARE(av->min(), ev->min());
        QCOMPARE(av->max(), ev->max());
        QCOMPARE(av->tickCount(), ev->tickCount());
        QCOMPARE(av->tickInterval(), ev->tickInterval());
    }
}

// The reduced form of a run, as a live buffer without decimation would hold it.
ChartInput reduced(const ChartInput& full)
{
    ChartInput input = full;
    const qsizetype agents = full.agentIds.size();
    const bool summarise = agents > MaxAgentLines;
    const auto sample = [&](std::vector<double> haggle::RoundSummary::*values) {
        AgentSamples samples;
        samples.agentCount = agents;
        for (qsizetype a = 0; a < agents; ++a)
            if (!summarise || full.highlighted[static_cast<std::size_t>(a)])
                samples.agents.push_back(a);
        for (const haggle::RoundSummary& round : full.rounds) {
            const std::vector<double>& row = round.*values;
            AgentSample s;
            s.round = round.round;
            double sum = 0.0;
            s.low = row[0];
            s.high = row[0];
            for (const double v : row) {
                sum += v;
                s.low = std::min(s.low, v);
                s.high = std::max(s.high, v);
            }
            s.mean = sum / double(row.size());
            for (const qsizetype a : samples.agents)
                s.values.push_back(row[static_cast<std::size_t>(a)]);
            samples.rounds.push_back(std::move(s));
        }
        return samples;
    };
    input.netWorthSamples = sample(&haggle::RoundSummary::netWorth);
    input.reputationSamples = sample(&haggle::RoundSummary::meanReputation);
    std::vector<DealSample> deals;
    const int window = std::max(1, full.rollingWindow);
    long double sum = 0.0L;
    for (std::size_t i = 0; i < full.deals.size(); ++i) {
        sum += full.deals[i].unitPrice;
        if (i >= static_cast<std::size_t>(window))
            sum -= full.deals[i - static_cast<std::size_t>(window)].unitPrice;
        const auto inWindow = static_cast<long double>(std::min<std::size_t>(i + 1, static_cast<std::size_t>(window)));
        deals.push_back({ qint64(i + 1), full.deals[i].unitPrice, static_cast<double>(sum / inWindow) });
    }
    input.dealSamples = std::move(deals);
    // The reduced parts replace these: emptied to prove they are not read.
    input.deals.clear();
    for (haggle::RoundSummary& round : input.rounds) {
        round.netWorth.clear();
        round.meanReputation.clear();
    }
    return input;
}

} // namespace

class TestLiveCharts : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void updatesKeepTheSeries_data();
    void updatesKeepTheSeries();
    void liveEqualsOneShot_data();
    void liveEqualsOneShot();
    void crossingTheSummaryRuleRebuilds();
    void phasesAddBandsUnderTheData();
    void samplesDrawLikeRounds_data();
    void samplesDrawLikeRounds();
    void zoomKeepsTheXRange();
    void releasedChartKeepsUpdating();

    void decimatorBoundsAndSpreads_data();
    void decimatorBoundsAndSpreads();

    void csvOfXYSeries();
    void csvOfAreaSeries();
    void csvOfBoxPlots();
    void csvNeutralisesText_data();
    void csvNeutralisesText();

    void roundPricesGatherEachRound();
    void catalogHoldsTheRunCharts();
    void detectionSpansFollowTheChanges();
    void detectionRowsAreCappedToCheatersAndIsolated();
    void runChartDataDrawsLikeTheFullInput_data();
    void runChartDataDrawsLikeTheFullInput();

private:
    ChartInput m_small;
    ChartInput m_large;
};

void TestLiveCharts::initTestCase()
{
    m_small = smallInput();
    m_large = largeInput();
}

void TestLiveCharts::updatesKeepTheSeries_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<bool>("large");
    for (const Kind kind : RunKinds) {
        QTest::addRow("%s small", qPrintable(kindName(kind))) << kind << false;
        QTest::addRow("%s 1000 agents", qPrintable(kindName(kind))) << kind << true;
    }
}

void TestLiveCharts::updatesKeepTheSeries()
{
    QFETCH(Kind, kind);
    QFETCH(bool, large);
    const ChartInput& input = large ? m_large : m_small;
    const std::unique_ptr<LiveChart> live = newLiveChart(kind);
    live->update(prefix(input, 10));
    const QList<QAbstractSeries*> series = live->chart()->series();
    const QList<QXYSeries*> xy = xySeriesOf(live->chart());
    const QList<QAbstractAxis*> axes = live->chart()->axes();
    QVERIFY(!series.isEmpty());
    qsizetype before = 0;
    for (QXYSeries* s : xy)
        before += s->count();

    live->update(prefix(input, 20));
    live->update(input);
    QCOMPARE(live->chart()->series(), series);
    QCOMPARE(xySeriesOf(live->chart()), xy);
    QCOMPARE(live->chart()->axes(), axes);
    qsizetype after = 0;
    for (QXYSeries* s : xy)
        after += s->count();
    QVERIFY(after > before);
}

void TestLiveCharts::liveEqualsOneShot_data()
{
    updatesKeepTheSeries_data();
}

// A chart updated frame after frame ends where a chart built once from the last frame's data does.
void TestLiveCharts::liveEqualsOneShot()
{
    QFETCH(Kind, kind);
    QFETCH(bool, large);
    const ChartInput& input = large ? m_large : m_small;
    const std::unique_ptr<LiveChart> live = newLiveChart(kind);
    for (const int rounds : { 0, 1, 7, 15, 30 })
        live->update(prefix(input, rounds));
    live->update(input);
    const std::unique_ptr<QChart> once = makeChart(kind, input);
    // Rendering lays the legend out, so legend entries can be compared; the pixels must agree too.
    const QImage liveImage = renderChartImage(live->chart(), ExportSize, 1.0);
    const QImage onceImage = renderChartImage(once.get(), ExportSize, 1.0);
    verifyNotBlank(liveImage);
    verifySameChart(live->chart(), once.get());
    QVERIFY(liveImage == onceImage);
}

void TestLiveCharts::crossingTheSummaryRuleRebuilds()
{
    ReputationChart live;
    live.update(m_small);
    QCOMPARE(live.chart()->series().size(), 7); // rush hour + 5 agents + threshold
    QAbstractSeries* threshold = seriesNamed(live.chart(), QStringLiteral("Trust threshold"));
    QAbstractSeries* cheater = seriesNamed(live.chart(), QStringLiteral("a5"));
    QVERIFY(threshold && cheater);

    live.update(m_large);
    QCOMPARE(live.chart()->series().size(), 7); // rush hour + band + mean + 3 highlighted + threshold
    QCOMPARE(seriesOf<QAreaSeries>(live.chart()).size(), 2);
    QCOMPARE(seriesNamed(live.chart(), QStringLiteral("Trust threshold")), threshold); // same name: kept
    QVERIFY(!seriesNamed(live.chart(), QStringLiteral("a1")));

    live.update(m_small);
    QCOMPARE(seriesOf<QAreaSeries>(live.chart()).size(), 1); // the rush hour only
    QCOMPARE(live.chart()->series().size(), 7);
    QCOMPARE(live.chart()->series().last(), threshold); // still drawn last
}

void TestLiveCharts::phasesAddBandsUnderTheData()
{
    MarketActivityChart live;
    ChartInput input = m_small;
    input.phases.clear();
    live.update(input);
    const QList<QAbstractSeries*> lines = live.chart()->series();
    QCOMPARE(lines.size(), 4); // negotiations, deals, the success rate per round and rolling

    input.phases = { { RushHour, 5, 8 }, { QStringLiteral("outage"), 12, 14 }, { RushHour, 20, 25 } };
    live.update(input);
    const QList<QAbstractSeries*> all = live.chart()->series();
    QCOMPARE(all.size(), 7);
    QCOMPARE(all.mid(3), lines); // the data lines kept, and on top
    for (qsizetype i = 0; i < 3; ++i)
        QVERIFY(qobject_cast<QAreaSeries*>(all.at(i)));
    verifyNotBlank(renderChartImage(live.chart(), ExportSize, 1.0));
    QVERIFY(legendEntryVisible(live.chart(), all.at(0)));
    QVERIFY(!legendEntryVisible(live.chart(), all.at(2))); // the rush hour again
    QVERIFY(all.at(2)->property(style::LegendHiddenProperty).toBool());

    // A band that grows is the same band.
    input.phases.back().lastRound = 28;
    live.update(input);
    QCOMPARE(live.chart()->series(), all);
    QCOMPARE(qobject_cast<QAreaSeries*>(all.at(2))->upperSeries()->at(1).x(), 28.5);

    input.phases.clear();
    live.update(input);
    QCOMPARE(live.chart()->series(), lines);
}

void TestLiveCharts::samplesDrawLikeRounds_data()
{
    // The activity chart reads rounds only: it has no reduced form.
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<bool>("large");
    for (const Kind kind : { Kind::Price, Kind::Reputation, Kind::Wealth }) {
        QTest::addRow("%s small", qPrintable(kindName(kind))) << kind << false;
        QTest::addRow("%s 1000 agents", qPrintable(kindName(kind))) << kind << true;
    }
}

void TestLiveCharts::samplesDrawLikeRounds()
{
    QFETCH(Kind, kind);
    QFETCH(bool, large);
    const ChartInput& full = large ? m_large : m_small;
    const std::unique_ptr<QChart> fromRounds = makeChart(kind, full);
    const std::unique_ptr<QChart> fromSamples = makeChart(kind, reduced(full));
    verifyNotBlank(renderChartImage(fromRounds.get(), ExportSize, 1.0));
    verifyNotBlank(renderChartImage(fromSamples.get(), ExportSize, 1.0));
    verifySameChart(fromSamples.get(), fromRounds.get());
}

void TestLiveCharts::zoomKeepsTheXRange()
{
    WealthChart live;
    live.update(prefix(m_small, 20));
    QChartView view(live.release().release());
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QChart* chart = view.chart();
    auto* xAxis = qobject_cast<QValueAxis*>(chart->axes(Qt::Horizontal).first());
    const QRectF plot = chart->plotArea();
    chart->zoomIn(QRectF(plot.left() + plot.width() / 4, plot.top(), plot.width() / 2, plot.height()));
    const double min = xAxis->min();
    const double max = xAxis->max();
    QVERIFY(max < 20.0);
    live.update(m_small);
    QCOMPARE(xAxis->min(), min);
    QCOMPARE(xAxis->max(), max);
    chart->zoomReset();
    live.update(m_small);
    QCOMPARE(xAxis->max(), 30.5);
}

void TestLiveCharts::releasedChartKeepsUpdating()
{
    auto live = std::make_unique<PriceConvergenceChart>();
    QChart* chart = live->chart();
    std::unique_ptr<QChart> owned = live->release();
    QCOMPARE(owned.get(), chart);
    QVERIFY(!live->release()); // once only
    live->update(m_small);
    QCOMPARE(live->chart(), chart);
    QCOMPARE(qobject_cast<QScatterSeries*>(chart->series().first())->count(), 40);
    owned.reset(); // the new owner deletes it
    QVERIFY(!live->chart());
    live->update(m_small); // a no-op, not a crash
}

void TestLiveCharts::decimatorBoundsAndSpreads_data()
{
    QTest::addColumn<qsizetype>("cap");
    QTest::addColumn<int>("pushes");
    QTest::newRow("under the cap") << qsizetype(100) << 60;
    QTest::newRow("exactly the cap") << qsizetype(100) << 100;
    QTest::newRow("one over") << qsizetype(100) << 101;
    QTest::newRow("odd count") << qsizetype(100) << 1'337;
    QTest::newRow("many halvings") << qsizetype(64) << 100'000;
    QTest::newRow("small cap") << qsizetype(1) << 1'000;
    QTest::newRow("default cap, a million") << Decimator::DefaultCap << 1'000'000;
}

void TestLiveCharts::decimatorBoundsAndSpreads()
{
    QFETCH(qsizetype, cap);
    QFETCH(int, pushes);
    Decimator decimator(cap);
    std::vector<int> buffer;
    // Vectors inside entries survive the moves of a halving.
    std::vector<std::vector<int>> nested;
    Decimator nestedDecimator(cap);
    for (int i = 0; i < pushes; ++i) {
        decimator.push(buffer, i);
        if (pushes <= 2'000)
            nestedDecimator.push(nested, std::vector<int> { i, i });
        QVERIFY(qsizetype(buffer.size()) <= decimator.cap());
    }
    QCOMPARE(decimator.pushed(), qint64(pushes));
    QCOMPARE(buffer.front(), 0);
    QCOMPARE(buffer.back(), pushes - 1);
    const qsizetype stride = decimator.stride();
    for (std::size_t k = 0; k + 1 < buffer.size(); ++k)
        QCOMPARE(buffer[k], int(k * std::size_t(stride))); // evenly spread, the newest apart
    if (pushes > cap)
        QVERIFY(qsizetype(buffer.size()) > decimator.cap() / 2 - 1);
    else
        QCOMPARE(qsizetype(buffer.size()), qsizetype(pushes));
    if (pushes <= 2'000) {
        QCOMPARE(nested.size(), buffer.size());
        for (std::size_t k = 0; k < nested.size(); ++k)
            QCOMPARE(nested[k], (std::vector<int> { buffer[k], buffer[k] }));
    }
}

void TestLiveCharts::csvOfXYSeries()
{
    QVERIFY(chartDataCsv(nullptr).empty());
    const std::unique_ptr<QChart> chart(makePriceConvergenceChart(m_small));
    const QString csv = QString::fromStdString(chartDataCsv(chart.get()));
    const QStringList lines = csv.split(QLatin1Char('\n'));
    QCOMPARE(lines.first(), QStringLiteral("series,x,y"));
    QCOMPARE(lines.last(), QString()); // every row ends in a newline
    QCOMPARE(lines.size(), 1 + 40 + 40 + 2 + 1);
    QCOMPARE(lines.at(1), QStringLiteral("Deal unit price,1,%1").arg(m_small.deals[0].unitPrice, 0, 'g', 17));
    QCOMPARE(lines.at(1).split(QLatin1Char(',')).at(2).toDouble(), m_small.deals[0].unitPrice); // exact
    QCOMPARE(lines.at(41).section(QLatin1Char(','), 0, 0), QStringLiteral("Rolling mean (10 deals)"));
    QCOMPARE(lines.at(81), QStringLiteral("Reference price (1.00),1,1"));
}

void TestLiveCharts::csvOfAreaSeries()
{
    const std::unique_ptr<QChart> chart(makeWealthChart(m_large));
    const QStringList lines = QString::fromStdString(chartDataCsv(chart.get())).split(QLatin1Char('\n'));
    QCOMPARE(lines.first(), QStringLiteral("series,x,y"));
    QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^Min-max \\(upper\\),"))).size(), 50);
    QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^Min-max \\(lower\\),"))).size(), 50);
    // The rush hour's band (2 points per edge), min-max edges, mean, 3 highlighted agents.
    QCOMPARE(lines.size(), 1 + 2 * 2 + (2 + 1 + 3) * 50 + 1);
}

void TestLiveCharts::csvOfBoxPlots()
{
    const Ranking r;
    const std::unique_ptr<QChart> chart(makeRankingChart(QString(), r.names, r.mean, r.low, r.high, r.ci95));
    const QStringList lines = QString::fromStdString(chartDataCsv(chart.get())).split(QLatin1Char('\n'));
    QCOMPARE(lines.first(), QStringLiteral("name,low,q1,median,q3,high"));
    QCOMPARE(lines.size(), 1 + 5 + 1);
    QCOMPARE(lines.at(1), QStringLiteral("fair,100,115,120,125,140"));
    QCOMPARE(lines.at(5), QStringLiteral("cheater,20,48,60,72,95"));
}

void TestLiveCharts::csvNeutralisesText_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("cell");
    QTest::newRow("plain") << QStringLiteral("agent-1") << QStringLiteral("agent-1");
    QTest::newRow("formula") << QStringLiteral("=HYPERLINK(1)") << QStringLiteral("'=HYPERLINK(1)");
    QTest::newRow("plus") << QStringLiteral("+1") << QStringLiteral("'+1");
    QTest::newRow("minus") << QStringLiteral("-1") << QStringLiteral("'-1");
    QTest::newRow("at") << QStringLiteral("@SUM") << QStringLiteral("'@SUM");
    QTest::newRow("tab") << QStringLiteral("\tx") << QStringLiteral("'\tx");
    QTest::newRow("carriage return") << QStringLiteral("\rx") << QStringLiteral("\"'\rx\"");
    QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("formula with comma") << QStringLiteral("=1,2") << QStringLiteral("\"'=1,2\"");
    QTest::newRow("unicode") << QStringLiteral("r\u00e9putation") << QStringLiteral("r\u00e9putation");
}

void TestLiveCharts::csvNeutralisesText()
{
    QFETCH(QString, name);
    QFETCH(QString, cell);
    QChart chart;
    auto* series = new QLineSeries;
    series->setName(name);
    series->replace({ QPointF(1.0, -0.5), QPointF(2.0, std::numeric_limits<double>::quiet_NaN()) });
    chart.addSeries(series);
    const QString csv = QString::fromStdString(chartDataCsv(&chart));
    QCOMPARE(csv, QStringLiteral("series,x,y\n") + cell + QStringLiteral(",1,-0.5\n") + cell + QStringLiteral(",2,\n"));
}

// Each round's mean, lowest and highest unit price, from the deals of that round only, however a run's rounds and
// deals arrive in snapshots; drawn as a band and a mean over the rounds with the rush shaded.
void TestLiveCharts::roundPricesGatherEachRound()
{
    const ChartInput& input = m_small;
    const std::vector<RoundPrice> prices = roundPricesOf(input.deals);
    int roundsWithDeals = 0;
    for (const haggle::RoundSummary& round : input.rounds) {
        std::vector<double> unit;
        for (const haggle::DealRecord& deal : input.deals)
            if (deal.round == round.round)
                unit.push_back(deal.unitPrice);
        const auto it
            = std::find_if(prices.begin(), prices.end(), [&](const RoundPrice& p) { return p.round == round.round; });
        QCOMPARE(it != prices.end(), !unit.empty());
        if (unit.empty())
            continue;
        ++roundsWithDeals;
        double sum = 0.0;
        for (const double u : unit)
            sum += u;
        QCOMPARE(it->deals, qint64(unit.size()));
        QCOMPARE(it->mean, sum / double(unit.size()));
        QCOMPARE(it->low, *std::min_element(unit.begin(), unit.end()));
        QCOMPARE(it->high, *std::max_element(unit.begin(), unit.end()));
    }
    QCOMPARE(qsizetype(prices.size()), qsizetype(roundsWithDeals));

    // Snapshots of 1 to 7 rounds with their deals: the buffers hold what the whole run gives.
    RunChartData data;
    data.reset(input);
    std::size_t nextDeal = 0;
    for (std::size_t first = 0, size = 1; first < input.rounds.size(); first += size, size = size % 7 + 1) {
        const std::size_t last = std::min(input.rounds.size(), first + size);
        std::vector<haggle::RoundSummary> rounds(input.rounds.begin() + long(first), input.rounds.begin() + long(last));
        std::vector<haggle::DealRecord> deals;
        while (nextDeal < input.deals.size() && input.deals[nextDeal].round <= rounds.back().round)
            deals.push_back(input.deals[nextDeal++]);
        data.append(rounds, deals);
    }
    QVERIFY(data.input().roundPrices);
    QCOMPARE(*data.input().roundPrices, prices);

    RoundPriceChart chart;
    chart.update(data.input());
    auto* mean = qobject_cast<QLineSeries*>(seriesNamed(chart.chart(), QStringLiteral("Mean unit price")));
    QVERIFY(mean);
    QCOMPARE(mean->count(), qsizetype(prices.size()));
    QCOMPARE(mean->at(3), QPointF(prices[3].round, prices[3].mean));
    const QList<QAreaSeries*> bands = seriesOf<QAreaSeries>(chart.chart());
    QCOMPARE(bands.size(), 2); // the rush hour, then the range
    QCOMPARE(bands.at(0)->name(), RushHour);
    QCOMPARE(bands.at(1)->upperSeries()->at(3).y(), prices[3].high);
    QCOMPARE(bands.at(1)->lowerSeries()->at(3).y(), prices[3].low);
    QVERIFY(seriesNamed(chart.chart(), QStringLiteral("Reference price")));
}

// The catalog names the run charts in the window's order, with the names of their files, and makes the same charts as
// the builders (the six that have one).
void TestLiveCharts::catalogHoldsTheRunCharts()
{
    QStringList names;
    for (const auto& kind : chartCatalog().entries())
        names.append(chartKindName(kind));
    QCOMPARE(names,
        (QStringList { QStringLiteral("price-convergence"), QStringLiteral("price-per-round"),
            QStringLiteral("reputation"), QStringLiteral("market-activity"), QStringLiteral("wealth"),
            QStringLiteral("detection"), QStringLiteral("bargaining"), QStringLiteral("order-book"),
            QStringLiteral("futures") }));
    const QList<Kind> kinds = RunKinds;
    for (qsizetype i = 0; i < kinds.size(); ++i) {
        const std::unique_ptr<ChartKind> chart = chartCatalog().make(names.at(i).toStdString(), {});
        QVERIFY(chart && chart->chart());
        chart->update(m_small);
        const std::unique_ptr<QChart> built = makeChart(kinds.at(i), m_small);
        verifySameChart(chart->chart(), built.get());
    }
    QCOMPARE(chartFamily().name, std::string_view("chart"));
    QCOMPARE(chartFamily().kinds().size(), std::size_t(9));
}

// The window's detection buffers: an isolation opened by a change lasts to the newest round until a change closes
// it; the chart draws a bar over exactly those rounds, and precision and recall where they are defined.
void TestLiveCharts::detectionSpansFollowTheChanges()
{
    ChartInput staticPart;
    staticPart.agentIds = { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
    RunChartData data;
    data.reset(staticPart);
    std::vector<haggle::RoundSummary> rounds(6);
    for (int r = 0; r < 6; ++r)
        rounds[std::size_t(r)].round = r + 1;
    const std::vector<bool> cheaters { false, false, true };
    const auto counts = [](int tp, int fp, int fn, int tn) {
        haggle::lab::DetectionCounts c;
        c.truePositives = tp;
        c.falsePositives = fp;
        c.falseNegatives = fn;
        c.trueNegatives = tn;
        return c;
    };
    data.append({ rounds.begin(), rounds.begin() + 3 }, {});
    data.appendDetection({ { 1, counts(0, 0, 1, 2) }, { 2, counts(1, 0, 0, 2) }, { 3, counts(1, 1, 0, 1) } },
        { { 2, 2, true }, { 3, 0, true } }, cheaters);
    QVERIFY(data.input().detection);
    QCOMPARE(data.input().detection->lastRound, 3);
    data.append({ rounds.begin() + 3, rounds.end() }, {});
    data.appendDetection({ { 4, counts(1, 0, 0, 2) }, { 5, counts(1, 0, 0, 2) }, { 6, counts(1, 0, 0, 2) } },
        { { 4, 0, false } }, cheaters);
    DetectionChart chart;
    chart.update(data.input());
    auto* c = qobject_cast<QAreaSeries*>(seriesNamed(chart.chart(), QStringLiteral("c")));
    auto* a = qobject_cast<QAreaSeries*>(seriesNamed(chart.chart(), QStringLiteral("a")));
    QVERIFY(c && a);
    // c: isolated from round 2 on (still open): one bar from 1.5 to 6.5, on the bottom row, in the cheater colour.
    const QList<QPointF> cUpper = c->upperSeries()->points();
    QCOMPARE(cUpper.size(), 6);
    QCOMPARE(cUpper.at(1).x(), 1.5);
    QCOMPARE(cUpper.at(3).x(), 6.5);
    QVERIFY(cUpper.at(2).y() > cUpper.at(0).y());
    QCOMPARE(c->brush().color(), style::highlightColor());
    // a: isolated in round 3 only (the change at round 4 closed it): a bar from 2.5 to 3.5, on the top row.
    const QList<QPointF> aUpper = a->upperSeries()->points();
    QCOMPARE(aUpper.size(), 6);
    QCOMPARE(aUpper.at(1).x(), 2.5);
    QCOMPARE(aUpper.at(3).x(), 3.5);
    QVERIFY(aUpper.at(0).y() > cUpper.at(0).y());
    // Precision is undefined in round 1 (nobody isolated); recall is defined in every round.
    auto* precision = qobject_cast<QXYSeries*>(seriesNamed(chart.chart(), QStringLiteral("Precision")));
    auto* recall = qobject_cast<QXYSeries*>(seriesNamed(chart.chart(), QStringLiteral("Recall")));
    QVERIFY(precision && recall);
    QCOMPARE(precision->count(), 5);
    QCOMPARE(precision->at(1), QPointF(3.0, 0.5));
    QCOMPARE(recall->count(), 6);
    QCOMPARE(recall->at(0), QPointF(1.0, 0.0));
    // A reset forgets the detection data.
    data.reset(staticPart);
    QVERIFY(!data.input().detection);
}

// Above MaxDetectionRows agents only the cheaters and the agents ever isolated get a row.
void TestLiveCharts::detectionRowsAreCappedToCheatersAndIsolated()
{
    ChartInput input;
    DetectionInput detection;
    const int agents = 100;
    detection.cheaters.assign(agents, false);
    detection.isolations.resize(agents);
    detection.cheaters[10] = detection.cheaters[90] = true;
    detection.isolations[50].push_back({ 1, 2 });
    detection.lastRound = 3;
    for (int i = 0; i < agents; ++i)
        input.agentIds.append(QStringLiteral("agent-%1").arg(i));
    input.detection = detection;
    DetectionChart chart;
    chart.update(input);
    int rows = 0;
    for (QAbstractSeries* s : chart.chart()->series())
        rows += s->name().startsWith(QStringLiteral("agent-")) ? 1 : 0;
    QCOMPARE(rows, 3);
    QVERIFY(seriesNamed(chart.chart(), QStringLiteral("agent-50")));
}

void TestLiveCharts::runChartDataDrawsLikeTheFullInput_data()
{
    QTest::addColumn<Dataset>("dataset");
    QTest::addColumn<QString>("kind");
    for (const auto& [dataset, name] :
        { std::pair(Dataset::Small, "small"), std::pair(Dataset::Large, "large"), std::pair(Dataset::Long, "long") })
        for (const auto& kind : chartCatalog().entries())
            QTest::addRow("%s %s", name, kind.info.name.data()) << dataset << chartKindName(kind);
}

// What haggle-cli writes: the run fed through RunChartData keeping everything draws what the full rounds and deals
// draw, to the pixel, for every kind (the window's bounded buffers are the same reduction with caps).
void TestLiveCharts::runChartDataDrawsLikeTheFullInput()
{
    QFETCH(Dataset, dataset);
    QFETCH(QString, kind);
    const ChartInput input = dataset == Dataset::Small ? m_small : dataset == Dataset::Large ? m_large : longInput();
    RunChartData data(RunChartData::Retention::Everything);
    data.reset(input);
    data.append(input.rounds, input.deals);
    QCOMPARE(data.bufferedRounds(), static_cast<qsizetype>(input.rounds.size()));
    QCOMPARE(data.bufferedDeals(), static_cast<qsizetype>(input.deals.size()));

    const std::unique_ptr<ChartKind> reduced = chartCatalog().make(kind.toStdString(), {});
    const std::unique_ptr<ChartKind> full = chartCatalog().make(kind.toStdString(), {});
    reduced->update(data.input());
    full->update(input);
    const QImage reducedImage = renderChartImage(reduced->chart(), ExportSize, 1.0);
    const QImage fullImage = renderChartImage(full->chart(), ExportSize, 1.0);
    verifySameChart(reduced->chart(), full->chart());
    QVERIFY(reducedImage == fullImage);
    QCOMPARE(chartDataCsv(reduced->chart()), chartDataCsv(full->chart()));
}

QTEST_MAIN(TestLiveCharts)
#include "tst_livecharts.moc"
