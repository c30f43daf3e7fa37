// How the desktop lab reaches the LLM negotiators' model (docs/llm.md): runs and LLM experiments call the scenario's
// endpoint live through the chat client (src/net), and record every call in the app's data folder, llm-calls/.
#pragma once

#include "experiment.h"
#include "marketrun.h"

#include <QString>

#include <atomic>
#include <optional>

namespace haggle::ui {

// Where the lab records LLM calls: <app data>/llm-calls.
QString llmRecordingFolder();

// Connects the run's LLM negotiators, if it has any, to the scenario's endpoint, recording to a new file in the
// folder; `cancel` (a pause) ends a call in flight. The dialogue, for the views that show its conversations and
// progress; null when the run has no LLM negotiator. Throws what the dialogue throws (a template that does not load, a
// recording that cannot be written).
std::shared_ptr<lab::LlmDialogue> connectLanguageModel(
    MarketRun& run, const Scenario& scenario, const std::atomic<bool>* cancel);

// The dialogues of an LLM experiment's runs (ExperimentContext::languageModel): each run recorded in the folder's
// <experiment>-<date>/<run>.jsonl, one failure count for them all. They call `endpoint` (the open scenario's llm
// settings: its server, model, key variable, sampling, timeout and JSON mode; the prompt variants, the fallback and
// the retries stay the experiment's), or by default llama.cpp's local address.
std::function<std::shared_ptr<lab::LlmDialogue>(const Scenario&, const std::string&)> experimentLanguageModel(
    const QString& experiment, const std::optional<LanguageModelSettings>& endpoint = std::nullopt);

} // namespace haggle::ui
