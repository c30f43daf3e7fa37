// The lab's side of LLM negotiators (docs/llm.md): the LanguageModel the engine's "llm" strategy asks. It renders the
// prompt template, asks a chat client (openaiclient.h reaches an OpenAI-compatible server), parses the reply, retries
// an unusable one, and counts what happened: calls, retries, fallbacks and why, tokens and latency.
//
// Every attempt is recorded (JSONL, one object a line, docs/llm.md) under a key, the hash of the exact prompt it sent
// (system and user message) and its attempt number. A prompt met again (a replayed round, a seek back in time) gets
// the recorded outcome, not a new call, so a run replays exactly. Loaded from a recording with no client, the dialogue
// answers from the recording alone, and a prompt it has no record of stops the run with a message naming the call.
//
// After `BreakerLimit` failed calls in a row (unreachable, timed out, refused by the server) the endpoint counts as
// down: decisions fall back without calling it, so a dead server costs a few timeouts, not one a decision. Every
// `ProbeInterval` one call goes through all the same (a probe); once one succeeds the endpoint is up again.
#pragma once

#include "languagemodel.h"
#include "llmnegotiator.h"
#include "llmprompt.h"
#include "scenario.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace haggle::lab {

// What a chat call brought back.
struct ChatOutcome {
    enum class Status : std::uint8_t {
        Ok, // a reply (text)
        Timeout, // no reply within the timeout
        HttpError, // the server answered with an error status (httpStatus, error: its message)
        Unreachable, // no connection (refused, unknown host, TLS)
        BadResponse, // a reply that is not a chat completion, or a refusal (content filtered)
        Cancelled, // the run was cancelled during the call
        Skipped, // not called: the endpoint is down (see LlmDialogue)
    };
    Status status = Status::Ok;
    std::string text; // Ok: the message content
    std::string error; // otherwise: what went wrong
    int httpStatus = 0;
    double latencyMs = 0.0;
    int promptTokens = 0;
    int completionTokens = 0;
};
std::string_view statusName(ChatOutcome::Status status) noexcept; // "ok", "timeout", "http_error", ...

// One chat completion: the request as rendered, and the settings (endpoint, model, sampling, timeout).
class ChatClient {
public:
    virtual ~ChatClient() = default;
    // Blocks until the reply, the timeout or `cancel` (polled; may be null).
    virtual ChatOutcome complete(
        const RenderedPrompt& prompt, const LanguageModelSettings& settings, const std::atomic<bool>* cancel)
        = 0;
};

// What a dialogue did, for the run's report.
struct LlmTally {
    int decisions = 0; // questions asked by LLM negotiators
    int answered = 0; // answered by the model
    int fallbacks = 0; // decided by the fallback strategy
    int calls = 0; // requests sent to the server
    int replayed = 0; // attempts answered from the recording (their tokens and latency counted as recorded)
    int retries = 0; // attempts after the first
    std::map<std::string, int> fallbackReasons; // why, by the last attempt's status or "invalid_reply"
    long long promptTokens = 0;
    long long completionTokens = 0;
    double latencyMs = 0.0; // summed over calls and replayed attempts
    std::string lastProblem; // the newest failure's message ("" when none)
    bool endpointDown = false; // down now: decisions fall back without a call, but for a probe now and then
    int probes = 0; // calls made while the endpoint was down, to see whether it is back
    int recoveries = 0; // probes that found it back
};

// The circuit breaker of one endpoint (see LlmDialogue), shareable by the dialogues of an experiment's runs.
struct LlmBreaker {
    std::atomic<int> failuresInRow { 0 };
    std::atomic<long long> lastProbeMs { 0 }; // a steady clock's milliseconds when it tripped or was last probed
};

class LlmDialogue final : public LanguageModel {
public:
    static constexpr int BreakerLimit = 3;
    // Once down, the endpoint is called again (a probe) when this long has passed since it went down or was last
    // probed: a local server restarted mid-run (a model reloaded) is used again.
    static constexpr std::chrono::milliseconds ProbeInterval { 30'000 };

    // `ids`: the scenario's agent ids by index. `client` null: answers from the recording only (a replay).
    LlmDialogue(LanguageModelSettings settings, PromptTemplate prompt, std::vector<std::string> ids,
        std::unique_ptr<ChatClient> client);
    ~LlmDialogue() override;

    // Reads a recording; throws std::runtime_error naming the file and line of a malformed one.
    void loadRecording(const std::string& path);
    // Appends every new attempt to this file (created, or truncated); throws std::runtime_error when it cannot.
    void recordTo(const std::string& path);
    // Answers every prompt `other` has asked or loaded as it was answered there, with no call: a what-if fork replays
    // its base run's rounds as they were played.
    void answerFrom(const LlmDialogue& other);
    // Counts failed calls in a row together with other dialogues of the same endpoint (an experiment's runs), so that
    // a dead endpoint costs BreakerLimit failures in all, not in each run, and one probe per ProbeInterval.
    void shareBreaker(std::shared_ptr<LlmBreaker> breaker) { m_breaker = std::move(breaker); }
    // How long the endpoint rests between probes once down (ProbeInterval unless set).
    void setProbeInterval(std::chrono::milliseconds interval) noexcept { m_probeInterval = interval; }
    // Calls stop waiting (status cancelled) once the flag is set.
    void setCancelFlag(const std::atomic<bool>* cancel) noexcept { m_cancel = cancel; }

    const LanguageModelSettings& settings() const noexcept override { return m_settings; }
    std::optional<LlmAnswer> ask(const LlmPrompt& prompt) override;

    LlmTally tally() const;
    // A report's lines: "LLM: 40 decisions, 38 by the model, 2 by the fallback (fair): timeout 2; 52 calls, mean
    // latency 1.20 s, ...", and whether the endpoint went down.
    std::string summary() const;

    struct Attempt {
        std::string key;
        int round = 0;
        std::string agent;
        std::string partner;
        LlmQuestion question = LlmQuestion::Respond;
        int attempt = 0;
        RenderedPrompt prompt;
        ChatOutcome outcome;
        bool fromRecording = false; // answered by the recording, not by a call
    };

    // One decision an LLM negotiator asked for, as the desktop lab shows it: every attempt (its prompt, and the reply
    // or what went wrong) and what came of it.
    struct Exchange {
        int round = 0;
        std::string agent;
        std::string partner; // empty for an auction's shout
        Side side = Side::Buyer; // the agent's side: buying from the partner, or selling to it
        LlmQuestion question = LlmQuestion::Respond;
        int turn = 0; // proposals made in the negotiation before it was asked
        std::vector<Attempt> attempts;
        std::optional<LlmAnswer> answer; // nothing: the fallback strategy decided
        std::string fallbackReason; // why it fell back ("timeout", "invalid_reply", ...)
    };
    // The newest decisions are kept for exchanges(), up to this many; the older rounds' are dropped.
    static constexpr std::size_t MaxExchangesKept = 20'000;
    // The decisions asked in this round, in the order asked (those `which` takes, when given). A decision asked
    // again (a round replayed by a seek back in time) is listed once. Thread-safe: the desktop lab reads it while the
    // run asks.
    std::vector<Exchange> exchanges(int round, const std::function<bool(const Exchange&)>& which = {}) const;
    // The oldest round whose exchanges are still held (0: none dropped).
    int oldestRoundKept() const;
    // Grows with every exchange kept: a view reads exchanges() again only when it has changed. Thread-safe.
    std::uint64_t revision() const noexcept { return m_revision; }

    // What the dialogue is doing, for a progress display; thread-safe.
    struct Activity {
        bool asking = false; // a decision is being asked (a call, a retry's wait)
        int round = 0;
        std::string agent;
        std::string partner;
        LlmQuestion question = LlmQuestion::Respond;
        int attempt = 0; // from 0
        double seconds = 0.0; // since the decision was first asked
        int decisions = 0; // decisions completed so far
    };
    Activity activity() const;

private:
    ChatOutcome obtain(Attempt& attempt);
    void write(const Attempt& attempt);
    // Keeps a completed decision for exchanges() (the caller holds the mutex).
    void keep(Exchange exchange);

    LanguageModelSettings m_settings;
    PromptTemplate m_prompt;
    std::vector<std::string> m_ids;
    std::unique_ptr<ChatClient> m_client;
    const std::atomic<bool>* m_cancel = nullptr;
    mutable std::mutex m_mutex;
    std::map<std::string, ChatOutcome> m_recorded; // by key
    std::ofstream m_out;
    std::string m_replaySource; // the recording's path, for messages
    std::shared_ptr<LlmBreaker> m_breaker = std::make_shared<LlmBreaker>();
    std::chrono::milliseconds m_probeInterval = ProbeInterval;
    LlmTally m_tally;
    std::map<int, std::vector<Exchange>> m_exchanges; // by round
    std::set<std::pair<int, std::string>> m_exchangeKeys; // the round and first attempt's key of each exchange held
    std::size_t m_exchangesHeld = 0;
    std::atomic<std::uint64_t> m_revision { 0 };
    int m_oldestRoundKept = 0;
    Activity m_activity;
    std::chrono::steady_clock::time_point m_askedAt;
};

// A dialogue for the scenario's LLM negotiators: its llm settings (or the defaults), their prompt template loaded
// (PromptTemplate::load(): throws std::invalid_argument for a template that is not there or not valid), its agent
// ids. `client` null: a replay (loadRecording()).
std::shared_ptr<LlmDialogue> makeDialogue(const Scenario& scenario, std::unique_ptr<ChatClient> client);

// The key of an attempt: a 64-bit FNV-1a of the system message, the user message and the attempt number, in hex.
std::string attemptKey(const RenderedPrompt& prompt, int attempt);

} // namespace haggle::lab
