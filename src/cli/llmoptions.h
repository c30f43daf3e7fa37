// haggle-cli's LLM options (docs/llm.md): `run --llm-record FILE` and `run --llm-replay FILE`, and the dialogue a run
// of a scenario with LLM negotiators asks.
#pragma once

#include "experiment.h"
#include "llmdialogue.h"

#include <QCommandLineParser>
#include <QString>

#include <memory>

namespace haggle::cli {

void addLlmOptions(QCommandLineParser& parser);

struct LlmRun {
    std::shared_ptr<lab::LlmDialogue> dialogue; // null: the scenario has no LLM negotiators
    QString recording; // where the calls are recorded (live), or read from (replay)
    bool replay = false;
};

// The dialogue for the scenario: live through the scenario's endpoint, recorded to --llm-record FILE (default: OUT
// /llm-calls.jsonl with --out, else haggle-llm-DATE.jsonl here), or answered from --llm-replay FILE alone. Returns
// what is wrong (a usage error or an unreadable file), or an empty string.
QString prepareLlm(const QCommandLineParser& parser, const Scenario& scenario, const QString& outDir, LlmRun& llm);

// `experiment llm-handshake|mixed`: --llm-url, --llm-model, --llm-record DIR, --llm-replay DIR.
void addExperimentLlmOptions(QCommandLineParser& parser);
// Gives the context the dialogues of an LLM experiment's runs (ExperimentContext::languageModel): live through
// --llm-url (default: the settings' default, llama.cpp's local address) with --llm-model, each run recorded to
// DIR/RUN.jsonl (--llm-record DIR; default OUT/llm-calls with --out, else haggle-llm-DATE here); or each run answered
// from --llm-replay DIR alone. `recordings` is set to the folder. Returns a usage problem, or an empty string.
QString prepareExperimentLlm(const QCommandLineParser& parser, bool asksModel, const QString& outDir,
    lab::ExperimentContext& context, QString& recordings, bool& replay);

} // namespace haggle::cli
