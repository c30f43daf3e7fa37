// The detection chart: see detectionchart.h.
#include "detectionchart.h"

#include "chartstyle.h"
#include "thinning.h"

#include <QFontMetricsF>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace haggle::charts {

namespace {

// Rows are one unit apart, bars 2 x BarHalf high; the rates' part sits Gap above the top row and is at least
// MinRateHeight rows high (RateShare of the rows' height when that is more).
constexpr double BarHalf = 0.32;
constexpr double Gap = 0.9;
constexpr double MinRateHeight = 3.0;
constexpr double RateShare = 0.6; // the rates' part, in rows per row
constexpr double TopPad = 0.15;

QColor honestColor()
{
    return style::agentColor(0);
}

// The agents that get a row: all of them, or above MaxDetectionRows the cheaters and those ever isolated.
std::vector<qsizetype> rowsOf(const DetectionInput& d, qsizetype agents)
{
    std::vector<qsizetype> rows;
    const bool all = agents <= DetectionChart::MaxDetectionRows;
    for (qsizetype a = 0; a < agents && qsizetype(rows.size()) < DetectionChart::MaxDetectionRows; ++a) {
        const auto i = static_cast<std::size_t>(a);
        const bool cheater = i < d.cheaters.size() && d.cheaters[i];
        const bool isolated = i < d.isolations.size() && !d.isolations[i].empty();
        if (all || cheater || isolated)
            rows.push_back(a);
    }
    return rows;
}

} // namespace

DetectionChart::DetectionChart()
    : LiveChart(QStringLiteral("Detection"))
    , m_xAxis(style::integerAxis(QStringLiteral("Round"), 0.5, 1.5))
    , m_rowAxis(new QCategoryAxis)
    , m_rateAxis(new QCategoryAxis)
{
    // No title: the legend says what the bars are, and the names need the axis's width.
    m_rowAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_rowAxis->setGridLineVisible(false);
    m_rowAxis->setRange(-0.5, 0.5 + Gap + MinRateHeight);
    m_rateAxis->setTitleText(QStringLiteral("Precision, recall, F1"));
    m_rateAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_rateAxis->setStartValue(0.0);
    // Three labels: the rates' part is a few rows high, and an axis leaves out labels that would overlap.
    for (int percent = 0; percent <= 100; percent += 50)
        m_rateAxis->append(QString::number(percent) % QLatin1Char('%'), percent / 100.0);
    m_rateAxis->setRange(0.0, 1.0);
    chart()->addAxis(m_xAxis, Qt::AlignBottom);
    chart()->addAxis(m_rowAxis, Qt::AlignLeft);
    chart()->addAxis(m_rateAxis, Qt::AlignRight);
}

QString DetectionChart::cheaterLegend()
{
    return QStringLiteral("Cheater isolated");
}

QString DetectionChart::honestLegend()
{
    return QStringLiteral("Honest agent isolated");
}

void DetectionChart::draw(const ChartInput& input)
{
    const auto [firstX, lastX] = roundSpan(input);
    const DetectionInput empty;
    const DetectionInput& d = input.detection ? *input.detection : empty;
    const qsizetype agents
        = input.detection ? std::max<qsizetype>(static_cast<qsizetype>(d.isolations.size()), input.agentIds.size()) : 0;
    const std::vector<qsizetype> rows = rowsOf(d, agents);
    const auto rowCount = static_cast<double>(rows.size());
    const double rateBase = rowCount - 0.5 + Gap; // where 0% is, in row units
    // The rows get most of the height: a row axis label needs its row's height or the axis leaves it out.
    const double rateHeight = std::max(MinRateHeight, rowCount * RateShare);
    const double rowMin = -0.5;
    const double rowMax = rateBase + rateHeight + TopPad;

    std::vector<SeriesSpec> specs;
    specs.reserve(rows.size() + 6);
    // The legend's two entries for the bars; the rows themselves stay out of it.
    for (const bool cheater : { true, false }) {
        SeriesSpec key;
        key.type = SeriesType::Band;
        key.name = cheater ? cheaterLegend() : honestLegend();
        key.yAxis = m_rowAxis;
        const QColor color = cheater ? style::highlightColor() : honestColor();
        key.brush = color;
        key.pen = QPen(color, 1.0);
        specs.push_back(std::move(key));
    }
    QStringList labels;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto agent = static_cast<std::size_t>(rows[k]);
        const double y = rowCount - 1.0 - static_cast<double>(k); // the first agent on top
        const bool cheater = agent < d.cheaters.size() && d.cheaters[agent];
        const QString id = agent < static_cast<std::size_t>(input.agentIds.size())
            ? input.agentIds.at(static_cast<qsizetype>(agent))
            : QStringLiteral("agent %1").arg(agent);
        SeriesSpec row;
        row.type = SeriesType::Band;
        row.name = id;
        row.yAxis = m_rowAxis;
        row.legendHidden = true;
        const QColor color = cheater ? style::highlightColor() : honestColor();
        row.brush = color;
        row.pen = QPen(cheater ? color : QColor(0xb0, 0xb8, 0xc4), 1.0); // the row's track: red for a cheater
        const double low = y - BarHalf;
        const double high = y + BarHalf;
        row.points.append(QPointF(firstX, low));
        if (agent < d.isolations.size()) {
            for (const lab::IsolationSpan& span : d.isolations[agent]) {
                const int last = span.last == std::numeric_limits<int>::max() ? d.lastRound : span.last;
                const double left = std::clamp(span.first - 0.5, firstX, lastX);
                const double right = std::clamp(last + 0.5, firstX, lastX);
                if (right <= left)
                    continue;
                row.points.append(
                    { QPointF(left, low), QPointF(left, high), QPointF(right, high), QPointF(right, low) });
            }
        }
        row.points.append(QPointF(lastX, low));
        row.lower = { QPointF(firstX, low), QPointF(lastX, low) };
        specs.push_back(std::move(row));
        labels.prepend(id); // a cheater's row reads by its colour, as the legend says
    }
    // A rule between the rows and the rates.
    SeriesSpec rule;
    rule.name = QStringLiteral("Rows | rates");
    rule.yAxis = m_rowAxis;
    rule.legendHidden = true;
    rule.pen = style::linePen(QColor(0x99, 0x99, 0x99), 1.0);
    if (!rows.empty())
        rule.points = { QPointF(firstX, rateBase - Gap / 2.0), QPointF(lastX, rateBase - Gap / 2.0) };
    specs.push_back(std::move(rule));

    // The rates, on the right axis, which maps 0..1 onto the upper part of the row axis.
    const std::vector<qsizetype> kept = sampledIndices(static_cast<qsizetype>(d.rounds.size()), input.maxPoints);
    SeriesSpec precision, recall, f1;
    for (const qsizetype r : kept) {
        const DetectionPoint& point = d.rounds[static_cast<std::size_t>(r)];
        if (const auto v = point.counts.precision())
            precision.points.append(QPointF(point.round, *v));
        if (const auto v = point.counts.recall())
            recall.points.append(QPointF(point.round, *v));
        if (const auto v = point.counts.f1())
            f1.points.append(QPointF(point.round, *v));
    }
    precision.name = QStringLiteral("Precision");
    precision.pen = style::linePen(style::agentColor(2), 2.0);
    recall.name = QStringLiteral("Recall");
    recall.pen = style::linePen(style::agentColor(1), 2.0);
    f1.name = QStringLiteral("F1");
    f1.pen = style::linePen(QColor(0x33, 0x33, 0x33), 1.5, Qt::DashLine);
    for (SeriesSpec* rate : { &precision, &recall, &f1 }) {
        rate->yAxis = m_rateAxis;
        specs.push_back(std::move(*rate));
    }

    // A row's name needs a row's height: where rows are thinner than a line of text (many agents, a small chart),
    // every k-th row is named, counting from the top, rather than Qt shortening every name to "...". The plot's
    // height is the last layout's (a first draw assumes a small chart; the next draw at the new size corrects it).
    const qreal plotHeight = chart()->plotArea().height() > 20.0 ? chart()->plotArea().height() : 250.0;
    const double rowPixels = plotHeight / (rowMax - rowMin);
    const double linePixels = QFontMetricsF(m_rowAxis->labelsFont()).height() + 2.0;
    const auto every = static_cast<qsizetype>(std::max(1.0, std::ceil(linePixels / std::max(rowPixels, 1e-6))));
    QStringList shown; // bottom row first, as the axis takes them
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if ((labels.size() - 1 - i) % every == 0)
            shown.append(labels.at(i) + u'@' + QString::number(i));
    }
    if (shown != m_rowLabels) {
        for (const QString& old : m_rowAxis->categoriesLabels())
            m_rowAxis->remove(old);
        m_rowAxis->setStartValue(-0.5);
        for (const QString& entry : shown) {
            const qsizetype at = entry.lastIndexOf(u'@');
            m_rowAxis->append(entry.left(at), entry.mid(at + 1).toDouble());
        }
        m_rowLabels = shown;
    }
    applySeries(specs, m_xAxis, [&] {
        setXRange(m_xAxis, firstX, lastX);
        m_rowAxis->setRange(rowMin, rowMax);
        m_rateAxis->setRange((rowMin - rateBase) / rateHeight, (rowMax - rateBase) / rateHeight);
    });
}

KindInfo DetectionChart::kindInfo()
{
    return { "detection",
        "How reputation finds the cheaters: each agent's isolation over the rounds (cheaters in red) and precision, "
        "recall and F1 per round",
        {} };
}

} // namespace haggle::charts
