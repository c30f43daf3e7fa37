// OpenAI-compatible chat client over Qt Network (see openaiclient.h).
#include "openaiclient.h"

#include "experimentresult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <mutex>

namespace haggle::net {

namespace {

using lab::ChatOutcome;

QUrl endpoint(const LanguageModelSettings& settings, const char* path)
{
    QString base = QString::fromStdString(settings.baseUrl);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + QLatin1String(path));
}

QNetworkRequest request(const QUrl& url, const LanguageModelSettings& settings)
{
    QNetworkRequest r(url);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    if (const char* key = std::getenv(settings.apiKeyEnv.c_str()); key && *key)
        r.setRawHeader("Authorization", QByteArray("Bearer ") + key);
    return r;
}

// The server's own error message from an error body ({"error": {"message": ...}} or {"error": "..."}), or its start.
std::string serverMessage(const QByteArray& body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonValue error = doc.object().value(QLatin1String("error"));
        if (error.isObject() && error.toObject().value(QLatin1String("message")).isString())
            return error.toObject().value(QLatin1String("message")).toString().toStdString();
        if (error.isString())
            return error.toString().toStdString();
    }
    return QString::fromUtf8(body.left(200)).simplified().toStdString();
}

bool unreachable(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProtocolUnknownError:
        return true;
    default:
        return false;
    }
}

// Reads a chat completion: choices[0].message.content and the usage's token counts.
void readCompletion(const QByteArray& body, ChatOutcome& o)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonArray choices = doc.object().value(QLatin1String("choices")).toArray();
    if (!doc.isObject() || choices.isEmpty() || !choices.first().isObject()) {
        o.status = ChatOutcome::Status::BadResponse;
        o.error = "not a chat completion: " + QString::fromUtf8(body.left(120)).simplified().toStdString();
        return;
    }
    const QJsonObject choice = choices.first().toObject();
    const QJsonValue content = choice.value(QLatin1String("message")).toObject().value(QLatin1String("content"));
    const QJsonObject usage = doc.object().value(QLatin1String("usage")).toObject();
    o.promptTokens = usage.value(QLatin1String("prompt_tokens")).toInt();
    o.completionTokens = usage.value(QLatin1String("completion_tokens")).toInt();
    if (choice.value(QLatin1String("finish_reason")).toString() == QLatin1String("content_filter")) {
        o.status = ChatOutcome::Status::BadResponse;
        o.error = "the model refused (content filter)";
        return;
    }
    if (!content.isString()) {
        o.status = ChatOutcome::Status::BadResponse;
        o.error = "the completion has no message content";
        return;
    }
    o.status = ChatOutcome::Status::Ok;
    o.text = content.toString().toStdString();
}

// What a request came back with.
struct Exchange {
    QByteArray data;
    int httpStatus = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorText;
    bool timedOut = false;
    bool cancelled = false;
    double latencyMs = 0.0;
};

} // namespace

// The client's network thread: an event loop with one QNetworkAccessManager. perform() posts a request to it and
// blocks its caller on a condition variable until the reply is finished, the timeout has aborted it, or `cancel`
// (polled every 25 ms) has.
class NetworkThread {
public:
    NetworkThread()
    {
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
        m_thread.start();
        QMetaObject::invokeMethod(
            m_context, [this] { m_manager = new QNetworkAccessManager(m_context); }, Qt::BlockingQueuedConnection);
    }
    ~NetworkThread()
    {
        m_thread.quit();
        m_thread.wait();
    }
    NetworkThread(const NetworkThread&) = delete;
    NetworkThread& operator=(const NetworkThread&) = delete;

    Exchange perform(std::function<QNetworkReply*(QNetworkAccessManager&)> start, double timeoutSeconds,
        const std::atomic<bool>* cancel)
    {
        struct Pending {
            std::mutex mutex;
            std::condition_variable finished;
            bool done = false;
            QNetworkReply* reply = nullptr; // the network thread's, while running
            Exchange exchange;
        };
        const auto p = std::make_shared<Pending>();
        const int timeoutMs = static_cast<int>(std::clamp(timeoutSeconds * 1000.0, 1.0, 3.6e6));
        const auto begun = std::chrono::steady_clock::now();
        QMetaObject::invokeMethod(m_context, [this, p, start = std::move(start), timeoutMs] {
            QNetworkReply* reply = start(*m_manager);
            p->reply = reply;
            auto* timer = new QTimer(reply);
            timer->setSingleShot(true);
            QObject::connect(timer, &QTimer::timeout, reply, [p, reply] {
                p->exchange.timedOut = true;
                reply->abort();
            });
            timer->start(timeoutMs);
            QObject::connect(reply, &QNetworkReply::finished, reply, [p, reply] {
                Exchange& e = p->exchange;
                if (!e.timedOut && !e.cancelled)
                    e.data = reply->readAll();
                e.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                e.error = reply->error();
                e.errorText = reply->errorString();
                p->reply = nullptr;
                reply->deleteLater();
                const std::lock_guard lock(p->mutex);
                p->done = true;
                p->finished.notify_all();
            });
        });
        std::unique_lock lock(p->mutex);
        bool abortSent = false;
        while (!p->done) {
            p->finished.wait_for(lock, std::chrono::milliseconds(25));
            if (!p->done && !abortSent && cancel && cancel->load(std::memory_order_relaxed)) {
                abortSent = true;
                QMetaObject::invokeMethod(m_context, [p] {
                    if (p->reply) {
                        p->exchange.cancelled = true;
                        p->reply->abort();
                    }
                });
            }
        }
        Exchange e = std::move(p->exchange);
        e.latencyMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begun).count();
        return e;
    }

private:
    QThread m_thread;
    QObject* m_context = nullptr; // lives in m_thread
    QNetworkAccessManager* m_manager = nullptr; // a child of m_context
};

OpenAiChatClient::OpenAiChatClient()
    : m_network(std::make_unique<NetworkThread>())
{
}

OpenAiChatClient::~OpenAiChatClient() = default;

ChatOutcome OpenAiChatClient::complete(
    const lab::RenderedPrompt& prompt, const LanguageModelSettings& settings, const std::atomic<bool>* cancel)
{
    QJsonObject body {
        { QStringLiteral("model"), QString::fromStdString(settings.model) },
        { QStringLiteral("messages"),
            QJsonArray {
                QJsonObject { { QStringLiteral("role"), QStringLiteral("system") },
                    { QStringLiteral("content"), QString::fromStdString(prompt.system) } },
                QJsonObject { { QStringLiteral("role"), QStringLiteral("user") },
                    { QStringLiteral("content"), QString::fromStdString(prompt.user) } },
            } },
        { QStringLiteral("temperature"), settings.temperature },
        { QStringLiteral("max_tokens"), settings.maxTokens },
        { QStringLiteral("stream"), false },
    };
    if (settings.jsonMode)
        body.insert(QStringLiteral("response_format"),
            QJsonObject { { QStringLiteral("type"), QStringLiteral("json_object") } });

    const QNetworkRequest r = request(endpoint(settings, "/chat/completions"), settings);
    const QByteArray payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const Exchange e
        = m_network->perform([r, payload](QNetworkAccessManager& manager) { return manager.post(r, payload); },
            settings.timeoutSeconds, cancel);
    ChatOutcome o;
    o.latencyMs = e.latencyMs;
    o.httpStatus = e.httpStatus;
    if (e.cancelled) {
        o.status = ChatOutcome::Status::Cancelled;
        o.error = "the run was cancelled during the call";
    } else if (e.timedOut || e.error == QNetworkReply::TimeoutError || e.error == QNetworkReply::ProxyTimeoutError) {
        o.status = ChatOutcome::Status::Timeout;
        o.error = "no reply from " + settings.baseUrl + " within " + lab::fixedText(settings.timeoutSeconds, 3) + " s";
    } else if (o.httpStatus >= 400) {
        o.status = ChatOutcome::Status::HttpError;
        o.error = "HTTP " + std::to_string(o.httpStatus) + " from " + settings.baseUrl + ": " + serverMessage(e.data);
    } else if (e.error != QNetworkReply::NoError) {
        o.status = unreachable(e.error) ? ChatOutcome::Status::Unreachable : ChatOutcome::Status::BadResponse;
        o.error = settings.baseUrl + ": " + e.errorText.toStdString();
    } else {
        readCompletion(e.data, o);
    }
    return o;
}

EndpointProbe probeEndpoint(const LanguageModelSettings& settings)
{
    EndpointProbe probe;
    NetworkThread network;
    const QNetworkRequest r = request(endpoint(settings, "/models"), settings);
    const Exchange e = network.perform([r](QNetworkAccessManager& manager) { return manager.get(r); },
        std::min(settings.timeoutSeconds, 10.0), nullptr);
    const QByteArray& data = e.data;
    if (e.timedOut || e.error == QNetworkReply::TimeoutError) {
        probe.message = "No answer from " + settings.baseUrl + " within the timeout.";
        return probe;
    }
    if (e.httpStatus >= 400) {
        probe.reachable = true;
        probe.message = "The server answered HTTP " + std::to_string(e.httpStatus) + ": " + serverMessage(data);
        return probe;
    }
    if (e.error != QNetworkReply::NoError) {
        probe.message = "Cannot reach " + settings.baseUrl + ": " + e.errorText.toStdString();
        return probe;
    }
    probe.reachable = true;
    const QJsonArray list = QJsonDocument::fromJson(data).object().value(QLatin1String("data")).toArray();
    for (const QJsonValue& m : list) {
        const QString id = m.toObject().value(QLatin1String("id")).toString();
        if (!id.isEmpty())
            probe.models.push_back(id.toStdString());
    }
    probe.modelServed = probe.models.empty()
        || std::find(probe.models.begin(), probe.models.end(), settings.model) != probe.models.end();
    if (probe.models.empty())
        probe.message = "Connected to " + settings.baseUrl + " (it lists no models; '" + settings.model
            + "' is assumed to be served).";
    else if (probe.modelServed)
        probe.message = "Connected to " + settings.baseUrl + ": '" + settings.model + "' is served.";
    else {
        std::string names;
        for (const std::string& m : probe.models)
            names += (names.empty() ? "" : ", ") + m;
        probe.message = "Connected, but the server does not serve '" + settings.model + "'; it serves: " + names + ".";
    }
    return probe;
}

} // namespace haggle::net
