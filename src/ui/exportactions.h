// The desktop lab's exports, for the run on screen: the view shown (deal graph or a chart) as PNG or SVG, a chart's
// data as CSV, the deal network as GraphML, and everything to a folder. All go through the charts library's one
// rendering path and its atomic write; the window only wires its menu to them.
#pragma once

#include "exportdialog.h"

#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

namespace haggle::ui {

class ChartsPanel;
class DealGraphView;
class Run;
class RunViewer;

class ExportActions : public QObject {
    Q_OBJECT

public:
    // `window` parents the dialogs; `currentRun` is the run shown, `graphShown` whether the deal graph is the view on
    // screen (otherwise a chart is asked for), `showError` how a failure is told.
    ExportActions(QWidget* window, RunViewer* viewer, ChartsPanel* charts, DealGraphView* graph,
        std::function<Run*()> currentRun, std::function<bool()> graphShown,
        std::function<void(const QString& title, const QString& text)> showError);

    // Each opens the one export dialog (see ExportDialog) set for its target and format: the view on screen as PNG,
    // a chart's data as CSV, the deal network as GraphML, everything into a folder.
    void exportView();
    void exportCsv();
    void exportGraphML();
    void exportAll();
    // What the dialog's Export does: `target` (a chart kind, ExportDialog::graphTarget() or everythingTarget()) in
    // `format` to `destination` (a file, or a folder for everything), making missing folders. Returns the files
    // written (empty, with *message set, on failure). Every file carries the run's provenance (charts::Provenance:
    // the deal graph's rounds up to the timeline's cursor, the charts' every round played) and the look's caption.
    QStringList exportTo(const QString& target, ExportDialog::Format format, const charts::ExportLook& look,
        const QString& destination, QString* message);
    // Everything an Export All writes, into `directory`; returns the files written (empty and an error on failure).
    QStringList exportAllTo(const QString& directory, const charts::ExportLook& look, QString* message);

signals:
    void statusMessage(const QString& text, int timeoutMs);

private:
    void openDialog(const QString& target, ExportDialog::Format format);
    // The look with the current run's provenance (rounds up to the cursor, or every round played), its caption kept.
    charts::ExportLook stamped(const charts::ExportLook& look, bool atCursor) const;

    QWidget* m_window;
    RunViewer* m_viewer;
    ChartsPanel* m_charts;
    DealGraphView* m_graph;
    std::function<Run*()> m_currentRun;
    std::function<bool()> m_graphShown;
    std::function<void(const QString&, const QString&)> m_showError;
};

} // namespace haggle::ui
