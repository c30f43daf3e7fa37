// How an LLM experiment's runs reach their model (ExperimentContext::languageModel), for haggle-cli and the desktop
// lab alike: each run's LLM settings connected to one endpoint, each run recorded in a file of its own (or answered
// from it, replaying), one circuit breaker for them all (llmdialogue.h).
#pragma once

#include "experiment.h"
#include "llmdialogue.h"

#include <functional>
#include <memory>
#include <string>

namespace haggle::net {

using DialogueFactory = std::function<std::shared_ptr<lab::LlmDialogue>(const Scenario&, const std::string&)>;

// Each run's scenario gets the endpoint's server, model, key variable, sampling, timeout and JSON mode (its prompt
// variant, fallback and retries stay the experiment's) and a dialogue through OpenAiChatClient recording to
// <folder>/<run>.jsonl. Replaying: no server; each run is answered from <folder>/<run>.jsonl (loadRecording() throws
// for a file that is not there or not valid).
DialogueFactory experimentDialogues(std::string folder, const LanguageModelSettings& endpoint, bool replay);

} // namespace haggle::net
