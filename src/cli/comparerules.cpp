// `haggle-cli compare-rules EXPERIMENT|all`: the prototype's claims under both rule sets (see rulescomparison.h).
#include "cliapp.h"

#include "rulescomparison.h"

#include <QCommandLineParser>

#include <unistd.h>

namespace haggle::cli {

int CliApp::compareRules(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("trials"),
        QStringLiteral("Trials of each multi-trial part on Haggle's side (default 100)."), QStringLiteral("N") });
    parser.addOption(
        { QStringLiteral("threads"), QStringLiteral("Worker threads (default: one per core)."), QStringLiteral("T") });
    parser.addOption({ QStringLiteral("seed-offset"), QStringLiteral("Add K to every seed on Haggle's side."),
        QStringLiteral("K") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON instead of text.") });
    parser.addOption(
        { QStringLiteral("markdown"), QStringLiteral("Print Markdown tables (docs/rules-comparison.md).") });
    parser.addPositionalArgument(QStringLiteral("experiment"), QStringLiteral("A prototype experiment, or all."));
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    QStringList names;
    for (const auto& n : lab::comparableExperiments())
        names << QString::fromStdString(n);
    const QString expected = names.join(QStringLiteral(", ")) + QStringLiteral(" or all");
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("compare-rules expects one experiment: %1").arg(expected));
    const QString name = parser.positionalArguments().first();
    if (name != u"all" && !names.contains(name))
        return usage(QStringLiteral("unknown experiment '%1' (expected %2)").arg(name, expected));
    if (parser.isSet(QStringLiteral("json")) && parser.isSet(QStringLiteral("markdown")))
        return usage(QStringLiteral("--json and --markdown exclude each other"));
    lab::ExperimentContext context;
    const auto whole = [&](const char* option, long long min, long long max) -> std::optional<long long> {
        bool ok = false;
        const long long v = parser.value(QString::fromLatin1(option)).toLongLong(&ok);
        return ok && v >= min && v <= max ? std::optional(v) : std::nullopt;
    };
    if (parser.isSet(QStringLiteral("trials"))) {
        const auto n = whole("trials", 2, lab::MaxTrials);
        if (!n)
            return usage(QStringLiteral("--trials expects a whole number in [2, %1]").arg(lab::MaxTrials));
        context.trials = static_cast<int>(*n);
    }
    if (parser.isSet(QStringLiteral("threads"))) {
        const auto n = whole("threads", 1, 1024);
        if (!n)
            return usage(QStringLiteral("--threads expects a whole number in [1, 1024]"));
        context.threads = static_cast<int>(*n);
    }
    if (parser.isSet(QStringLiteral("seed-offset"))) {
        const auto n = whole(
            "seed-offset", -static_cast<long long>(lab::MaxExactSeed), static_cast<long long>(lab::MaxExactSeed));
        if (!n)
            return usage(QStringLiteral("--seed-offset expects a whole number"));
        context.seedOffset = *n;
    }
    const bool showProgress = ::isatty(fileno(m_err));
    const QStringList selected = name == u"all" ? names : QStringList { name };
    std::string json = selected.size() > 1 ? "[\n" : "";
    for (qsizetype i = 0; i < selected.size(); ++i) {
        const std::string which = selected[i].toStdString();
        context.progress = [&](double fraction, std::string_view stage) {
            if (showProgress)
                std::fprintf(m_err, "\r\033[K%s: %3.0f%% %.*s%s", which.c_str(), 100.0 * fraction,
                    static_cast<int>(stage.size()), stage.data(), fraction >= 1.0 ? "\n" : "");
        };
        const lab::RulesComparison c = lab::compareRules(which, context);
        if (parser.isSet(QStringLiteral("json"))) {
            std::string one = lab::comparisonJson(c);
            if (selected.size() > 1 && i + 1 < selected.size())
                one.back() = ','; // "}\n" -> "},": the next document follows
            json += one;
            if (one.back() == ',')
                json += '\n';
        } else if (parser.isSet(QStringLiteral("markdown"))) {
            std::string section = "## ";
            section += c.title;
            section += "\n\n`haggle-cli compare-rules ";
            section += which;
            section += "`\n\n";
            section += lab::comparisonMarkdown(c);
            section += '\n';
            print(section);
        } else {
            print(lab::formatComparison(c) + (i + 1 < selected.size() ? "\n" : ""));
        }
    }
    if (parser.isSet(QStringLiteral("json"))) {
        if (selected.size() > 1)
            json += "]\n";
        print(json);
    }
    return Success;
}

} // namespace haggle::cli
