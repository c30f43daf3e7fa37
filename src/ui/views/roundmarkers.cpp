// Marks over a round chart (see roundmarkers.h).
#include "roundmarkers.h"

#include <QBrush>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <QtCharts/QAbstractSeries>
#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace haggle::ui {

namespace {

const QColor EventColor(200, 90, 20);
constexpr qreal ZAboveSeries = 10.0;

} // namespace

RoundMarkers::RoundMarkers(QChart* chart, QObject* parent)
    : QObject(parent)
    , m_chart(chart)
{
    if (chart)
        connect(chart, &QChart::plotAreaChanged, this, &RoundMarkers::relayout);
}

RoundMarkers::~RoundMarkers()
{
    // The items are the chart's children: the chart deletes them if it goes first.
    if (!m_chart)
        return;
    clearMarks();
    delete m_cursor;
}

void RoundMarkers::clearMarks()
{
    for (auto* item : m_bands)
        delete item;
    for (auto* item : m_lines)
        delete item;
    for (auto* item : m_labels)
        delete item;
    m_bands.clear();
    m_lines.clear();
    m_labels.clear();
}

QValueAxis* RoundMarkers::roundAxis() const
{
    if (!m_chart)
        return nullptr;
    for (QAbstractAxis* axis : m_chart->axes(Qt::Horizontal)) {
        if (auto* value = qobject_cast<QValueAxis*>(axis); value && value->titleText() == QStringLiteral("Round"))
            return value;
    }
    return nullptr;
}

bool RoundMarkers::applies() const
{
    return roundAxis() != nullptr;
}

void RoundMarkers::setMarks(const std::vector<Mark>& marks)
{
    if (!m_chart)
        return;
    clearMarks();
    m_marks = marks;
    for (const Mark& m : m_marks) {
        QColor fill = EventColor;
        fill.setAlpha(40);
        auto* band = new QGraphicsRectItem(m_chart);
        band->setBrush(fill);
        band->setPen(Qt::NoPen);
        band->setZValue(ZAboveSeries);
        band->setVisible(m.last > m.first);
        m_bands.push_back(band);
        auto* line = new QGraphicsLineItem(m_chart);
        line->setPen(QPen(EventColor, 1.5, Qt::DashLine));
        line->setZValue(ZAboveSeries);
        m_lines.push_back(line);
        auto* label = new QGraphicsSimpleTextItem(m.label, m_chart);
        label->setBrush(EventColor);
        QFont font = label->font();
        font.setPointSizeF(font.pointSizeF() * 0.85);
        label->setFont(font);
        label->setZValue(ZAboveSeries);
        m_labels.push_back(label);
    }
    relayout();
}

void RoundMarkers::setCursor(int round)
{
    m_cursorRound = round;
    if (m_chart && !m_cursor) {
        m_cursor = new QGraphicsLineItem(m_chart);
        m_cursor->setPen(QPen(QColor(30, 30, 30), 2.0));
        m_cursor->setZValue(ZAboveSeries + 1);
    }
    relayout();
}

void RoundMarkers::setCursorVisible(bool visible)
{
    m_cursorVisible = visible;
    relayout();
}

double RoundMarkers::xOf(double round) const
{
    const QRectF plot = m_chart->plotArea();
    const double min = m_axis->min();
    const double max = m_axis->max();
    return max > min ? plot.left() + plot.width() * (round - min) / (max - min) : plot.left();
}

void RoundMarkers::relayout()
{
    if (!m_chart)
        return;
    QValueAxis* axis = roundAxis();
    if (axis != m_axis) {
        if (m_axis)
            disconnect(m_axis, nullptr, this, nullptr);
        m_axis = axis;
        if (axis)
            connect(axis, &QValueAxis::rangeChanged, this, &RoundMarkers::relayout);
    }
    const bool show = axis != nullptr && m_chart->plotArea().width() > 0.0;
    const QRectF plot = m_chart->plotArea();
    // A mark is at its round's middle (integer rounds at x = round), a band from its first round's start to its last
    // round's end; what lies outside the visible range (a zoom) is hidden.
    for (std::size_t k = 0; k < m_marks.size(); ++k) {
        const Mark& m = m_marks[k];
        const bool visible = show && m.last + 0.5 >= axis->min() && m.first - 0.5 <= axis->max();
        m_lines[k]->setVisible(visible);
        m_labels[k]->setVisible(visible);
        m_bands[k]->setVisible(visible && m.last > m.first);
        if (!visible)
            continue;
        const double x0 = std::clamp(xOf(m.first - 0.5), plot.left(), plot.right());
        const double x1 = std::clamp(xOf(m.last + 0.5), plot.left(), plot.right());
        const double x = std::clamp(xOf(m.first), plot.left(), plot.right());
        m_bands[k]->setRect(QRectF(x0, plot.top(), x1 - x0, plot.height()));
        m_lines[k]->setLine(QLineF(x, plot.top(), x, plot.bottom()));
        // Labels one under the other when marks are close, so none hides another.
        m_labels[k]->setPos(x + 3, plot.top() + 2 + (k % 3) * m_labels[k]->boundingRect().height());
    }
    if (m_cursor) {
        const bool visible = show && m_cursorVisible && m_cursorRound >= 0 && m_cursorRound >= axis->min() - 0.5
            && m_cursorRound <= axis->max() + 0.5;
        m_cursor->setVisible(visible);
        if (visible) {
            const double x = xOf(m_cursorRound);
            m_cursor->setLine(QLineF(x, plot.top(), x, plot.bottom()));
        }
    }
}

} // namespace haggle::ui
