// Samples for the charts tests: see chartsamples.h.
#include "chartsamples.h"

#include "chartbuilder.h"

#include <QSet>
#include <QTest>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>

#include <algorithm>
#include <cmath>

using namespace haggle::charts;

namespace chartsamples {

namespace {

// Rounds 1..rounds; agent a's reputation drifts up, the highlighted ones' (the cheaters') down.
void fillRounds(ChartInput& input, int rounds, int agents, const std::vector<bool>& highlighted)
{
    input.rounds.reserve(static_cast<std::size_t>(rounds));
    for (int r = 1; r <= rounds; ++r) {
        haggle::RoundSummary summary;
        summary.round = r;
        const bool rush = r >= 11 && r <= 20;
        if (rush)
            summary.phase = RushHour.toStdString();
        summary.negotiations = 8 + (rush ? 10 : 0) + r % 3;
        summary.deals = summary.negotiations / 2 + r % 2;
        summary.successRate = double(summary.deals) / summary.negotiations;
        // Bargaining scores, with a round now and then that scored nothing (no deal: utilities and price missing).
        summary.bargaining.analysed = summary.negotiations;
        summary.bargaining.meanNashDistance = 0.2 + 0.1 * std::sin(r * 0.3);
        if (r % 9 != 0) {
            summary.bargaining.agreed = summary.deals;
            summary.bargaining.meanBuyerUtility = 0.3 + 0.01 * (r % 10);
            summary.bargaining.meanSellerUtility = 0.6 - 0.01 * (r % 10);
            summary.bargaining.meanPriceOverRubinstein = 0.2 + (rush ? 0.1 : 0.0);
        }
        summary.netWorth.resize(static_cast<std::size_t>(agents));
        summary.meanReputation.resize(static_cast<std::size_t>(agents));
        for (int a = 0; a < agents; ++a) {
            const auto i = static_cast<std::size_t>(a);
            summary.netWorth[i] = 100.0 + (a % 37) * 3.0 + r * ((a % 7) - 3) * 0.5;
            summary.meanReputation[i] = highlighted[i] ? std::max(0.05, 0.6 - 0.02 * r)
                                                       : std::min(1.0, 0.4 + 0.3 * std::sin(a * 0.7 + r * 0.01));
        }
        input.rounds.push_back(std::move(summary));
    }
}

// Deals spread over the rounds filled (call fillRounds first), in round order as a run makes them.
void fillDeals(ChartInput& input, int deals)
{
    input.deals.reserve(static_cast<std::size_t>(deals));
    const auto rounds = static_cast<long long>(std::max<std::size_t>(input.rounds.size(), 1));
    for (int i = 0; i < deals; ++i) {
        haggle::DealRecord deal;
        deal.negotiation = static_cast<std::uint64_t>(i);
        deal.round = static_cast<int>(1 + i * rounds / deals);
        deal.unitPrice = 1.0 + 0.5 * std::sin(i * 1.3) * std::exp(-(i % 1000) / 15.0) + 0.01 * (i % 5);
        deal.price = deal.unitPrice * 4.0;
        input.deals.push_back(deal);
    }
}

} // namespace

ChartInput smallInput()
{
    ChartInput input;
    input.title = QStringLiteral("Rush hour");
    input.agentIds = { QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("a3"), QStringLiteral("a4"),
        QStringLiteral("a5") };
    input.agentStrategies = { QStringLiteral("fair"), QStringLiteral("greedy"), QStringLiteral("patient"),
        QStringLiteral("adaptive"), QStringLiteral("cheater") };
    input.highlighted = { false, false, false, false, true };
    input.trustThreshold = 0.4;
    input.phases = { PhaseBand { RushHour, 11, 20 } };
    fillRounds(input, 30, 5, input.highlighted);
    fillDeals(input, 40);
    return input;
}

ChartInput largeInput()
{
    ChartInput input;
    constexpr int agents = 1000;
    input.highlighted.assign(agents, false);
    input.highlighted[10] = input.highlighted[500] = input.highlighted[990] = true;
    for (int a = 0; a < agents; ++a) {
        input.agentIds.append(QStringLiteral("agent-%1").arg(a));
        input.agentStrategies.append(a % 2 ? QStringLiteral("fair") : QStringLiteral("adaptive"));
    }
    input.trustThreshold = 0.4;
    input.phases = { PhaseBand { RushHour, 11, 20 } };
    fillRounds(input, 50, agents, input.highlighted);
    fillDeals(input, 300);
    return input;
}

ChartInput longInput()
{
    ChartInput input;
    input.agentIds = { QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("z") };
    input.highlighted = { false, true, false };
    input.phases = { PhaseBand { RushHour, 11, 20 } };
    fillRounds(input, 200'000, 3, input.highlighted);
    fillDeals(input, 200'000);
    return input;
}

std::unique_ptr<QChart> makeChart(Kind kind, const ChartInput& input)
{
    switch (kind) {
    case Kind::Price:
        return std::unique_ptr<QChart>(makePriceConvergenceChart(input));
    case Kind::RoundPrice:
        return std::unique_ptr<QChart>(makeRoundPriceChart(input));
    case Kind::Reputation:
        return std::unique_ptr<QChart>(makeReputationChart(input));
    case Kind::Activity:
        return std::unique_ptr<QChart>(makeMarketActivityChart(input));
    case Kind::Wealth:
        return std::unique_ptr<QChart>(makeWealthChart(input));
    case Kind::Ranking: {
        const Ranking r;
        return std::unique_ptr<QChart>(
            makeRankingChart(QStringLiteral("Tournament"), r.names, r.mean, r.low, r.high, r.ci95));
    }
    }
    return nullptr;
}

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Price:
        return QStringLiteral("price");
    case Kind::RoundPrice:
        return QStringLiteral("round-price");
    case Kind::Reputation:
        return QStringLiteral("reputation");
    case Kind::Activity:
        return QStringLiteral("activity");
    case Kind::Wealth:
        return QStringLiteral("wealth");
    case Kind::Ranking:
        return QStringLiteral("ranking");
    }
    return {};
}

qsizetype nonWhitePixels(const QImage& image)
{
    qsizetype count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += (image.pixel(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
    return count;
}

qsizetype distinctColours(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            colours.insert(image.pixel(x, y));
    return colours.size();
}

void verifyNotBlank(const QImage& image)
{
    const qsizetype pixels = qsizetype(image.width()) * image.height();
    QVERIFY2(nonWhitePixels(image) > pixels / 50, "image is (almost) blank");
    QVERIFY2(distinctColours(image) >= 16, "image has too few colours to hold a chart");
}

QAbstractSeries* seriesNamed(QChart* chart, const QString& prefix)
{
    const QList<QAbstractSeries*> all = chart->series();
    for (QAbstractSeries* series : all)
        if (series->name().startsWith(prefix))
            return series;
    return nullptr;
}

bool legendEntryVisible(QChart* chart, QAbstractSeries* series)
{
    const QList<QLegendMarker*> markers = chart->legend()->markers(series);
    return !markers.isEmpty() && markers.first()->isVisible();
}

} // namespace chartsamples
