// Samples for the charts tests: synthetic runs (a small market with a rush hour, 1,000 agents, 200,000 rounds),
// the charts built from them, and checks on what a rendered chart looks like.
#pragma once

#include "chartinput.h"

#include <QImage>
#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QtCharts/QAbstractSeries>
#include <QtCharts/QChart>

#include <memory>
#include <vector>

namespace chartsamples {

using haggle::charts::ChartInput;

enum class Kind { Price, RoundPrice, Reputation, Activity, Wealth, Ranking };
enum class Dataset { Small, Large, Long };

inline constexpr QSize ExportSize(640, 400);
inline const QString RushHour = QStringLiteral("rush hour");
inline const QList<Kind> AllKinds
    = { Kind::Price, Kind::RoundPrice, Kind::Reputation, Kind::Activity, Kind::Wealth, Kind::Ranking };
inline const QList<Kind> RunKinds = { Kind::Price, Kind::RoundPrice, Kind::Reputation, Kind::Activity, Kind::Wealth };

// 5 agents x 30 rounds with a rush hour over rounds 11-20, 40 deals, the last agent highlighted.
ChartInput smallInput();
// 1,000 agents x 50 rounds, three of them highlighted.
ChartInput largeInput();
// 200,000 rounds and as many deals, 3 agents: every series must be thinned.
ChartInput longInput();

// A tournament of five strategies.
struct Ranking {
    QStringList names = { QStringLiteral("fair"), QStringLiteral("adaptive"), QStringLiteral("patient"),
        QStringLiteral("greedy"), QStringLiteral("cheater") };
    std::vector<double> mean = { 120.0, 115.0, 104.0, 98.0, 60.0 };
    std::vector<double> low = { 100.0, 90.0, 95.0, 70.0, 20.0 };
    std::vector<double> high = { 140.0, 130.0, 112.0, 120.0, 95.0 };
    std::vector<double> ci95 = { 5.0, 8.0, 2.5, 10.0, 12.0 };
};

std::unique_ptr<QChart> makeChart(Kind kind, const ChartInput& input);
QString kindName(Kind kind);

qsizetype nonWhitePixels(const QImage& image);
qsizetype distinctColours(const QImage& image);
// Not blank: a real chart covers a few percent of its area with frame, text and data, in many shades.
// Fails the current test through QVERIFY2.
void verifyNotBlank(const QImage& image);

template <typename T> QList<T*> seriesOf(QChart* chart)
{
    QList<T*> found;
    const QList<QAbstractSeries*> all = chart->series();
    for (QAbstractSeries* series : all)
        if (auto* typed = qobject_cast<T*>(series))
            found.append(typed);
    return found;
}

QAbstractSeries* seriesNamed(QChart* chart, const QString& prefix);
// Legend entries are graphics items: their visibility is known once the chart has been laid out.
bool legendEntryVisible(QChart* chart, QAbstractSeries* series);

} // namespace chartsamples
