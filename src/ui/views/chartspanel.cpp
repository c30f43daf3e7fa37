// The live charts panel: see chartspanel.h.
#include "chartspanel.h"

#include "roundmarkers.h"
#include "timeline.h"

#include "chartcatalog.h"
#include "chartcsv.h"
#include "chartexport.h"
#include "chartfit.h"
#include "chartpages.h"
#include "chartstyle.h"
#include "run.h"

#include <QCursor>
#include <QDir>
#include <QMouseEvent>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QXYSeries>

#include <algorithm>
#include <cmath>
#include <utility>

namespace haggle::ui {

namespace {

// Dynamic properties on series and legend markers: which ones this panel has connected, and a dimmed marker's
// own look to restore.
constexpr char HookedProperty[] = "haggleHooked";
constexpr char DimmedProperty[] = "haggleDimmed";
constexpr char BrushProperty[] = "haggleBrush";
constexpr char PenProperty[] = "hagglePen";
constexpr char LabelBrushProperty[] = "haggleLabelBrush";

// Rounds and deal numbers read as whole numbers; everything else with six significant digits.
QString formatValue(double value)
{
    if (std::isfinite(value) && std::abs(value) < 1e15 && std::floor(value) == value)
        return QString::number(static_cast<qint64>(value));
    return QString::number(value, 'g', 6);
}

QColor faded(QColor color)
{
    color.setAlphaF(color.alphaF() * 0.3f);
    return color;
}

} // namespace

ChartsPanel::ChartsPanel(QWidget* parent)
    : QWidget(parent)
    , m_pages(new ChartPages(this))
{
    setObjectName(QStringLiteral("chartsPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
    setWhatsThis(QStringLiteral("The run's charts, drawn live. As many share the panel as can be read at its size; "
                                "the tabs above lead to the others. Double-click a chart to enlarge it (again to "
                                "go back), drag to zoom, right-click to reset the zoom, click a legend entry to hide "
                                "or show its series."));

    const auto& kinds = charts::chartCatalog().entries();
    m_slots.reserve(kinds.size());
    for (const auto& kind : kinds) {
        Slot& s = m_slots.emplace_back();
        s.kind = charts::chartKindName(kind);
        s.chart = kind.make(Parameters(kind.info, {}));
        // The view owns the chart from here on; the LiveChart keeps drawing into it.
        s.chart->setTitleMode(charts::LiveChart::Title::Name); // the scenario is in the window title
        s.view = new QChartView(s.chart->release().release(), this);
        s.view->setObjectName(s.kind);
        s.view->setRenderHint(QPainter::Antialiasing);
        // Zoom on x only: the y axes are refitted to the data in view as the run goes on.
        s.view->setRubberBand(QChartView::HorizontalRubberBand);
        s.view->setMinimumSize(240, 180);
        s.view->setToolTip(QString());
        s.view->installEventFilter(this);
        s.view->viewport()->installEventFilter(this);
        s.fonts = charts::ChartFonts(s.view->chart());
        s.markers = new RoundMarkers(s.view->chart(), this);
    }
    std::vector<QWidget*> views;
    QStringList names;
    for (const Slot& s : m_slots) {
        views.push_back(s.view);
        names.append(s.chart->chartName());
    }
    // A chart alone on a page whose tab shows its name needs no title of its own: the room goes to the plot.
    connect(m_pages, &ChartPages::arranged, this, [this] {
        const bool named = m_pages->namedByTabs();
        for (Slot& s : m_slots)
            s.chart->setTitleMode(named ? charts::LiveChart::Title::None : charts::LiveChart::Title::Name);
    });
    m_pages->setViews(views, names);
    reset(charts::ChartInput {});
}

// The LiveChart objects go first (members), then the views with their charts (children); the LiveCharts only
// hold guarded pointers to the charts, so the order does not matter.
ChartsPanel::~ChartsPanel() = default;

const ChartsPanel::Slot* ChartsPanel::slot(const QString& kind) const
{
    for (const Slot& s : m_slots)
        if (s.kind == kind)
            return &s;
    return nullptr;
}

ChartsPanel::Slot* ChartsPanel::slot(const QString& kind)
{
    return const_cast<Slot*>(std::as_const(*this).slot(kind));
}

QStringList ChartsPanel::kinds() const
{
    QStringList names;
    for (const Slot& s : m_slots)
        names.append(s.kind);
    return names;
}

QString ChartsPanel::title(const QString& kind) const
{
    const Slot* s = slot(kind);
    return s ? s->chart->chartName() : QString();
}

QChartView* ChartsPanel::view(const QString& kind) const
{
    const Slot* s = slot(kind);
    return s ? s->view : nullptr;
}

QChart* ChartsPanel::chart(const QString& kind) const
{
    const Slot* s = slot(kind);
    return s ? s->chart->chart() : nullptr;
}

void ChartsPanel::setTabbed(bool tabbed)
{
    m_pages->setOnePerPage(tabbed);
}

bool ChartsPanel::isTabbed() const
{
    return m_pages->isOnePerPage();
}

int ChartsPanel::chartsPerPage() const
{
    return m_pages->perPage();
}

QStringList ChartsPanel::shownKinds() const
{
    QStringList kinds;
    for (const Slot& s : m_slots)
        if (s.view->isVisibleTo(this))
            kinds.append(s.kind);
    return kinds;
}

void ChartsPanel::enlarge(const QString& kind)
{
    const Slot* s = slot(kind);
    if (kind.isEmpty() || s)
        m_pages->enlarge(s ? s->view : nullptr);
}

QString ChartsPanel::enlarged() const
{
    for (const Slot& s : m_slots)
        if (s.view == m_pages->enlarged())
            return s.kind;
    return {};
}

void ChartsPanel::setRun(Run* run)
{
    if (run == m_run)
        return;
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    m_run = run;
    if (run)
        connect(run, &Run::startedOver, this, &ChartsPanel::startOver);
    startOver();
}

Run* ChartsPanel::run() const
{
    return m_run;
}

const charts::RunChartData& ChartsPanel::data() const
{
    return m_run ? m_run->chartData() : m_ownData;
}

charts::RunChartData& ChartsPanel::buffers()
{
    return m_run ? m_run->chartData() : m_ownData;
}

void ChartsPanel::reset(const charts::ChartInput& staticPart)
{
    buffers().reset(staticPart);
    startOver();
}

void ChartsPanel::setCursorRound(int round)
{
    m_cursorRound = round;
    for (Slot& s : m_slots)
        s.markers->setCursor(round);
}

const RoundMarkers* ChartsPanel::markers(const QString& kind) const
{
    const Slot* s = slot(kind);
    return s ? s->markers : nullptr;
}

void ChartsPanel::startOver()
{
    // The run's events, marked on every round chart.
    std::vector<RoundMarkers::Mark> marks;
    if (m_run) {
        for (const auto& mark : TimelineStrip::marksOf(m_run->scenario())) {
            if (!mark.phase) // phases are the charts' own shaded bands
                marks.push_back({ mark.first, mark.last, mark.label });
        }
    }
    m_cursorRound = -1;
    const bool smooth = std::size_t(data().input().agentIds.size()) <= charts::style::AntialiasLimit;
    for (Slot& s : m_slots) {
        s.markers->setMarks(marks);
        s.markers->setCursor(-1);
        s.view->setRenderHint(QPainter::Antialiasing, smooth);
    }
    for (Slot& s : m_slots) {
        if (QChart* c = s.chart->chart(); c && c->isZoomed())
            c->zoomReset();
        s.stale = true;
    }
    // An empty chart now rather than the previous run's until the first snapshot. Pending whatever the revision: a
    // run just switched to may be at the very revision drawn last from other buffers.
    m_drawnRevision = data().revision() - 1;
    refresh();
}

void ChartsPanel::append(const SimulationSnapshot& s)
{
    buffers().append(s.newRounds, s.newDeals);
}

void ChartsPanel::takeNewData()
{
    m_drawnRevision = data().revision();
    for (Slot& s : m_slots)
        s.stale = true;
}

void ChartsPanel::refresh()
{
    if (!hasPendingData())
        return;
    takeNewData();
    for (Slot& s : m_slots) {
        if (s.view->isVisible())
            draw(s);
    }
}

QChartView* ChartsPanel::refreshNext()
{
    if (hasPendingData())
        takeNewData();
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        Slot& s = m_slots[(m_nextSlot + i) % m_slots.size()];
        if (!s.stale || !s.view->isVisible())
            continue;
        m_nextSlot = (m_nextSlot + i + 1) % m_slots.size();
        draw(s);
        return s.view;
    }
    return nullptr;
}

bool ChartsPanel::hasStaleVisibleChart() const
{
    if (hasPendingData())
        return true;
    return std::any_of(
        m_slots.begin(), m_slots.end(), [](const Slot& s) { return s.stale && s.view && s.view->isVisible(); });
}

void ChartsPanel::draw(Slot& s)
{
    // Thinned to the plot's width: more points than pixels cost layout time and show nothing more. The plot area
    // (without axes, labels and margins) once the chart has been laid out, else the view.
    if (s.view) {
        const QChart* c = s.chart->chart();
        const qreal plot = c && c->plotArea().width() > 0.0 ? c->plotArea().width() : qreal(s.view->width());
        buffers().setMaxPoints(std::max<qsizetype>(200, qsizetype(std::ceil(plot))));
    }
    s.chart->update(data().input());
    charts::fitToSize(s.chart->chart());
    s.markers->relayout();
    s.stale = false;
    hookNewSeries(s);
    syncLegend(s);
}

void ChartsPanel::bringUpToDate(Slot& s)
{
    if (s.stale)
        draw(s);
}

void ChartsPanel::hookNewSeries(Slot& s)
{
    QChart* c = s.chart->chart();
    if (!c)
        return;
    const QList<QAbstractSeries*> all = c->series();
    for (QAbstractSeries* series : all) {
        if (series->property(HookedProperty).toBool())
            continue;
        series->setProperty(HookedProperty, true);
        if (s.hiddenNames.contains(series->name()))
            series->setVisible(false);
        auto* xy = qobject_cast<QXYSeries*>(series);
        if (!xy)
            continue; // bands: their value under the cursor is a phase, named in the legend
        QChartView* target = s.view;
        connect(xy, &QXYSeries::hovered, this, [xy, target](const QPointF& point, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), hoverText(xy, point), target);
            else
                QToolTip::hideText();
        });
    }
}

// Markers come and go with their series; each pass connects new ones and gives every marker the look of its
// series: hidden series keep a dimmed entry (Qt would hide it with the series, leaving no way back), repeated
// entries (style::hideLegendEntry) stay hidden.
void ChartsPanel::syncLegend(Slot& s)
{
    QChart* c = s.chart->chart();
    if (!c)
        return;
    const QList<QLegendMarker*> markers = c->legend()->markers();
    for (QLegendMarker* marker : markers) {
        QAbstractSeries* series = marker->series();
        if (!marker->property(HookedProperty).toBool()) {
            marker->setProperty(HookedProperty, true);
            Slot* owner = &s;
            connect(marker, &QLegendMarker::clicked, this, [this, owner, marker] { toggleSeries(*owner, marker); });
        }
        // Set every time: isVisible() also reads false while the legend waits for its layout, so it cannot tell
        // whether Qt hid the entry; setting the same value again costs nothing.
        marker->setVisible(!series->property(charts::style::LegendHiddenProperty).toBool());
        const bool dim = !series->isVisible();
        if (marker->property(DimmedProperty).toBool() == dim)
            continue;
        marker->setProperty(DimmedProperty, dim);
        if (dim) {
            marker->setProperty(BrushProperty, marker->brush());
            marker->setProperty(PenProperty, marker->pen());
            marker->setProperty(LabelBrushProperty, marker->labelBrush());
            QBrush brush = marker->brush();
            brush.setColor(faded(brush.color()));
            QPen pen = marker->pen();
            pen.setColor(faded(pen.color()));
            QBrush label = marker->labelBrush();
            label.setColor(faded(label.color()));
            marker->setBrush(brush);
            marker->setPen(pen);
            marker->setLabelBrush(label);
        } else {
            marker->setBrush(marker->property(BrushProperty).value<QBrush>());
            marker->setPen(marker->property(PenProperty).value<QPen>());
            marker->setLabelBrush(marker->property(LabelBrushProperty).value<QBrush>());
        }
    }
}

void ChartsPanel::toggleSeries(Slot& s, QLegendMarker* marker)
{
    QChart* c = s.chart->chart();
    QAbstractSeries* clicked = marker->series();
    if (!c || !clicked)
        return;
    const QString name = clicked->name();
    const bool show = !clicked->isVisible();
    // Series of the same name share one legend entry (a recurring phase, collapsed highlighted agents).
    const QList<QAbstractSeries*> all = c->series();
    for (QAbstractSeries* series : all)
        if (series->name() == name)
            series->setVisible(show);
    if (show)
        s.hiddenNames.remove(name);
    else
        s.hiddenNames.insert(name);
    syncLegend(s);
}

ChartsPanel::Slot* ChartsPanel::slotOfViewport(QObject* watched)
{
    for (Slot& s : m_slots)
        if (watched == s.view->viewport())
            return &s;
    return nullptr;
}

bool ChartsPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Show) {
        // A chart skipped while hidden catches up when it appears.
        for (Slot& s : m_slots)
            if (watched == s.view)
                bringUpToDate(s);
        return false;
    }
    if (event->type() == QEvent::Resize) {
        // Once the chart has been laid out at its new size: tick counts and the legend's place follow it.
        for (Slot& s : m_slots)
            if (watched == s.view)
                QTimer::singleShot(
                    0, s.view, [chart = QPointer<QChart>(s.chart->chart())] { charts::fitToSize(chart); });
        return false;
    }
    if (event->type() == QEvent::MouseButtonDblClick && static_cast<QMouseEvent*>(event)->button() == Qt::LeftButton) {
        if (Slot* s = slotOfViewport(watched)) {
            enlarge(enlarged() == s->kind ? QString() : s->kind);
            return true;
        }
    }
    const bool press = event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonDblClick;
    if (!press && event->type() != QEvent::MouseButtonRelease)
        return false;
    if (static_cast<QMouseEvent*>(event)->button() != Qt::RightButton)
        return false;
    Slot* s = slotOfViewport(watched);
    if (!s)
        return false;
    // Right-click resets the zoom (QChartView would zoom out one step); the press is swallowed so the view
    // does not see half a click.
    if (!press) {
        if (QChart* c = s->chart->chart(); c && c->isZoomed()) {
            c->zoomReset();
            draw(*s); // zoomReset() restores the range of when the zoom began; the run has moved on since
        }
    }
    return true;
}

QString ChartsPanel::hoverText(const QXYSeries* series, QPointF point)
{
    if (!series)
        return {};
    const QList<QPointF> points = series->points();
    QPointF shown = point;
    if (!points.isEmpty()) {
        // Points are in x order: the nearest in x to the cursor is at or just before the first one past it.
        const auto after = std::lower_bound(
            points.cbegin(), points.cend(), point.x(), [](const QPointF& p, double x) { return p.x() < x; });
        auto nearest = after == points.cend() ? after - 1 : after;
        if (after != points.cbegin() && after != points.cend() && point.x() - (after - 1)->x() < after->x() - point.x())
            nearest = after - 1;
        shown = *nearest;
    }
    return series->name() % QStringLiteral(": ") % formatValue(shown.x()) % QStringLiteral(", ")
        % formatValue(shown.y());
}

void ChartsPanel::setFontScale(qreal scale)
{
    if (scale <= 0.0 || scale == m_fontScale)
        return;
    m_fontScale = scale;
    for (Slot& s : m_slots) {
        if (QChart* chart = s.chart->chart()) {
            s.fonts.apply(chart, scale);
            charts::fitToSize(chart);
        }
    }
}

} // namespace haggle::ui
