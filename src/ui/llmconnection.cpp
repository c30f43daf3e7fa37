// The desktop lab's LLM connection (see llmconnection.h).
#include "llmconnection.h"

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

void connectLanguageModel(MarketRun& run, const Scenario& scenario, const std::atomic<bool>* cancel)
{
    if (!usesLanguageModel(scenario))
        return;
    const QString dir = llmRecordingFolder();
    QDir().mkpath(dir);
    auto dialogue = lab::makeDialogue(scenario, std::make_unique<net::OpenAiChatClient>());
    const QString file = dir + QStringLiteral("/haggle-llm-") + stamp() + QStringLiteral(".jsonl");
    dialogue->recordTo(file.toStdString());
    dialogue->setCancelFlag(cancel);
    run.setLanguageModel(std::move(dialogue));
}

std::function<std::shared_ptr<lab::LlmDialogue>(const Scenario&, const std::string&)> experimentLanguageModel(
    const QString& experiment)
{
    const QString dir = llmRecordingFolder() + u'/' + experiment + u'-' + stamp();
    QDir().mkpath(dir);
    auto failures = std::make_shared<std::atomic<int>>(0);
    return [folder = dir.toStdString(), failures](const Scenario& scenario, const std::string& run) {
        auto dialogue = lab::makeDialogue(scenario, std::make_unique<net::OpenAiChatClient>());
        dialogue->shareFailureCount(failures);
        dialogue->recordTo(folder + "/" + run + ".jsonl");
        return dialogue;
    };
}

} // namespace haggle::ui
