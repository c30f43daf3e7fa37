// Writes a result's files into an output directory: CSV data, summary.json and PNG and SVG charts rendered offscreen
// through the shared charts library (the same rendering as the desktop app's export). Any experiment is written from
// its generic result: a CSV per table, a chart and a CSV per series, the files of each run it exported. haggle-cli's
// --out and the desktop lab's Experiments window (Export...) both write through it, so they write the same files.
#pragma once

#include "chartexport.h"
#include "experimentresult.h"
#include "report.h"

#include <QChart>
#include <QDir>
#include <QSize>
#include <QString>
#include <QStringList>

namespace haggle::charts {

class OutputWriter {
public:
    OutputWriter(const QString& directory, QSize chartSize, qreal chartScale);

    // Creates the directory (and parents). Returns false, with error(), when it cannot.
    bool prepare();

    // Stamp every file with where it comes from (chartexport.h's Provenance): each run's files with the run's own
    // (Haggle `version`, the scenario's name and hash, seed, rounds and rules), the other files with `base` (an
    // experiment's name, seed, ...). PNG text chunks, the SVG's description, "# Key: value" lines before a CSV's
    // header and a "provenance" object in a JSON document. Without it (an empty version) nothing is stamped.
    void setProvenance(const QString& version, Provenance base = {});

    // rounds.csv, deals.csv, agents.csv, isolation.csv (when the run measured detection), deals.graphml and, for each
    // kind in the chart catalog, <kind>.png and <kind>.csv (the chart's data), each name prefixed (e.g. "always-").
    void writeRun(const lab::RunResult& run, const QString& prefix, const QString& title,
        std::optional<double> trustThreshold = std::nullopt);
    // summary.json (the --json document), <table>.csv for each table, <series>.png, <series>.svg and <series>.csv
    // (lab::seriesCsv(); "<series>-series.csv" when a table has the series' name) for each series, and each exported
    // run's files prefixed "<run>-".
    void writeExperiment(const lab::ExperimentResult& result);
    void writeJson(const QString& name, const lab::JsonDocument& document);
    void writeText(const QString& name, const std::string& text);

    // The files written so far (relative names), and the first failure if any.
    const QStringList& written() const noexcept { return m_written; }
    bool ok() const noexcept { return m_error.isEmpty(); }
    const QString& error() const noexcept { return m_error; }
    OutputWriter inSubdirectory(const QString& name) const;

private:
    void fail(const QString& message);
    QString pathOf(const QString& name) const;
    QString relativeName(const QString& name) const; // as listed in written(): inside the top output directory
    void writeChart(QChart* chart, const QString& name); // PNG through the shared rendering path
    void writeChartSvg(QChart* chart, const QString& name); // SVG, the same layout
    void writeSeries(const lab::ResultSeries& series, const QString& csvName); // makeSeriesChart() and the data
    void writeRunFiles(
        const lab::RunResult& run, const QString& prefix, const QString& title, std::optional<double> trustThreshold);

    QDir m_dir;
    QString m_prefix; // relative path of this writer's directory inside the top output directory
    QSize m_chartSize;
    qreal m_chartScale;
    QStringList m_written;
    QString m_error;
    QString m_version; // empty: nothing is stamped
    Provenance m_provenance; // what the files written now carry
};

} // namespace haggle::charts
