// Commands of haggle-cli (see cliapp.h and the README's "Command line" section).
#include "cliapp.h"

#include "clioptions.h"

#include "builtinscenarios.h"
#include "experimentcatalog.h"
#include "kindlisting.h"
#include "llmexperiments.h"
#include "llmoptions.h"
#include "outputwriter.h"
#include "prototype/prototypecatalog.h"
#include "qtext.h"
#include "report.h"
#include "scenariofile.h"
#include "statehashes.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>

#include <limits>
#include <optional>
#include <unistd.h>

namespace haggle::cli {

using charts::OutputWriter;

namespace {

const QString BuiltinPrefix = QStringLiteral("builtin:");

} // namespace

void addOutputOptions(QCommandLineParser& parser)
{
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print one JSON document instead of tables.") });
    parser.addOption(
        { QStringLiteral("out"), QStringLiteral("Write CSV, JSON and PNG charts into DIR."), QStringLiteral("DIR") });
    parser.addOption({ QStringLiteral("chart-size"), QStringLiteral("Chart size in pixels (default 1280x800)."),
        QStringLiteral("WxH") });
    parser.addOption({ QStringLiteral("scale"), QStringLiteral("Chart pixel ratio, e.g. 2 for high-DPI (default 1)."),
        QStringLiteral("F") });
}

void addCommonOptions(QCommandLineParser& parser)
{
    parser.addOption(
        { QStringLiteral("seed"), QStringLiteral("Base seed (a whole number >= 0)."), QStringLiteral("S") });
    addOutputOptions(parser);
}

std::optional<long long> parseInteger(const QString& text, long long min, long long max)
{
    bool ok = false;
    const long long v = text.toLongLong(&ok);
    if (!ok || v < min || v > max)
        return std::nullopt;
    return v;
}

namespace {

std::optional<std::uint64_t> parseSeed(const QString& text)
{
    bool ok = false;
    const std::uint64_t v = text.toULongLong(&ok);
    if (!ok || text.startsWith(u'-') || text.startsWith(u'+'))
        return std::nullopt;
    return v;
}

} // namespace

QString readOutputOptions(const QCommandLineParser& parser, CommonOptions& options)
{
    options.json = parser.isSet(QStringLiteral("json"));
    options.out = parser.value(QStringLiteral("out"));
    if (parser.isSet(QStringLiteral("out")) && options.out.isEmpty())
        return QStringLiteral("--out needs a directory");
    if (parser.isSet(QStringLiteral("chart-size"))) {
        static const QRegularExpression size(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$"));
        const auto m = size.match(parser.value(QStringLiteral("chart-size")));
        const int w = m.hasMatch() ? m.captured(1).toInt() : 0, h = m.hasMatch() ? m.captured(2).toInt() : 0;
        if (w < 100 || h < 100 || w > 10000 || h > 10000)
            return QStringLiteral("--chart-size expects WIDTHxHEIGHT between 100x100 and 10000x10000, e.g. 1280x800");
        options.chartSize = { w, h };
    }
    if (parser.isSet(QStringLiteral("scale"))) {
        bool ok = false;
        options.scale = parser.value(QStringLiteral("scale")).toDouble(&ok);
        if (!ok || options.scale < 0.25 || options.scale > 4.0)
            return QStringLiteral("--scale expects a number between 0.25 and 4");
    }
    return {};
}

QString readCommonOptions(const QCommandLineParser& parser, CommonOptions& options)
{
    if (const QString problem = readOutputOptions(parser, options); !problem.isEmpty())
        return problem;
    if (parser.isSet(QStringLiteral("seed")) && !parseSeed(parser.value(QStringLiteral("seed"))))
        return QStringLiteral("--seed expects a whole number >= 0, got '%1'").arg(parser.value(QStringLiteral("seed")));
    return {};
}

namespace {

std::string toStd(const QString& s)
{
    return s.toStdString();
}

// --rules R, when given: a rules set's name into `rules`. Returns an error message, or an empty string.
QString readRules(const QCommandLineParser& parser, std::optional<std::string>& rules)
{
    if (!parser.isSet(QStringLiteral("rules")))
        return {};
    rules = toStd(parser.value(QStringLiteral("rules")));
    if (isKnownRules(*rules))
        return {};
    return QStringLiteral("--rules: unknown rules set '%1' (expected %2)")
        .arg(parser.value(QStringLiteral("rules")), QString::fromStdString(knownRulesNames()));
}

} // namespace

QStringList experimentNames(const lab::ExperimentCatalog& catalog)
{
    QStringList names;
    for (const auto& e : catalog.entries())
        names.append(toQString(e.info.name));
    return names;
}

QStringList experimentNames()
{
    return experimentNames(lab::experimentCatalog());
}

namespace {

// The experiment catalog of a rules set, or null for a name that is not one.
lab::ExperimentCatalog* experimentCatalogOf(const QString& rules)
{
    if (rules == u"haggle")
        return &lab::experimentCatalog();
    if (rules == u"prototype")
        return &lab::prototypeExperimentCatalog();
    return nullptr;
}

} // namespace

QString usageText()
{
    QString experiments;
    for (const auto& e : lab::experimentCatalog().entries())
        experiments
            += QStringLiteral("        %1  %2\n").arg(toQString(e.info.name), -10).arg(toQString(e.info.description));
    return QStringLiteral("Usage: haggle-cli COMMAND [options]\n"
                          "\n"
                          "Commands:\n"
                          "  experiment ")
        + experimentNames().join(u'|')
        + QStringLiteral(
            "|all [--trials N] [--seed S] [--threads T] [--set NAME=VALUE] [--json] [--out DIR]\n"
            "      Run an experiment, or all of them one after the other (all but real-compute, which times\n"
            "      this machine's work, and the LLM experiments, which need a model server: the same seed gives\n"
            "      the same output for all):\n")
        + experiments
        + QStringLiteral(
            "      --set gives one of its parameters (listed by 'haggle-cli list'); --trials and --seed override\n"
            "      every part's; --seed-offset K adds K to every seed an experiment uses.\n"
            "  experiment llm-handshake|mixed [--llm-url URL] [--llm-model NAME] [--llm-record DIR|--llm-replay DIR]\n"
            "      Ask an OpenAI-compatible server (default http://127.0.0.1:8080/v1); each run's calls are recorded\n"
            "      in DIR/RUN.jsonl, and --llm-replay answers every run from them with no server (docs/llm.md).\n"
            "  experiment ")
        + experimentNames(lab::prototypeExperimentCatalog()).join(u'|')
        + QStringLiteral(
            "|all --rules prototype [--seed-offset K] [--threads T] [--json]\n"
            "      The Python prototype's seven experiments under its own rules, printing what it printed, line\n"
            "      for line; they fix their trials and seeds as the prototype did (see docs/prototype-rules.md).\n"
            "  compare-rules EXPERIMENT|all [--trials N] [--threads T] [--seed-offset K] [--json|--markdown]\n"
            "      Each finding the prototype stated in that experiment, whether it holds under its rules and\n"
            "      under Haggle's (N trials a part, default 100), and the rule behind the difference.\n"
            "  run SCENARIO.json|builtin:NAME [--rules R] [--rounds N] [--seed S] [--json] [--out DIR]\n"
            "      Run one scenario and report every round and each agent's final state. --rules haggle|prototype\n"
            "      runs it under Haggle's rules or the Python prototype's (overrides the file's \"rules\"; also\n"
            "      with --hashes).\n"
            "  run SCENARIO.json|builtin:NAME --record RUN.haggle-run [other run options]\n"
            "      Also write a run file: the scenario as run, this version and every round's state hash with its\n"
            "      parts, which anyone can check with verify (docs/run-files.md).\n"
            "  run SCENARIO.json --llm-record FILE|--llm-replay FILE [other run options]\n"
            "      A scenario with LLM negotiators: record every prompt and reply (JSONL; by default in\n"
            "      OUT/llm-calls.jsonl or haggle-llm-DATE.jsonl), or replay a recording with no server, to the\n"
            "      same state hashes (docs/llm.md).\n"
            "  run SCENARIO.json|builtin:NAME --save-policy AGENT=FILE [other run options]\n"
            "      After the run, save what a learning agent (q-learning) has learnt: a policy file another\n"
            "      scenario's agent can start from (agents[].strategy.policy), or its table as CSV (FILE.csv).\n"
            "  verify RUN.haggle-run\n"
            "      Re-run a run file and report \"identical\" or the first round that differs and in what (the\n"
            "      generator, budgets, holdings, deals, reputation or strategies); exits with 3 when it differs.\n"
            "  run SCENARIO.json|builtin:NAME --hashes [--rounds N] [--seed S] [--trials N [--threads T]]\n"
            "      Print the state hash after every round, one 'ROUND<TAB>HASH' line each (16 hex digits). With\n"
            "      --trials, run N trials (trial i with seed deriveSeed(S, i), as experiments do) on T threads; print\n"
            "      'TRIAL<TAB>SEED<TAB>ROUND<TAB>HASH' lines in trial order; the output does not depend on T.\n"
            "  sweep SWEEP.json --out RESULTS.sqlite [--threads T] [--shard I/N] [--dry-run]\n"
            "      Run a parameter sweep (docs/sweeps.md) on T threads, committing runs as they finish; run it\n"
            "      again after an interruption to finish only what is missing. --shard I/N runs the runs with\n"
            "      run % N == I (a Slurm array task); --dry-run lists the settings and the run count.\n"
            "  sweep-merge OUT.sqlite SHARD.sqlite...\n"
            "      Merge shards' results files of one sweep into OUT (created or completed).\n"
            "  sweep-report RESULTS.sqlite [--json] [--out DIR]\n"
            "      Per setting, each metric's mean with its 95% confidence interval; with --out, CSV, JSON and\n"
            "      charts (PNG and SVG: a line with its band over one axis, a heatmap over two).\n"
            "  validate SCENARIO.json [--rules R]\n"
            "      Check a scenario file; prints the problem with its JSON path and exits with code 2 if it is bad.\n"
            "  list [")
        + cli::listableNames().join(u'|')
        + QStringLiteral(
            "]\n"
            "      List the built-in scenarios (usable as builtin:NAME) and every kind of each catalog with its\n"
            "      parameters (type, range, default, unit, help), or only one family.\n"
            "\n"
            "Options for experiment and run:\n"
            "  --json            print one JSON document on stdout instead of tables\n"
            "  --out DIR         write CSV files, summary.json and PNG charts into DIR (created if missing)\n"
            "  --chart-size WxH  chart size in pixels (default 1280x800)\n"
            "  --scale F         chart pixel ratio, 2 for crisp high-DPI images (default 1)\n"
            "  --seed S          base seed; the same seed gives the same numbers on every machine\n"
            "\n"
            "  -h, --help        show this help\n"
            "  -v, --version     show the version\n"
            "\n"
            "Exit codes: 0 success, 1 results could not be written, 2 bad input (nothing is written),\n"
            "130 a sweep interrupted by Ctrl+C or SIGTERM (its committed runs are kept).\n");
}

CliApp::CliApp(std::FILE* out, std::FILE* err)
    : m_out(out)
    , m_err(err)
{
}

void CliApp::print(const QString& text)
{
    print(text.toStdString());
}

void CliApp::print(const std::string& text)
{
    std::fwrite(text.data(), 1, text.size(), m_out);
    std::fflush(m_out);
}

void CliApp::error(const QString& text)
{
    const std::string s = "haggle-cli: " + text.toStdString() + "\n";
    std::fwrite(s.data(), 1, s.size(), m_err);
    std::fflush(m_err);
}

int CliApp::usage(const QString& problem)
{
    error(problem);
    const std::string hint = "Try 'haggle-cli --help'.\n";
    std::fwrite(hint.data(), 1, hint.size(), m_err);
    return BadInput;
}

int CliApp::run(const QStringList& arguments)
{
    if (arguments.size() < 2)
        return usage(QStringLiteral("missing command"));
    const QString command = arguments.at(1);
    if (command == u"-h" || command == u"--help" || command == u"help") {
        print(usageText());
        return Success;
    }
    if (command == u"-v" || command == u"--version") {
        print(QStringLiteral("haggle-cli %1\n").arg(QStringLiteral(HAGGLE_VERSION)));
        return Success;
    }
    QStringList rest = arguments;
    rest.removeAt(1); // what remains parses like a program of its own: argv[0] + the command's arguments
    if (command == u"experiment")
        return experiment(rest);
    if (command == u"compare-rules")
        return compareRules(rest);
    if (command == u"run")
        return runScenario(rest);
    if (command == u"validate")
        return validate(rest);
    if (command == u"verify")
        return verify(rest);
    if (command == u"list")
        return list(rest);
    if (command == u"sweep")
        return sweep(rest);
    if (command == u"sweep-merge")
        return sweepMerge(rest);
    if (command == u"sweep-report")
        return sweepReport(rest);
    return usage(QStringLiteral("unknown command '%1'").arg(command));
}

int CliApp::list(const QStringList& arguments)
{
    // arguments[0] is the command itself.
    if (arguments.size() > 2)
        return usage(
            QStringLiteral("list takes at most one family: ") + cli::listableNames().join(QStringLiteral(", ")));
    const QString family = arguments.size() == 2 ? arguments[1] : QString();
    const auto text = cli::listing(family);
    if (!text)
        return usage(QStringLiteral("unknown family '%1' (expected one of: %2)")
                         .arg(family, cli::listableNames().join(QStringLiteral(", "))));
    print(*text);
    return Success;
}

int CliApp::validate(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("The scenario file."));
    parser.addOption({ QStringLiteral("rules"), QStringLiteral("Check under these rules (overrides the file's)."),
        QStringLiteral("R") });
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("validate expects one scenario file"));
    std::optional<std::string> rules;
    if (const QString problem = readRules(parser, rules); !problem.isEmpty())
        return usage(problem);
    const QString file = parser.positionalArguments().first();
    try {
        const Scenario s = lab::loadScenario(toStd(file), rules);
        print(QStringLiteral("%1: valid scenario '%2': %3 agents, %4 rounds, seed %5, %6 rules\n")
                  .arg(file, QString::fromStdString(s.name))
                  .arg(s.agents.size())
                  .arg(s.rounds)
                  .arg(s.seed)
                  .arg(QString::fromStdString(s.rules)));
        return Success;
    } catch (const lab::ScenarioFileError& e) {
        error(QString::fromStdString(e.what()));
        return BadInput;
    }
}

int CliApp::runScenario(const QStringList& arguments)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addOption({ QStringLiteral("rounds"), QStringLiteral("Number of rounds (overrides the scenario's)."),
        QStringLiteral("N") });
    parser.addOption({ QStringLiteral("hashes"), QStringLiteral("Print the state hash after every round.") });
    parser.addOption(
        { QStringLiteral("record"), QStringLiteral("Also write a run file (.haggle-run)."), QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("save-policy"),
        QStringLiteral("After the run, save what a learning agent has learnt: a policy file (FILE.csv: its table as "
                       "CSV). Repeatable."),
        QStringLiteral("AGENT=FILE") });
    parser.addOption({ QStringLiteral("trials"), QStringLiteral("With --hashes: run N trials."), QStringLiteral("N") });
    parser.addOption({ QStringLiteral("threads"),
        QStringLiteral("With --trials: worker threads (default: one per core)."), QStringLiteral("T") });
    parser.addOption({ QStringLiteral("rules"),
        QStringLiteral("Run under these rules: haggle or prototype (overrides the scenario's)."),
        QStringLiteral("R") });
    addLlmOptions(parser);
    parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("A scenario file or builtin:NAME."));
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("run expects one scenario (a file or builtin:NAME)"));
    CommonOptions options;
    if (const QString problem = readCommonOptions(parser, options); !problem.isEmpty())
        return usage(problem);
    // Hash lines are their own output: mixing them with a report would make neither parseable. A run report's JSON
    // and rounds.csv carry the same hashes.
    const bool hashes = parser.isSet(QStringLiteral("hashes"));
    if (hashes && (options.json || !options.out.isEmpty()))
        return usage(QStringLiteral("--hashes prints hash lines only; it does not combine with --json or --out"));
    const QString record = parser.value(QStringLiteral("record"));
    if (!record.isEmpty() && hashes)
        return usage(QStringLiteral("--record writes a run file of one run; it does not combine with --hashes"));
    if (!hashes && parser.isSet(QStringLiteral("trials")))
        return usage(QStringLiteral("--trials needs --hashes (a run report is of one run)"));
    if (parser.isSet(QStringLiteral("threads")) && !parser.isSet(QStringLiteral("trials")))
        return usage(QStringLiteral("--threads needs --trials"));
    std::optional<int> trials;
    int threads = 0;
    if (parser.isSet(QStringLiteral("trials"))) {
        const auto n = parseInteger(parser.value(QStringLiteral("trials")), 1, 100000);
        if (!n)
            return usage(QStringLiteral("--trials expects a whole number in [1, 100000]"));
        trials = static_cast<int>(*n);
    }
    if (parser.isSet(QStringLiteral("threads"))) {
        const auto n = parseInteger(parser.value(QStringLiteral("threads")), 1, 1024);
        if (!n)
            return usage(QStringLiteral("--threads expects a whole number in [1, 1024]"));
        threads = static_cast<int>(*n);
    }

    std::optional<std::string> rules;
    if (const QString problem = readRules(parser, rules); !problem.isEmpty())
        return usage(problem);

    const QString source = parser.positionalArguments().first();
    Scenario scenario;
    try {
        if (source.startsWith(BuiltinPrefix)) {
            scenario = lab::builtinScenario(toStd(source.mid(BuiltinPrefix.size())));
            if (rules) {
                // A built-in scenario under other rules: checked as its file would be.
                scenario.rules = *rules;
                if (const auto issues = validateScenario(scenario); !issues.empty())
                    throw lab::ScenarioFileError(toStd(source), issues.front().path, issues.front().message);
            }
        } else {
            scenario = lab::loadScenario(toStd(source), rules);
        }
    } catch (const lab::ScenarioFileError& e) {
        error(QString::fromStdString(e.what()));
        return BadInput;
    } catch (const std::out_of_range& e) {
        error(QString::fromStdString(e.what()));
        return BadInput;
    }
    if (parser.isSet(QStringLiteral("rounds"))) {
        const auto rounds = parseInteger(parser.value(QStringLiteral("rounds")), 1, MaxRounds);
        if (!rounds)
            return usage(QStringLiteral("--rounds expects a whole number in [1, %1]").arg(MaxRounds));
        scenario.rounds = static_cast<int>(*rounds);
    }
    if (parser.isSet(QStringLiteral("seed")))
        scenario.seed = *parseSeed(parser.value(QStringLiteral("seed")));
    std::vector<std::pair<std::string, QString>> policies;
    if (const QString problem = readPolicyRequests(parser.values(QStringLiteral("save-policy")), scenario, policies);
        !problem.isEmpty())
        return usage(problem);
    if (hashes && !policies.empty())
        return usage(QStringLiteral("--save-policy saves from one run; it does not combine with --hashes"));
    if (trials && usesLanguageModel(scenario))
        return usage(QStringLiteral("--trials: LLM negotiators record one run at a time; run each seed on its own"));
    if (!record.isEmpty() && usesLanguageModel(scenario))
        return usage(QStringLiteral("--record: verify would replay the run without the model's answers; with LLM "
                                    "negotiators, record the calls (--llm-record) and compare --hashes with a replay"));
    LlmRun llm;
    if (const QString problem = prepareLlm(parser, scenario, options.out, llm); !problem.isEmpty()) {
        error(problem);
        return BadInput;
    }
    if (hashes) {
        const int code = printStateHashes(scenario, trials, threads, llm.dialogue);
        if (code == Success && llm.dialogue)
            reportLlm(llm);
        return code;
    }

    OutputWriter writer(options.out, options.chartSize, options.scale);
    if (!options.out.isEmpty() && !writer.prepare()) {
        error(writer.error());
        return WriteFailure;
    }
    writer.setProvenance(QStringLiteral(HAGGLE_VERSION),
        charts::Provenance::ofRun(scenario, 1, scenario.rounds, QStringLiteral(HAGGLE_VERSION)));
    const bool showProgress = ::isatty(fileno(m_err)) && scenario.rounds >= 1000;
    const auto progress = [&](int round, int total) {
        if (showProgress && (round % std::max(1, total / 100) == 0 || round == total))
            std::fprintf(m_err, "\rround %d/%d%s", round, total, round == total ? "\n" : "");
    };
    lab::RunOptions runOptions;
    runOptions.stateParts = !record.isEmpty();
    runOptions.learned = !policies.empty();
    runOptions.languageModel = llm.dialogue;
    lab::RunResult result;
    try {
        result = lab::runScenario(scenario, progress, runOptions);
    } catch (const std::runtime_error& e) { // a replay that does not match its recording
        error(QString::fromStdString(e.what()));
        return BadInput;
    }
    if (llm.dialogue)
        reportLlm(llm);
    if (!record.isEmpty() && !writeRunFile(record, scenario, result.stateHashes, result.stateParts))
        return WriteFailure;
    if (!savePolicies(policies, result.learned, scenario))
        return WriteFailure;
    if (options.json)
        print(lab::toJson(result).dump(2) + "\n");
    else
        print(lab::formatRun(result));
    if (!options.out.isEmpty()) {
        writer.writeJson(QStringLiteral("summary.json"), lab::toJson(result));
        writer.writeRun(result, QString(), QString::fromStdString(scenario.name));
        if (!writer.ok()) {
            error(writer.error());
            return WriteFailure;
        }
        if (!options.json)
            print(QStringLiteral("\nwrote %1 files to %2\n").arg(writer.written().size()).arg(options.out));
    }
    return Success;
}

void CliApp::reportLlm(const LlmRun& llm)
{
    std::fprintf(m_err, "%s\n", llm.dialogue->summary().c_str());
    if (!llm.replay)
        std::fprintf(m_err, "LLM calls recorded in %s (replay: --llm-replay %s)\n", qPrintable(llm.recording),
            qPrintable(llm.recording));
}

int CliApp::printStateHashes(
    const Scenario& scenario, std::optional<int> trials, int threads, const std::shared_ptr<lab::LlmDialogue>& llm)
{
    std::string text;
    if (!trials) {
        std::vector<std::uint64_t> hashes;
        try {
            hashes = lab::stateHashes(scenario, llm);
        } catch (const std::runtime_error& e) { // a replay that does not match its recording
            error(QString::fromStdString(e.what()));
            return BadInput;
        }

        for (std::size_t r = 0; r < hashes.size(); ++r)
            text += std::to_string(r + 1) + '\t' + lab::hashText(hashes[r]) + '\n';
    } else {
        for (const auto& t : lab::trialStateHashes(scenario, *trials, threads)) {
            const std::string prefix = std::to_string(t.trial) + '\t' + std::to_string(t.seed) + '\t';
            for (std::size_t r = 0; r < t.hashes.size(); ++r)
                text += prefix + std::to_string(r + 1) + '\t' + lab::hashText(t.hashes[r]) + '\n';
        }
    }
    print(text);
    return Success;
}

int CliApp::experiment(const QStringList& arguments)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addOption({ QStringLiteral("trials"),
        QStringLiteral("Trials of every multi-trial part (default: the experiment's)."), QStringLiteral("N") });
    parser.addOption(
        { QStringLiteral("threads"), QStringLiteral("Worker threads (default: one per core)."), QStringLiteral("T") });
    parser.addOption({ QStringLiteral("set"), QStringLiteral("Set one of the experiment's parameters."),
        QStringLiteral("NAME=VALUE") });
    parser.addOption({ QStringLiteral("rules"), QStringLiteral("Rules set: haggle (default) or prototype."),
        QStringLiteral("RULES") });
    parser.addOption({ QStringLiteral("seed-offset"), QStringLiteral("Add K to every seed the experiment uses."),
        QStringLiteral("K") });
    addExperimentLlmOptions(parser);
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The experiment, or all."));
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    const QString rules
        = parser.isSet(QStringLiteral("rules")) ? parser.value(QStringLiteral("rules")) : QStringLiteral("haggle");
    lab::ExperimentCatalog* rulesCatalog = experimentCatalogOf(rules);
    if (!rulesCatalog)
        return usage(QStringLiteral("--rules: unknown rules set '%1' (expected haggle or prototype)").arg(rules));
    const lab::ExperimentCatalog& catalog = *rulesCatalog;
    const bool prototypeRules = rules == u"prototype";
    const QStringList names = experimentNames(catalog);
    const QString expected = names.join(QStringLiteral(", ")) + QStringLiteral(" or all");
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("experiment expects one name: %1").arg(expected));
    const QString name = parser.positionalArguments().first();
    if (name != u"all" && !names.contains(name))
        return usage(QStringLiteral("unknown experiment '%1' under %2 rules (expected %3)").arg(name, rules, expected));
    // The prototype's experiments fix their trials and seeds as the prototype did; only an offset moves the seeds.
    if (prototypeRules) {
        for (const char* option : { "trials", "seed", "out", "chart-size", "scale" }) {
            if (parser.isSet(QString::fromLatin1(option)))
                return usage(QStringLiteral("--%1 does not apply under prototype rules (the prototype fixes its "
                                            "trials and seeds; --seed-offset K moves every seed by K)")
                                 .arg(QString::fromLatin1(option)));
        }
    }
    std::int64_t seedOffset = 0;
    if (parser.isSet(QStringLiteral("seed-offset"))) {
        const auto k = parseInteger(parser.value(QStringLiteral("seed-offset")),
            -static_cast<long long>(lab::MaxExactSeed), static_cast<long long>(lab::MaxExactSeed));
        if (!k)
            return usage(QStringLiteral("--seed-offset expects a whole number, got '%1'")
                             .arg(parser.value(QStringLiteral("seed-offset"))));
        seedOffset = *k;
    }
    CommonOptions options;
    if (const QString problem = readCommonOptions(parser, options); !problem.isEmpty())
        return usage(problem);
    lab::ExperimentContext context;
    if (parser.isSet(QStringLiteral("trials"))) {
        const auto trials = parseInteger(parser.value(QStringLiteral("trials")), 1, lab::MaxTrials);
        if (!trials)
            return usage(QStringLiteral("--trials expects a whole number in [1, %1]").arg(lab::MaxTrials));
        context.trials = static_cast<int>(*trials);
    }
    if (parser.isSet(QStringLiteral("threads"))) {
        const auto threads = parseInteger(parser.value(QStringLiteral("threads")), 1, 1024);
        if (!threads)
            return usage(QStringLiteral("--threads expects a whole number in [1, 1024]"));
        context.threads = static_cast<int>(*threads);
    }
    if (parser.isSet(QStringLiteral("seed")))
        context.seed = parseSeed(parser.value(QStringLiteral("seed")));
    ParameterValues given;
    context.seedOffset = seedOffset;
    for (const QString& assignment : parser.values(QStringLiteral("set"))) {
        const qsizetype equals = assignment.indexOf(u'=');
        bool ok = false;
        const double value = equals > 0 ? assignment.mid(equals + 1).toDouble(&ok) : 0.0;
        if (!ok)
            return usage(QStringLiteral("--set expects NAME=NUMBER, got '%1'").arg(assignment));
        given[toStd(assignment.left(equals))] = value;
    }
    // Parameters belong to one kind; across `all` the same name may mean different things.
    if (!parser.values(QStringLiteral("set")).isEmpty() && name == u"all")
        return usage(QStringLiteral("--set needs one experiment, not all"));
    if (const auto problem = catalog.validate(toStd(name == u"all" ? names.first() : name), given))
        return usage(QStringLiteral("experiment '%1': %2").arg(name, QString::fromStdString(problem->message)));
    QString recordings;
    bool replay = false;
    if (const QString problem = prepareExperimentLlm(
            parser, !prototypeRules && lab::asksLanguageModel(toStd(name)), options.out, context, recordings, replay);
        !problem.isEmpty())
        return usage(problem);

    OutputWriter top(options.out, options.chartSize, options.scale);
    top.setProvenance(QStringLiteral(HAGGLE_VERSION));
    if (!options.out.isEmpty() && !top.prepare()) {
        error(top.error());
        return WriteFailure;
    }
    QStringList selected { name };
    if (name == u"all") {
        selected.clear();
        for (const QString& n : names) {
            if (!lab::measuresThisMachine(toStd(n)) && !lab::asksLanguageModel(toStd(n)))
                selected.push_back(n);
        }
    }
    const bool showProgress = !options.json && ::isatty(fileno(m_err));
    lab::JsonDocument all = lab::JsonDocument::object();
    int written = 0;
    for (const QString& which : selected) {
        if (!options.json && selected.size() > 1 && !showProgress)
            std::fprintf(m_err, "running %s...\n", qPrintable(which));
        context.progress = [&](double fraction, std::string_view stage) {
            if (showProgress)
                std::fprintf(m_err, "\r\033[K%s: %3.0f%% %.*s%s", qPrintable(which), 100.0 * fraction,
                    static_cast<int>(stage.size()), stage.data(), fraction >= 1.0 ? "\n" : "");
        };
        OutputWriter writer = selected.size() > 1 ? top.inSubdirectory(which) : top;
        charts::Provenance stamp = charts::Provenance::ofExperiment(which, QStringLiteral(HAGGLE_VERSION));
        stamp.fields.emplace_back(QStringLiteral("Seed-Offset"), QString::number(seedOffset));
        for (const auto& [parameter, value] : given)
            stamp.fields.emplace_back(QString::fromStdString(parameter), QString::number(value));
        writer.setProvenance(QStringLiteral(HAGGLE_VERSION), stamp);
        if (!options.out.isEmpty() && !writer.prepare()) {
            error(writer.error());
            return WriteFailure;
        }
        lab::ExperimentResult result;
        try {
            result = catalog.make(toStd(which), given)->run(context);
        } catch (const std::exception& e) {
            // An experiment that cannot go on (a market that never clears, a machine without SHA-256) says why.
            error(QStringLiteral("experiment '%1' failed: %2").arg(which, QString::fromUtf8(e.what())));
            return WriteFailure;
        }
        if (!options.json)
            print(result.transcript.empty() ? lab::formatExperiment(result) + "\n" : result.transcript);
        if (context.languageModel)
            std::fprintf(
                m_err, "LLM calls %s %s/RUN.jsonl\n", replay ? "replayed from" : "recorded in", qPrintable(recordings));
        if (!options.out.isEmpty())
            writer.writeExperiment(result);
        if (!writer.ok()) {
            error(writer.error());
            return WriteFailure;
        }
        written += static_cast<int>(writer.written().size());
        all[toStd(which)] = lab::toJson(result);
    }
    lab::JsonDocument output = selected.size() > 1 ? all : all[toStd(name)];
    if (options.json)
        print(output.dump(2) + "\n");
    if (!options.out.isEmpty() && selected.size() > 1) {
        top.writeJson(QStringLiteral("summary.json"), output);
        written += 1;
        if (!top.ok()) {
            error(top.error());
            return WriteFailure;
        }
    }
    if (!options.out.isEmpty() && !options.json)
        print(QStringLiteral("wrote %1 files to %2\n").arg(written).arg(options.out));
    return Success;
}

} // namespace haggle::cli
