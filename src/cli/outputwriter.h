// Writes a result's files into an output directory: CSV data, summary.json and PNG charts rendered offscreen
// through the shared charts library (the same rendering as the desktop app's export).
#pragma once

#include "experiments.h"
#include "report.h"

#include <QChart>
#include <QDir>
#include <QSize>
#include <QString>
#include <QStringList>

namespace haggle::cli {

class OutputWriter {
public:
    OutputWriter(const QString& directory, QSize chartSize, qreal chartScale);

    // Creates the directory (and parents). Returns false, with error(), when it cannot.
    bool prepare();

    // rounds.csv, deals.csv, agents.csv, deals.graphml and the four charts of one run, each name prefixed (e.g.
    // "always-").
    void writeRun(const lab::RunResult& run, const QString& prefix, const QString& title,
        std::optional<double> trustThreshold = std::nullopt);
    void writeHandshake(const lab::HandshakeResult& result);
    void writeScarcity(const lab::ScarcityResult& result);
    void writeTrust(const lab::TrustResult& result);
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

    QDir m_dir;
    QString m_prefix; // relative path of this writer's directory inside the top output directory
    QSize m_chartSize;
    qreal m_chartScale;
    QStringList m_written;
    QString m_error;
};

} // namespace haggle::cli
