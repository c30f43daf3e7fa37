// The Charts panel's exports (see chartspanel.h): PNG, SVG and CSV of a chart, and all of them into a folder, each
// drawn as shown through the charts library's one rendering path.
#include "chartspanel.h"

#include "roundmarkers.h"

#include "chartcsv.h"
#include "chartstyle.h"
#include "livechart.h"

#include <QDir>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>

namespace haggle::ui {

namespace {

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

// For the length of an export: the file's title, the export's font scale, and no legend entry for a series the user
// hid (a greyed entry means something on screen, where a click brings the series back, and nothing on paper).
class ChartsPanel::ExportStaging {
public:
    ExportStaging(const ChartsPanel& panel, const Slot& slot, qreal fontScale)
        : m_slot(slot)
        , m_screenScale(panel.m_fontScale)
        , m_title(slot.chart->chart(), charts::style::chartTitle(panel.data().input().title, slot.chart->chartName()))
    {
        QChart* chart = slot.chart->chart();
        slot.fonts.apply(chart, fontScale);
        slot.markers->setCursorVisible(false); // the timeline's cursor is the window's, not the file's
        for (QLegendMarker* marker : chart->legend()->markers()) {
            if (marker->isVisible() && marker->series() && !marker->series()->isVisible()) {
                marker->setVisible(false);
                m_hidden.append(marker);
            }
        }
    }
    ~ExportStaging()
    {
        for (const QPointer<QLegendMarker>& marker : m_hidden) {
            if (marker)
                marker->setVisible(true);
        }
        m_slot.markers->setCursorVisible(true);
        if (QChart* chart = m_slot.chart->chart()) {
            m_slot.fonts.apply(chart, m_screenScale);
            charts::fitToSize(chart); // ticks and legend for the view again, not the file
        }
    }
    ExportStaging(const ExportStaging&) = delete;
    ExportStaging& operator=(const ExportStaging&) = delete;

private:
    const Slot& m_slot;
    qreal m_screenScale;
    charts::ExportTitle m_title;
    QList<QPointer<QLegendMarker>> m_hidden;
};

bool ChartsPanel::exportPng(const QString& kind, const QString& path, const charts::ExportLook& look, QString* error)
{
    Slot* s = slot(kind);
    if (!s || !s->chart->chart())
        return fail(error, QStringLiteral("No chart '%1' to export").arg(kind));
    bringUpToDate(*s);
    const ExportStaging staged(*this, *s, look.fontScale);
    return charts::exportChartPng(s->chart->chart(), path, look.logicalSize, look.scale, error, look.provenance);
}

bool ChartsPanel::exportSvg(const QString& kind, const QString& path, const charts::ExportLook& look, QString* error)
{
    Slot* s = slot(kind);
    if (!s || !s->chart->chart())
        return fail(error, QStringLiteral("No chart '%1' to export").arg(kind));
    bringUpToDate(*s);
    const ExportStaging staged(*this, *s, look.fontScale);
    return charts::exportChartSvg(s->chart->chart(), path, look.logicalSize, error, look.provenance);
}

bool ChartsPanel::exportCsv(
    const QString& kind, const QString& path, QString* error, const charts::Provenance& provenance)
{
    Slot* s = slot(kind);
    if (!s || !s->chart->chart())
        return fail(error, QStringLiteral("No chart '%1' to export").arg(kind));
    bringUpToDate(*s);
    const std::string csv = charts::withProvenanceHeader(charts::chartDataCsv(s->chart->chart()), provenance);
    return charts::saveAtomically(path, QByteArray::fromStdString(csv), error);
}

QStringList ChartsPanel::exportAll(const QString& directory, const charts::ExportLook& look, QString* error)
{
    QStringList written;
    const QDir dir(directory);
    if (!dir.exists()) {
        fail(error, QStringLiteral("Cannot export to %1: no such directory").arg(QDir::toNativeSeparators(directory)));
        return written;
    }
    for (const QString& kind : kinds()) {
        if (const Slot* s = slot(kind); s && !s->chart->drawsSomething(data().input()))
            continue; // nothing to draw (the order book of a mechanism that keeps none)
        const QString png = kind % QStringLiteral(".png");
        const QString svg = kind % QStringLiteral(".svg");
        const QString csv = kind % QStringLiteral(".csv");
        if (!exportPng(kind, dir.filePath(png), look, error))
            return written;
        written.append(png);
        if (!exportSvg(kind, dir.filePath(svg), look, error))
            return written;
        written.append(svg);
        if (!exportCsv(kind, dir.filePath(csv), error, look.provenance))
            return written;
        written.append(csv);
    }
    return written;
}

} // namespace haggle::ui
