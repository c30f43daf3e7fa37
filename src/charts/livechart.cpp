// Persistent charts: see livechart.h.
#include "livechart.h"

#include "chartstyle.h"

#include <QStringList>
#include <QVariant>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace haggle::charts {

LiveChart::LiveChart(const QString& name)
    : m_owned(style::newChart(QString(), name))
    , m_name(name)
{
    m_chart = m_owned.get();
}

LiveChart::~LiveChart() = default;

QChart* LiveChart::chart() const
{
    return m_chart.data();
}

std::unique_ptr<QChart> LiveChart::release()
{
    return std::move(m_owned);
}

void LiveChart::update(const ChartInput& input)
{
    QChart* target = chart();
    if (!target)
        return;
    m_inputTitle = input.title;
    applyTitle();
    draw(input);
}

void LiveChart::setTitleMode(Title mode)
{
    m_titleMode = mode;
    applyTitle();
}

void LiveChart::applyTitle()
{
    QChart* target = chart();
    if (!target)
        return;
    const QString title = m_titleMode == Title::Full ? style::chartTitle(m_inputTitle, m_name)
        : m_titleMode == Title::Name                 ? m_name
                                                     : QString();
    if (target->title() != title)
        target->setTitle(title);
}

void LiveChart::setXRange(QValueAxis* axis, double min, double max)
{
    // A live update must not undo the rubber band: the user is looking at a part of the run.
    if (m_chart && m_chart->isZoomed())
        return;
    style::setIntegerRange(axis, min, max);
}

void LiveChart::appendPhaseBands(std::vector<SeriesSpec>& specs, const std::vector<PhaseBand>& phases)
{
    if (phases.empty() || !m_chart)
        return;
    if (!m_phaseAxis) {
        m_phaseAxis = new QValueAxis;
        m_phaseAxis->setRange(0.0, 1.0);
        m_phaseAxis->setVisible(false);
        m_chart->addAxis(m_phaseAxis, Qt::AlignRight);
    }
    constexpr double bottom = 0.0;
    constexpr double top = 1.0;
    QStringList seen;
    for (const PhaseBand& phase : phases) {
        if (phase.lastRound < phase.firstRound)
            continue;
        const double left = phase.firstRound - 0.5;
        const double right = phase.lastRound + 0.5;
        qsizetype colorIndex = seen.indexOf(phase.name);
        const bool repeated = colorIndex >= 0;
        if (!repeated) {
            colorIndex = seen.size();
            seen.append(phase.name);
        }
        SeriesSpec band;
        band.type = SeriesType::Band;
        band.name = phase.name;
        band.yAxis = m_phaseAxis;
        band.brush = style::phaseColor(colorIndex);
        band.pen = QPen(Qt::NoPen);
        band.points = { QPointF(left, top), QPointF(right, top) };
        band.lower = { QPointF(left, bottom), QPointF(right, bottom) };
        band.legendHidden = repeated;
        specs.push_back(std::move(band));
    }
}

QAbstractSeries* LiveChart::createSeries(const SeriesSpec& spec) const
{
    switch (spec.type) {
    case SeriesType::Line: {
        auto* series = new QLineSeries;
        series->setName(spec.name);
        return series;
    }
    case SeriesType::Scatter: {
        auto* series = new QScatterSeries;
        series->setName(spec.name);
        series->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        return series;
    }
    case SeriesType::Band:
        return style::bandSeries(spec.name, {}, {}, spec.brush, spec.pen);
    }
    return nullptr;
}

void LiveChart::applyStyle(QAbstractSeries* series, const SeriesSpec& spec) const
{
    switch (spec.type) {
    case SeriesType::Line: {
        auto* line = static_cast<QLineSeries*>(series);
        if (line->pen() != spec.pen)
            line->setPen(spec.pen);
        break;
    }
    case SeriesType::Scatter: {
        auto* scatter = static_cast<QScatterSeries*>(series);
        if (scatter->markerSize() != spec.markerSize)
            scatter->setMarkerSize(spec.markerSize);
        if (scatter->color() != spec.color)
            scatter->setColor(spec.color);
        if (scatter->borderColor() != spec.color)
            scatter->setBorderColor(spec.color);
        break;
    }
    case SeriesType::Band: {
        auto* band = static_cast<QAreaSeries*>(series);
        if (band->brush() != spec.brush)
            band->setBrush(spec.brush);
        if (band->pen() != spec.pen)
            band->setPen(spec.pen);
        break;
    }
    }
}

void LiveChart::applyPoints(QAbstractSeries* series, const SeriesSpec& spec) const
{
    // Equal points are left alone: a replace() re-lays the series even when nothing moved.
    const auto replace = [](QXYSeries* xy, const QList<QPointF>& points) {
        if (xy && xy->points() != points)
            xy->replace(points);
    };
    if (spec.type == SeriesType::Band) {
        auto* band = static_cast<QAreaSeries*>(series);
        replace(band->upperSeries(), spec.points);
        replace(band->lowerSeries(), spec.lower);
    } else {
        replace(static_cast<QXYSeries*>(series), spec.points);
    }
}

void LiveChart::applySeries(
    const std::vector<SeriesSpec>& specs, QAbstractAxis* xAxis, const std::function<void()>& setRanges)
{
    bool same = specs.size() == m_current.size();
    for (std::size_t i = 0; same && i < specs.size(); ++i) {
        const Current& current = m_current[i];
        same = current.type == specs[i].type && current.name == specs[i].name && current.yAxis == specs[i].yAxis
            && current.series->property(style::LegendHiddenProperty).toBool() == specs[i].legendHidden;
    }
    if (!same) {
        relayout(specs, xAxis);
        setRanges(); // last: attaching a series may refit an axis to it
        return;
    }
    // Each change of an axis range lays every series out again, and laying out a line strokes all its points (its
    // hover shape): with a live run's x range growing and the y range following, a chart of sixteen highlighted
    // agents cost ~40 ms a frame. The lines whose points change are emptied first and the ranges set while they
    // are, so that each is laid out with its new points once. Equal points are left alone: a replace() re-lays a
    // series even when nothing moved. Nothing is painted in between.
    struct Change {
        QXYSeries* series;
        const QList<QPointF>* points;
    };
    std::vector<Change> changes;
    const auto change = [&changes](QXYSeries* xy, const QList<QPointF>& points) {
        if (xy && xy->points() != points) {
            xy->clear();
            changes.push_back({ xy, &points });
        }
    };
    for (std::size_t i = 0; i < specs.size(); ++i) {
        applyStyle(m_current[i].series, specs[i]);
        if (specs[i].type == SeriesType::Band) {
            auto* band = static_cast<QAreaSeries*>(m_current[i].series);
            change(band->upperSeries(), specs[i].points);
            change(band->lowerSeries(), specs[i].lower);
        } else {
            change(static_cast<QXYSeries*>(m_current[i].series), specs[i].points);
        }
    }
    setRanges();
    for (const Change& c : changes)
        c.series->replace(*c.points);
}

void LiveChart::relayout(const std::vector<SeriesSpec>& specs, QAbstractAxis* xAxis)
{
    QChart* target = chart();
    // Every series leaves the chart and those wanted again come back in the new order: series added later are
    // drawn on top, so a new phase band must not end up above the data lines. Kept series keep their identity
    // (and whatever a view connected to them).
    std::vector<Current> pool = std::move(m_current);
    m_current.clear();
    for (const Current& current : pool)
        target->removeSeries(current.series);

    for (const SeriesSpec& spec : specs) {
        const auto match = std::find_if(pool.begin(), pool.end(), [&spec](const Current& c) {
            return c.series && c.type == spec.type && c.name == spec.name && c.yAxis == spec.yAxis;
        });
        QAbstractSeries* series = nullptr;
        if (match != pool.end()) {
            series = match->series;
            match->series = nullptr;
            series->setProperty(style::LegendHiddenProperty, QVariant());
        } else {
            series = createSeries(spec);
        }
        // Style and points before the series joins the chart, as a freshly built chart has them.
        applyStyle(series, spec);
        applyPoints(series, spec);
        style::addSeries(target, series, xAxis, spec.yAxis);
        if (spec.legendHidden)
            style::hideLegendEntry(target, series);
        m_current.push_back({ spec.type, spec.name, spec.yAxis, series });
    }
    for (const Current& current : pool)
        delete current.series;
}

} // namespace haggle::charts
