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
#include <QFileDialog>
#include <QInputDialog>

namespace haggle::ui {

namespace {

// Asks which of the panel's charts; its kind name, or empty when the user cancels.
QString chooseChart(QWidget* parent, const ChartsPanel& panel, const QString& caption)
{
    const QStringList kinds = panel.kinds();
    QStringList titles;
    for (const QString& kind : kinds)
        titles.append(panel.title(kind));
    bool ok = false;
    const QString chosen = QInputDialog::getItem(parent, caption, QStringLiteral("Chart:"), titles, 0, false, &ok);
    const qsizetype index = titles.indexOf(chosen);
    return ok && index >= 0 ? kinds.at(index) : QString();
}

} // namespace

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
    // The deal graph when it is on screen, otherwise one of the charts.
    const bool graph = m_graphShown();
    QString kind; // the chart's, which is also its file stem
    if (!graph) {
        kind = chooseChart(m_window, *m_charts, QStringLiteral("Export chart"));
        if (kind.isEmpty())
            return;
    }
    const QString stem = graph ? QStringLiteral("deal-graph") : kind;
    ExportDialog options(graph ? QStringLiteral("Export deal graph") : QStringLiteral("Export chart"), true, m_window);
    if (options.exec() != QDialog::Accepted)
        return;
    const bool svg = options.format() == ExportDialog::Format::Svg;
    const QString suffix = svg ? QStringLiteral(".svg") : QStringLiteral(".png");
    const QString path = QFileDialog::getSaveFileName(m_window, QStringLiteral("Export"),
        Settings().lastDirectory() + u'/' + stem + suffix,
        svg ? QStringLiteral("SVG drawings (*.svg)") : QStringLiteral("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString message;
    m_charts->refresh();
    bool ok = false;
    if (graph)
        ok = svg ? m_graph->exportSvg(path, options.logicalSize(), &message)
                 : m_graph->exportPng(path, options.logicalSize(), options.scale(), &message);
    else
        ok = svg ? m_charts->exportSvg(kind, path, options.logicalSize(), &message)
                 : m_charts->exportPng(kind, path, options.logicalSize(), options.scale(), &message);
    if (!ok)
        m_showError(QStringLiteral("Export failed"), message);
    else
        emit statusMessage(QStringLiteral("Exported %1").arg(path), 5000);
}

void ExportActions::exportCsv()
{
    const QString kind = chooseChart(m_window, *m_charts, QStringLiteral("Export chart data"));
    if (kind.isEmpty())
        return;
    const QString path = QFileDialog::getSaveFileName(m_window, QStringLiteral("Export chart data"),
        Settings().lastDirectory() + u'/' + kind + QStringLiteral(".csv"), QStringLiteral("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString message;
    m_charts->refresh();
    if (!m_charts->exportCsv(kind, path, &message))
        m_showError(QStringLiteral("Export failed"), message);
    else
        emit statusMessage(QStringLiteral("Exported %1").arg(path), 5000);
}

QStringList ExportActions::exportAllTo(const QString& directory, QSize logicalSize, qreal scale, QString* message)
{
    if (!QDir().mkpath(directory)) {
        if (message)
            *message = QStringLiteral("Cannot create %1").arg(directory);
        return {};
    }
    const QDir dir(directory);
    QStringList written = m_charts->exportAll(directory, logicalSize, scale, message);
    if (written.isEmpty())
        return {};
    m_viewer->updateGraph();
    if (!m_graph->exportPng(dir.filePath(QStringLiteral("deal-graph.png")), logicalSize, scale, message)
        || !m_graph->exportSvg(dir.filePath(QStringLiteral("deal-graph.svg")), logicalSize, message)
        || !m_currentRun()->writeGraphML(dir.filePath(QStringLiteral("deals.graphml")), message))
        return {};
    written << QStringLiteral("deal-graph.png") << QStringLiteral("deal-graph.svg") << QStringLiteral("deals.graphml");
    return written;
}

void ExportActions::exportAll()
{
    ExportDialog options(QStringLiteral("Export all"), false, m_window);
    if (options.exec() != QDialog::Accepted)
        return;
    const QString directory = QFileDialog::getExistingDirectory(
        m_window, QStringLiteral("Export all to folder"), Settings().lastDirectory());
    if (directory.isEmpty())
        return;
    QString message;
    const QStringList written = exportAllTo(directory, options.logicalSize(), options.scale(), &message);
    if (written.isEmpty())
        m_showError(QStringLiteral("Export failed"), message);
    else
        emit statusMessage(QStringLiteral("Exported %1 files to %2").arg(written.size()).arg(directory), 8000);
}

void ExportActions::exportGraphML()
{
    const QString path = QFileDialog::getSaveFileName(m_window, QStringLiteral("Export deal network"),
        Settings().lastDirectory() + QStringLiteral("/deals.graphml"), QStringLiteral("GraphML (*.graphml)"));
    if (path.isEmpty())
        return;
    QString message;
    if (!m_currentRun()->writeGraphML(path, &message))
        m_showError(QStringLiteral("Export failed"), message);
    else
        emit statusMessage(QStringLiteral("Exported %1").arg(path), 5000);
}

} // namespace haggle::ui
