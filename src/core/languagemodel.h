// The engine's side of LLM negotiators: what a language-model strategy asks (an LlmPrompt), what it gets back (an
// LlmAnswer), and the interface the lab or the app provides to reach a model (LanguageModel). The engine holds no
// network code: rendering prompts, calling a server, parsing its replies, retrying, recording and replaying all live
// behind the interface (src/lab/llmdialogue.h).
//
// The settings a scenario gives (its "llm" block) are here too, so the scenario and its checks can carry them.
#pragma once

#include "strategy.h"

#include <optional>
#include <span>
#include <string>

namespace haggle {

// How a scenario's LLM negotiators reach their model (docs/llm.md). The API key is never here: only the name of the
// environment variable to read it from.
struct LanguageModelSettings {
    std::string baseUrl = "http://127.0.0.1:8080/v1"; // an OpenAI-compatible server's API root
    std::string model = "local"; // the model name the server is asked for
    std::string apiKeyEnv = "HAGGLE_LLM_API_KEY"; // sent as a bearer token when the variable is set
    std::string prompt = "engineered"; // a shipped variant ("naive", "engineered") or a template file's path
    std::string fallback = "fair"; // the strategy kind that decides when the model gives no usable answer
    double temperature = 0.0;
    int maxTokens = 200;
    double timeoutSeconds = 30.0; // per call
    int retries = 2; // further attempts after an invalid reply or a failed call
    bool jsonMode = true; // ask the server for a JSON object (response_format); off for servers that refuse it

    bool operator==(const LanguageModelSettings&) const = default;
};

// What the strategy is asked.
enum class LlmQuestion : std::uint8_t {
    Open, // a seller answers a REQUEST: an opening offer, or a rejection
    Respond, // either side answers the partner's last proposal: accept, counter or reject
    Shout, // an auction: the limit price it bids or asks, or staying out
};

struct LlmPrompt {
    LlmQuestion question = LlmQuestion::Respond;
    NegotiationView negotiation; // Open and Respond
    ShoutView shout; // Shout
    std::span<const DealObservation> recentDeals; // its own newest settled deals, oldest first
};

struct LlmAnswer {
    enum class Kind : std::uint8_t { Accept, Counter, Reject, Pass };
    Kind kind = Kind::Reject;
    double unitPrice = 0.0; // Counter (a counter, an opening offer, a bid or an ask)
};

class LanguageModel {
public:
    virtual ~LanguageModel() = default;
    virtual const LanguageModelSettings& settings() const noexcept = 0;
    // The model's answer, or nothing when it gave no usable one after its retries (the strategy then falls back; the
    // model counts it). May throw std::runtime_error when the run cannot go on (a replay that does not match its
    // recording).
    virtual std::optional<LlmAnswer> ask(const LlmPrompt& prompt) = 0;
};

} // namespace haggle
