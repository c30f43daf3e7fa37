// An LLM experiment's dialogues (see experimentdialogues.h).
#include "experimentdialogues.h"

#include "openaiclient.h"

namespace haggle::net {

DialogueFactory experimentDialogues(std::string folder, const LanguageModelSettings& endpoint, bool replay)
{
    auto breaker = std::make_shared<lab::LlmBreaker>();
    return [folder = std::move(folder), endpoint, replay, breaker](const Scenario& scenario, const std::string& run) {
        Scenario s = scenario;
        LanguageModelSettings settings = s.llm.value_or(LanguageModelSettings {});
        settings.baseUrl = endpoint.baseUrl;
        settings.model = endpoint.model;
        settings.apiKeyEnv = endpoint.apiKeyEnv;
        settings.temperature = endpoint.temperature;
        settings.maxTokens = endpoint.maxTokens;
        settings.timeoutSeconds = endpoint.timeoutSeconds;
        settings.jsonMode = endpoint.jsonMode;
        s.llm = settings;
        const std::string file = folder + "/" + run + ".jsonl";
        if (replay) {
            auto dialogue = lab::makeDialogue(s, nullptr);
            dialogue->loadRecording(file);
            return dialogue;
        }
        auto dialogue = lab::makeDialogue(s, std::make_unique<OpenAiChatClient>());
        dialogue->shareBreaker(breaker);
        dialogue->recordTo(file);
        return dialogue;
    };
}

} // namespace haggle::net
