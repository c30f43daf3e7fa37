// The live charts of the desktop lab: one per kind in the chart catalog (price convergence, reputation, market
// activity, wealth and whatever else is registered), drawn by the same chart objects as haggle-cli's PNGs, updated
// from bounded buffers at most once per frame, with hover values, legend entries that hide and show their series,
// rubber-band zoom and exports (PNG, SVG, CSV).
//
// Charts read at any size: the panel shows 1, 2, 4 or 6 at a time, as many as get ChartPages::MinChartSize each,
// with a tab per page for the rest; a double-click enlarges a chart to the whole panel and another brings the others
// back.
// On screen a chart is titled by its own name (the scenario is in the window title); exports carry both.
#pragma once

#include "chartexport.h"
#include "chartfit.h"
#include "runchartdata.h"
#include "snapshot.h"

#include <QPointF>
#include <QPointer>
#include <QSet>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QLegendMarker;
class QXYSeries;
QT_END_NAMESPACE

namespace haggle::charts {
class LiveChart;
}

namespace haggle::ui {

class RoundMarkers;

class ChartPages;
class Run;

class ChartsPanel : public QWidget {
    Q_OBJECT
    // true: one chart at a time, a tab each, whatever the space; false: as many as fit (see above).
    Q_PROPERTY(bool tabbed READ isTabbed WRITE setTabbed)

public:
    // One chart per kind registered in charts::chartCatalog() when the panel is made, in the catalog's order.
    explicit ChartsPanel(QWidget* parent = nullptr);
    ~ChartsPanel() override;

    // Shows a run's chart buffers (the run feeds them; the panel starts over when the run does), or with null the
    // panel's own buffers, fed by reset() and append().
    void setRun(Run* run);
    Run* run() const;
    // Starts over (see charts::RunChartData::reset()) and clears the charts at once. Series the user hid from the
    // legend stay hidden (by name) and any zoom is reset.
    void reset(const charts::ChartInput& staticPart);
    // Buffers the snapshot's rounds and deals; cheap, draws nothing. Both feed the buffers shown: a panel with a
    // run leaves that to the run.
    void append(const SimulationSnapshot& s);
    // Draws what was appended since the last refresh: one LiveChart::update() per visible chart; a hidden chart
    // (another tab, a hidden panel) is brought up to date when it is shown or exported. Does nothing when
    // nothing was appended. Meant for a timer at frame rate (at most ~30 Hz).
    void refresh();
    bool hasPendingData() const { return data().revision() != m_drawnRevision; }
    // One frame's share of refresh(), for a live run: draws the visible chart that has waited longest for new data
    // and returns its view (null when every visible chart is up to date). A chart costs 5-25 ms to redraw at a
    // thousand agents, so at full speed each frame redraws one and the charts take turns.
    QChartView* refreshNext();
    bool hasStaleVisibleChart() const;

    // The chart kinds shown, by catalog name ("price-convergence", ...): the names haggle-cli's files have.
    QStringList kinds() const;
    // A kind's name on screen (its tab, the export dialogs): "Price convergence".
    QString title(const QString& kind) const;
    // Null for a kind the panel does not show.
    QChartView* view(const QString& kind) const;
    QChart* chart(const QString& kind) const;
    const charts::RunChartData& data() const;

    bool isTabbed() const;
    void setTabbed(bool tabbed);
    // Charts on a page, as laid out now (see ChartPages), and those on the page shown.
    int chartsPerPage() const;
    QStringList shownKinds() const;
    // Shows this chart alone (a double-click on it does the same), or with an empty kind the pages again.
    void enlarge(const QString& kind);
    QString enlarged() const;

    // Text on every chart `scale` times its usual size (presentation mode); 1 is normal.
    void setFontScale(qreal scale);
    qreal fontScale() const noexcept { return m_fontScale; }

    // The exports draw the chart as shown (hidden series hidden and left out of the legend, zoom kept) through the
    // charts library's one rendering path, brought up to date first, titled "scenario: chart", with text at
    // look.fontScale times its usual size whatever the window shows, written atomically (QSaveFile). On failure
    // they return false, set *error (when given) and leave no file behind.
    bool exportPng(const QString& kind, const QString& path, const charts::ExportLook& look, QString* error = nullptr);
    bool exportSvg(const QString& kind, const QString& path, const charts::ExportLook& look, QString* error = nullptr);
    bool exportPng(const QString& kind, const QString& path, QSize logicalSize, qreal scale, QString* error = nullptr)
    {
        return exportPng(kind, path, { logicalSize, scale, 1.0 }, error);
    }
    bool exportSvg(const QString& kind, const QString& path, QSize logicalSize, QString* error = nullptr)
    {
        return exportSvg(kind, path, { logicalSize, 1.0, 1.0 }, error);
    }
    // Every series' points as held by the chart, hidden ones included (see charts::chartDataCsv()).
    bool exportCsv(
        const QString& kind, const QString& path, QString* error = nullptr, const charts::Provenance& provenance = {});
    // PNG, SVG and CSV of every chart into an existing directory, named <kind>.png etc. Returns the file names
    // written (three per kind on success); on the first failure stops, sets *error and returns those written.
    QStringList exportAll(const QString& directory, const charts::ExportLook& look, QString* error = nullptr);
    QStringList exportAll(const QString& directory, QSize logicalSize, qreal scale, QString* error = nullptr)
    {
        return exportAll(directory, { logicalSize, scale, 1.0 }, error);
    }
    // A line at this round on every round chart (the timeline's cursor off the newest round); < 0: none.
    void setCursorRound(int round);
    int cursorRound() const noexcept { return m_cursorRound; }
    // The marks drawn on a chart (events), for tests; null for an unknown kind.
    const RoundMarkers* markers(const QString& kind) const;

    // "series: x, y" for the point of `series` nearest to `point` in x (the hover tooltip).
    static QString hoverText(const QXYSeries* series, QPointF point);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Slot {
        QString kind; // the catalog name
        std::unique_ptr<charts::LiveChart> chart;
        QChartView* view = nullptr;
        bool stale = false; // data changed since the chart was last drawn
        QSet<QString> hiddenNames; // series the user hid from the legend
        charts::ChartFonts fonts; // as made, before any scaling
        RoundMarkers* markers = nullptr; // the scenario's events and the timeline's cursor (a child of the panel)
    };
    class ExportStaging; // a chart dressed for a file for the length of an export

    const Slot* slot(const QString& kind) const;
    Slot* slot(const QString& kind);
    Slot* slotOfViewport(QObject* watched);
    void draw(Slot& slot);
    void bringUpToDate(Slot& slot);
    void hookNewSeries(Slot& slot);
    void syncLegend(Slot& slot);
    void toggleSeries(Slot& slot, QLegendMarker* marker);
    void startOver(); // the buffers were reset: clear the charts and their zoom
    void takeNewData(); // what was appended since the last draw makes every chart stale
    charts::RunChartData& buffers();

    charts::RunChartData m_ownData; // without a run
    QPointer<Run> m_run;
    quint64 m_drawnRevision = 0; // the buffers' revision the charts were marked stale for
    std::vector<Slot> m_slots; // made once, in the constructor: the legends' connections hold pointers to them
    ChartPages* m_pages = nullptr;
    std::size_t m_nextSlot = 0; // where refreshNext() looks first
    qreal m_fontScale = 1.0;
    int m_cursorRound = -1;
};

} // namespace haggle::ui
