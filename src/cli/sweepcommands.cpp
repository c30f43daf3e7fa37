// haggle-cli's sweep commands: sweep, sweep-merge and sweep-report (see docs/sweeps.md and the README).
#include "cliapp.h"

#include "clioptions.h"
#include "outputwriter.h"
#include "report.h"
#include "sweepreport.h"
#include "sweeprunner.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <atomic>
#include <cmath>
#include <csignal>
#include <unistd.h>

namespace haggle::cli {

namespace {

std::atomic<bool> interrupted { false };

extern "C" void onInterrupt(int)
{
    interrupted.store(true);
}

// Ctrl+C and SIGTERM stop a sweep after its current runs, committed; a second Ctrl+C kills it (what is committed is
// kept either way).
class InterruptGuard {
public:
    InterruptGuard()
    {
        interrupted = false;
        struct sigaction action { };
        action.sa_handler = onInterrupt;
        action.sa_flags = SA_RESETHAND;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &m_oldInt);
        sigaction(SIGTERM, &action, &m_oldTerm);
    }
    ~InterruptGuard()
    {
        sigaction(SIGINT, &m_oldInt, nullptr);
        sigaction(SIGTERM, &m_oldTerm, nullptr);
    }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    struct sigaction m_oldInt { };
    struct sigaction m_oldTerm { };
};

} // namespace

int CliApp::sweep(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("out"), QStringLiteral("The results file (SQLite), created or resumed."),
        QStringLiteral("FILE") });
    parser.addOption(
        { QStringLiteral("threads"), QStringLiteral("Worker threads (default: one per core)."), QStringLiteral("T") });
    parser.addOption({ QStringLiteral("shard"), QStringLiteral("Run only shard I of N (runs with run % N == I)."),
        QStringLiteral("I/N") });
    parser.addOption(
        { QStringLiteral("dry-run"), QStringLiteral("List the settings and the run count; run nothing.") });
    parser.addPositionalArgument(QStringLiteral("sweep"), QStringLiteral("The sweep file."));
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("sweep expects one sweep file"));
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    const QString out = parser.value(QStringLiteral("out"));
    if (!dryRun && out.isEmpty())
        return usage(QStringLiteral("sweep needs --out FILE, the SQLite file to write the results into"));
    lab::SweepRunOptions options;
    if (parser.isSet(QStringLiteral("threads"))) {
        const auto n = parseInteger(parser.value(QStringLiteral("threads")), 1, 1024);
        if (!n)
            return usage(QStringLiteral("--threads expects a whole number in [1, 1024]"));
        options.threads = static_cast<int>(*n);
    }
    if (parser.isSet(QStringLiteral("shard"))) {
        try {
            options.shard = lab::parseShard(parser.value(QStringLiteral("shard")).toStdString());
        } catch (const std::invalid_argument& e) {
            return usage(QStringLiteral("--shard: %1").arg(QString::fromStdString(e.what())));
        }
    }
    const QString file = parser.positionalArguments().first();
    std::optional<lab::SweepPlan> plan;
    try {
        plan.emplace(lab::loadSweep(file.toStdString()), file.toStdString());
    } catch (const lab::SweepFileError& e) {
        error(QString::fromStdString(e.what()));
        return BadInput;
    }
    const lab::SweepSpec& spec = plan->spec();
    const lab::SweepShard shard = options.shard.value_or(lab::SweepShard {});
    std::int64_t shardRuns = 0;
    for (std::int64_t run = 0; run < plan->runCount(); ++run)
        shardRuns += shard.contains(run) ? 1 : 0;
    const QString name = QString::fromStdString(spec.name.empty() ? file.toStdString() : spec.name);
    if (dryRun) {
        QString text = QStringLiteral("sweep '%1' (hash %2): %3 settings x %4 trials = %5 runs")
                           .arg(name, QString::fromStdString(spec.hash()))
                           .arg(plan->settingCount())
                           .arg(spec.trials)
                           .arg(plan->runCount());
        if (options.shard)
            text += QStringLiteral(", %1 in shard %2").arg(shardRuns).arg(QString::fromStdString(shard.text()));
        text += QStringLiteral("\nscenario: %1; metrics: %2\n")
                    .arg(QString::fromStdString(spec.scenarioSource), QString::fromStdString([&] {
                        std::string m;
                        for (const auto& x : spec.metrics)
                            m += (m.empty() ? "" : ", ") + x;
                        return m;
                    }()));
        for (int s = 0; s < plan->settingCount(); ++s)
            text += QStringLiteral("%1\t%2\n").arg(s).arg(QString::fromStdString(plan->label(s)));
        print(text);
        return Success;
    }

    std::optional<lab::SweepStore> store;
    try {
        store.emplace(out.toStdString(), *plan, options.shard);
    } catch (const lab::SweepStoreError& e) {
        error(QString::fromStdString(e.what()));
        return WriteFailure;
    }
    const bool terminal = ::isatty(fileno(m_err));
    double lastLine = -10.0;
    options.progress = [&](const lab::SweepProgress& p) {
        const double fraction = p.todo ? static_cast<double>(p.done) / static_cast<double>(p.todo) : 1.0;
        const QString status = QString::fromStdString(lab::progressText(p));
        if (terminal) {
            constexpr int width = 30;
            const int filled = static_cast<int>(fraction * width);
            const QString bar = QString(filled, u'#') + QString(width - filled, u'.');
            std::fprintf(m_err, "\r\033[K[%s] %s", qPrintable(bar), qPrintable(status));
        } else if (p.seconds - lastLine >= 5.0 || p.done == p.todo) {
            std::fprintf(m_err, "sweep: %s\n", qPrintable(status));
            lastLine = p.seconds;
        }
        std::fflush(m_err);
    };
    InterruptGuard guard;
    options.cancel = &interrupted;
    lab::SweepOutcome outcome;
    try {
        outcome = lab::runSweep(*plan, *store, options);
    } catch (const lab::SweepStoreError& e) {
        if (terminal)
            std::fprintf(m_err, "\n");
        error(QString::fromStdString(e.what()));
        return WriteFailure;
    } catch (const std::exception& e) {
        if (terminal)
            std::fprintf(m_err, "\n");
        error(QStringLiteral("a run failed: %1 (the runs committed before are kept in %2)")
                  .arg(QString::fromStdString(e.what()), out));
        return WriteFailure;
    }
    if (terminal)
        std::fprintf(m_err, "\n");
    const std::int64_t stored = outcome.skipped + outcome.ran;
    if (outcome.cancelled) {
        error(QStringLiteral("interrupted: %1 of %2 runs are stored in %3; run the same command again to finish")
                  .arg(stored)
                  .arg(outcome.total)
                  .arg(out));
        return Interrupted;
    }
    print(QStringLiteral("sweep '%1': %2 runs in %3 (%4 runs/s)%5; %6 of %7 runs stored in %8\n")
              .arg(name)
              .arg(outcome.ran)
              .arg(QString::fromStdString(lab::durationText(outcome.seconds)))
              .arg(outcome.seconds > 0 ? static_cast<double>(outcome.ran) / outcome.seconds : 0.0, 0, 'f', 0)
              .arg(outcome.skipped ? QStringLiteral(", %1 already stored").arg(outcome.skipped) : QString())
              .arg(stored)
              .arg(outcome.total)
              .arg(out));
    if (!options.shard)
        print(QStringLiteral("report: haggle-cli sweep-report %1 --out DIR\n").arg(out));
    return Success;
}

int CliApp::sweepMerge(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("out"), QStringLiteral("The merged results file."));
    parser.addPositionalArgument(
        QStringLiteral("shards"), QStringLiteral("Shard results files."), QStringLiteral("SHARD..."));
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    QStringList files = parser.positionalArguments();
    if (files.size() < 2)
        return usage(QStringLiteral("sweep-merge expects OUT and at least one shard file"));
    const QString out = files.takeFirst();
    for (const QString& f : files) {
        if (QFileInfo(f).absoluteFilePath() == QFileInfo(out).absoluteFilePath())
            return usage(QStringLiteral("sweep-merge: %1 is both the output and a shard").arg(out));
    }
    try {
        const lab::SweepSpec spec = lab::readSweepSpec(files.first().toStdString());
        const lab::SweepPlan plan(spec, files.first().toStdString());
        lab::SweepStore store(out.toStdString(), plan);
        for (const QString& f : files) {
            const std::int64_t added = store.mergeFrom(f.toStdString());
            print(QStringLiteral("%1: %2 runs added\n").arg(f).arg(added));
        }
        const std::int64_t stored = store.storedCount();
        print(QStringLiteral("%1: %2 of %3 runs%4\n")
                  .arg(out)
                  .arg(stored)
                  .arg(plan.runCount())
                  .arg(stored == plan.runCount() ? QString()
                                                 : QStringLiteral(" (%1 missing: merge the other shards, or run "
                                                                  "the sweep with --out %2 to fill them in)")
                                                       .arg(plan.runCount() - stored)
                                                       .arg(out)));
        return Success;
    } catch (const lab::SweepStoreError& e) {
        error(QString::fromStdString(e.what()));
        return WriteFailure;
    } catch (const lab::SweepFileError& e) {
        error(QString::fromStdString(e.what()));
        return BadInput;
    }
}

int CliApp::sweepReport(const QStringList& arguments)
{
    QCommandLineParser parser;
    addOutputOptions(parser);
    parser.addPositionalArgument(QStringLiteral("results"), QStringLiteral("A sweep's results file."));
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("sweep-report expects one results file"));
    CommonOptions options;
    if (const QString problem = readOutputOptions(parser, options); !problem.isEmpty())
        return usage(problem);
    lab::ExperimentResult result;
    try {
        result = lab::sweepReport(parser.positionalArguments().first().toStdString());
    } catch (const lab::SweepStoreError& e) {
        error(QString::fromStdString(e.what()));
        return BadInput;
    }
    if (options.json)
        print(lab::toJson(result).dump(2) + "\n");
    else
        print(lab::formatExperiment(result) + "\n");
    if (!options.out.isEmpty()) {
        charts::OutputWriter writer(options.out, options.chartSize, options.scale);
        if (!writer.prepare()) {
            error(writer.error());
            return WriteFailure;
        }
        charts::Provenance stamp;
        stamp.fields = { { QStringLiteral("Software"), QStringLiteral("Haggle " HAGGLE_VERSION) },
            { QStringLiteral("Sweep-Results"), QFileInfo(parser.positionalArguments().first()).fileName() } };
        writer.setProvenance(QStringLiteral(HAGGLE_VERSION), stamp);
        writer.writeExperiment(result);
        if (!writer.ok()) {
            error(writer.error());
            return WriteFailure;
        }
        if (!options.json)
            print(QStringLiteral("wrote %1 files to %2\n").arg(writer.written().size()).arg(options.out));
    }
    return Success;
}

} // namespace haggle::cli
