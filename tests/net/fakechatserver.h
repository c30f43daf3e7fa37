// A small HTTP server on 127.0.0.1 for tests of the LLM chat client: it answers each request with what a scripted
// responder returns (a status, a body, a delay, or no answer at all), on a thread of its own, and keeps the requests
// it received. It speaks just enough HTTP/1.1 for one request a connection (Content-Length bodies, Connection: close).
#pragma once

#include <QHostAddress>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <functional>
#include <map>

namespace haggle::testing {

class FakeChatServer {
public:
    struct Request {
        QByteArray method;
        QByteArray path;
        std::map<QByteArray, QByteArray> headers; // names lower-case
        QByteArray body;
    };
    struct Response {
        int status = 200;
        QByteArray body;
        int delayMs = 0;
        bool never = false; // keep the connection open and answer nothing
    };
    using Responder = std::function<Response(const Request&)>;

    explicit FakeChatServer(Responder responder)
        : m_responder(std::move(responder))
    {
        m_server = new QTcpServer;
        m_server->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
        m_thread.start();
        QMetaObject::invokeMethod(
            m_server,
            [this] {
                m_server->listen(QHostAddress::LocalHost, 0);
                m_port = m_server->serverPort();
                QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this] { accept(); });
            },
            Qt::BlockingQueuedConnection);
    }
    ~FakeChatServer()
    {
        m_thread.quit();
        m_thread.wait();
    }
    FakeChatServer(const FakeChatServer&) = delete;
    FakeChatServer& operator=(const FakeChatServer&) = delete;

    quint16 port() const { return m_port; }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1/v1").arg(m_port); }
    std::vector<Request> requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }

private:
    void accept()
    {
        while (QTcpSocket* socket = m_server->nextPendingConnection()) {
            auto* buffer = new QByteArray;
            QObject::connect(socket, &QObject::destroyed, [buffer] { delete buffer; });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                buffer->append(socket->readAll());
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                Request request;
                const QList<QByteArray> lines = buffer->left(end).split('\n');
                const QList<QByteArray> first = lines.front().trimmed().split(' ');
                request.method = first.value(0);
                request.path = first.value(1);
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    if (colon > 0)
                        request.headers[lines[i].left(colon).trimmed().toLower()] = lines[i].mid(colon + 1).trimmed();
                }
                const qsizetype length
                    = request.headers.count("content-length") ? request.headers["content-length"].toLongLong() : 0;
                if (buffer->size() < end + 4 + length)
                    return;
                request.body = buffer->mid(end + 4, length);
                buffer->clear();
                {
                    QMutexLocker lock(&m_mutex);
                    m_requests.push_back(request);
                }
                const Response response = m_responder(request);
                if (response.never)
                    return;
                QTimer::singleShot(response.delayMs, socket, [socket, response] {
                    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " Scripted\r\n";
                    out += "Content-Type: application/json\r\nConnection: close\r\n";
                    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n";
                    out += response.body;
                    socket->write(out);
                    socket->disconnectFromHost();
                });
            });
        }
    }

    Responder m_responder;
    QThread m_thread;
    QTcpServer* m_server = nullptr;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    std::vector<Request> m_requests;
};

} // namespace haggle::testing
