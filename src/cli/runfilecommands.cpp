// haggle-cli's run file commands (see cliapp.h): `verify`, and the run file `run --record` writes.
#include "cliapp.h"

#include "policyfile.h"
#include "runfile.h"

#include <QCommandLineParser>

#include <unistd.h>

namespace haggle::cli {

bool CliApp::writeRunFile(const QString& file, const Scenario& scenario, const std::vector<std::uint64_t>& hashes,
    const std::vector<StateParts>& parts)
{
    lab::RunFile run;
    run.haggleVersion = HAGGLE_VERSION;
    run.scenario = scenario;
    run.hashes = hashes;
    run.parts = parts;
    try {
        lab::saveRunFile(file.toStdString(), run);
    } catch (const std::exception& e) {
        error(QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

QString CliApp::readPolicyRequests(
    const QStringList& values, const Scenario& scenario, std::vector<std::pair<std::string, QString>>& requests)
{
    for (const QString& value : values) {
        const qsizetype eq = value.indexOf(u'=');
        if (eq <= 0 || eq == value.size() - 1)
            return QStringLiteral("--save-policy expects AGENT=FILE (FILE.csv for the table as CSV), found '%1'")
                .arg(value);
        const std::string agent = value.left(eq).toStdString();
        if (!scenario.indexOf(agent))
            return QStringLiteral("--save-policy: the scenario has no agent '%1'").arg(value.left(eq));
        requests.emplace_back(agent, value.mid(eq + 1));
    }
    return {};
}

bool CliApp::savePolicies(const std::vector<std::pair<std::string, QString>>& requests,
    const std::map<std::string, LearnedTable>& learned, const Scenario& scenario)
{
    for (const auto& [agent, file] : requests) {
        const auto it = learned.find(agent);
        if (it == learned.end()) {
            const auto& spec = scenario.agents[*scenario.indexOf(agent)].strategy;
            error(QStringLiteral("--save-policy: agent '%1' (strategy '%2') has learnt nothing to save")
                      .arg(QString::fromStdString(agent), QString::fromStdString(spec.type)));
            return false;
        }
        try {
            lab::saveLearnedTable(file.toStdString(), it->second);
        } catch (const std::exception& e) {
            error(QStringLiteral("--save-policy: cannot write %1: %2").arg(file, QString::fromStdString(e.what())));
            return false;
        }
    }
    return true;
}

int CliApp::verify(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("run"), QStringLiteral("A run file (.haggle-run)."));
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("verify expects one run file"));
    lab::RunFile record;
    try {
        record = lab::loadRunFile(parser.positionalArguments().first().toStdString());
    } catch (const lab::RunFileError& e) {
        error(QString::fromStdString(e.what()));
        return BadInput;
    }
    const bool showProgress = ::isatty(fileno(m_err)) && record.rounds() >= 1000;
    const auto progress = [&](int round, int total) {
        if (showProgress && (round % std::max(1, total / 100) == 0 || round == total))
            std::fprintf(m_err, "\rround %d/%d%s", round, total, round == total ? "\n" : "");
    };
    const lab::VerifyReport report = lab::verifyRun(record, HAGGLE_VERSION, progress);
    print(lab::formatVerifyReport(report));
    return report.identical ? Success : Differs;
}

} // namespace haggle::cli
