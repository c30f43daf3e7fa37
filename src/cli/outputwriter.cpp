// Output files for the CLI (see outputwriter.h).
#include "outputwriter.h"

#include "chartbuilder.h"
#include "chartexport.h"
#include "chartinput.h"
#include "csv.h"
#include "dealnetwork.h"
#include "scenariofile.h"

#include <QChart>

#include <memory>

namespace haggle::cli {

namespace {

charts::ChartInput chartInputFor(const lab::RunResult& run, const QString& title, std::optional<double> threshold)
{
    charts::ChartInput input;
    input.title = title;
    for (const auto& a : run.agents) {
        input.agentIds.append(QString::fromStdString(a.id));
        input.agentStrategies.append(QString::fromStdString(a.strategy));
        input.highlighted.push_back(a.strategy == "cheater");
    }
    input.rounds = run.rounds;
    input.deals = run.deals;
    for (const auto& segment : lab::phaseSegments(run.scenario)) {
        if (segment.name != "normal")
            input.phases.push_back({ QString::fromStdString(segment.name), segment.firstRound, segment.lastRound });
    }
    input.trustThreshold = threshold;
    if (!input.trustThreshold) {
        for (const auto& a : run.scenario.agents) {
            if (a.strategy.trustThreshold)
                input.trustThreshold = *a.strategy.trustThreshold;
        }
    }
    return input;
}

} // namespace

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
    const auto input = chartInputFor(run, title, trustThreshold);
    const std::pair<const char*, QChart* (*)(const charts::ChartInput&)> builders[] = {
        { "price-convergence.png", &charts::makePriceConvergenceChart },
        { "reputation.png", &charts::makeReputationChart },
        { "market-activity.png", &charts::makeMarketActivityChart },
        { "wealth.png", &charts::makeWealthChart },
    };
    for (const auto& [name, build] : builders) {
        if (!ok())
            return;
        const std::unique_ptr<QChart> chart(build(input));
        writeChart(chart.get(), prefix + QString::fromLatin1(name));
    }
}

void OutputWriter::writeHandshake(const lab::HandshakeResult& r)
{
    writeJson(QStringLiteral("summary.json"), lab::toJson(r));
    lab::CsvWriter matrix({ "buyer", "seller", "deal_rate", "mean_unit_price", "mean_turns", "seeds" });
    for (std::size_t b = 0; b < r.strategies.size(); ++b) {
        for (std::size_t s = 0; s < r.strategies.size(); ++s) {
            matrix.text(r.strategies[b]).text(r.strategies[s]).number(r.dealRate[b][s]);
            matrix.number(r.meanPrice[b][s].value_or(NAN)).number(r.meanTurns[b][s]).integer(r.seeds);
            matrix.endRow();
        }
    }
    writeText(QStringLiteral("matrix.csv"), matrix.str());
    lab::CsvWriter trace({ "turn", "type", "from", "to", "price", "reason" });
    for (const auto& t : r.trace) {
        trace.integer(t.turn).text(t.type).text(t.from).text(t.to).number(t.price).text(t.reason);
        trace.endRow();
    }
    writeText(QStringLiteral("trace.csv"), trace.str());
    writeRun(r.convergence, QStringLiteral("convergence-"), QStringLiteral("Adaptive convergence"));
}

void OutputWriter::writeScarcity(const lab::ScarcityResult& r)
{
    writeJson(QStringLiteral("summary.json"), lab::toJson(r));
    writeRun(r.market, QStringLiteral("market-"), QStringLiteral("Scarcity market"));
    writeRun(r.rushExample, QStringLiteral("rush-hour-"), QStringLiteral("Rush hour"));
    lab::CsvWriter phases({ "phase", "first_round", "last_round", "negotiations", "deals", "success_rate",
        "mean_unit_price", "success_rate_ci95", "trials" });
    for (const auto& p : r.phases) {
        phases.text(p.name).integer(p.firstRound).integer(p.lastRound).integer(p.negotiations).integer(p.deals);
        phases.number(p.successRate).number(p.meanUnitPrice.value_or(NAN)).number(p.successRateByTrial.ci95);
        phases.integer(r.rushTrials).endRow();
    }
    writeText(QStringLiteral("rush-hour-phases.csv"), phases.str());
    lab::CsvWriter ranking({ "rank", "agent", "strategy", "role", "start_worth", "mean_worth", "sd_worth", "min_worth",
        "max_worth", "ci95", "mean_deals", "trials" });
    QStringList names;
    std::vector<double> mean, low, high, ci;
    for (const auto& e : r.ranking) {
        ranking.integer(e.rank).text(e.agent).text(e.strategy).text(e.role).number(e.startWorth);
        ranking.number(e.worth.mean).number(e.worth.sd).number(e.worth.min).number(e.worth.max);
        ranking.number(e.worth.ci95).number(e.deals.mean).integer(r.tournamentTrials).endRow();
        names.append(QString::fromStdString(e.agent));
        mean.push_back(e.worth.mean);
        low.push_back(e.worth.min);
        high.push_back(e.worth.max);
        ci.push_back(e.worth.ci95);
    }
    writeText(QStringLiteral("tournament.csv"), ranking.str());
    const std::unique_ptr<QChart> chart(
        charts::makeRankingChart(QStringLiteral("Tournament: final net worth over %1 trials").arg(r.tournamentTrials),
            names, mean, low, high, ci));
    writeChart(chart.get(), QStringLiteral("tournament.png"));
}

void OutputWriter::writeTrust(const lab::TrustResult& r)
{
    writeJson(QStringLiteral("summary.json"), lab::toJson(r));
    writeRun(r.always.run, QStringLiteral("always-"), QStringLiteral("Always cheater"));
    writeRun(r.subtle.run, QStringLiteral("subtle-"), QStringLiteral("5% cheater"));
    lab::CsvWriter byRound(
        { "round", "always_reputation", "always_cheater_deals", "subtle_reputation", "subtle_cheater_deals" });
    const std::size_t rounds = std::max(r.always.reputationByRound.size(), r.subtle.reputationByRound.size());
    for (std::size_t i = 0; i < rounds; ++i) {
        byRound.integer(static_cast<long long>(i + 1));
        if (i < r.always.reputationByRound.size())
            byRound.number(r.always.reputationByRound[i]).integer(r.always.cheaterDealsByRound[i]);
        else
            byRound.text("").text("");
        if (i < r.subtle.reputationByRound.size())
            byRound.number(r.subtle.reputationByRound[i]).integer(r.subtle.cheaterDealsByRound[i]);
        else
            byRound.text("").text("");
        byRound.endRow();
    }
    writeText(QStringLiteral("cheater-by-round.csv"), byRound.str());
}

} // namespace haggle::cli
