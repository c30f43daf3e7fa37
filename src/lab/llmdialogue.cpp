// The lab's LanguageModel: prompts, calls, retries, recording and replay (see llmdialogue.h).
#include "llmdialogue.h"

#include "digest.h"
#include "experimentresult.h"
#include "statehashes.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

namespace haggle::lab {

namespace {

using RecordJson = nlohmann::ordered_json;

constexpr std::array<std::string_view, 7> StatusNames
    = { "ok", "timeout", "http_error", "unreachable", "bad_response", "cancelled", "skipped" };

std::optional<ChatOutcome::Status> statusNamed(std::string_view name)
{
    for (std::size_t k = 0; k < StatusNames.size(); ++k) {
        if (StatusNames[k] == name)
            return static_cast<ChatOutcome::Status>(k);
    }
    return std::nullopt;
}

bool isFailure(ChatOutcome::Status s)
{
    return s == ChatOutcome::Status::Timeout || s == ChatOutcome::Status::HttpError
        || s == ChatOutcome::Status::Unreachable;
}

// Whether another attempt may get a different outcome: not after a refusal that will not change (an unknown model, a
// bad key: HTTP 4xx other than 408 and 429).
bool retryable(const ChatOutcome& o)
{
    if (o.status != ChatOutcome::Status::HttpError)
        return true;
    return o.httpStatus == 408 || o.httpStatus == 429 || o.httpStatus >= 500;
}

// A busy server (HTTP 429, 5xx) gets a pause before the next attempt: 1 s, 2 s, 4 s, ..., at most 8 s, cut short by a
// cancel.
long long steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void backOff(const ChatOutcome& o, int attempt, const std::atomic<bool>* cancel)
{
    if (o.status != ChatOutcome::Status::HttpError || (o.httpStatus != 429 && o.httpStatus < 500))
        return;
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1000 << std::min(attempt, 3));
    while (std::chrono::steady_clock::now() < until && !(cancel && cancel->load(std::memory_order_relaxed)))
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
}

} // namespace

std::string_view statusName(ChatOutcome::Status status) noexcept
{
    return StatusNames[static_cast<int>(status)];
}

std::string attemptKey(const RenderedPrompt& prompt, int attempt)
{
    Fnv1a h;
    h.addText(prompt.system);
    h.addText(prompt.user);
    h.add(static_cast<std::uint64_t>(attempt));
    return hashText(h.value());
}

LlmDialogue::LlmDialogue(LanguageModelSettings settings, PromptTemplate prompt, std::vector<std::string> ids,
    std::unique_ptr<ChatClient> client)
    : m_settings(std::move(settings))
    , m_prompt(std::move(prompt))
    , m_ids(std::move(ids))
    , m_client(std::move(client))
{
}

LlmDialogue::~LlmDialogue() = default;

void LlmDialogue::loadRecording(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error(path + ": cannot read the LLM recording");
    std::string line;
    int number = 0;
    std::map<std::string, ChatOutcome> loaded;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        const std::string at = path + ":" + std::to_string(number) + ": ";
        const RecordJson json = RecordJson::parse(line, nullptr, false);
        if (json.is_discarded() || !json.is_object())
            throw std::runtime_error(at + "not a JSON object (a recording has one call a line)");
        if (json.contains("haggle_llm_recording")) { // the header: what a replay must share with the recorded run
            const auto same = [&](const char* key, const RecordJson& ours) {
                if (json.contains(key) && json[key] != ours)
                    throw std::runtime_error(at + "recorded with " + key + " " + json[key].dump() + ", this run has "
                        + ours.dump() + ": its fallbacks and retries would not be the recorded run's");
            };
            same("fallback", m_settings.fallback);
            same("retries", m_settings.retries);
            continue;
        }
        const auto field = [&](const char* name, RecordJson::value_t type) -> const RecordJson& {
            const auto it = json.find(name);
            if (it == json.end())
                throw std::runtime_error(at + "no \"" + name + "\"");
            const bool number = type == RecordJson::value_t::number_float;
            if (number ? !it->is_number() : it->type() != type)
                throw std::runtime_error(at + "\"" + name + "\" has the wrong type");
            return *it;
        };
        const std::string key = field("key", RecordJson::value_t::string).get<std::string>();
        const std::string status = field("status", RecordJson::value_t::string).get<std::string>();
        const auto s = statusNamed(status);
        if (!s)
            throw std::runtime_error(at + "unknown status \"" + status + "\"");
        ChatOutcome o;
        o.status = *s;
        try {
            o.text = json.value("reply", std::string());
            o.error = json.value("error", std::string());
            o.httpStatus = json.value("http_status", 0);
            o.latencyMs = json.value("latency_ms", 0.0);
            o.promptTokens = json.value("prompt_tokens", 0);
            o.completionTokens = json.value("completion_tokens", 0);
        } catch (const RecordJson::exception&) {
            throw std::runtime_error(at
                + "a field has the wrong type (reply and error are text; http_status, "
                  "latency_ms and the token counts numbers)");
        }
        loaded.try_emplace(key, std::move(o)); // the first outcome of a prompt is the one the run used
    }
    const std::lock_guard lock(m_mutex);
    m_recorded.merge(loaded);
    m_replaySource = path;
}

void LlmDialogue::answerFrom(const LlmDialogue& other)
{
    if (&other == this)
        return;
    std::map<std::string, ChatOutcome> answers;
    {
        const std::lock_guard lock(other.m_mutex);
        answers = other.m_recorded;
    }
    const std::lock_guard lock(m_mutex);
    m_recorded.merge(answers);
}

void LlmDialogue::recordTo(const std::string& path)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw std::runtime_error(path + ": cannot write the LLM recording");
    const RecordJson header = { { "haggle_llm_recording", 1 }, { "base_url", m_settings.baseUrl },
        { "model", m_settings.model }, { "prompt", m_settings.prompt }, { "fallback", m_settings.fallback },
        { "retries", m_settings.retries }, { "temperature", m_settings.temperature },
        { "max_tokens", m_settings.maxTokens }, { "json_mode", m_settings.jsonMode } };
    out << header.dump() << '\n';
    out.flush();
    const std::lock_guard lock(m_mutex);
    m_out = std::move(out);
}

void LlmDialogue::write(const Attempt& a)
{
    if (!m_out.is_open())
        return;
    RecordJson line = { { "key", a.key }, { "round", a.round }, { "agent", a.agent }, { "partner", a.partner },
        { "question", questionName(a.question) }, { "attempt", a.attempt }, { "system", a.prompt.system },
        { "user", a.prompt.user }, { "status", statusName(a.outcome.status) } };
    if (a.outcome.status == ChatOutcome::Status::Ok)
        line["reply"] = a.outcome.text;
    else
        line["error"] = a.outcome.error;
    if (a.outcome.httpStatus != 0)
        line["http_status"] = a.outcome.httpStatus;
    line["latency_ms"] = a.outcome.latencyMs;
    line["prompt_tokens"] = a.outcome.promptTokens;
    line["completion_tokens"] = a.outcome.completionTokens;
    // Invalid UTF-8 from a server is replaced rather than refused: the recording must hold every call.
    m_out << line.dump(-1, ' ', false, RecordJson::error_handler_t::replace) << '\n';
    m_out.flush();
}

ChatOutcome LlmDialogue::obtain(Attempt& a)
{
    std::unique_lock lock(m_mutex);
    if (const auto it = m_recorded.find(a.key); it != m_recorded.end()) {
        a.fromRecording = true;
        a.outcome = it->second;
        ++m_tally.replayed; // with the cost it had when it was called
        m_tally.latencyMs += it->second.latencyMs;
        m_tally.promptTokens += it->second.promptTokens;
        m_tally.completionTokens += it->second.completionTokens;
        return it->second;
    }
    a.fromRecording = false;
    if (!m_client)
        throw std::runtime_error(
            "LLM replay: " + (m_replaySource.empty() ? std::string("the recording") : m_replaySource)
            + " has no reply for round " + std::to_string(a.round) + "'s " + std::string(questionName(a.question))
            + " by '" + a.agent + "' (attempt " + std::to_string(a.attempt + 1)
            + "): the scenario, its seed or the prompt template differ from the recorded run");
    ChatOutcome outcome;
    const long long nowMs = steadyMs();
    const bool down = m_breaker->failuresInRow >= BreakerLimit;
    bool probe = false;
    if (down) { // one of the runs sharing the breaker probes; the others go on skipping
        long long last = m_breaker->lastProbeMs;
        probe = nowMs - last >= m_probeInterval.count() && m_breaker->lastProbeMs.compare_exchange_strong(last, nowMs);
    }
    if (down && !probe) {
        outcome.status = ChatOutcome::Status::Skipped;
        outcome.error = "not called: the endpoint is down"
            + (m_tally.lastProblem.empty() ? std::string() : " (" + m_tally.lastProblem + ")");
        m_tally.endpointDown = true;
    } else if (m_cancel && m_cancel->load(std::memory_order_relaxed)) {
        outcome.status = ChatOutcome::Status::Cancelled;
        outcome.error = "the run was cancelled";
    } else {
        lock.unlock();
        outcome = m_client->complete(a.prompt, m_settings, m_cancel);
        lock.lock();
        ++m_tally.calls;
        m_tally.latencyMs += outcome.latencyMs;
        m_tally.promptTokens += outcome.promptTokens;
        m_tally.completionTokens += outcome.completionTokens;
        m_tally.probes += probe ? 1 : 0;
        if (isFailure(outcome.status)) {
            m_tally.lastProblem = outcome.error;
            const int failures = ++m_breaker->failuresInRow;
            if (failures == BreakerLimit) // it went down now: the first probe comes a ProbeInterval later
                m_breaker->lastProbeMs = nowMs;
            m_tally.endpointDown = failures >= BreakerLimit;
        } else if (outcome.status == ChatOutcome::Status::Ok) {
            m_tally.recoveries += probe ? 1 : 0;
            m_tally.endpointDown = false;
            m_breaker->failuresInRow = 0;
        }
    }
    // Two runs sharing the dialogue (a fork beside its original) may ask the same prompt at once: the first outcome
    // stored is the one both use, and the one the recording keeps.
    const auto [stored, inserted] = m_recorded.try_emplace(a.key, outcome);
    a.outcome = stored->second;
    if (inserted)
        write(a);
    return stored->second;
}

std::optional<LlmAnswer> LlmDialogue::ask(const LlmPrompt& prompt)
{
    const bool shout = prompt.question == LlmQuestion::Shout;
    Exchange exchange;
    exchange.round = shout ? prompt.shout.round : prompt.negotiation.round;
    exchange.agent = agentIdAt(shout ? prompt.shout.self : prompt.negotiation.self, m_ids);
    exchange.partner = shout ? std::string() : agentIdAt(prompt.negotiation.partner, m_ids);
    exchange.side = shout ? prompt.shout.side : prompt.negotiation.side;
    exchange.question = prompt.question;
    exchange.turn = shout ? 0 : prompt.negotiation.turn;
    {
        const std::lock_guard lock(m_mutex);
        m_activity.asking = true;
        m_activity.round = exchange.round;
        m_activity.agent = exchange.agent;
        m_activity.partner = exchange.partner;
        m_activity.question = exchange.question;
        m_activity.attempt = 0;
        m_askedAt = std::chrono::steady_clock::now();
    }
    // However the decision ends (an answer, the fallback, a replay that stops the run), it is no longer being asked.
    struct Done {
        LlmDialogue& dialogue;
        ~Done()
        {
            const std::lock_guard lock(dialogue.m_mutex);
            dialogue.m_activity.asking = false;
        }
    } done { *this };
    Attempt a;
    a.round = exchange.round;
    a.agent = exchange.agent;
    a.partner = exchange.partner;
    a.question = exchange.question;
    const RenderedPrompt first = m_prompt.render(prompt, m_ids);
    std::string feedback;
    for (int attempt = 0; attempt <= m_settings.retries; ++attempt) {
        a.attempt = attempt;
        a.prompt = first;
        if (!feedback.empty())
            a.prompt.user
                += "\n\nYour previous reply could not be used: " + feedback + ". Reply with the JSON object only.";
        a.key = attemptKey(a.prompt, attempt);
        {
            const std::lock_guard lock(m_mutex);
            m_activity.attempt = attempt;
        }
        const ChatOutcome outcome = obtain(a);
        exchange.attempts.push_back(a);
        if (outcome.status == ChatOutcome::Status::Ok) {
            ParsedReply parsed = parseReply(outcome.text, prompt.question);
            const std::lock_guard lock(m_mutex);
            m_tally.retries += attempt > 0 ? 1 : 0;
            if (const auto* answer = std::get_if<LlmAnswer>(&parsed)) {
                ++m_tally.decisions;
                ++m_tally.answered;
                exchange.answer = *answer;
                exchange.fallbackReason.clear();
                keep(std::move(exchange));
                return *answer;
            }
            feedback = std::get<std::string>(parsed);
            exchange.fallbackReason = "invalid_reply";
            m_tally.lastProblem = "an unusable reply (" + feedback + ")";
            continue;
        }
        {
            const std::lock_guard lock(m_mutex);
            m_tally.retries += attempt > 0 ? 1 : 0;
        }
        exchange.fallbackReason = statusName(outcome.status);
        feedback.clear();
        if (outcome.status == ChatOutcome::Status::Cancelled || outcome.status == ChatOutcome::Status::Skipped
            || !retryable(outcome))
            break;
        if (!a.fromRecording && attempt < m_settings.retries)
            backOff(outcome, attempt, m_cancel);
    }
    const std::lock_guard lock(m_mutex);
    ++m_tally.decisions;
    ++m_tally.fallbacks;
    ++m_tally.fallbackReasons[exchange.fallbackReason];
    keep(std::move(exchange));
    return std::nullopt;
}

void LlmDialogue::keep(Exchange exchange)
{
    ++m_activity.decisions;
    // A round dropped to keep memory bounded stays dropped, even when a seek back asks it again.
    if (exchange.attempts.empty() || exchange.round < m_oldestRoundKept)
        return;
    // A decision asked again (a replayed round) sends the same first prompt in the same round: it is held once.
    if (!m_exchangeKeys.emplace(exchange.round, exchange.attempts.front().key).second)
        return;
    m_exchanges[exchange.round].push_back(std::move(exchange));
    ++m_exchangesHeld;
    ++m_revision;
    while (m_exchangesHeld > MaxExchangesKept && m_exchanges.size() > 1) {
        const auto oldest = m_exchanges.begin();
        for (const Exchange& e : oldest->second)
            m_exchangeKeys.erase({ e.round, e.attempts.front().key });
        m_exchangesHeld -= oldest->second.size();
        m_oldestRoundKept = std::next(oldest)->first;
        m_exchanges.erase(oldest);
    }
}

std::vector<LlmDialogue::Exchange> LlmDialogue::exchanges(
    int round, const std::function<bool(const Exchange&)>& which) const
{
    const std::lock_guard lock(m_mutex);
    std::vector<Exchange> out;
    if (const auto it = m_exchanges.find(round); it != m_exchanges.end()) {
        for (const Exchange& e : it->second) {
            if (!which || which(e))
                out.push_back(e);
        }
    }
    return out;
}

int LlmDialogue::oldestRoundKept() const
{
    const std::lock_guard lock(m_mutex);
    return m_oldestRoundKept;
}

LlmDialogue::Activity LlmDialogue::activity() const
{
    const std::lock_guard lock(m_mutex);
    Activity a = m_activity;
    if (a.asking)
        a.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_askedAt).count();
    return a;
}

std::shared_ptr<LlmDialogue> makeDialogue(const Scenario& scenario, std::unique_ptr<ChatClient> client)
{
    const LanguageModelSettings settings = scenario.llm.value_or(LanguageModelSettings {});
    std::vector<std::string> ids;
    ids.reserve(scenario.agents.size());
    for (const AgentSpec& a : scenario.agents)
        ids.push_back(a.id);
    return std::make_shared<LlmDialogue>(
        settings, PromptTemplate::load(settings.prompt), std::move(ids), std::move(client));
}

LlmTally LlmDialogue::tally() const
{
    const std::lock_guard lock(m_mutex);
    return m_tally;
}

std::string LlmDialogue::summary() const
{
    const LlmTally t = tally();
    std::string out = "LLM: " + std::to_string(t.decisions) + " decisions, " + std::to_string(t.answered)
        + " by the model, " + std::to_string(t.fallbacks) + " by the fallback (" + m_settings.fallback + ")";
    if (!t.fallbackReasons.empty()) {
        out += ":";
        for (const auto& [why, n] : t.fallbackReasons)
            out += " " + why + " " + std::to_string(n);
    }
    out += "; " + std::to_string(t.calls) + " calls";
    if (t.calls + t.replayed > 0) {
        out += ", mean latency " + fixedText(t.latencyMs / (t.calls + t.replayed) / 1000.0) + " s, ";
        out += std::to_string(t.promptTokens) + " prompt + " + std::to_string(t.completionTokens)
            + " completion tokens";
    }
    if (t.retries > 0)
        out += ", " + std::to_string(t.retries) + " retries";
    if (t.replayed > 0)
        out += "; " + std::to_string(t.replayed) + " answered from the recording";
    const auto probes = [&t] {
        return t.probes == 0 ? std::string()
                             : "; " + std::to_string(t.probes) + " probe" + (t.probes == 1 ? "" : "s") + " since";
    };
    if (t.endpointDown)
        out += "\nLLM endpoint " + m_settings.baseUrl + " is down"
            + (t.lastProblem.empty() ? std::string() : " (" + t.lastProblem + ")")
            + ": the rest of the run used the fallback" + probes();
    else if (t.recoveries > 0)
        out += "\nLLM endpoint " + m_settings.baseUrl + " was down and came back "
            + (t.recoveries == 1 ? std::string("once") : std::to_string(t.recoveries) + " times") + probes()
            + (t.lastProblem.empty() ? std::string() : "; last problem: " + t.lastProblem);
    else if (!t.lastProblem.empty())
        out += "\nLLM: last problem: " + t.lastProblem;
    return out;
}

} // namespace haggle::lab
