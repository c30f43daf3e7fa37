// The desktop lab's exports (see exportactions.h).
#include "exportactions.h"

#include "chartexport.h"
#include "chartspanel.h"
#include "dealgraphview.h"
#include "exportdialog.h"
#include "run.h"
#include "runviewer.h"
#include "settings.h"

#include <QDir>
#include <QFileInfo>

namespace haggle::ui {

ExportActions::ExportActions(QWidget* window, RunViewer* viewer, ChartsPanel* charts, DealGraphView* graph,
    std::function<Run*()> currentRun, std::function<bool()> graphShown,
    std::function<void(const QString&, const QString&)> showError)
    : QObject(window)
    , m_window(window)
    , m_viewer(viewer)
    , m_charts(charts)
    , m_graph(graph)
    , m_currentRun(std::move(currentRun))
    , m_graphShown(std::move(graphShown))
    , m_showError(std::move(showError))
{
}

void ExportActions::exportView()
{
    // The deal graph when it is on screen, otherwise the chart the panel shows first.
    QString target = ExportDialog::graphTarget();
    if (!m_graphShown()) {
        const QStringList shown = m_charts->shownKinds();
        target = shown.isEmpty() ? m_charts->kinds().value(0) : shown.front();
    }
    openDialog(target, ExportDialog::Format::Png);
}

void ExportActions::exportCsv()
{
    const QStringList shown = m_charts->shownKinds();
    openDialog(shown.isEmpty() ? m_charts->kinds().value(0) : shown.front(), ExportDialog::Format::Csv);
}

void ExportActions::exportGraphML()
{
    openDialog(ExportDialog::graphTarget(), ExportDialog::Format::GraphML);
}

void ExportActions::exportAll()
{
    openDialog(ExportDialog::everythingTarget(), ExportDialog::Format::Png);
}

void ExportActions::openDialog(const QString& target, ExportDialog::Format format)
{
    QStringList titles;
    for (const QString& kind : m_charts->kinds())
        titles.append(m_charts->title(kind));
    ExportDialog dialog(m_charts->kinds(), titles, m_window);
    dialog.setTarget(target);
    dialog.setFormat(format);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString message;
    const QStringList written
        = exportTo(dialog.target(), dialog.format(), dialog.look(), dialog.destination(), &message);
    if (written.isEmpty())
        m_showError(QStringLiteral("Export failed"), message);
    else if (written.size() == 1)
        emit statusMessage(QStringLiteral("Exported %1").arg(QDir::toNativeSeparators(dialog.destination())), 8000);
    else
        emit statusMessage(QStringLiteral("Exported %1 files to %2")
                               .arg(written.size())
                               .arg(QDir::toNativeSeparators(dialog.destination())),
            8000);
}

charts::ExportLook ExportActions::stamped(const charts::ExportLook& look, bool atCursor) const
{
    charts::ExportLook out = look;
    if (Run* run = m_currentRun(); run && run->hasStarted()) {
        const int last = atCursor ? run->cursor() : run->newestRound();
        const QString caption = look.provenance.caption;
        out.provenance
            = charts::Provenance::ofRun(run->scenario(), last > 0 ? 1 : 0, last, QStringLiteral(HAGGLE_VERSION));
        out.provenance.caption = caption;
    }
    return out;
}

QStringList ExportActions::exportTo(const QString& target, ExportDialog::Format format,
    const charts::ExportLook& unstamped, const QString& destination, QString* message)
{
    if (target == ExportDialog::everythingTarget())
        return exportAllTo(destination, unstamped, message);
    // The deal graph is exported as the timeline shows it; the charts show every round played.
    const charts::ExportLook look = stamped(unstamped, target == ExportDialog::graphTarget());
    // A folder that is not there yet is made: a file chosen in a new folder is not an error.
    const QString folder = QFileInfo(destination).path();
    if (!QDir().mkpath(folder)) {
        if (message)
            *message = QStringLiteral("Cannot create the folder %1").arg(QDir::toNativeSeparators(folder));
        return {};
    }
    m_charts->refresh();
    bool ok = false;
    if (target == ExportDialog::graphTarget()) {
        m_viewer->updateGraph();
        if (format == ExportDialog::Format::GraphML)
            ok = m_currentRun()->writeGraphML(destination, message);
        else if (format == ExportDialog::Format::Svg)
            ok = m_graph->exportSvg(destination, look.logicalSize, message, look.provenance);
        else
            ok = m_graph->exportPng(destination, look.logicalSize, look.scale, message, look.provenance);
    } else if (format == ExportDialog::Format::Csv) {
        ok = m_charts->exportCsv(target, destination, message, look.provenance);
    } else if (format == ExportDialog::Format::Svg) {
        ok = m_charts->exportSvg(target, destination, look, message);
    } else {
        ok = m_charts->exportPng(target, destination, look, message);
    }
    return ok ? QStringList { QFileInfo(destination).fileName() } : QStringList {};
}

QStringList ExportActions::exportAllTo(const QString& directory, const charts::ExportLook& unstamped, QString* message)
{
    const charts::ExportLook look = stamped(unstamped, false);
    const charts::ExportLook graphLook = stamped(unstamped, true);
    if (!QDir().mkpath(directory)) {
        if (message)
            *message = QStringLiteral("Cannot create the folder %1").arg(QDir::toNativeSeparators(directory));
        return {};
    }
    const QDir dir(directory);
    m_charts->refresh();
    QStringList written = m_charts->exportAll(directory, look, message);
    if (written.isEmpty())
        return {};
    m_viewer->updateGraph();
    if (!m_graph->exportPng(
            dir.filePath(QStringLiteral("deal-graph.png")), look.logicalSize, look.scale, message, graphLook.provenance)
        || !m_graph->exportSvg(
            dir.filePath(QStringLiteral("deal-graph.svg")), look.logicalSize, message, graphLook.provenance)
        || !m_currentRun()->writeGraphML(dir.filePath(QStringLiteral("deals.graphml")), message))
        return {};
    written << QStringLiteral("deal-graph.png") << QStringLiteral("deal-graph.svg") << QStringLiteral("deals.graphml");
    return written;
}

} // namespace haggle::ui
