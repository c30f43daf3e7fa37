// haggle-cli's LLM options (see llmoptions.h).
#include "llmoptions.h"

#include "experimentdialogues.h"
#include "openaiclient.h"

#include <QDateTime>
#include <QDir>

#include <stdexcept>

namespace haggle::cli {

void addLlmOptions(QCommandLineParser& parser)
{
    parser.addOption({ QStringLiteral("llm-record"),
        QStringLiteral("Record every LLM prompt and reply to FILE (JSONL; default: OUT/llm-calls.jsonl with --out, "
                       "else haggle-llm-DATE.jsonl here)."),
        QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("llm-replay"),
        QStringLiteral("Answer the LLM negotiators from a recording, with no server: the recorded run again."),
        QStringLiteral("FILE") });
}

QString prepareLlm(const QCommandLineParser& parser, const Scenario& scenario, const QString& outDir, LlmRun& llm)
{
    const QString record = parser.value(QStringLiteral("llm-record"));
    const QString replay = parser.value(QStringLiteral("llm-replay"));
    if (!usesLanguageModel(scenario)) {
        if (!record.isEmpty() || !replay.isEmpty())
            return QStringLiteral("--llm-record and --llm-replay need LLM negotiators (strategy \"llm\"); %1 has none")
                .arg(QString::fromStdString(scenario.name));
        return {};
    }
    if (!record.isEmpty() && !replay.isEmpty())
        return QStringLiteral("--llm-replay replays a recording; it does not combine with --llm-record");
    try {
        if (!replay.isEmpty()) {
            llm.dialogue = lab::makeDialogue(scenario, nullptr);
            llm.dialogue->loadRecording(replay.toStdString());
            llm.recording = replay;
            llm.replay = true;
            return {};
        }
        if (!outDir.isEmpty() && record.isEmpty() && !QDir().mkpath(outDir))
            return QStringLiteral("cannot create %1 for the LLM recording").arg(outDir);
        llm.dialogue = lab::makeDialogue(scenario, std::make_unique<net::OpenAiChatClient>());
        llm.recording = !record.isEmpty() ? record
            : !outDir.isEmpty()           ? QDir(outDir).filePath(QStringLiteral("llm-calls.jsonl"))
                                          : QStringLiteral("haggle-llm-%1.jsonl")
                                      .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
        llm.dialogue->recordTo(llm.recording.toStdString());
    } catch (const std::exception& e) {
        llm.dialogue.reset();
        return QString::fromStdString(e.what());
    }
    return {};
}

void addExperimentLlmOptions(QCommandLineParser& parser)
{
    parser.addOption({ QStringLiteral("llm-url"),
        QStringLiteral("LLM experiments: the OpenAI-compatible server's API root (default http://127.0.0.1:8080/v1)."),
        QStringLiteral("URL") });
    parser.addOption({ QStringLiteral("llm-model"), QStringLiteral("LLM experiments: the model name to ask for."),
        QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("llm-record"),
        QStringLiteral("LLM experiments: record each run's calls in DIR/RUN.jsonl (default: OUT/llm-calls with --out, "
                       "else haggle-llm-DATE here)."),
        QStringLiteral("DIR") });
    parser.addOption({ QStringLiteral("llm-replay"),
        QStringLiteral("LLM experiments: answer each run from DIR/RUN.jsonl, with no server."),
        QStringLiteral("DIR") });
}

QString prepareExperimentLlm(const QCommandLineParser& parser, bool asksModel, const QString& outDir,
    lab::ExperimentContext& context, QString& recordings, bool& replay)
{
    const QStringList options = { QStringLiteral("llm-url"), QStringLiteral("llm-model"), QStringLiteral("llm-record"),
        QStringLiteral("llm-replay") };
    if (!asksModel) {
        for (const QString& o : options) {
            if (parser.isSet(o))
                return QStringLiteral("--%1 is for the LLM experiments (llm-handshake, mixed)").arg(o);
        }
        return {};
    }
    replay = parser.isSet(QStringLiteral("llm-replay"));
    if (replay && (parser.isSet(QStringLiteral("llm-record")) || parser.isSet(QStringLiteral("llm-url"))))
        return QStringLiteral(
            "--llm-replay answers from recordings; it does not combine with --llm-record or --llm-url");
    LanguageModelSettings endpoint;
    if (parser.isSet(QStringLiteral("llm-url")))
        endpoint.baseUrl = parser.value(QStringLiteral("llm-url")).toStdString();
    if (parser.isSet(QStringLiteral("llm-model")))
        endpoint.model = parser.value(QStringLiteral("llm-model")).toStdString();
    if (!(endpoint.baseUrl.starts_with("http://") || endpoint.baseUrl.starts_with("https://")))
        return QStringLiteral("--llm-url expects an http:// or https:// address, got '%1'")
            .arg(QString::fromStdString(endpoint.baseUrl));
    recordings = replay                              ? parser.value(QStringLiteral("llm-replay"))
        : parser.isSet(QStringLiteral("llm-record")) ? parser.value(QStringLiteral("llm-record"))
        : !outDir.isEmpty()
        ? QDir(outDir).filePath(QStringLiteral("llm-calls"))
        : QStringLiteral("haggle-llm-%1").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    if (replay && !QDir(recordings).exists())
        return QStringLiteral("--llm-replay: no folder '%1'").arg(recordings);
    if (!replay && !QDir().mkpath(recordings))
        return QStringLiteral("--llm-record: cannot create the folder '%1'").arg(recordings);
    context.languageModel = net::experimentDialogues(recordings.toStdString(), endpoint, replay);
    return {};
}

} // namespace haggle::cli
