// A chart that stays alive across updates: the desktop lab redraws it from its live buffers many times a
// second, and haggle-cli builds it once (chartbuilder.h), so both draw through the same code.
#pragma once

#include "chartinput.h"

#include <QBrush>
#include <QColor>
#include <QList>
#include <QPen>
#include <QPointF>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QAbstractAxis;
class QAbstractSeries;
class QChart;
class QValueAxis;
QT_END_NAMESPACE

namespace haggle::charts {

class LiveChart {
public:
    virtual ~LiveChart();
    LiveChart(const LiveChart&) = delete;
    LiveChart& operator=(const LiveChart&) = delete;

    // The chart drawn into; null once a new owner (see release()) has deleted it.
    QChart* chart() const;
    // What the chart is called on screen ("Price convergence"): its title without ChartInput::title, and its tab.
    QString chartName() const { return m_name; }
    // How update() titles the chart: "ChartInput::title: name" (the default, for files), by its name alone (a window
    // that shows the scenario's name elsewhere), or not at all (a tab shows its name). Applied at once.
    enum class Title { Full, Name, None };
    void setTitleMode(Title mode);

    // Redraws the chart from input: every series gets its points with one replace() (thinned to
    // input.maxPoints; skipped when they did not change), series are created or removed only when the set of
    // series changes, and axes keep their objects and get new ranges. While the user has zoomed in
    // (QChart::isZoomed()), the x axis keeps the zoomed range. Does nothing once the chart is gone.
    void update(const ChartInput& input);
    // Whether the input has anything for this chart to draw (a run's files leave out a chart that has not: the order
    // book of a run whose mechanism keeps none).
    virtual bool drawsSomething(const ChartInput& /*input*/) const { return true; }

    // Hands the chart to the caller (e.g. a QChartView, which then owns it). This object keeps drawing into
    // it: update() works for as long as the new owner keeps the chart alive. Null if already released.
    std::unique_ptr<QChart> release();

protected:
    // A new chart with the shared style, titled `name` (prefixed with ChartInput::title on update).
    explicit LiveChart(const QString& name);

    // The chart's part of update(): build the series specs and hand them to applySeries() with what sets the axis
    // ranges. Only called while the chart exists.
    virtual void draw(const ChartInput& input) = 0;

    enum class SeriesType { Line, Scatter, Band };

    // One series as it should be after this update. Type, name and axis identify it from one update to the
    // next; everything else may change.
    struct SeriesSpec {
        SeriesType type = SeriesType::Line;
        QString name;
        QAbstractAxis* yAxis = nullptr;
        QPen pen; // line, band border
        QColor color; // scatter fill and border
        QBrush brush; // band fill
        qreal markerSize = 0.0; // scatter
        bool legendHidden = false; // a repeated entry (see style::hideLegendEntry)
        QList<QPointF> points; // line and scatter points; a band's upper edge
        QList<QPointF> lower; // a band's lower edge
    };

    // Brings the chart's series to `specs`, in that order (later ones are drawn on top), attached to xAxis
    // and their yAxis. When the identities match the current series, only points (and changed styles) are
    // applied; otherwise existing series are kept where their identity recurs, the others deleted and new ones
    // created, and all are re-added in the new order.
    // setRanges sets the axis ranges for the new points; it is called at the right moment (see the .cpp): after a
    // relayout, since attaching a series may refit an axis, or while the changing series are empty.
    void applySeries(
        const std::vector<SeriesSpec>& specs, QAbstractAxis* xAxis, const std::function<void()>& setRanges);

    // Sets the x range unless the user has zoomed in.
    void setXRange(QValueAxis* axis, double min, double max);

    // The demand phases as translucent bands over rounds [first - 0.5, last + 0.5] and the plot's full height,
    // appended to specs (append them before the data, so the data is drawn on top). Each phase name gets its own
    // colour and one legend entry, however often it recurs (a rush hour every day). The bands hang on a hidden
    // 0-1 axis of their own, so they fill the plot whatever range the data's axes choose.
    void appendPhaseBands(std::vector<SeriesSpec>& specs, const std::vector<PhaseBand>& phases);

private:
    struct Current {
        SeriesType type;
        QString name;
        QAbstractAxis* yAxis;
        QAbstractSeries* series;
    };

    QAbstractSeries* createSeries(const SeriesSpec& spec) const;
    void applyStyle(QAbstractSeries* series, const SeriesSpec& spec) const;
    void applyPoints(QAbstractSeries* series, const SeriesSpec& spec) const;
    void relayout(const std::vector<SeriesSpec>& specs, QAbstractAxis* xAxis);
    void applyTitle();

    QPointer<QChart> m_chart;
    std::unique_ptr<QChart> m_owned;
    QString m_name;
    Title m_titleMode = Title::Full;
    QString m_inputTitle; // ChartInput::title of the last update
    QValueAxis* m_phaseAxis = nullptr; // the hidden 0-1 axis of the phase bands, made on first use
    std::vector<Current> m_current;
};

} // namespace haggle::charts
