// The main window's exports (see mainwindow.h): the view on screen as PNG or SVG, a chart's data as CSV, the deal
// network as GraphML, and everything to a folder. All go through the charts library's one rendering path and its
// atomic write.
#include "mainwindow.h"

#include "ui_mainwindow.h"

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
#include <QStatusBar>

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

void MainWindow::exportView()
{
    // The deal graph when it is on screen, otherwise one of the charts.
    const bool graph = m_ui->centralTabs->currentWidget() == m_graph;
    QString kind; // the chart's, which is also its file stem
    if (!graph) {
        kind = chooseChart(this, *m_charts, QStringLiteral("Export chart"));
        if (kind.isEmpty())
            return;
    }
    const QString stem = graph ? QStringLiteral("deal-graph") : kind;
    ExportDialog options(graph ? QStringLiteral("Export deal graph") : QStringLiteral("Export chart"), true, this);
    if (options.exec() != QDialog::Accepted)
        return;
    const bool svg = options.format() == ExportDialog::Format::Svg;
    const QString suffix = svg ? QStringLiteral(".svg") : QStringLiteral(".png");
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export"),
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
        error(QStringLiteral("Export failed"), message);
    else
        statusBar()->showMessage(QStringLiteral("Exported %1").arg(path), 5000);
}

void MainWindow::exportCsv()
{
    const QString kind = chooseChart(this, *m_charts, QStringLiteral("Export chart data"));
    if (kind.isEmpty())
        return;
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export chart data"),
        Settings().lastDirectory() + u'/' + kind + QStringLiteral(".csv"), QStringLiteral("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString message;
    m_charts->refresh();
    if (!m_charts->exportCsv(kind, path, &message))
        error(QStringLiteral("Export failed"), message);
    else
        statusBar()->showMessage(QStringLiteral("Exported %1").arg(path), 5000);
}

QStringList MainWindow::exportAllTo(const QString& directory, QSize logicalSize, qreal scale, QString* message)
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
        || !m_run->writeGraphML(dir.filePath(QStringLiteral("deals.graphml")), message))
        return {};
    written << QStringLiteral("deal-graph.png") << QStringLiteral("deal-graph.svg") << QStringLiteral("deals.graphml");
    return written;
}

void MainWindow::exportAll()
{
    ExportDialog options(QStringLiteral("Export all"), false, this);
    if (options.exec() != QDialog::Accepted)
        return;
    const QString directory
        = QFileDialog::getExistingDirectory(this, QStringLiteral("Export all to folder"), Settings().lastDirectory());
    if (directory.isEmpty())
        return;
    QString message;
    const QStringList written = exportAllTo(directory, options.logicalSize(), options.scale(), &message);
    if (written.isEmpty())
        error(QStringLiteral("Export failed"), message);
    else
        statusBar()->showMessage(QStringLiteral("Exported %1 files to %2").arg(written.size()).arg(directory), 8000);
}

void MainWindow::exportGraphML()
{
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export deal network"),
        Settings().lastDirectory() + QStringLiteral("/deals.graphml"), QStringLiteral("GraphML (*.graphml)"));
    if (path.isEmpty())
        return;
    QString message;
    if (!m_run->writeGraphML(path, &message))
        error(QStringLiteral("Export failed"), message);
    else
        statusBar()->showMessage(QStringLiteral("Exported %1").arg(path), 5000);
}

} // namespace haggle::ui
