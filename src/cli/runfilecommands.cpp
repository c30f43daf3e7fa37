// haggle-cli's run file commands (see cliapp.h): `verify`, and the run file `run --record` writes.
#include "cliapp.h"

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
