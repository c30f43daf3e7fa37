// The command-line application: argument parsing and the commands (experiment, run, validate, list, and the sweep
// commands in sweepcommands.cpp, the run file commands in runfilecommands.cpp).
#pragma once

#include "marketrun.h"
#include "scenario.h"

#include <QStringList>

#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace haggle::lab {
class LlmDialogue;
}

namespace haggle::cli {

struct LlmRun;

enum ExitCode { Success = 0, WriteFailure = 1, BadInput = 2, Differs = 3, Interrupted = 130 };

class CliApp {
public:
    CliApp(std::FILE* out, std::FILE* err);
    int run(const QStringList& arguments);

private:
    int experiment(const QStringList& arguments);
    int compareRules(const QStringList& arguments); // comparerules.cpp
    int runScenario(const QStringList& arguments);
    // `run --hashes`: the state hash after every round of one run, or of `trials` trials on `threads` threads.
    int printStateHashes(const Scenario& scenario, std::optional<int> trials, int threads,
        const std::shared_ptr<lab::LlmDialogue>& llm = nullptr);
    // A run's LLM calls, on stderr: the dialogue's summary and where it was recorded.
    void reportLlm(const LlmRun& llm);
    int validate(const QStringList& arguments);
    // runfilecommands.cpp: `verify FILE.haggle-run`; `run --record FILE` writes one.
    int verify(const QStringList& arguments);
    bool writeRunFile(const QString& file, const Scenario& scenario, const std::vector<std::uint64_t>& hashes,
        const std::vector<StateParts>& parts);
    // runfilecommands.cpp: `run --save-policy AGENT=FILE`: the requests, checked against the scenario (an empty
    // problem when they are sound), and the files written after the run (false after reporting a failure).
    QString readPolicyRequests(
        const QStringList& values, const Scenario& scenario, std::vector<std::pair<std::string, QString>>& requests);
    bool savePolicies(const std::vector<std::pair<std::string, QString>>& requests,
        const std::map<std::string, LearnedTable>& learned, const Scenario& scenario);
    // sweepcommands.cpp
    int sweep(const QStringList& arguments);
    int sweepMerge(const QStringList& arguments);
    int sweepReport(const QStringList& arguments);
    int list(const QStringList& arguments);
    int usage(const QString& problem);
    void print(const QString& text);
    void print(const std::string& text);
    void error(const QString& text);

    std::FILE* m_out;
    std::FILE* m_err;
};

// The usage text; the experiment names and descriptions come from the experiment catalog.
QString usageText();
// The names of the registered experiments, in registration order.
QStringList experimentNames();

} // namespace haggle::cli
