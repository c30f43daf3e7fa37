// Tests of haggle_charts: what each chart contains (series, axes, thinning, rolling mean, bands) and that
// every export path renders it at the asked size, on the synthetic runs of chartsamples.h.
#include "chartbuilder.h"
#include "chartexport.h"
#include "chartinput.h"
#include "chartstyle.h"
#include "experimentresult.h"
#include "futureschart.h"
#include "orderbookchart.h"
#include "outputwriter.h"
#include "report.h"
#include "serieschart.h"
#include "thinning.h"

#include "chartsamples.h"

#include <QDir>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QPainter>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBoxPlotSeries>
#include <QtCharts/QBoxSet>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

using namespace haggle::charts;
using namespace chartsamples;

class TestCharts : public QObject {
    Q_OBJECT

private slots:
    void orderBookDrawsTheDepth();
    void futuresDrawsSpotFuturesAndOpenInterest();
    void initTestCase();

    void rendersAtAskedSize_data();
    void rendersAtAskedSize();
    void commonSettings_data();
    void commonSettings();
    void emptyInputStillRenders_data();
    void emptyInputStillRenders();

    void pngExport_data();
    void pngExport();
    void exportsCarryTheirProvenance();
    void svgExport_data();
    void svgExport();
    void exportToMissingDirectoryFails_data();
    void exportToMissingDirectoryFails();
    void invalidArgumentsAreRejected();
    void exportRestoresTheChart();

    void reputationDrawsEveryAgent_data();
    void reputationDrawsEveryAgent();
    void manyAgentsAreSummarised_data();
    void manyAgentsAreSummarised();
    void priceRollingMean_data();
    void priceRollingMean();
    void activityShadesPhases_data();
    void activityShadesPhases();
    void rankingBoxes_data();
    void rankingBoxes();
    void phaseBandsFromRounds();

    void chartKindNameRoundTrips();
    void bandChartShadesEachBandedLine();
    void lineChartIgnoresBounds();
    void heatmapCellPerValue();
    void heatmapLabelsFollowThePlot();
    void heatmapOmitsLabelsOnLargeGrids();
    void sequentialScaleGetsLighter();
    void seriesCsvHoldsTheData();
    void experimentFilesPerSeries();

    void thinPointsKeepsStrideAndLast_data();
    void thinPointsKeepsStrideAndLast();
    void thinningCapsSeries_data();
    void thinningCapsSeries();

private:
    const ChartInput& dataset(Dataset which) const;

    ChartInput m_small;
    ChartInput m_large;
    ChartInput m_long;
};

// The depth of a book by hand: bids 2 units at 1.5 and 1 at 1.2 step down from the best bid; an ask of 3 units at
// 1.6. A run without a book draws nothing, and its files leave the chart out.
void TestCharts::orderBookDrawsTheDepth()
{
    haggle::OrderBook book;
    book.placeBid(1, 1.2, 1.0);
    book.placeBid(2, 1.5, 2.0);
    book.placeAsk(3, 1.6, 3.0);
    QCOMPARE(OrderBookChart::depthSteps(book.bids()),
        (QList<QPointF> { { 1.5, 0.0 }, { 1.5, 2.0 }, { 1.2, 2.0 }, { 1.2, 3.0 } }));
    QCOMPARE(OrderBookChart::depthSteps(book.asks()), (QList<QPointF> { { 1.6, 0.0 }, { 1.6, 3.0 } }));
    OrderBookChart chart;
    ChartInput input;
    QVERIFY(!chart.drawsSomething(input));
    input.book = book;
    input.bookRound = 4;
    QVERIFY(chart.drawsSomething(input));
    chart.update(input);
    QCOMPARE(chart.chart()->series().size(), 2);
}

// The futures chart draws each round's spot and futures unit prices and the open interest; a run without futures draws
// nothing.
void TestCharts::futuresDrawsSpotFuturesAndOpenInterest()
{
    FuturesChart chart;
    ChartInput input;
    for (int r = 1; r <= 4; ++r) {
        haggle::RoundSummary s;
        s.round = r;
        s.spotUnitPrice = 1.0 + 0.1 * r;
        input.rounds.push_back(s);
    }
    QVERIFY(!chart.drawsSomething(input));
    input.rounds[1].futuresTraded = 2;
    input.rounds[1].futuresUnitPrice = 0.9;
    input.rounds[1].openInterest = 3.0;
    input.rounds[2].openInterest = 3.0;
    QVERIFY(chart.drawsSomething(input));
    chart.update(input);
    const auto line = [&](const QString& name) -> QXYSeries* {
        for (QAbstractSeries* series : chart.chart()->series())
            if (series->name().startsWith(name))
                return qobject_cast<QXYSeries*>(series);
        return nullptr;
    };
    QVERIFY(line(QStringLiteral("Spot")) && line(QStringLiteral("Futures")) && line(QStringLiteral("Open interest")));
    QCOMPARE(line(QStringLiteral("Spot"))->count(), 4);
    QCOMPARE(line(QStringLiteral("Spot"))->at(2), QPointF(3.0, 1.3));
    QCOMPARE(line(QStringLiteral("Futures"))->count(), 1);
    QCOMPARE(line(QStringLiteral("Futures"))->at(0), QPointF(2.0, 0.9));
    QCOMPARE(line(QStringLiteral("Open interest"))->at(3), QPointF(4.0, 0.0));
}

void TestCharts::initTestCase()
{
    m_small = smallInput();
    m_large = largeInput();
    m_long = longInput();
}

const ChartInput& TestCharts::dataset(Dataset which) const
{
    switch (which) {
    case Dataset::Small:
        return m_small;
    case Dataset::Large:
        return m_large;
    case Dataset::Long:
        return m_long;
    }
    return m_small;
}

void TestCharts::rendersAtAskedSize_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<Dataset>("data");
    QTest::addColumn<qreal>("scale");
    for (const Kind kind : AllKinds)
        for (const qreal scale : { 1.0, 1.5, 2.0 })
            QTest::addRow("%s small x%.1f", qPrintable(kindName(kind)), scale) << kind << Dataset::Small << scale;
    for (const Kind kind : RunKinds) {
        QTest::addRow("%s 1000 agents", qPrintable(kindName(kind))) << kind << Dataset::Large << 1.0;
        QTest::addRow("%s 200k rounds", qPrintable(kindName(kind))) << kind << Dataset::Long << 1.0;
    }
}

void TestCharts::rendersAtAskedSize()
{
    QFETCH(Kind, kind);
    QFETCH(Dataset, data);
    QFETCH(qreal, scale);
    const std::unique_ptr<QChart> chart = makeChart(kind, dataset(data));
    const QImage image = renderChartImage(chart.get(), ExportSize, scale);
    QCOMPARE(image.size(), QSize(qRound(ExportSize.width() * scale), qRound(ExportSize.height() * scale)));
    QCOMPARE(image.devicePixelRatio(), scale);
    verifyNotBlank(image);
    QVERIFY(!chart->scene()); // the private scene gave the chart back
}

void TestCharts::commonSettings_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("title");
    QTest::newRow("price") << Kind::Price << QStringLiteral("Rush hour: Price convergence");
    QTest::newRow("reputation") << Kind::Reputation << QStringLiteral("Rush hour: Reputation");
    QTest::newRow("activity") << Kind::Activity << QStringLiteral("Rush hour: Market activity");
    QTest::newRow("wealth") << Kind::Wealth << QStringLiteral("Rush hour: Wealth");
    QTest::newRow("ranking") << Kind::Ranking << QStringLiteral("Tournament");
}

void TestCharts::commonSettings()
{
    QFETCH(Kind, kind);
    QFETCH(QString, title);
    const std::unique_ptr<QChart> chart = makeChart(kind, m_small);
    QCOMPARE(chart->title(), title);
    QCOMPARE(chart->animationOptions(), QChart::NoAnimation);
    QCOMPARE(chart->theme(), QChart::ChartThemeLight);
    QVERIFY(chart->legend()->isVisible());
    QCOMPARE(chart->legend()->alignment(), Qt::Alignment(Qt::AlignBottom));
    QVERIFY(!chart->series().isEmpty());
    const QList<QAbstractSeries*> all = chart->series();
    for (QAbstractSeries* series : all)
        QVERIFY2(!series->useOpenGL(), qPrintable(series->name()));
    if (kind == Kind::Price) {
        QCOMPARE(chart->axes(Qt::Horizontal).value(0)->titleText(), QStringLiteral("Deal"));
        QCOMPARE(chart->axes(Qt::Vertical).value(0)->titleText(), QStringLiteral("Unit price"));
    }
}

void TestCharts::emptyInputStillRenders_data()
{
    QTest::addColumn<Kind>("kind");
    for (const Kind kind : AllKinds)
        QTest::newRow(qPrintable(kindName(kind))) << kind;
}

void TestCharts::emptyInputStillRenders()
{
    QFETCH(Kind, kind);
    const std::unique_ptr<QChart> chart = kind == Kind::Ranking
        ? std::unique_ptr<QChart>(makeRankingChart(QString(), {}, {}, {}, {}, {}))
        : makeChart(kind, ChartInput {});
    const QImage image = renderChartImage(chart.get(), QSize(300, 200), 1.0);
    QCOMPARE(image.size(), QSize(300, 200));
    QVERIFY(nonWhitePixels(image) > 0); // at least the axes and title
}

void TestCharts::pngExport_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<qreal>("scale");
    for (const Kind kind : AllKinds)
        for (const qreal scale : { 1.0, 2.0 })
            QTest::addRow("%s x%.0f", qPrintable(kindName(kind)), scale) << kind << scale;
}

void TestCharts::pngExport()
{
    QFETCH(Kind, kind);
    QFETCH(qreal, scale);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("chart.png"));
    const std::unique_ptr<QChart> chart = makeChart(kind, m_small);
    QString error;
    QVERIFY2(exportChartPng(chart.get(), path, ExportSize, scale, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QVERIFY(QFileInfo::exists(path));
    // Only the file itself: QSaveFile's temporary was renamed, not left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { QStringLiteral("chart.png") });
    QImage loaded;
    QVERIFY(loaded.load(path, "PNG"));
    QCOMPARE(loaded.size(), QSize(qRound(ExportSize.width() * scale), qRound(ExportSize.height() * scale)));
    verifyNotBlank(loaded);
    QVERIFY(!chart->scene());
}

void TestCharts::svgExport_data()
{
    QTest::addColumn<Kind>("kind");
    for (const Kind kind : AllKinds)
        QTest::newRow(qPrintable(kindName(kind))) << kind;
}

void TestCharts::svgExport()
{
    QFETCH(Kind, kind);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("chart.svg"));
    const std::unique_ptr<QChart> chart = makeChart(kind, m_small);
    QString error;
    QVERIFY2(exportChartSvg(chart.get(), path, ExportSize, &error), qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { QStringLiteral("chart.svg") });

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString viewBox;
    QString width;
    int elements = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (elements++ == 0) {
            QCOMPARE(xml.name().toString(), QStringLiteral("svg"));
            viewBox = xml.attributes().value(QStringLiteral("viewBox")).toString();
            width = xml.attributes().value(QStringLiteral("width")).toString();
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(viewBox, QStringLiteral("0 0 %1 %2").arg(ExportSize.width()).arg(ExportSize.height()));
    QVERIFY(elements > 20);
    // The physical width is the logical width at 96 dpi (CSS pixels), so browsers show the asked size.
    QVERIFY2(width.endsWith(QStringLiteral("mm")), qPrintable(width));
    QCOMPARE(qRound(width.chopped(2).toDouble() / 25.4 * 96.0), ExportSize.width());

    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBoxF(), QRectF(QPointF(0, 0), QSizeF(ExportSize)));
    QImage image(ExportSize, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    verifyNotBlank(image);
}

void TestCharts::exportToMissingDirectoryFails_data()
{
    QTest::addColumn<bool>("svg");
    QTest::newRow("png") << false;
    QTest::newRow("svg") << true;
}

void TestCharts::exportToMissingDirectoryFails()
{
    QFETCH(bool, svg);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path
        = dir.filePath(svg ? QStringLiteral("missing/sub/chart.svg") : QStringLiteral("missing/sub/chart.png"));
    const std::unique_ptr<QChart> chart = makeChart(Kind::Reputation, m_small);
    QString error;
    const bool ok = svg ? exportChartSvg(chart.get(), path, ExportSize, &error)
                        : exportChartPng(chart.get(), path, ExportSize, 2.0, &error);
    QVERIFY(!ok);
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
}

// PNG text chunks (each field, and a Description with all), a caption band under the picture, the SVG's description
// and a CSV's "# Key: value" header.
void TestCharts::exportsCarryTheirProvenance()
{
    QTemporaryDir dir;
    const std::unique_ptr<QChart> chart = makeChart(Kind::Reputation, m_small);
    Provenance stamp;
    stamp.fields = { { QStringLiteral("Software"), QStringLiteral("Haggle test") },
        { QStringLiteral("Seed"), QStringLiteral("42") } };
    const QString plain = dir.filePath(QStringLiteral("plain.png"));
    const QString stamped = dir.filePath(QStringLiteral("stamped.png"));
    QVERIFY(exportChartPng(chart.get(), plain, ExportSize, 2.0));
    QVERIFY(exportChartPng(chart.get(), stamped, ExportSize, 2.0, nullptr, stamp));
    QVERIFY(QImage(plain).text(QStringLiteral("Seed")).isEmpty());
    const QImage image(stamped);
    QCOMPARE(image.size(), QImage(plain).size()); // no caption: the same picture
    QCOMPARE(image.text(QStringLiteral("Seed")), QStringLiteral("42"));
    QCOMPARE(image.text(QStringLiteral("Description")), QStringLiteral("Software: Haggle test\nSeed: 42"));

    stamp.caption = QStringLiteral("Figure 3: the cheater is isolated within 12 rounds");
    const QString captioned = dir.filePath(QStringLiteral("captioned.png"));
    QVERIFY(exportChartPng(chart.get(), captioned, ExportSize, 2.0, nullptr, stamp));
    const QImage withCaption(captioned);
    QCOMPARE(withCaption.width(), image.width());
    QVERIFY(withCaption.height() > image.height()); // a band of text under the chart
    QCOMPARE(withCaption.text(QStringLiteral("Software")), QStringLiteral("Haggle test"));

    const QString svg = dir.filePath(QStringLiteral("stamped.svg"));
    QVERIFY(exportChartSvg(chart.get(), svg, ExportSize, nullptr, stamp));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("Seed: 42"));

    QCOMPARE(withProvenanceHeader("a,b\n1,2\n", stamp), std::string("# Software: Haggle test\n# Seed: 42\na,b\n1,2\n"));
    QCOMPARE(withProvenanceHeader("a,b\n", Provenance {}), std::string("a,b\n"));
}

void TestCharts::invalidArgumentsAreRejected()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("chart.png"));
    const std::unique_ptr<QChart> chart = makeChart(Kind::Wealth, m_small);
    QString error;
    QVERIFY(!exportChartPng(nullptr, path, ExportSize, 1.0, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!exportChartPng(chart.get(), path, QSize(0, 100), 1.0, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!exportChartPng(chart.get(), path, ExportSize, 0.0, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!exportChartSvg(chart.get(), path, QSize(100, -1), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(renderChartImage(nullptr, ExportSize, 1.0).isNull());
    QVERIFY(renderChartImage(chart.get(), ExportSize, -1.0).isNull());

    QImage null;
    QGraphicsScene scene;
    QVERIFY(!renderSceneToImage(scene, QRectF(0, 0, 10, 10), null));
}

// A chart shown in a view is exported without being taken from it, at the export size, not the view's.
void TestCharts::exportRestoresTheChart()
{
    QChartView view(makeReputationChart(m_small));
    view.resize(500, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QChart* chart = view.chart();
    QGraphicsScene* scene = chart->scene();
    QVERIFY(scene);
    const QRectF geometry = chart->geometry();

    const QImage image = renderChartImage(chart, QSize(800, 600), 1.0);
    QCOMPARE(image.size(), QSize(800, 600));
    verifyNotBlank(image);
    QCOMPARE(chart->scene(), scene);
    QCOMPARE(chart->geometry(), geometry);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(exportChartSvg(chart, dir.filePath(QStringLiteral("view.svg")), QSize(800, 600), nullptr));
    QCOMPARE(chart->scene(), scene);
    QCOMPARE(chart->geometry(), geometry);
    // The view still draws it.
    verifyNotBlank(view.grab().toImage());
}

void TestCharts::reputationDrawsEveryAgent_data()
{
    QTest::addColumn<bool>("threshold");
    QTest::addColumn<int>("expectedSeries");
    // 5 agents (+ threshold) + the rush hour's band.
    QTest::newRow("with threshold") << true << 7;
    QTest::newRow("without threshold") << false << 6;
}

void TestCharts::reputationDrawsEveryAgent()
{
    QFETCH(bool, threshold);
    QFETCH(int, expectedSeries);
    ChartInput input = m_small;
    if (!threshold)
        input.trustThreshold.reset();
    const std::unique_ptr<QChart> chart(makeReputationChart(input));
    QCOMPARE(chart->series().size(), expectedSeries);
    // The only area is the rush hour, shaded as on the activity chart: under the lines, over rounds 10.5-20.5.
    const QList<QAreaSeries*> areas = seriesOf<QAreaSeries>(chart.get());
    QCOMPARE(areas.size(), 1);
    QCOMPARE(areas.first()->name(), RushHour);
    QCOMPARE(chart->series().first(), areas.first());
    QCOMPARE(areas.first()->upperSeries()->at(0).x(), 10.5);
    QCOMPARE(areas.first()->upperSeries()->at(1).x(), 20.5);

    for (int a = 0; a < 5; ++a) {
        auto* line = qobject_cast<QLineSeries*>(seriesNamed(chart.get(), input.agentIds.at(a)));
        QVERIFY2(line, qPrintable(input.agentIds.at(a)));
        QCOMPARE(line->count(), 30);
        QCOMPARE(line->at(12).y(), input.rounds[12].meanReputation[static_cast<std::size_t>(a)]);
        QVERIFY(line->name().contains(input.agentStrategies.at(a)));
    }
    auto* cheater = qobject_cast<QLineSeries*>(seriesNamed(chart.get(), QStringLiteral("a5")));
    auto* fair = qobject_cast<QLineSeries*>(seriesNamed(chart.get(), QStringLiteral("a1")));
    QVERIFY(cheater->pen().widthF() > 2 * fair->pen().widthF());
    const QColor red = cheater->pen().color();
    QVERIFY(red.red() > 150 && red.green() < 80 && red.blue() < 80);
    const QList<QLineSeries*> lines = seriesOf<QLineSeries>(chart.get());
    for (QLineSeries* line : lines)
        if (line != cheater)
            QVERIFY2(line->pen().color() != red, qPrintable(line->name()));

    auto* thresholdLine = qobject_cast<QLineSeries*>(seriesNamed(chart.get(), QStringLiteral("Trust threshold")));
    QCOMPARE(thresholdLine != nullptr, threshold);
    if (thresholdLine) {
        QCOMPARE(thresholdLine->pen().style(), Qt::DashLine);
        QCOMPARE(thresholdLine->count(), 2);
        QCOMPARE(thresholdLine->at(0).y(), 0.4);
        QCOMPARE(thresholdLine->at(1).y(), 0.4);
    }
    auto* yAxis = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0));
    QVERIFY(yAxis);
    QCOMPARE(yAxis->min(), 0.0);
    QCOMPARE(yAxis->max(), 1.0);
}

void TestCharts::manyAgentsAreSummarised_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<bool>("threshold");
    QTest::newRow("reputation") << Kind::Reputation << true;
    QTest::newRow("reputation without threshold") << Kind::Reputation << false;
    QTest::newRow("wealth") << Kind::Wealth << false;
}

void TestCharts::manyAgentsAreSummarised()
{
    QFETCH(Kind, kind);
    QFETCH(bool, threshold);
    ChartInput input = m_large;
    if (!threshold)
        input.trustThreshold.reset();
    const std::unique_ptr<QChart> chart = makeChart(kind, input);
    // Rush-hour band + mean + min-max band + 3 highlighted (+ threshold), never one line per agent.
    const bool drawsThreshold = kind == Kind::Reputation && threshold;
    QCOMPARE(chart->series().size(), 1 + 1 + 1 + 3 + (drawsThreshold ? 1 : 0));

    QList<QAreaSeries*> bands = seriesOf<QAreaSeries>(chart.get());
    QCOMPARE(bands.size(), 2);
    QCOMPARE(bands.takeFirst()->name(), RushHour);
    auto* mean = qobject_cast<QLineSeries*>(seriesNamed(chart.get(), QStringLiteral("Mean")));
    QVERIFY(mean);
    QCOMPARE(mean->count(), 50);

    const auto values
        = kind == Kind::Reputation ? &haggle::RoundSummary::meanReputation : &haggle::RoundSummary::netWorth;
    for (const int r : { 0, 24, 49 }) {
        const std::vector<double>& row = input.rounds[static_cast<std::size_t>(r)].*values;
        double sum = 0.0;
        for (const double v : row)
            sum += v;
        QCOMPARE(mean->at(r).x(), double(r + 1));
        QCOMPARE(mean->at(r).y(), sum / double(row.size()));
        QCOMPARE(bands.first()->upperSeries()->at(r).y(), *std::max_element(row.begin(), row.end()));
        QCOMPARE(bands.first()->lowerSeries()->at(r).y(), *std::min_element(row.begin(), row.end()));
    }

    int highlighted = 0;
    const QList<QLineSeries*> lines = seriesOf<QLineSeries>(chart.get());
    for (QLineSeries* line : lines)
        if (line->pen().widthF() >= 3.0) {
            ++highlighted;
            QVERIFY(line->name().startsWith(QStringLiteral("agent-")));
            QCOMPARE(line->count(), 50);
        }
    QCOMPARE(highlighted, 3);
}

void TestCharts::priceRollingMean_data()
{
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("index");
    QTest::newRow("first deal") << 10 << 0;
    QTest::newRow("partial window") << 10 << 5;
    QTest::newRow("first full window") << 10 << 9;
    QTest::newRow("middle") << 10 << 25;
    QTest::newRow("last deal") << 10 << 39;
    QTest::newRow("window 3") << 3 << 20;
    QTest::newRow("window 1") << 1 << 7;
    QTest::newRow("window longer than run") << 100 << 39;
}

void TestCharts::priceRollingMean()
{
    QFETCH(int, window);
    QFETCH(int, index);
    ChartInput input = m_small;
    input.rollingWindow = window;
    input.referencePrice = 1.25;
    const std::unique_ptr<QChart> chart(makePriceConvergenceChart(input));

    auto* rolling = qobject_cast<QLineSeries*>(seriesNamed(chart.get(), QStringLiteral("Rolling mean")));
    QVERIFY(rolling);
    QCOMPARE(rolling->count(), 40);
    double sum = 0.0;
    const int from = std::max(0, index - window + 1);
    for (int i = from; i <= index; ++i)
        sum += input.deals[static_cast<std::size_t>(i)].unitPrice;
    QCOMPARE(rolling->at(index).x(), double(index + 1));
    QCOMPARE(rolling->at(index).y(), sum / (index - from + 1));

    const QList<QScatterSeries*> scatter = seriesOf<QScatterSeries>(chart.get());
    QCOMPARE(scatter.size(), 1);
    QCOMPARE(scatter.first()->count(), 40);
    QCOMPARE(scatter.first()->at(index), QPointF(index + 1, input.deals[static_cast<std::size_t>(index)].unitPrice));

    auto* reference = qobject_cast<QLineSeries*>(seriesNamed(chart.get(), QStringLiteral("Reference")));
    QVERIFY(reference);
    QCOMPARE(reference->pen().style(), Qt::DashLine);
    QCOMPARE(reference->at(0).y(), 1.25);
    QCOMPARE(reference->at(reference->count() - 1).y(), 1.25);
}

void TestCharts::activityShadesPhases_data()
{
    QTest::addColumn<std::vector<PhaseBand>>("phases");
    QTest::addColumn<int>("legendEntries"); // visible band entries
    QTest::newRow("no phase") << std::vector<PhaseBand> {} << 0;
    QTest::newRow("rush hour") << std::vector<PhaseBand> { { RushHour, 11, 20 } } << 1;
    QTest::newRow("recurring phase") << std::vector<PhaseBand> { { RushHour, 5, 8 },
        { QStringLiteral("outage"), 12, 14 }, { RushHour, 20, 25 } }
                                     << 2;
}

void TestCharts::activityShadesPhases()
{
    QFETCH(std::vector<PhaseBand>, phases);
    QFETCH(int, legendEntries);
    ChartInput input = m_small;
    input.phases = phases;
    const std::unique_ptr<QChart> chart(makeMarketActivityChart(input));
    // Legend entries are graphics items: their visibility is known once the chart has been laid out.
    verifyNotBlank(renderChartImage(chart.get(), ExportSize, 1.0));

    const QList<QAreaSeries*> bands = seriesOf<QAreaSeries>(chart.get());
    QCOMPARE(bands.size(), qsizetype(phases.size()));
    QCOMPARE(chart->series().size(), qsizetype(phases.size()) + 4);

    auto* negotiations = qobject_cast<QLineSeries*>(seriesNamed(chart.get(), QStringLiteral("Negotiations")));
    auto* deals = qobject_cast<QLineSeries*>(seriesNamed(chart.get(), QStringLiteral("Deals")));
    auto* rate = qobject_cast<QLineSeries*>(seriesNamed(chart.get(), QStringLiteral("Success rate")));
    QVERIFY(negotiations && deals && rate);
    QCOMPARE(negotiations->at(14).y(), double(input.rounds[14].negotiations));
    QCOMPARE(deals->at(14).y(), double(input.rounds[14].deals));
    QCOMPARE(rate->at(14).y(), input.rounds[14].successRate);
    // The rolling rate at a round: deals over negotiations of the 5 rounds ending there (fewer at the start).
    auto* rolling = qobject_cast<QLineSeries*>(seriesNamed(chart.get(), QStringLiteral("Success rate (5 rounds)")));
    QVERIFY(rolling);
    for (const int at : { 0, 2, 14 }) {
        long long made = 0, tried = 0;
        for (int r = std::max(0, at - 4); r <= at; ++r) {
            made += input.rounds[std::size_t(r)].deals;
            tried += input.rounds[std::size_t(r)].negotiations;
        }
        QCOMPARE(rolling->at(at).y(), tried > 0 ? double(made) / double(tried) : 0.0);
    }

    // The success rate has its own right-hand axis over [0, 1], labelled in percent.
    auto* rateAxis = qobject_cast<QCategoryAxis*>(chart->axes(Qt::Vertical, rate).value(0));
    QVERIFY(rateAxis);
    QCOMPARE(chart->axes(Qt::Vertical, rate).value(0)->alignment(), Qt::Alignment(Qt::AlignRight));
    QCOMPARE(rateAxis->min(), 0.0);
    QCOMPARE(rateAxis->max(), 1.0);
    QVERIFY(rateAxis->categoriesLabels().contains(QStringLiteral("50%")));
    auto* countAxis = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical, negotiations).value(0));
    QVERIFY(countAxis);
    QCOMPARE(countAxis->alignment(), Qt::Alignment(Qt::AlignLeft));

    int visible = 0;
    for (qsizetype i = 0; i < bands.size(); ++i) {
        QAreaSeries* band = bands.at(i);
        const PhaseBand& phase = phases[static_cast<std::size_t>(i)];
        QCOMPARE(band->name(), phase.name);
        QCOMPARE(band->upperSeries()->at(0).x(), phase.firstRound - 0.5);
        QCOMPARE(band->upperSeries()->at(1).x(), phase.lastRound + 0.5);
        // Full height whatever the data's axes: on a hidden 0-1 axis of the bands' own.
        auto* bandAxis = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical, band).value(0));
        QVERIFY(bandAxis && bandAxis != countAxis);
        QVERIFY(!bandAxis->isVisible());
        QCOMPARE(band->upperSeries()->at(0).y(), bandAxis->max());
        QCOMPARE(band->lowerSeries()->at(0).y(), bandAxis->min());
        QVERIFY(band->brush().color().alpha() < 255); // translucent
        // Behind the data: added before the lines.
        QVERIFY(chart->series().indexOf(band) < chart->series().indexOf(negotiations));
        visible += legendEntryVisible(chart.get(), band) ? 1 : 0;
    }
    QCOMPARE(visible, legendEntries);
}

void TestCharts::rankingBoxes_data()
{
    QTest::addColumn<int>("dropFromMean");
    QTest::newRow("all entries") << 0;
    QTest::newRow("shorter mean vector") << 2;
}

void TestCharts::rankingBoxes()
{
    QFETCH(int, dropFromMean);
    Ranking r;
    r.mean.resize(r.mean.size() - static_cast<std::size_t>(dropFromMean));
    const std::unique_ptr<QChart> chart(makeRankingChart(QString(), r.names, r.mean, r.low, r.high, r.ci95));
    QCOMPARE(chart->title(), QStringLiteral("Tournament ranking"));
    const QList<QBoxPlotSeries*> boxes = seriesOf<QBoxPlotSeries>(chart.get());
    QCOMPARE(boxes.size(), 1);
    const qsizetype expected = qsizetype(r.mean.size());
    QCOMPARE(boxes.first()->count(), expected);
    const QList<QBoxSet*> sets = boxes.first()->boxSets();
    for (qsizetype i = 0; i < expected; ++i) {
        const auto k = static_cast<std::size_t>(i);
        QBoxSet* set = sets.at(i);
        QCOMPARE(set->label(), r.names.at(i));
        QCOMPARE(set->at(QBoxSet::LowerExtreme), r.low[k]);
        QCOMPARE(set->at(QBoxSet::LowerQuartile), r.mean[k] - r.ci95[k]);
        QCOMPARE(set->at(QBoxSet::Median), r.mean[k]);
        QCOMPARE(set->at(QBoxSet::UpperQuartile), r.mean[k] + r.ci95[k]);
        QCOMPARE(set->at(QBoxSet::UpperExtreme), r.high[k]);
    }
    auto* axis = qobject_cast<QBarCategoryAxis*>(chart->axes(Qt::Horizontal).value(0));
    QVERIFY(axis);
    QCOMPARE(axis->categories(), r.names.first(expected));
    auto* yAxis = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0));
    QVERIFY(yAxis);
    const auto n = static_cast<std::ptrdiff_t>(expected);
    QVERIFY(yAxis->min() <= *std::min_element(r.low.begin(), r.low.begin() + n));
    QVERIFY(yAxis->max() >= *std::max_element(r.high.begin(), r.high.begin() + n));
}

void TestCharts::phaseBandsFromRounds()
{
    const std::vector<PhaseBand> bands = haggle::charts::phaseBandsFromRounds(m_small.rounds);
    QCOMPARE(bands.size(), std::size_t(1));
    QCOMPARE(bands[0].name, RushHour);
    QCOMPARE(bands[0].firstRound, 11);
    QCOMPARE(bands[0].lastRound, 20);

    std::vector<haggle::RoundSummary> rounds(6);
    const char* phases[] = { "a", "a", "", "a", "b", "b" };
    for (int r = 0; r < 6; ++r) {
        rounds[static_cast<std::size_t>(r)].round = r + 1;
        rounds[static_cast<std::size_t>(r)].phase = phases[r];
    }
    const std::vector<PhaseBand> split = haggle::charts::phaseBandsFromRounds(rounds);
    QCOMPARE(split.size(), std::size_t(3));
    QCOMPARE(split[0].lastRound, 2);
    QCOMPARE(split[1].firstRound, 4);
    QCOMPARE(split[1].lastRound, 4);
    QCOMPARE(split[2].name, QStringLiteral("b"));
    QCOMPARE(split[2].firstRound, 5);
    QCOMPARE(split[2].lastRound, 6);
}

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// Two banded lines around one without a band; the third has a point without bounds.
haggle::lab::ResultSeries bandSeries()
{
    haggle::lab::ResultSeries s;
    s.name = "detection";
    s.title = "Detection over rounds";
    s.chart = haggle::lab::ChartKind::Band;
    s.xTitle = "Round";
    s.yTitle = "Share detected";
    s.lines.push_back({ "beta", { 1, 2, 3 }, { 0.2, 0.5, 0.7 }, { 0.1, 0.4, 0.6 }, { 0.3, 0.6, 0.8 } });
    s.lines.push_back({ "baseline", { 1, 2, 3 }, { 0.1, 0.2, 0.3 } });
    s.lines.push_back({ "eigentrust", { 1, 2, 3 }, { 0.3, 0.6, 0.9 }, { 0.2, NaN, 0.8 }, { 0.4, NaN, 1.0 } });
    return s;
}

// 3 columns x 2 rows, one cell without a value.
haggle::lab::ResultSeries heatmapSeries(int columns = 3, int rows = 2)
{
    haggle::lab::ResultSeries s;
    s.name = "threshold";
    s.title = "Cheaters' profit";
    s.chart = haggle::lab::ChartKind::Heatmap;
    s.xTitle = "Trust threshold";
    s.yTitle = "Model";
    for (int c = 0; c < columns; ++c)
        s.categories.push_back(std::string("t").append(std::to_string(c))); // not "t" + ...: GCC 12's -Wrestrict
    for (int r = 0; r < rows; ++r) {
        haggle::lab::SeriesLine line { std::string("row").append(std::to_string(r)), {}, {} };
        for (int c = 0; c < columns; ++c)
            line.y.push_back(r * columns + c == 4 ? NaN : (r == 0 ? 10.0 - c : 2.0 * c + 0.5));
        s.lines.push_back(std::move(line));
    }
    return s;
}

// The t in [0, 1] whose colour on the scale is nearest to `color`.
double scalePosition(const QColor& color)
{
    double best = -1.0, bestDistance = 1e9;
    for (int i = 0; i <= 1000; ++i) {
        const QColor c = style::sequentialColor(i / 1000.0);
        const double d = std::hypot(c.red() - color.red(), c.green() - color.green(), c.blue() - color.blue());
        if (d < bestDistance) {
            bestDistance = d;
            best = i / 1000.0;
        }
    }
    return best;
}

QList<QAreaSeries*> heatmapCells(QChart* chart)
{
    QList<QAreaSeries*> cells;
    for (QAreaSeries* area : seriesOf<QAreaSeries>(chart)) {
        if (area->property(HeatmapValueProperty).isValid())
            cells << area;
    }
    return cells;
}

QList<QGraphicsSimpleTextItem*> cellLabels(QChart* chart)
{
    QList<QGraphicsSimpleTextItem*> labels;
    for (QGraphicsItem* child : chart->childItems()) {
        if (auto* text = qgraphicsitem_cast<QGraphicsSimpleTextItem*>(child))
            labels << text;
    }
    return labels;
}

} // namespace

void TestCharts::chartKindNameRoundTrips()
{
    using haggle::lab::ChartKind;
    QStringList names;
    for (ChartKind kind : { ChartKind::Line, ChartKind::Ranking, ChartKind::Band, ChartKind::Heatmap }) {
        const std::string_view name = haggle::lab::chartKindName(kind);
        names << QString::fromUtf8(name.data(), qsizetype(name.size()));
        QCOMPARE(haggle::lab::chartKindFromName(name), std::optional<ChartKind>(kind));
    }
    QCOMPARE(names,
        QStringList(
            { QStringLiteral("line"), QStringLiteral("ranking"), QStringLiteral("band"), QStringLiteral("heatmap") }));
    QCOMPARE(haggle::lab::chartKindFromName("bands"), std::optional<ChartKind>());
    QCOMPARE(haggle::lab::chartKindFromName(""), std::optional<ChartKind>());
}

void TestCharts::bandChartShadesEachBandedLine()
{
    const haggle::lab::ResultSeries s = bandSeries();
    const std::unique_ptr<QChart> chart(makeSeriesChart(s));
    // Legend entries are graphics items: their visibility is known once the chart has been laid out.
    verifyNotBlank(renderChartImage(chart.get(), ExportSize, 1.0));
    QCOMPARE(chart->title(), QStringLiteral("Detection over rounds"));
    QCOMPARE(chart->axes(Qt::Horizontal).value(0)->titleText(), QStringLiteral("Round"));
    QCOMPARE(chart->axes(Qt::Vertical).value(0)->titleText(), QStringLiteral("Share detected"));
    // The lines only: a band's edges belong to its area series, not to the chart.
    const QList<QLineSeries*> lines = seriesOf<QLineSeries>(chart.get());
    QCOMPARE(lines.size(), 3);
    const QList<QAreaSeries*> bands = seriesOf<QAreaSeries>(chart.get());
    QCOMPARE(bands.size(), 2); // "baseline" has none
    const struct {
        qsizetype line;
        QList<QPointF> lower, upper;
    } expected[] = {
        { 0, { { 1, 0.1 }, { 2, 0.4 }, { 3, 0.6 } }, { { 1, 0.3 }, { 2, 0.6 }, { 3, 0.8 } } },
        { 2, { { 1, 0.2 }, { 3, 0.8 } }, { { 1, 0.4 }, { 3, 1.0 } } }, // the NaN bounds left out
    };
    for (qsizetype i = 0; i < bands.size(); ++i) {
        QAreaSeries* band = bands.at(i);
        const auto& e = expected[i];
        QLineSeries* line = lines.at(e.line);
        QCOMPARE(band->name(), line->name() + QStringLiteral(" (band)"));
        QCOMPARE(band->lowerSeries()->points(), e.lower);
        QCOMPARE(band->upperSeries()->points(), e.upper);
        // In the line's colour, translucent, under every line, out of the legend.
        QCOMPARE(band->brush().color().rgb(), line->pen().color().rgb());
        QVERIFY(band->brush().color().alpha() < 255);
        for (QLineSeries* l : lines)
            QVERIFY(chart->series().indexOf(band) < chart->series().indexOf(l));
        QVERIFY(!legendEntryVisible(chart.get(), band));
        QVERIFY(legendEntryVisible(chart.get(), line));
    }
    // The axis fits the bands, not only the lines.
    auto* yAxis = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0));
    QVERIFY(yAxis);
    QVERIFY(yAxis->max() >= 1.0);
    QVERIFY(yAxis->min() <= 0.1);
}

void TestCharts::lineChartIgnoresBounds()
{
    haggle::lab::ResultSeries s = bandSeries();
    s.chart = haggle::lab::ChartKind::Line;
    const std::unique_ptr<QChart> chart(makeSeriesChart(s));
    QCOMPARE(seriesOf<QAreaSeries>(chart.get()).size(), 0);
    QCOMPARE(seriesOf<QLineSeries>(chart.get()).size(), 3);
}

void TestCharts::heatmapCellPerValue()
{
    const haggle::lab::ResultSeries s = heatmapSeries();
    const std::unique_ptr<QChart> chart(makeSeriesChart(s));
    // Legend entries are graphics items: their visibility is known once the chart has been laid out.
    verifyNotBlank(renderChartImage(chart.get(), ExportSize, 1.0));
    QCOMPARE(chart->title(), QStringLiteral("Cheaters' profit"));
    auto* xAxis = qobject_cast<QCategoryAxis*>(chart->axes(Qt::Horizontal).value(0));
    auto* yAxis = qobject_cast<QCategoryAxis*>(chart->axes(Qt::Vertical).value(0));
    QVERIFY(xAxis && yAxis);
    QCOMPARE(xAxis->titleText(), QStringLiteral("Trust threshold"));
    QCOMPARE(yAxis->titleText(), QStringLiteral("Model"));
    QCOMPARE(
        xAxis->categoriesLabels(), QStringList({ QStringLiteral("t0"), QStringLiteral("t1"), QStringLiteral("t2") }));
    // The first row on top.
    QCOMPARE(yAxis->categoriesLabels(), QStringList({ QStringLiteral("row1"), QStringLiteral("row0") }));

    const QList<QAreaSeries*> cells = heatmapCells(chart.get());
    QCOMPARE(cells.size(), 5); // 6 cells, one NaN
    QList<QPair<double, double>> byValue; // value, position on the scale
    for (QAreaSeries* cell : cells) {
        const QPoint at = cell->property(HeatmapCellProperty).toPoint();
        const double value = cell->property(HeatmapValueProperty).toDouble();
        QVERIFY(at != QPoint(1, 1)); // the NaN
        QCOMPARE(value, s.lines[std::size_t(at.y())].y[std::size_t(at.x())]);
        // A unit square at its column, its row counted from the top.
        const QRectF square(QPointF(at.x() - 0.5, 1 - at.y() - 0.5), QSizeF(1, 1));
        for (const QPointF& p : cell->upperSeries()->points() + cell->lowerSeries()->points())
            QVERIFY(std::abs(p.x() - square.left()) < 1e-9 || std::abs(p.x() - square.right()) < 1e-9);
        QCOMPARE(cell->upperSeries()->at(0).y(), square.bottom());
        QCOMPARE(cell->lowerSeries()->at(0).y(), square.top());
        QVERIFY(!legendEntryVisible(chart.get(), cell));
        byValue.append({ value, scalePosition(cell->brush().color()) });
    }
    std::sort(byValue.begin(), byValue.end());
    QCOMPARE(byValue.first().second, 0.0); // the smallest value at the scale's start
    QCOMPARE(byValue.last().second, 1.0); // the largest at its end
    for (qsizetype i = 1; i < byValue.size(); ++i)
        QVERIFY2(byValue.at(i).second > byValue.at(i - 1).second, "a higher value is later in the scale");

    // The legend is the scale, from the minimum to the maximum.
    QStringList entries;
    for (QLegendMarker* marker : chart->legend()->markers()) {
        if (marker->isVisible())
            entries << marker->label();
    }
    QCOMPARE(entries.size(), 5);
    QCOMPARE(entries.first(), QStringLiteral("min 0.5"));
    QCOMPARE(entries.last(), QStringLiteral("max 10"));
}

void TestCharts::heatmapLabelsFollowThePlot()
{
    const haggle::lab::ResultSeries s = heatmapSeries();
    QChartView view(makeSeriesChart(s));
    view.resize(700, 450);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QChart* chart = view.chart();
    const QList<QGraphicsSimpleTextItem*> labels = cellLabels(chart);
    QCOMPARE(labels.size(), 5);
    QStringList texts;
    for (QGraphicsSimpleTextItem* label : labels) {
        texts << label->text();
        // Its centre lies in its own cell, after the chart was laid out at the view's size.
        const QPointF centre = label->mapToParent(label->boundingRect().center());
        const QPointF value = chart->mapToValue(centre);
        const int column = int(std::lround(value.x()));
        const int row = 1 - int(std::lround(value.y()));
        QVERIFY2(column >= 0 && column < 3 && row >= 0 && row < 2, qPrintable(label->text()));
        QCOMPARE(label->text(), QString::number(s.lines[std::size_t(row)].y[std::size_t(column)], 'g', 3));
    }
    QVERIFY(texts.contains(QStringLiteral("10")));
    QVERIFY(texts.contains(QStringLiteral("0.5")));
}

void TestCharts::heatmapOmitsLabelsOnLargeGrids()
{
    const std::unique_ptr<QChart> large(makeSeriesChart(heatmapSeries(HeatmapLabelledColumns + 1, 3)));
    QCOMPARE(heatmapCells(large.get()).size(), (HeatmapLabelledColumns + 1) * 3 - 1);
    QCOMPARE(cellLabels(large.get()).size(), 0);
    const std::unique_ptr<QChart> limit(makeSeriesChart(heatmapSeries(HeatmapLabelledColumns, HeatmapLabelledRows)));
    QCOMPARE(cellLabels(limit.get()).size(), HeatmapLabelledColumns * HeatmapLabelledRows - 1);
}

void TestCharts::sequentialScaleGetsLighter()
{
    // Perceived lightness (QColor's HSL lightness is not perceptual; the luma is close enough to order it).
    const auto luma = [](const QColor& c) { return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF(); };
    double previous = -1.0;
    for (int i = 0; i <= 100; ++i) {
        const double l = luma(style::sequentialColor(i / 100.0));
        QVERIFY2(l > previous, qPrintable(QString::number(i)));
        previous = l;
    }
    QCOMPARE(style::sequentialColor(-1.0), style::sequentialColor(0.0));
    QCOMPARE(style::sequentialColor(2.0), style::sequentialColor(1.0));
    QCOMPARE(style::sequentialColor(NaN), style::sequentialColor(0.0));
}

void TestCharts::seriesCsvHoldsTheData()
{
    QCOMPARE(QString::fromStdString(haggle::lab::seriesCsv(heatmapSeries())),
        QStringLiteral("row,t0,t1,t2\nrow0,10,9,8\nrow1,0.5,,4.5\n"));
    const std::string band = haggle::lab::seriesCsv(bandSeries());
    QVERIFY(band.starts_with("series,x,y,low,high\nbeta,1,0.2,0.1,0.3\n"));
    QVERIFY(band.find("baseline,1,0.1,,\n") != std::string::npos);
    QVERIFY(band.find("eigentrust,2,0.6,,\n") != std::string::npos);
}

void TestCharts::experimentFilesPerSeries()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (qEnvironmentVariableIsSet("HAGGLE_KEEP_TEST_FILES")) { // to look at the charts
        dir.setAutoRemove(false);
        qInfo("files kept in %s", qPrintable(dir.path()));
    }
    haggle::lab::ExperimentResult result;
    result.experiment = "threshold";
    result.series = { bandSeries(), heatmapSeries() };
    result.tables.push_back({ "threshold", "A table named like a series", { { "x" } }, { { 1LL } } });
    OutputWriter writer(dir.path(), QSize(800, 500), 1.0);
    QVERIFY(writer.prepare());
    writer.writeExperiment(result);
    QVERIFY2(writer.ok(), qPrintable(writer.error()));
    for (const char* name : { "summary.json", "threshold.csv", "detection.png", "detection.svg", "detection.csv",
             "threshold.png", "threshold.svg", "threshold-series.csv" }) {
        const QString file = QString::fromLatin1(name);
        QVERIFY2(writer.written().contains(file), name);
        QVERIFY2(QFileInfo(dir.filePath(file)).size() > 0, name);
    }
    QSvgRenderer svg(dir.filePath(QStringLiteral("threshold.svg")));
    QVERIFY(svg.isValid());
    QFile csv(dir.filePath(QStringLiteral("threshold-series.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readAll().startsWith("row,t0,t1,t2\n"));
}

void TestCharts::thinPointsKeepsStrideAndLast_data()
{
    QTest::addColumn<qsizetype>("count");
    QTest::addColumn<qsizetype>("maxPoints");
    QTest::addColumn<qsizetype>("stride");
    QTest::newRow("short") << qsizetype(10) << qsizetype(2000) << qsizetype(1);
    QTest::newRow("exactly the cap") << qsizetype(2000) << qsizetype(2000) << qsizetype(1);
    QTest::newRow("one over") << qsizetype(2001) << qsizetype(2000) << qsizetype(2);
    QTest::newRow("200k") << qsizetype(200'000) << qsizetype(2000) << qsizetype(101);
    QTest::newRow("million") << qsizetype(1'000'000) << qsizetype(2000) << qsizetype(501);
    QTest::newRow("cap below two") << qsizetype(5) << qsizetype(1) << qsizetype(5);
}

void TestCharts::thinPointsKeepsStrideAndLast()
{
    QFETCH(qsizetype, count);
    QFETCH(qsizetype, maxPoints);
    QFETCH(qsizetype, stride);
    QCOMPARE(thinningStride(count, maxPoints), stride);
    QList<QPointF> points;
    points.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        points.append(QPointF(double(i), double(i % 17)));
    const QList<QPointF> thinned = thinPoints(points, maxPoints);
    QVERIFY(thinned.size() <= std::max<qsizetype>(maxPoints, 2));
    QCOMPARE(thinned.first(), points.first());
    QCOMPARE(thinned.last(), points.last());
    for (qsizetype i = 1; i + 1 < thinned.size(); ++i)
        QCOMPARE(thinned.at(i).x() - thinned.at(i - 1).x(), double(stride));
    QCOMPARE(thinned.size(), qsizetype(sampledIndices(count, maxPoints).size()));
}

void TestCharts::thinningCapsSeries_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<qsizetype>("maxPoints");
    for (const Kind kind : RunKinds)
        for (const qsizetype cap : { DefaultMaxPoints, qsizetype(500) })
            QTest::addRow("%s cap %lld", qPrintable(kindName(kind)), static_cast<long long>(cap)) << kind << cap;
}

void TestCharts::thinningCapsSeries()
{
    QFETCH(Kind, kind);
    QFETCH(qsizetype, maxPoints);
    ChartInput input = m_long;
    input.maxPoints = maxPoints;
    const std::unique_ptr<QChart> chart = makeChart(kind, input);
    const double lastX = kind == Kind::Price ? double(input.deals.size()) : double(input.rounds.back().round);

    QList<QXYSeries*> checked;
    const QList<QAbstractSeries*> all = chart->series();
    for (QAbstractSeries* series : all) {
        if (auto* area = qobject_cast<QAreaSeries*>(series)) {
            checked << area->upperSeries() << area->lowerSeries();
        } else {
            auto* xy = qobject_cast<QXYSeries*>(series);
            QVERIFY(xy);
            checked << xy;
        }
    }
    qsizetype thinnedSeries = 0;
    for (QXYSeries* xy : std::as_const(checked)) {
        QVERIFY2(xy->count() <= maxPoints, qPrintable(xy->name()));
        if (xy->count() > 2) { // data, not a reference line or a band edge
            ++thinnedSeries;
            QCOMPARE(xy->at(0).x(), 1.0);
            QCOMPARE(xy->at(xy->count() - 1).x(), lastX);
        }
    }
    QVERIFY(thinnedSeries >= 2);
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
