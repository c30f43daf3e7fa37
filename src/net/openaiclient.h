// The chat client LLM negotiators use (llmdialogue.h): an OpenAI-compatible chat-completions endpoint (llama.cpp's
// server, Ollama, vLLM, ...) reached with Qt Network. docs/llm.md shows the servers' setup.
//
// A call POSTs {base_url}/chat/completions with the system and user messages, the model, temperature, max_tokens and
// (jsonMode) response_format {"type": "json_object"}. Each client has a network thread of its own, with one
// QNetworkAccessManager (so connections are kept alive between calls); the calling thread blocks on a condition
// variable until the reply, the timeout or a cancel, and runs no event loop meanwhile: nothing queued to it (the
// desktop lab's worker takes commands that way) can run in the middle of a round. Any thread may call, while a
// QCoreApplication exists. The API key is read from the environment variable the settings name, per call, and sent as
// a bearer token; it is never stored.
#pragma once

#include "llmdialogue.h"

#include <memory>
#include <string>
#include <vector>

namespace haggle::net {

class NetworkThread;

class OpenAiChatClient final : public lab::ChatClient {
public:
    OpenAiChatClient();
    ~OpenAiChatClient() override;
    OpenAiChatClient(const OpenAiChatClient&) = delete;
    OpenAiChatClient& operator=(const OpenAiChatClient&) = delete;

    lab::ChatOutcome complete(const lab::RenderedPrompt& prompt, const LanguageModelSettings& settings,
        const std::atomic<bool>* cancel) override;

private:
    std::unique_ptr<NetworkThread> m_network;
};

// What "test connection" found: whether the endpoint answers and serves the model.
struct EndpointProbe {
    bool reachable = false; // the server answered GET {base_url}/models
    bool modelServed = false; // the model is among those it lists (or it lists none, as some servers do)
    std::vector<std::string> models; // what it lists
    std::string message; // one line for the user
};
// Asks {base_url}/models, within the settings' timeout (at most 10 s).
EndpointProbe probeEndpoint(const LanguageModelSettings& settings);

} // namespace haggle::net
