// The compare view: two to four runs (an original and its what-if branches, or any runs of the window) side by side.
// One chart kind at a time for every run, with shared axes (the same rounds and value range on each) and one cursor
// (a round slider drawing the same line on all), each run's events marked; under them a difference table (final net
// worth by agent for each run and each later run's difference from the first, "Δ name", then the deals, the market's
// total worth and the agents isolated). Exported as one PNG or SVG of the charts (with the provenance of every run) and
// the table as CSV. It follows the runs live: they may still be running.
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
    // The chart kind shown for every run (a kind of the chart catalog with a round axis).
    void setChartKind(const QString& kind);
    QString chartKind() const;
    QStringList chartKinds() const; // those offered
    // The shared cursor: a line at this round on every chart (< 0: none).
    void setCursorRound(int round);

    // Pulls every run's latest data into the charts and the table now (the window does so twice a second).
    void refresh();

    bool exportPng(const QString& path, QString* error = nullptr) const;
    bool exportSvg(const QString& path, QString* error = nullptr) const;
    bool exportCsv(const QString& path, QString* error = nullptr) const;

    // For tests.
    QTableWidget* table() const noexcept { return m_table; }
    int chartCount() const noexcept { return int(m_panels.size()); }
    QChartView* chartView(int i) const;

private:
    struct Panel;
    void rebuildPanels();
    void shareAxes();
    void fillTable();
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
    QTimer m_refresh;
};

} // namespace haggle::ui
