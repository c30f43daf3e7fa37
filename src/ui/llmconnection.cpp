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
    auto breaker = std::make_shared<lab::LlmBreaker>();
    return [folder = dir.toStdString(), breaker, endpoint](const Scenario& scenario, const std::string& run) {
        Scenario s = scenario;
        if (endpoint) {
            LanguageModelSettings settings = s.llm.value_or(LanguageModelSettings {});
            settings.baseUrl = endpoint->baseUrl;
            settings.model = endpoint->model;
            settings.apiKeyEnv = endpoint->apiKeyEnv;
            settings.temperature = endpoint->temperature;
            settings.maxTokens = endpoint->maxTokens;
            settings.timeoutSeconds = endpoint->timeoutSeconds;
            settings.jsonMode = endpoint->jsonMode;
            s.llm = settings;
        }
        auto dialogue = lab::makeDialogue(s, std::make_unique<net::OpenAiChatClient>());
        dialogue->shareBreaker(breaker);
        dialogue->recordTo(folder + "/" + run + ".jsonl");
        return dialogue;
    };
}

} // namespace haggle::ui
