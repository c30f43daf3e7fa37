// Output files of a run or an experiment, for haggle-cli and the desktop lab (see outputwriter.h).
#include "outputwriter.h"

#include "chartbuilder.h"
#include "chartcatalog.h"
#include "chartcsv.h"
#include "chartexport.h"
#include "dealnetwork.h"
#include "runchartdata.h"
#include "scenariofile.h"
#include "serieschart.h"

#include <QChart>

#include <memory>

namespace haggle::charts {

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
    sub.m_version = m_version;
    sub.m_provenance = m_provenance;
    return sub;
}

void OutputWriter::setProvenance(const QString& version, Provenance base)
{
    m_version = version;
    m_provenance = std::move(base);
    if (!version.isEmpty() && m_provenance.fields.empty())
        m_provenance.fields.emplace_back(QStringLiteral("Software"), QStringLiteral("Haggle ") + version);
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
    if (exportChartPng(chart, pathOf(name), m_chartSize, m_chartScale, &error, m_provenance))
        m_written.append(relativeName(name));
    else
        fail(error);
}

void OutputWriter::writeChartSvg(QChart* chart, const QString& name)
{
    if (!ok())
        return;
    QString error;
    if (exportChartSvg(chart, pathOf(name), m_chartSize, &error, m_provenance))
        m_written.append(relativeName(name));
    else
        fail(error);
}

void OutputWriter::writeText(const QString& name, const std::string& text)
{
    if (!ok())
        return;
    try {
        lab::writeFileAtomically(pathOf(name).toStdString(),
            name.endsWith(QStringLiteral(".csv")) ? withProvenanceHeader(text, m_provenance) : text);
        m_written.append(relativeName(name));
    } catch (const std::exception& e) {
        fail(QString::fromStdString(e.what()));
    }
}

void OutputWriter::writeJson(const QString& name, const lab::JsonDocument& document)
{
    if (m_provenance.fields.empty() || !document.is_object()) {
        writeText(name, document.dump(2) + "\n");
        return;
    }
    lab::JsonDocument stamped = document;
    lab::JsonDocument provenance = lab::JsonDocument::object();
    for (const auto& [key, value] : m_provenance.fields)
        provenance[key.toStdString()] = value.toStdString();
    stamped["provenance"] = std::move(provenance);
    writeText(name, stamped.dump(2) + "\n");
}

void OutputWriter::writeRun(
    const lab::RunResult& run, const QString& prefix, const QString& title, std::optional<double> trustThreshold)
{
    // The run's files carry the run's own provenance; the writer's comes back after them.
    const Provenance outer = m_provenance;
    if (!m_version.isEmpty())
        m_provenance = Provenance::ofRun(run.scenario, run.rounds.empty() ? 0 : 1, int(run.rounds.size()), m_version);
    writeRunFiles(run, prefix, title, trustThreshold);
    m_provenance = outer;
}

void OutputWriter::writeRunFiles(
    const lab::RunResult& run, const QString& prefix, const QString& title, std::optional<double> trustThreshold)
{
    writeText(prefix + QStringLiteral("rounds.csv"), lab::roundsCsv(run));
    writeText(prefix + QStringLiteral("deals.csv"), lab::dealsCsv(run));
    writeText(prefix + QStringLiteral("agents.csv"), lab::agentsCsv(run));
    if (run.detection)
        writeText(prefix + QStringLiteral("isolation.csv"), lab::detectionCsv(run));
    lab::DealNetwork network;
    network.reset(run.agents.size());
    network.add(run.deals);
    std::vector<lab::NetworkNode> nodes;
    for (const auto& a : run.agents)
        nodes.push_back({ a.id, a.role, a.strategy, isCheaterStrategy(run.scenario.rules, a.strategy), a.netWorth,
            a.meanReputation });
    writeText(prefix + QStringLiteral("deals.graphml"), lab::toGraphML(network, nodes));
    const ChartInput input = runChartInput(run, title, trustThreshold);
    for (const auto& kind : chartCatalog().entries()) {
        if (!ok())
            return;
        const std::unique_ptr<ChartKind> chart = kind.make(Parameters(kind.info, {}));
        if (!chart->drawsSomething(input))
            continue;
        chart->update(input);
        const QString stem = prefix + chartKindName(kind);
        writeChart(chart->chart(), stem + QStringLiteral(".png"));
        writeText(stem + QStringLiteral(".csv"), chartDataCsv(chart->chart()));
    }
}

void OutputWriter::writeExperiment(const lab::ExperimentResult& result)
{
    writeJson(QStringLiteral("summary.json"), lab::toJson(result));
    for (const auto& table : result.tables)
        writeText(QString::fromStdString(table.name) + QStringLiteral(".csv"), lab::tableCsv(table));
    for (const auto& series : result.series) {
        // A series' data beside the tables' CSV files, never over one of them.
        const QString stem = QString::fromStdString(series.name);
        writeSeries(
            series, stem + (result.table(series.name) ? QStringLiteral("-series.csv") : QStringLiteral(".csv")));
    }
    for (const auto& run : result.runs)
        writeRun(run.run, QString::fromStdString(run.name) + u'-', QString::fromStdString(run.title));
}

void OutputWriter::writeSeries(const lab::ResultSeries& series, const QString& csvName)
{
    const std::unique_ptr<QChart> chart(makeSeriesChart(series));
    const QString stem = QString::fromStdString(series.name);
    writeChart(chart.get(), stem + QStringLiteral(".png"));
    writeChartSvg(chart.get(), stem + QStringLiteral(".svg"));
    writeText(csvName, lab::seriesCsv(series));
}

} // namespace haggle::charts
