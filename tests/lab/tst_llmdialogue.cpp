// LLM negotiators without any model: the shipped prompt templates render the negotiation's state; replies parse into
// protocol answers (JSON, fenced, in prose) or are refused with a reason; the dialogue retries, falls back and counts
// why; a dead endpoint stops being called; and a recorded run replays with no server to the same state hashes, also
// across a seek back in time. The network client itself is tested against a fake server in tests/net.
#include "experimentcatalog.h"
#include "llmdialogue.h"
#include "llmexperiments.h"
#include "llmnegotiator.h"
#include "marketrun.h"
#include "scenariofile.h"
#include "scriptednegotiator.h"
#include "statehashes.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <functional>

using namespace haggle;
using namespace haggle::lab;

namespace {

// A chat client that answers with a function of the prompt and counts its calls.
class ScriptedClient final : public ChatClient {
public:
    explicit ScriptedClient(std::function<ChatOutcome(const RenderedPrompt&)> answer, int* calls = nullptr)
        : m_answer(std::move(answer))
        , m_calls(calls)
    {
    }
    ChatOutcome complete(const RenderedPrompt& prompt, const LanguageModelSettings&, const std::atomic<bool>*) override
    {
        if (m_calls)
            ++*m_calls;
        return m_answer(prompt);
    }

private:
    std::function<ChatOutcome(const RenderedPrompt&)> m_answer;
    int* m_calls;
};

ChatOutcome ok(std::string text)
{
    ChatOutcome o;
    o.text = std::move(text);
    o.latencyMs = 5.0;
    o.promptTokens = 100;
    o.completionTokens = 10;
    return o;
}

// What a call to a server that is not there brings back.
ChatOutcome refused()
{
    ChatOutcome o;
    o.status = ChatOutcome::Status::Unreachable;
    o.error = "Connection refused";
    return o;
}

std::unique_ptr<ChatClient> negotiator(int* calls = nullptr)
{
    return std::make_unique<ScriptedClient>(
        [](const RenderedPrompt& p) { return ok(testing::negotiatorReply(p.user)); }, calls);
}

Scenario market()
{
    return loadScenario(HAGGLE_SOURCE_DIR "/resources/llm/market.json");
}

LlmPrompt respondPrompt()
{
    LlmPrompt p;
    p.question = LlmQuestion::Respond;
    NegotiationView& v = p.negotiation;
    v.side = Side::Buyer;
    v.round = 3;
    v.turn = 2;
    v.maxTurns = 6;
    v.self = 0;
    v.partner = 1;
    v.resources.gpu = 10.0;
    v.referenceValue = 10.0;
    v.budget = 100.0;
    v.reservation = 1.5;
    v.marketRate = 1.0;
    v.ownLast = 0.9;
    v.partnerLast = 1.234;
    v.partnerReputation = 0.75;
    return p;
}

const std::vector<std::string> Ids = { "b1", "s1" };

std::optional<LlmAnswer> answer(std::string_view reply, LlmQuestion q)
{
    const ParsedReply parsed = parseReply(reply, q);
    if (const auto* a = std::get_if<LlmAnswer>(&parsed))
        return *a;
    return std::nullopt;
}

} // namespace

class TestLlmDialogue : public QObject {
    Q_OBJECT

private slots:
    void shippedTemplatesRenderTheState()
    {
        for (const char* variant : { "naive", "engineered" }) {
            const PromptTemplate t = PromptTemplate::load(variant);
            const RenderedPrompt r = t.render(respondPrompt(), Ids);
            QVERIFY2(r.system.find("b1") != std::string::npos, variant);
            QVERIFY2(r.user.find("Round 3") != std::string::npos, r.user.c_str());
            QVERIFY2(r.user.find("s1") != std::string::npos, r.user.c_str());
            QVERIFY2(r.user.find("Their last proposal: 1.234") != std::string::npos, r.user.c_str());
            QVERIFY2(r.user.find("Your last proposal: 0.900") != std::string::npos, r.user.c_str());
            QVERIFY2(r.user.find("gpu 10.00") != std::string::npos, r.user.c_str());
            QVERIFY2(r.user.find("2 of 6") != std::string::npos, r.user.c_str());
            QVERIFY2(r.user.find("You are the buyer") != std::string::npos, r.user.c_str());
            for (auto q : { LlmQuestion::Open, LlmQuestion::Respond, LlmQuestion::Shout }) {
                LlmPrompt p = respondPrompt();
                p.question = q;
                const RenderedPrompt all = t.render(p, Ids);
                QVERIFY2(all.user.find("{{") == std::string::npos, all.user.c_str());
                QVERIFY2(all.user.find("\"action\"") != std::string::npos, all.user.c_str());
            }
        }
        // The engineered variant tells the agent its reservation and the turns left; the naive one does not.
        const RenderedPrompt engineered = PromptTemplate::load("engineered").render(respondPrompt(), Ids);
        QVERIFY(engineered.user.find("reservation price is 1.500") != std::string::npos);
        QVERIFY(engineered.user.find("4 left") != std::string::npos);
        QVERIFY(engineered.user.find("trust 0.75") != std::string::npos);
        const RenderedPrompt naive = PromptTemplate::load("naive").render(respondPrompt(), Ids);
        QVERIFY(naive.user.find("1.500") == std::string::npos);
        // Recent deals are listed, newest last.
        LlmPrompt withDeals = respondPrompt();
        const DealObservation deals[]
            = { { Side::Buyer, 1, 1, 1.05, true, 0.0, 10.0 }, { Side::Buyer, 1, 2, 0.98, false, 0.0, 10.0 } };
        withDeals.recentDeals = deals;
        const RenderedPrompt listed = PromptTemplate::load("naive").render(withDeals, Ids);
        QVERIFY2(listed.user.find("- round 1: bought from s1 at 1.050 per unit\n- round 2: bought from s1 at 0.980 per "
                                  "unit (the partner defaulted)")
                != std::string::npos,
            listed.user.c_str());
    }

    void templateErrorsNameTheFileAndLine()
    {
        const auto message = [](std::string_view text) {
            try {
                PromptTemplate::parse(text, "mine.prompt");
            } catch (const std::invalid_argument& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        const std::string sections = "### system\nhi\n### open\no\n### respond\nr\n### shout\ns\n";
        QCOMPARE(message(sections), std::string());
        QCOMPARE(
            message("### system\nYou are {{agnet}}.\n"), std::string("mine.prompt:2: unknown placeholder {{agnet}}"));
        QCOMPARE(message(sections + "### closing\n"),
            std::string("mine.prompt:9: unknown section \"closing\" (expected system, open, respond or shout)"));
        QCOMPARE(message("### system\nhi\n### open\no\n### respond\nr\n"),
            std::string("mine.prompt: no \"### shout\" section"));
        QCOMPARE(message("### system\n{{round\n"), std::string("mine.prompt:2: \"{{\" without its \"}}\""));
        QCOMPARE(message(sections + "### open\n"), std::string("mine.prompt:9: a second \"### open\" section"));
        // CRLF line ends render as LF ones: a template's rendering, and so the recording's keys, does not depend on
        // them.
        std::string crlf = sections;
        for (std::size_t at = crlf.find('\n'); at != std::string::npos; at = crlf.find('\n', at + 2))
            crlf.insert(at, "\r");
        QCOMPARE(PromptTemplate::parse(crlf, "crlf").render(respondPrompt(), Ids).user,
            PromptTemplate::parse(sections, "lf").render(respondPrompt(), Ids).user);
        try {
            PromptTemplate::load("/nonexistent/x.prompt");
            QFAIL("loaded a file that is not there");
        } catch (const std::invalid_argument& e) {
            QVERIFY(std::string(e.what()).find("neither a shipped variant (engineered, naive)") != std::string::npos);
        }
    }

    void repliesParseIntoAnswers()
    {
        using K = LlmAnswer::Kind;
        const auto is = [](std::optional<LlmAnswer> a, K kind, double price = 0.0) {
            return a && a->kind == kind && std::abs(a->unitPrice - price) < 1e-12;
        };
        QVERIFY(is(answer(R"({"action": "accept"})", LlmQuestion::Respond), K::Accept));
        QVERIFY(is(answer("```json\n{\"action\": \"counter\", \"price\": 1.05}\n```", LlmQuestion::Respond), K::Counter,
            1.05));
        QVERIFY(is(answer(R"(I'd go for {"action":"COUNTER","price":"1.10 per unit"} here.)", LlmQuestion::Respond),
            K::Counter, 1.10));
        QVERIFY(is(answer(R"({"action": "offer", "unit_price": 1.3})", LlmQuestion::Open), K::Counter, 1.3));
        QVERIFY(is(answer(R"({"action": "pass"})", LlmQuestion::Open), K::Reject));
        QVERIFY(is(answer(R"({"action": "bid", "price": 0.8})", LlmQuestion::Shout), K::Counter, 0.8));
        QVERIFY(is(answer(R"({"action": "reject"})", LlmQuestion::Shout), K::Pass));
        // Free text: the first action word that is not negated, and the first number after it.
        QVERIFY(is(answer("Accept.", LlmQuestion::Respond), K::Accept));
        QVERIFY(
            is(answer("I cannot accept that; I counter at 1.05 per unit.", LlmQuestion::Respond), K::Counter, 1.05));
        QVERIFY(is(answer("No deal, I reject.", LlmQuestion::Respond), K::Reject));
        QVERIFY(is(answer("No problem, I accept.", LlmQuestion::Respond), K::Accept));
        QVERIFY(is(answer("I don't think I can accept; I counter at 1.1", LlmQuestion::Respond), K::Counter, 1.1));
        // Verbs before nouns, whole words only: "your offer of 1.3" and "asking" name no action of this agent.
        QVERIFY(is(answer("Your asking price of 1.3 is high; I counter 1.1", LlmQuestion::Respond), K::Counter, 1.1));
        QVERIFY(
            is(answer("Your offer of 1.3 is steep. I'll counter at 1.15.", LlmQuestion::Respond), K::Counter, 1.15));
        QVERIFY(is(answer("As your counterpart I accept.", LlmQuestion::Respond), K::Accept));
        // A number inside an id is not a price; a minus sign is kept (and the price refused).
        QVERIFY(is(answer("I counter llm_seller_2 at 1.05", LlmQuestion::Respond), K::Counter, 1.05));
        QVERIFY(!answer("counter at -1", LlmQuestion::Respond));
        // A model that thinks aloud: the last object with an action counts.
        QVERIFY(is(
            answer(R"(<think>maybe {"price": 2}? or {"action": "reject"}</think> {"action": "counter", "price": 1.2})",
                LlmQuestion::Respond),
            K::Counter, 1.2));
        QVERIFY(is(answer(R"({"action": "counter", "price": 1.05, "note": "my {best} price"})", LlmQuestion::Respond),
            K::Counter, 1.05));
        // Refused, with the reason the retry prompt passes on.
        const auto why = [](std::string_view reply, LlmQuestion q) {
            const ParsedReply parsed = parseReply(reply, q);
            return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : std::string();
        };
        QCOMPARE(
            why("I'm sorry, I can't help with that.", LlmQuestion::Respond), std::string("no action in the reply"));
        QCOMPARE(why(R"({"action": "accept"})", LlmQuestion::Open),
            std::string("there is no offer to accept yet: open with an offer or reject"));
        QCOMPARE(
            why(R"({"action": "counter"})", LlmQuestion::Respond), std::string("action \"counter\" needs a \"price\""));
        QCOMPARE(
            why(R"({"action": "haggle", "price": 1})", LlmQuestion::Respond), std::string("unknown action \"haggle\""));
        QCOMPARE(why(R"({"action": "counter", "price": 1500})", LlmQuestion::Respond),
            std::string("the price 1500.000 is not a unit price in (0, 100]"));
        QCOMPARE(why(R"({"action": "counter", "price": -1})", LlmQuestion::Respond),
            std::string("the price -1.000 is not a unit price in (0, 100]"));
    }

    void retriesAnUnusableReplyWithItsReason()
    {
        std::vector<std::string> users;
        auto client = std::make_unique<ScriptedClient>([&](const RenderedPrompt& p) {
            users.push_back(p.user);
            return ok(users.size() == 1 ? "Let me think about it." : R"({"action": "accept"})");
        });
        LlmDialogue dialogue({}, PromptTemplate::load("naive"), Ids, std::move(client));
        const auto a = dialogue.ask(respondPrompt());
        QVERIFY(a && a->kind == LlmAnswer::Kind::Accept);
        QCOMPARE(users.size(), std::size_t(2));
        QVERIFY(users[1].ends_with("Your previous reply could not be used: no action in the reply. Reply with the JSON "
                                   "object only."));
        const LlmTally t = dialogue.tally();
        QCOMPARE(t.decisions, 1);
        QCOMPARE(t.answered, 1);
        QCOMPARE(t.retries, 1);
        QCOMPARE(t.calls, 2);
        QCOMPARE(t.fallbacks, 0);
        QCOMPARE(t.promptTokens, 200LL);
    }

    void keepsEachDecisionsConversation()
    {
        int calls = 0;
        bool stubborn = false;
        LanguageModelSettings settings;
        settings.retries = 1;
        auto client = std::make_unique<ScriptedClient>(
            [&](const RenderedPrompt&) {
                return ok(stubborn || calls == 1 ? "Let me think." : R"({"action": "accept"})");
            },
            &calls);
        LlmDialogue dialogue(settings, PromptTemplate::load("naive"), Ids, std::move(client));
        QVERIFY(dialogue.ask(respondPrompt()));
        // The second decision gets no usable reply in either attempt: the fallback decides it.
        stubborn = true;
        LlmPrompt later = respondPrompt();
        later.negotiation.turn = 4;
        later.negotiation.partnerLast = 1.3;
        QVERIFY(!dialogue.ask(later));

        const auto held = dialogue.exchanges(3);
        QCOMPARE(held.size(), std::size_t(2));
        const auto& first = held[0];
        QCOMPARE(first.round, 3);
        QCOMPARE(first.agent, std::string("b1"));
        QCOMPARE(first.partner, std::string("s1"));
        QCOMPARE(first.question, LlmQuestion::Respond);
        QCOMPARE(first.turn, 2);
        QVERIFY(first.answer && first.answer->kind == LlmAnswer::Kind::Accept);
        QVERIFY(first.fallbackReason.empty());
        QCOMPARE(first.attempts.size(), std::size_t(2));
        QCOMPARE(first.attempts[0].outcome.text, std::string("Let me think."));
        QVERIFY(first.attempts[1].prompt.user.ends_with("Reply with the JSON object only."));
        QCOMPARE(first.attempts[1].outcome.text, std::string(R"({"action": "accept"})"));
        QVERIFY(!first.attempts[0].fromRecording);
        QCOMPARE(first.attempts[0].outcome.latencyMs, 5.0);
        const auto& second = held[1];
        QCOMPARE(second.turn, 4);
        QVERIFY(!second.answer);
        QCOMPARE(second.fallbackReason, std::string("invalid_reply"));
        QCOMPARE(second.attempts.size(), std::size_t(2));
        QVERIFY(dialogue.exchanges(2).empty());
        QCOMPARE(dialogue.oldestRoundKept(), 0);
    }

    void keepsOnlyTheNewestConversations()
    {
        LlmDialogue dialogue({}, PromptTemplate::load("naive"), Ids, negotiator());
        LlmPrompt p = respondPrompt();
        const int rounds = int(LlmDialogue::MaxExchangesKept) + 1;
        for (int round = 1; round <= rounds; ++round) {
            p.negotiation.round = round;
            QVERIFY(dialogue.ask(p));
        }
        QVERIFY(dialogue.exchanges(1).empty());
        QCOMPARE(dialogue.exchanges(2).size(), std::size_t(1));
        QCOMPARE(dialogue.exchanges(rounds).size(), std::size_t(1));
        QCOMPARE(dialogue.oldestRoundKept(), 2);
        QCOMPARE(dialogue.tally().decisions, rounds);
        // A seek back into a dropped round asks it again; it stays dropped.
        p.negotiation.round = 1;
        QVERIFY(dialogue.ask(p));
        QVERIFY(dialogue.exchanges(1).empty());
        QCOMPARE(dialogue.exchanges(2).size(), std::size_t(1));
    }

    void showsTheCallInProgress()
    {
        LlmDialogue* asked = nullptr;
        LlmDialogue::Activity during;
        LanguageModelSettings settings;
        settings.retries = 1;
        int calls = 0;
        auto client = std::make_unique<ScriptedClient>(
            [&](const RenderedPrompt&) {
                during = asked->activity();
                return ok(calls == 1 ? "Hmm." : R"({"action": "reject"})");
            },
            &calls);
        LlmDialogue dialogue(settings, PromptTemplate::load("naive"), Ids, std::move(client));
        asked = &dialogue;
        QVERIFY(!dialogue.activity().asking);
        QVERIFY(dialogue.ask(respondPrompt()));
        // Seen from the second attempt's call.
        QVERIFY(during.asking);
        QCOMPARE(during.round, 3);
        QCOMPARE(during.agent, std::string("b1"));
        QCOMPARE(during.partner, std::string("s1"));
        QCOMPARE(during.question, LlmQuestion::Respond);
        QCOMPARE(during.attempt, 1);
        QCOMPARE(during.decisions, 0);
        const auto after = dialogue.activity();
        QVERIFY(!after.asking);
        QCOMPARE(after.decisions, 1);
    }

    void fallsBackAfterItsRetriesAndCountsWhy()
    {
        int calls = 0;
        LanguageModelSettings settings;
        settings.retries = 3;
        LlmDialogue dialogue(settings, PromptTemplate::load("naive"), Ids,
            std::make_unique<ScriptedClient>([](const RenderedPrompt&) { return ok("{\"action\": 7}"); }, &calls));
        QVERIFY(!dialogue.ask(respondPrompt()));
        QCOMPARE(calls, 4);
        LlmTally t = dialogue.tally();
        QCOMPARE(t.fallbacks, 1);
        QCOMPARE(t.fallbackReasons.at("invalid_reply"), 1);
        QVERIFY(dialogue.summary().find("by the fallback (fair): invalid_reply 1") != std::string::npos);

        // A timed-out call is retried as it was; a cancelled one is not retried.
        int slow = 0;
        LlmDialogue timing(settings, PromptTemplate::load("naive"), Ids,
            std::make_unique<ScriptedClient>(
                [](const RenderedPrompt&) {
                    ChatOutcome o;
                    o.status = ChatOutcome::Status::Cancelled;
                    o.error = "the run was cancelled during the call";
                    return o;
                },
                &slow));
        QVERIFY(!timing.ask(respondPrompt()));
        QCOMPARE(slow, 1);
        QCOMPARE(timing.tally().fallbackReasons.at("cancelled"), 1);
    }

    void stopsCallingADeadEndpoint()
    {
        int calls = 0;
        LlmDialogue dialogue({}, PromptTemplate::load("naive"), Ids,
            std::make_unique<ScriptedClient>([](const RenderedPrompt&) { return refused(); }, &calls));
        LlmPrompt p = respondPrompt();
        for (int round = 1; round <= 20; ++round) {
            p.negotiation.round = round;
            QVERIFY(!dialogue.ask(p));
        }
        QCOMPARE(calls, LlmDialogue::BreakerLimit);
        const LlmTally t = dialogue.tally();
        QVERIFY(t.endpointDown);
        QCOMPARE(t.fallbacks, 20);
        QCOMPARE(t.fallbackReasons.at("unreachable"), 1);
        QCOMPARE(t.fallbackReasons.at("skipped"), 19);
        QVERIFY2(dialogue.summary().find("is down (Connection refused): the rest of the run used the fallback")
                != std::string::npos,
            dialogue.summary().c_str());
    }

    void aDeadEndpointIsProbedAndUsedOnceBack()
    {
        int calls = 0;
        bool down = true;
        LanguageModelSettings settings;
        settings.retries = 0;
        LlmDialogue dialogue(settings, PromptTemplate::load("naive"), Ids,
            std::make_unique<ScriptedClient>(
                [&down](const RenderedPrompt&) { return down ? refused() : ok(R"({"action": "accept"})"); }, &calls));
        LlmPrompt p = respondPrompt();
        const auto ask = [&](int round) {
            p.negotiation.round = round;
            return dialogue.ask(p).has_value();
        };
        for (int round = 1; round <= LlmDialogue::BreakerLimit; ++round)
            QVERIFY(!ask(round));
        QVERIFY(dialogue.tally().endpointDown);
        // Within the probe interval (30 s) nothing is called.
        QVERIFY(!ask(4));
        QCOMPARE(calls, LlmDialogue::BreakerLimit);
        // Past it, the next decision probes: still down, then back.
        dialogue.setProbeInterval(std::chrono::milliseconds(0));
        QVERIFY(!ask(5));
        QCOMPARE(calls, LlmDialogue::BreakerLimit + 1);
        QVERIFY(dialogue.tally().endpointDown);
        down = false;
        QVERIFY(ask(6));
        QVERIFY(ask(7));
        QCOMPARE(calls, LlmDialogue::BreakerLimit + 3);
        const LlmTally t = dialogue.tally();
        QVERIFY(!t.endpointDown);
        QCOMPARE(t.probes, 2);
        QCOMPARE(t.recoveries, 1);
        QCOMPARE(t.fallbackReasons.at("skipped"), 1);
        QCOMPARE(t.fallbackReasons.at("unreachable"), LlmDialogue::BreakerLimit + 1);
        QVERIFY2(dialogue.summary().find("was down and came back once; 2 probes since") != std::string::npos,
            dialogue.summary().c_str());
        // Runs sharing a breaker share its probes too: a second dialogue of the same endpoint, once it is down
        // again, does not probe before the interval.
        auto breaker = std::make_shared<LlmBreaker>();
        breaker->failuresInRow = LlmDialogue::BreakerLimit;
        breaker->lastProbeMs
            = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
                  .count();
        int otherCalls = 0;
        LlmDialogue other(settings, PromptTemplate::load("naive"), Ids, negotiator(&otherCalls));
        other.shareBreaker(breaker);
        QVERIFY(!other.ask(p));
        QCOMPARE(otherCalls, 0);
    }

    void aRecordedRunReplaysWithNoServer()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath(QStringLiteral("calls.jsonl")).toStdString();
        const Scenario s = market();
        QVERIFY(usesLanguageModel(s));

        int calls = 0;
        const auto live = makeDialogue(s, negotiator(&calls));
        live->recordTo(file);
        const auto liveHashes = stateHashes(s, live);
        const LlmTally lt = live->tally();
        QVERIFY2(lt.answered > 50, live->summary().c_str());
        QCOMPARE(lt.calls, calls);
        QCOMPARE(lt.replayed, 0);

        const auto replay = makeDialogue(s, nullptr);
        replay->loadRecording(file);
        QCOMPARE(stateHashes(s, replay), liveHashes);
        const LlmTally rt = replay->tally();
        QCOMPARE(rt.calls, 0);
        QCOMPARE(rt.answered, lt.answered);
        QCOMPARE(rt.fallbacks, lt.fallbacks);

        // The model's answers made the run: the agents' fallback alone plays another one.
        QVERIFY(stateHashes(s) != liveHashes);

        // Every attempt is a line with its prompt, reply, latency and tokens.
        std::ifstream in(file);
        std::string header;
        std::getline(in, header);
        QVERIFY(header.find("\"haggle_llm_recording\":1") != std::string::npos);
        std::string line;
        std::getline(in, line);
        for (const char* field : { "\"key\":", "\"round\":", "\"agent\":", "\"question\":", "\"system\":", "\"user\":",
                 "\"reply\":", "\"latency_ms\":5.0", "\"prompt_tokens\":100", "\"completion_tokens\":10" })
            QVERIFY2(line.find(field) != std::string::npos, field);
    }

    void aSeekBackAsksNothingTwice()
    {
        const Scenario s = market();
        int calls = 0;
        const auto dialogue = makeDialogue(s, negotiator(&calls));
        const std::unique_ptr<MarketRun> straight = makeRun(s);
        straight->setLanguageModel(dialogue);
        straight->run(8);
        const auto checkpoint = straight->checkpoint(0);
        straight->runToEnd();
        const int callsStraight = calls;
        const auto conversations = [&] {
            std::size_t n = 0;
            for (int round = 1; round <= s.rounds; ++round) {
                for (const auto& e : dialogue->exchanges(round)) {
                    if (e.round != round || e.attempts.empty())
                        return std::size_t(0);
                    ++n;
                }
            }
            return n;
        };
        const std::size_t heldStraight = conversations();
        QCOMPARE(heldStraight, std::size_t(dialogue->tally().decisions));
        const std::unique_ptr<MarketRun> again = checkpoint->restore();
        again->runToEnd();
        QCOMPARE(again->stateHash(), straight->stateHash());
        QCOMPARE(calls, callsStraight);
        // The replayed rounds' decisions are each held once, answered from what was recorded.
        QCOMPARE(conversations(), heldStraight);
        QVERIFY(dialogue->tally().replayed > 0);
    }

    void aReplayOfAnotherRunStopsWithTheCall()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath(QStringLiteral("calls.jsonl")).toStdString();
        Scenario s = market();
        const auto live = makeDialogue(s, negotiator());
        live->recordTo(file);
        stateHashes(s, live);
        s.seed += 1;
        const auto replay = makeDialogue(s, nullptr);
        replay->loadRecording(file);
        try {
            stateHashes(s, replay);
            QFAIL("replayed a run the recording does not hold");
        } catch (const std::runtime_error& e) {
            const std::string m = e.what();
            QVERIFY2(m.starts_with("LLM replay: " + file + " has no reply for round "), e.what());
            QVERIFY2(
                m.ends_with("the scenario, its seed or the prompt template differ from the recorded run"), e.what());
        }
    }

    void aMalformedRecordingNamesTheLine()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath(QStringLiteral("bad.jsonl")).toStdString();
        const auto check = [&](const std::string& second, const std::string& expected) {
            std::ofstream(file) << "{\"haggle_llm_recording\":1}\n" << second << "\n";
            LlmDialogue d({}, PromptTemplate::load("naive"), Ids, nullptr);
            try {
                d.loadRecording(file);
                QFAIL("loaded a malformed recording");
            } catch (const std::runtime_error& e) {
                QCOMPARE(std::string(e.what()), file + ":2: " + expected);
            }
        };
        check("{\"key\": \"ab\", \"status\": \"ok\"", "not a JSON object (a recording has one call a line)");
        check("{\"status\": \"ok\"}", "no \"key\"");
        check("{\"key\": 5, \"status\": \"ok\"}", "\"key\" has the wrong type");
        check("{\"key\": \"ab\", \"status\": \"fine\"}", "unknown status \"fine\"");
    }

    // The LLM experiments against the scripted negotiator: the same tables for 1 and 2 threads, every decision the
    // model's, and a replay of their recordings gives the same negotiations with no client.
    void theLlmExperimentsRunOnAnyThreadCount()
    {
        QTemporaryDir dir;
        const auto factory = [&](bool record) {
            return [&dir, record](const Scenario& s, const std::string& run) {
                auto d = makeDialogue(s, negotiator());
                if (record)
                    d->recordTo(dir.filePath(QString::fromStdString(run + ".jsonl")).toStdString());
                return d;
            };
        };
        for (const char* name : { "llm-handshake", "mixed" }) {
            ExperimentContext context;
            context.trials = 2;
            context.threads = 1;
            context.languageModel = factory(false);
            const auto experiment = experimentCatalog().make(
                name, name == std::string("mixed") ? ParameterValues { { "rounds", 8.0 } } : ParameterValues {});
            const ExperimentResult one = experiment->run(context);
            context.threads = 2;
            context.languageModel = factory(true);
            const ExperimentResult two = experiment->run(context);
            QCOMPARE(one.tables.front().rows, two.tables.front().rows);
            const Finding& model = one.findings.front();
            QCOMPARE(model.id, std::string("model"));
            QVERIFY(cellNumber(model.value("decisions")) > 0);
            QCOMPARE(cellNumber(model.value("answered")), cellNumber(model.value("decisions")));
            QCOMPARE(one.tables[1].rows.size(), std::size_t(2)); // the model's use, per prompt variant

            // Replayed from the recordings with no client: the same table.
            context.languageModel = [&dir](const Scenario& s, const std::string& run) {
                auto d = makeDialogue(s, nullptr);
                d->loadRecording(dir.filePath(QString::fromStdString(run + ".jsonl")).toStdString());
                return d;
            };
            const ExperimentResult replayed = experiment->run(context);
            QCOMPARE(replayed.tables.front().rows, one.tables.front().rows);

            // Without a model the LLM agents fall back, and the finding says so.
            context.languageModel = nullptr;
            const ExperimentResult unconnected = experiment->run(context);
            QVERIFY(unconnected.findings.front().statement.starts_with("No language model was connected"));
        }
        const ExperimentResult handshake = [&] {
            ExperimentContext context;
            context.trials = 1;
            context.languageModel = factory(false);
            return experimentCatalog().make("llm-handshake", {})->run(context);
        }();
        QCOMPARE(handshake.tables.front().rows.size(), std::size_t(26)); // 2 prompts x (2 sides x 6 rules + itself)
        QVERIFY(asksLanguageModel("mixed") && asksLanguageModel("llm-handshake") && !asksLanguageModel("handshake"));
    }

    void theStrategyPlaysItsFallbackUnconnected()
    {
        // Not connected: every decision is the fallback's (fair), so the run equals one with fair agents.
        Scenario s = market();
        Scenario fair = s;
        for (AgentSpec& a : fair.agents) {
            if (a.strategy.type == "llm")
                a.strategy.type = "fair";
        }
        fair.llm.reset();
        const auto llmRun = makeRun(s);
        const auto fairRun = makeRun(fair);
        llmRun->runToEnd();
        fairRun->runToEnd();
        QVERIFY(llmRun->agentStatus(0).deals > 0);
        for (AgentIndex i = 0; i < llmRun->agentCount(); ++i)
            QCOMPARE(llmRun->agentStatus(i).budget, fairRun->agentStatus(i).budget);
    }
};

QTEST_GUILESS_MAIN(TestLlmDialogue)
#include "tst_llmdialogue.moc"
