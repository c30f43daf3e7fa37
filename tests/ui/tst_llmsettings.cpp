// LLM negotiators in the desktop lab: the settings dialog shows and returns every field, Restore Defaults restores
// them, Test Connection says what the endpoint serves (against a fake server on 127.0.0.1) or that it cannot be
// reached; the Agents dock offers the dialog for scenarios with LLM agents and applies it as one undoable edit,
// refusing impossible settings; and a run of such a scenario in the lab asks the scenario's endpoint and records every
// call.
#include "agentsdock.h"
#include "controllertesting.h"
#include "fakechatserver.h"
#include "llmsettingsdialog.h"
#include "run.h"
#include "scenariodocument.h"
#include "scenariofile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QToolButton>

using namespace haggle;
using namespace haggle::ui;
using haggle::testing::FakeChatServer;

namespace {

FakeChatServer::Response models(const FakeChatServer::Request& r)
{
    if (r.path == "/v1/models")
        return { 200, R"({"object": "list", "data": [{"id": "llama-3"}, {"id": "qwen"}]})" };
    // A chat completion that accepts whatever is on the table, or offers 1.1.
    const QString user = QJsonDocument::fromJson(r.body)
                             .object()
                             .value(u"messages")
                             .toArray()
                             .last()
                             .toObject()
                             .value(u"content")
                             .toString();
    const QString content = user.contains(u"Make an opening offer")
        ? QStringLiteral("{\"action\": \"offer\", \"price\": 1.1}")
        : user.contains(u"in an auction") ? QStringLiteral("{\"action\": \"pass\"}")
                                          : QStringLiteral("{\"action\": \"accept\"}");
    const QJsonObject message { { QStringLiteral("role"), QStringLiteral("assistant") },
        { QStringLiteral("content"), content } };
    const QJsonObject choice { { QStringLiteral("message"), message },
        { QStringLiteral("finish_reason"), QStringLiteral("stop") } };
    return { 200, QJsonDocument(QJsonObject { { QStringLiteral("choices"), QJsonArray { choice } } }).toJson() };
}

Scenario market()
{
    return lab::loadScenario(HAGGLE_SOURCE_DIR "/resources/llm/market.json");
}

} // namespace

class TestLlmSettings : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void theDialogShowsAndReturnsEveryField()
    {
        LanguageModelSettings s;
        s.baseUrl = "http://127.0.0.1:11434/v1";
        s.model = "llama3.1:8b";
        s.apiKeyEnv = "MY_KEY";
        s.prompt = "naive";
        s.fallback = "adaptive";
        s.temperature = 0.7;
        s.maxTokens = 64;
        s.timeoutSeconds = 12.5;
        s.retries = 4;
        s.jsonMode = false;
        LlmSettingsDialog dialog(s);
        QCOMPARE(dialog.settings(), s);
        dialog.setSettings(LanguageModelSettings {});
        QCOMPARE(dialog.settings(), LanguageModelSettings {});
        // The fallback chooser offers every rule strategy, never the LLM itself.
        auto* fallback = dialog.findChild<QComboBox*>(QStringLiteral("fallback"));
        QVERIFY(fallback->findText(QStringLiteral("tit-for-tat")) >= 0);
        QCOMPARE(fallback->findText(QStringLiteral("llm")), -1);
    }

    void testConnectionSaysWhatTheEndpointServes()
    {
        FakeChatServer server(models);
        LanguageModelSettings s;
        s.baseUrl = server.baseUrl().toStdString();
        s.model = "qwen";
        LlmSettingsDialog dialog(s);
        QSignalSpy finished(&dialog, &LlmSettingsDialog::testFinished);
        dialog.testConnection();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(1).toBool(), true);
        QCOMPARE(dialog.connectionLabel()->text(),
            QStringLiteral("Connected to %1: 'qwen' is served.").arg(server.baseUrl()));

        s.model = "mistral";
        dialog.setSettings(s);
        dialog.testConnection();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(1).toBool(), false);
        QVERIFY(dialog.connectionLabel()->text().contains(u"does not serve 'mistral'; it serves: llama-3, qwen"));

        QTcpServer closed;
        closed.listen(QHostAddress::LocalHost, 0);
        s.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(closed.serverPort()).toStdString();
        closed.close();
        dialog.setSettings(s);
        dialog.testConnection();
        QVERIFY(finished.wait(10000));
        QVERIFY(dialog.connectionLabel()->text().startsWith(u"Cannot reach"));
    }

    void theAgentsDockEditsTheScenariosSettings()
    {
        ScenarioDocument document;
        document.setScenario(market(), QStringLiteral("LLM market"));
        AgentsDock dock(&document);
        QVERIFY(!dock.llmButton()->isHidden());
        LanguageModelSettings s = *document.scenario().llm;
        s.model = "qwen";
        QVERIFY(dock.applyLlmSettings(s));
        QCOMPARE(document.scenario().llm->model, std::string("qwen"));
        document.undoStack()->undo();
        QCOMPARE(document.scenario().llm->model, std::string("local"));
        // Impossible settings are refused with the engine's message, and change nothing.
        QSignalSpy message(&dock, &AgentsDock::message);
        s.fallback = "llm";
        QVERIFY(!dock.applyLlmSettings(s));
        QVERIFY(message.last().at(0).toString().contains(u"not 'llm' itself"));
        QCOMPARE(document.scenario().llm->fallback, std::string("fair"));
        // A scenario without LLM agents has no LLM button.
        document.loadBuiltin(QStringLiteral("handshake"));
        QVERIFY(dock.llmButton()->isHidden());
    }

    void aRunInTheLabAsksTheEndpointAndRecordsIt()
    {
        FakeChatServer server(models);
        Scenario s = market();
        s.llm->baseUrl = server.baseUrl().toStdString();
        s.rounds = 3;
        const QString folder
            = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/llm-calls");
        QDir(folder).removeRecursively();
        Run run;
        QVERIFY(haggle::ui::testing::startOver(run, s));
        QVERIFY(haggle::ui::testing::step(run, 3));
        QVERIFY(server.requests().size() >= 3);
        const QStringList files = QDir(folder).entryList({ QStringLiteral("haggle-llm-*.jsonl") }, QDir::Files);
        QCOMPARE(files.size(), 1);
        QFile recording(QDir(folder).filePath(files.front()));
        QVERIFY(recording.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = recording.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), qsizetype(server.requests().size()) + 1); // a header, then every call
    }
};

QTEST_MAIN(TestLlmSettings)
#include "tst_llmsettings.moc"
