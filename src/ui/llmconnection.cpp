// The desktop lab's LLM connection (see llmconnection.h).
#include "llmconnection.h"

#include "experimentdialogues.h"
#include "llmdialogue.h"
#include "openaiclient.h"

#include <QDateTime>
#include <QDir>
#include <QStandardPaths>

namespace haggle::ui {

namespace {

QString stamp()
{
    return QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
}

} // namespace

QString llmRecordingFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/llm-calls");
}

std::shared_ptr<lab::LlmDialogue> connectLanguageModel(
    MarketRun& run, const Scenario& scenario, const std::atomic<bool>* cancel)
{
    if (!usesLanguageModel(scenario))
        return nullptr;
    const QString dir = llmRecordingFolder();
    QDir().mkpath(dir);
    auto dialogue = lab::makeDialogue(scenario, std::make_unique<net::OpenAiChatClient>());
    const QString file = dir + QStringLiteral("/haggle-llm-") + stamp() + QStringLiteral(".jsonl");
    dialogue->recordTo(file.toStdString());
    dialogue->setCancelFlag(cancel);
    run.setLanguageModel(dialogue);
    return dialogue;
}

std::function<std::shared_ptr<lab::LlmDialogue>(const Scenario&, const std::string&)> experimentLanguageModel(
    const QString& experiment, const std::optional<LanguageModelSettings>& endpoint)
{
    const QString dir = llmRecordingFolder() + u'/' + experiment + u'-' + stamp();
    QDir().mkpath(dir);
    return net::experimentDialogues(dir.toStdString(), endpoint.value_or(LanguageModelSettings {}), false);
}

} // namespace haggle::ui
