// Output files for the CLI (see outputwriter.h).
#include "outputwriter.h"

#include "chartbuilder.h"
#include "chartcatalog.h"
#include "chartcsv.h"
#include "chartexport.h"
#include "dealnetwork.h"
#include "runchartdata.h"
#include "scenariofile.h"

#include <QChart>

#include <memory>

namespace haggle::cli {

OutputWriter::OutputWriter(const QString& directory, QSize chartSize, qreal chartScale)
    : m_dir(directory)
    , m_chartSize(chartSize)
    , m_chartScale(chartScale)
{
}

OutputWriter OutputWriter::inSubdirectory(const QString& name) const
{
    OutputWriter sub(m_dir.filePath(name), m_chartSize, m_chartScale);
    sub.m_prefix = relativeName(name);
    return sub;
}

bool OutputWriter::prepare()
{
    if (!m_dir.mkpath(QStringLiteral(".")))
        fail(QStringLiteral("cannot create the output directory %1").arg(m_dir.path()));
    return ok();
}

void OutputWriter::fail(const QString& message)
{
    if (m_error.isEmpty())
        m_error = message;
}

QString OutputWriter::pathOf(const QString& name) const
{
    return m_dir.filePath(name);
}

QString OutputWriter::relativeName(const QString& name) const
{
    return m_prefix.isEmpty() ? name : QString(m_prefix + u'/' + name);
}

void OutputWriter::writeChart(QChart* chart, const QString& name)
{
    if (!ok())
        return;
    QString error;
    if (charts::exportChartPng(chart, pathOf(name), m_chartSize, m_chartScale, &error))
        m_written.append(relativeName(name));
    else
        fail(error);
}

void OutputWriter::writeText(const QString& name, const std::string& text)
{
    if (!ok())
        return;
    try {
        lab::writeFileAtomically(pathOf(name).toStdString(), text);
        m_written.append(relativeName(name));
    } catch (const std::exception& e) {
        fail(QString::fromStdString(e.what()));
    }
}

void OutputWriter::writeJson(const QString& name, const lab::JsonDocument& document)
{
    writeText(name, document.dump(2) + "\n");
}

void OutputWriter::writeRun(
    const lab::RunResult& run, const QString& prefix, const QString& title, std::optional<double> trustThreshold)
{
    writeText(prefix + QStringLiteral("rounds.csv"), lab::roundsCsv(run));
    writeText(prefix + QStringLiteral("deals.csv"), lab::dealsCsv(run));
    writeText(prefix + QStringLiteral("agents.csv"), lab::agentsCsv(run));
    lab::DealNetwork network;
    network.reset(run.agents.size());
    network.add(run.deals);
    std::vector<lab::NetworkNode> nodes;
    for (const auto& a : run.agents)
        nodes.push_back({ a.id, a.role, a.strategy, a.strategy == "cheater", a.netWorth, a.meanReputation });
    writeText(prefix + QStringLiteral("deals.graphml"), lab::toGraphML(network, nodes));
    // The charts' input as the desktop lab builds it from the same scenario, keeping every round and deal.
    charts::RunChartData data(charts::RunChartData::Retention::Everything);
    charts::ChartInput staticPart = charts::RunChartData::staticPartFor(run.scenario);
    staticPart.title = title;
    if (trustThreshold)
        staticPart.trustThreshold = trustThreshold;
    data.reset(staticPart);
    data.append(run.rounds, run.deals);
    for (const auto& kind : charts::chartCatalog().entries()) {
        if (!ok())
            return;
        const std::unique_ptr<charts::ChartKind> chart = kind.make(Parameters(kind.info, {}));
        chart->update(data.input());
        const QString stem = prefix + charts::chartKindName(kind);
        writeChart(chart->chart(), stem + QStringLiteral(".png"));
        writeText(stem + QStringLiteral(".csv"), charts::chartDataCsv(chart->chart()));
    }
}

void OutputWriter::writeExperiment(const lab::ExperimentResult& result)
{
    writeJson(QStringLiteral("summary.json"), lab::toJson(result));
    for (const auto& table : result.tables)
        writeText(QString::fromStdString(table.name) + QStringLiteral(".csv"), lab::tableCsv(table));
    for (const auto& series : result.series)
        writeSeries(series);
    for (const auto& run : result.runs)
        writeRun(run.run, QString::fromStdString(run.name) + u'-', QString::fromStdString(run.title));
}

void OutputWriter::writeSeries(const lab::ResultSeries& series)
{
    const QString title = QString::fromStdString(series.title);
    std::unique_ptr<QChart> chart;
    switch (series.chart) {
    case lab::ChartKind::Ranking: {
        QStringList names;
        for (const auto& c : series.categories)
            names.append(QString::fromStdString(c));
        const auto values = [&series](const char* line) {
            const lab::SeriesLine* l = series.line(line);
            return l ? l->y : std::vector<double>();
        };
        chart.reset(charts::makeRankingChart(title, names, values("mean"), values("low"), values("high"),
            values("ci95"), QString::fromStdString(series.yTitle)));
        break;
    }
    case lab::ChartKind::Line: {
        std::vector<charts::ChartLine> lines;
        for (const auto& l : series.lines) {
            charts::ChartLine line { QString::fromStdString(l.name), {} };
            for (std::size_t i = 0; i < l.x.size() && i < l.y.size(); ++i)
                line.points.append({ l.x[i], l.y[i] });
            lines.push_back(std::move(line));
        }
        chart.reset(charts::makeLineChart(
            title, QString::fromStdString(series.xTitle), QString::fromStdString(series.yTitle), lines));
        break;
    }
    }
    writeChart(chart.get(), QString::fromStdString(series.name) + QStringLiteral(".png"));
}

} // namespace haggle::cli
