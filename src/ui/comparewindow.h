// The compare view: two to four runs (an original and its what-if branches, or any runs of the window) side by side.
// Either one chart kind for every run, with shared axes (the same rounds and value range on each), or every run's deal
// graph; one cursor (a round slider drawing the same line on every chart and putting every run's cursor, so its deal
// graph and the main window's views, at that round); each run's events marked. Under them a difference table: final
// net worth by agent for each run and each later run's difference from the first ("Δ name"), then the deals, the mean
// unit price, the market's total worth, the agents isolated and each cheater's isolation round. Exported as one PNG or
// SVG of the panels (with the provenance of every run) and the table as CSV. It follows the runs live: they may still
// be running.
#pragma once

#include "chartexport.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <vector>

class QChartView;
class QComboBox;
class QGridLayout;
class QLabel;
class QSlider;
class QTableWidget;

namespace haggle::charts {
class LiveChart;
}

namespace haggle::ui {

class DealGraphView;
class RoundMarkers;
class Run;

class CompareWindow : public QWidget {
    Q_OBJECT

public:
    static constexpr int MaxRuns = 4;
    struct Entry {
        QPointer<Run> run;
        QString name; // "Original: ...", "Branch at round 30"
    };

    explicit CompareWindow(QWidget* parent = nullptr);
    ~CompareWindow() override;

    // The runs to compare, the first being the reference of the differences (at most MaxRuns are shown).
    void setRuns(std::vector<Entry> runs);
    // What every run shows: a kind of the chart catalog with a round axis, or DealGraphs.
    static inline const QString DealGraphs = QStringLiteral("deal graph");
    void setChartKind(const QString& kind);
    QString chartKind() const;
    QStringList chartKinds() const; // the chart kinds offered (DealGraphs besides)
    bool showsDealGraphs() const { return chartKind() == DealGraphs; }
    // The shared cursor: a line at this round on every chart, and every run's cursor (Run::setCursor()) at it, or at
    // the run's newest round if it has not reached it (< 1: none; every run follows its newest round again).
    void setCursorRound(int round);

    // Pulls every run's latest data into the charts and the table now (the window does so twice a second, one part
    // at a time).
    void refresh();

    bool exportPng(const QString& path, QString* error = nullptr) const;
    bool exportSvg(const QString& path, QString* error = nullptr) const;
    bool exportCsv(const QString& path, QString* error = nullptr) const;

    // For tests.
    QTableWidget* table() const noexcept { return m_table; }
    int chartCount() const noexcept { return int(m_panels.size()); }
    QChartView* chartView(int i) const;
    DealGraphView* dealGraph(int i) const;

private:
    struct Panel;
    void rebuildPanels();
    void shareAxes();
    void fillTable();
    void updateGraph(std::size_t i);
    void updatePanel(std::size_t i);
    void refreshNextPart(); // the timer's: one panel, or the table
    void markCursor(int round); // on the charts and the label
    void exportDialog();
    charts::Provenance provenance() const;

    std::vector<Entry> m_runs;
    std::vector<std::unique_ptr<Panel>> m_panels;
    QComboBox* m_kind;
    QSlider* m_cursor;
    QLabel* m_cursorLabel;
    QWidget* m_grid;
    QGridLayout* m_gridLayout;
    QTableWidget* m_table;
    QStringList m_tableHeaders;
    QTimer m_refresh;
    std::size_t m_nextPart = 0;
};

} // namespace haggle::ui
