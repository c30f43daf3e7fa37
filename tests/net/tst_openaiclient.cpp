// The LLM chat client against a fake OpenAI-compatible server on 127.0.0.1 (fakechatserver.h), with no model
// anywhere: a completion is read with its tokens; malformed replies, HTTP errors, refusals, slow replies, timeouts, an
// unreachable port and a cancel each end as what they are, within their time; "test connection" lists the models.
// End to end, haggle-cli runs a scenario of LLM negotiators against the server, records it, and replays the recording
// with the server gone to the same state hashes; a wrong model or a dead endpoint still completes the run, with every
// fallback counted.
#include "fakechatserver.h"
#include "llmdialogue.h"
#include "openaiclient.h"
#include "scriptednegotiator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace haggle;
using namespace haggle::lab;
using haggle::testing::FakeChatServer;

namespace {

QByteArray completion(const QString& content, const QString& finish = QStringLiteral("stop"))
{
    const QJsonObject message { { QStringLiteral("role"), QStringLiteral("assistant") },
        { QStringLiteral("content"), content } };
    const QJsonObject choice { { QStringLiteral("index"), 0 }, { QStringLiteral("message"), message },
        { QStringLiteral("finish_reason"), finish } };
    const QJsonObject usage { { QStringLiteral("prompt_tokens"), 321 }, { QStringLiteral("completion_tokens"), 12 } };
    return QJsonDocument(
        QJsonObject { { QStringLiteral("choices"), QJsonArray { choice } }, { QStringLiteral("usage"), usage } })
        .toJson(QJsonDocument::Compact);
}

// The scripted negotiator (scriptednegotiator.h) behind the chat-completions API.
FakeChatServer::Response negotiate(const FakeChatServer::Request& request)
{
    const QJsonArray messages = QJsonDocument::fromJson(request.body).object().value(u"messages").toArray();
    const std::string user = messages.last().toObject().value(u"content").toString().toStdString();
    return { 200, completion(QString::fromStdString(testing::negotiatorReply(user))) };
}

LanguageModelSettings settingsFor(const FakeChatServer& server)
{
    LanguageModelSettings s;
    s.baseUrl = server.baseUrl().toStdString();
    s.model = "test-model";
    s.timeoutSeconds = 5.0;
    return s;
}

const RenderedPrompt Prompt { "You are b1.", "Round 1. Answer with {\"action\": \"accept\"}." };

ChatOutcome call(const LanguageModelSettings& s, const std::atomic<bool>* cancel = nullptr)
{
    net::OpenAiChatClient client;
    return client.complete(Prompt, s, cancel);
}

// A port nothing listens on.
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliResult cli(const QStringList& arguments)
{
    QProcess p;
    p.start(QStringLiteral(HAGGLE_CLI), arguments);
    p.waitForFinished(300'000);
    return { p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError() };
}

// The shipped LLM market, pointed at `baseUrl` with `model`, as a file in `dir`.
QString marketFile(const QTemporaryDir& dir, const QString& baseUrl, const QString& model = QStringLiteral("m"))
{
    QFile in(QStringLiteral(HAGGLE_SOURCE_DIR "/resources/llm/market.json"));
    if (!in.open(QIODevice::ReadOnly))
        return {};
    QJsonObject root = QJsonDocument::fromJson(in.readAll()).object();
    QJsonObject llm = root.value(u"llm").toObject();
    llm.insert(QStringLiteral("base_url"), baseUrl);
    llm.insert(QStringLiteral("model"), model);
    llm.insert(QStringLiteral("timeout"), 5.0);
    root.insert(QStringLiteral("llm"), llm);
    const QString path = dir.filePath(QStringLiteral("market.json"));
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    out.write(QJsonDocument(root).toJson());
    return path;
}

} // namespace

class TestOpenAiClient : public QObject {
    Q_OBJECT

private slots:
    void aCompletionIsReadWithItsTokens()
    {
        FakeChatServer server([](const FakeChatServer::Request&) {
            return FakeChatServer::Response { 200, completion(QStringLiteral("{\"action\": \"accept\"}")) };
        });
        LanguageModelSettings s = settingsFor(server);
        s.apiKeyEnv = "HAGGLE_TEST_LLM_KEY";
        s.temperature = 0.25;
        s.maxTokens = 64;
        qputenv("HAGGLE_TEST_LLM_KEY", "secret-key");
        const ChatOutcome o = call(s);
        qunsetenv("HAGGLE_TEST_LLM_KEY");
        QCOMPARE(o.status, ChatOutcome::Status::Ok);
        QCOMPARE(o.text, std::string("{\"action\": \"accept\"}"));
        QCOMPARE(o.httpStatus, 200);
        QCOMPARE(o.promptTokens, 321);
        QCOMPARE(o.completionTokens, 12);
        QVERIFY(o.latencyMs > 0.0);

        const auto requests = server.requests();
        QCOMPARE(requests.size(), std::size_t(1));
        const auto& r = requests.front();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/v1/chat/completions"));
        QCOMPARE(r.headers.at("authorization"), QByteArray("Bearer secret-key"));
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(u"model").toString(), QStringLiteral("test-model"));
        QCOMPARE(body.value(u"temperature").toDouble(), 0.25);
        QCOMPARE(body.value(u"max_tokens").toInt(), 64);
        QCOMPARE(body.value(u"response_format").toObject().value(u"type").toString(), QStringLiteral("json_object"));
        const QJsonArray messages = body.value(u"messages").toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].toObject().value(u"role").toString(), QStringLiteral("system"));
        QCOMPARE(messages[0].toObject().value(u"content").toString(), QStringLiteral("You are b1."));
        QCOMPARE(messages[1].toObject().value(u"role").toString(), QStringLiteral("user"));

        // No key in the environment: no Authorization header; json_mode off: no response_format.
        s.jsonMode = false;
        QCOMPARE(call(s).status, ChatOutcome::Status::Ok);
        const auto second = server.requests().back();
        QVERIFY(!second.headers.count("authorization"));
        QVERIFY(!QJsonDocument::fromJson(second.body).object().contains(u"response_format"));
    }

    void badRepliesAreWhatTheyAre_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("error");
        QTest::newRow("malformed JSON") << 200 << QByteArray("{\"choices\": [") << int(ChatOutcome::Status::BadResponse)
                                        << QStringLiteral("not a chat completion: {\"choices\": [");
        QTest::newRow("no content") << 200 << QByteArray(R"({"choices": [{"message": {"role": "assistant"}}]})")
                                    << int(ChatOutcome::Status::BadResponse)
                                    << QStringLiteral("the completion has no message content");
        QTest::newRow("refusal") << 200 << completion(QString(), QStringLiteral("content_filter"))
                                 << int(ChatOutcome::Status::BadResponse)
                                 << QStringLiteral("the model refused (content filter)");
        QTest::newRow("wrong model") << 404 << QByteArray(R"({"error": {"message": "model 'test-model' not found"}})")
                                     << int(ChatOutcome::Status::HttpError)
                                     << QStringLiteral("HTTP 404 from %1: model 'test-model' not found");
        QTest::newRow("server error") << 500 << QByteArray("upstream crashed") << int(ChatOutcome::Status::HttpError)
                                      << QStringLiteral("HTTP 500 from %1: upstream crashed");
    }

    void badRepliesAreWhatTheyAre()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, expected);
        QFETCH(QString, error);
        FakeChatServer server([&](const FakeChatServer::Request&) {
            return FakeChatServer::Response { status, body };
        });
        const ChatOutcome o = call(settingsFor(server));
        QCOMPARE(int(o.status), expected);
        QCOMPARE(QString::fromStdString(o.error), error.contains(u"%1") ? error.arg(server.baseUrl()) : error);
    }

    void aSlowReplyWithinTheTimeoutArrives()
    {
        FakeChatServer server([](const FakeChatServer::Request&) {
            return FakeChatServer::Response { 200, completion(QStringLiteral("{\"action\": \"reject\"}")), 400 };
        });
        const ChatOutcome o = call(settingsFor(server));
        QCOMPARE(o.status, ChatOutcome::Status::Ok);
        QVERIFY2(o.latencyMs >= 400.0, std::to_string(o.latencyMs).c_str());
    }

    void noReplyTimesOut()
    {
        FakeChatServer server([](const FakeChatServer::Request&) {
            FakeChatServer::Response r;
            r.never = true;
            return r;
        });
        LanguageModelSettings s = settingsFor(server);
        s.timeoutSeconds = 0.3;
        QElapsedTimer clock;
        clock.start();
        const ChatOutcome o = call(s);
        QCOMPARE(o.status, ChatOutcome::Status::Timeout);
        QVERIFY2(o.error.find("within 0.300 s") != std::string::npos, o.error.c_str());
        QVERIFY2(clock.elapsed() < 10'000, "the call outlived its timeout by far");
    }

    void aCancelEndsTheCall()
    {
        FakeChatServer server([](const FakeChatServer::Request&) {
            FakeChatServer::Response r;
            r.never = true;
            return r;
        });
        LanguageModelSettings s = settingsFor(server);
        s.timeoutSeconds = 600.0;
        std::atomic<bool> cancel { false };
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            cancel = true;
        });
        QElapsedTimer clock;
        clock.start();
        const ChatOutcome o = call(s, &cancel);
        canceller.join();
        QCOMPARE(o.status, ChatOutcome::Status::Cancelled);
        QVERIFY2(clock.elapsed() < 60'000, "the cancel did not end the call");
    }

    void anUnreachableEndpointSaysSo()
    {
        LanguageModelSettings s;
        s.baseUrl = "http://127.0.0.1:" + std::to_string(closedPort()) + "/v1";
        const ChatOutcome o = call(s);
        QCOMPARE(o.status, ChatOutcome::Status::Unreachable);
        QVERIFY2(o.error.starts_with(s.baseUrl + ": Connection refused"), o.error.c_str());
        const net::EndpointProbe probe = net::probeEndpoint(s);
        QVERIFY(!probe.reachable);
        QVERIFY2(probe.message.starts_with("Cannot reach " + s.baseUrl), probe.message.c_str());
    }

    void testConnectionListsTheModels()
    {
        FakeChatServer server([](const FakeChatServer::Request& r) {
            if (r.path != "/v1/models")
                return FakeChatServer::Response { 404, "{}" };
            return FakeChatServer::Response { 200,
                R"({"object": "list", "data": [{"id": "llama-3"}, {"id": "qwen"}]})" };
        });
        LanguageModelSettings s = settingsFor(server);
        s.model = "qwen";
        net::EndpointProbe probe = net::probeEndpoint(s);
        QVERIFY(probe.reachable && probe.modelServed);
        QCOMPARE(probe.models, (std::vector<std::string> { "llama-3", "qwen" }));
        QCOMPARE(probe.message, "Connected to " + s.baseUrl + ": 'qwen' is served.");
        s.model = "mistral";
        probe = net::probeEndpoint(s);
        QVERIFY(probe.reachable && !probe.modelServed);
        QCOMPARE(probe.message,
            std::string("Connected, but the server does not serve 'mistral'; it serves: llama-3, qwen."));
    }

    void theCliRecordsAndReplaysARun()
    {
        QTemporaryDir dir;
        const QString recording = dir.filePath(QStringLiteral("calls.jsonl"));
        CliResult live;
        QString file;
        {
            FakeChatServer server(negotiate);
            file = marketFile(dir, server.baseUrl());
            live = cli(
                { QStringLiteral("run"), file, QStringLiteral("--hashes"), QStringLiteral("--llm-record"), recording });
            QVERIFY(server.requests().size() > 50);
        }
        QVERIFY2(live.exitCode == 0, live.err.constData());
        QCOMPARE(live.out.count('\n'), 20);
        QVERIFY2(live.err.contains("by the fallback (fair); "), live.err.constData()); // no fallbacks
        QVERIFY2(live.err.contains(QByteArray("LLM calls recorded in " + recording.toUtf8())), live.err.constData());

        // The server is gone: the recording alone gives the same run.
        const CliResult replay = cli(
            { QStringLiteral("run"), file, QStringLiteral("--hashes"), QStringLiteral("--llm-replay"), recording });
        QVERIFY2(replay.exitCode == 0, replay.err.constData());
        QCOMPARE(replay.out, live.out);
        QVERIFY2(replay.err.contains("; 0 calls, "), replay.err.constData());
        QVERIFY2(replay.err.contains("answered from the recording"), replay.err.constData());

        // A report of the run replays too, and a recording of another seed is refused, naming the call.
        const CliResult other = cli({ QStringLiteral("run"), file, QStringLiteral("--seed"), QStringLiteral("8"),
            QStringLiteral("--llm-replay"), recording });
        QCOMPARE(other.exitCode, 2);
        QVERIFY2(other.err.contains("has no reply for round 1's"), other.err.constData());
    }

    void aWrongModelOrADeadEndpointStillCompletesTheRun()
    {
        QTemporaryDir dir;
        {
            FakeChatServer server([](const FakeChatServer::Request&) {
                return FakeChatServer::Response { 404, R"({"error": {"message": "model 'm' not found"}})" };
            });
            const QString file = marketFile(dir, server.baseUrl());
            const CliResult r = cli({ QStringLiteral("run"), file, QStringLiteral("--llm-record"),
                dir.filePath(QStringLiteral("404.jsonl")) });
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY2(r.err.contains("0 by the model"), r.err.constData());
            QVERIFY2(r.err.contains(
                         QByteArray("is down (HTTP 404 from " + server.baseUrl().toUtf8() + ": model 'm' not found)")),
                r.err.constData());
            QCOMPARE(server.requests().size(), std::size_t(LlmDialogue::BreakerLimit));
        }
        const QString dead = QStringLiteral("http://127.0.0.1:%1/v1").arg(closedPort());
        const CliResult r = cli({ QStringLiteral("run"), marketFile(dir, dead), QStringLiteral("--llm-record"),
            dir.filePath(QStringLiteral("dead.jsonl")) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("Connection refused"), r.err.constData());
        QVERIFY2(r.out.contains("LLM market: 20 rounds"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestOpenAiClient)
#include "tst_openaiclient.moc"
