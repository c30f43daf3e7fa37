// LLM negotiators in the desktop lab: the settings dialog shows and returns every field, Restore Defaults restores
// them, Test Connection says what the endpoint serves (against a fake server on 127.0.0.1) or that it cannot be
// reached; the Agents dock offers the dialog for scenarios with LLM agents and applies it as one undoable edit,
// refusing impossible settings; a run of such a scenario in the lab asks the scenario's endpoint and records every
// call; and each negotiation's conversation with the model is readable in the message log and the inspector, the call
// in progress in the status bar's indicator; the Experiments window's LLM experiments call the open scenario's
// endpoint.
#include "agentsdock.h"
#include "controllertesting.h"
#include "experimentwindow.h"
#include "fakechatserver.h"
#include "inspectordock.h"
#include "llmactivity.h"
#include "llmexchangemodel.h"
#include "llmsettingsdialog.h"
#include "llmtranscript.h"
#include "messagefilterproxy.h"
#include "messagelogdock.h"
#include "messagelogmodel.h"
#include "negotiationdetail.h"
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
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QTextBrowser>
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

    void eachNegotiationsConversationIsReadable()
    {
        FakeChatServer server(models);
        Scenario s = market();
        s.llm->baseUrl = server.baseUrl().toStdString();
        s.rounds = 2;
        const int buyer = 0;
        QCOMPARE(s.agents[buyer].id, std::string("llm_buyer_1"));
        ScenarioDocument document;
        document.setScenario(s, QStringLiteral("market"));
        Run run;
        MessageLogDock log;
        log.setRun(&run);
        InspectorDock inspector(&document);
        inspector.setRun(&run);
        inspector.setAgent(buyer);
        run.setFocus(buyer);
        LlmActivityLabel activity;
        activity.setRun(&run);
        QVERIFY(haggle::ui::testing::startOver(run, s));
        QVERIFY(run.languageModel());
        QVERIFY(!activity.isHidden());
        QVERIFY(haggle::ui::testing::step(run, 2));

        // The message log: an ACCEPT the LLM buyer sent; its detail lists the decision and links to the prompts.
        int accept = -1;
        for (int row = 0; row < log.model()->rowCount() && accept < 0; ++row) {
            const LoggedMessage& m = log.model()->messageAt(row);
            if (m.message.type == MessageType::Accept && m.message.from == AgentIndex(buyer))
                accept = row;
        }
        QVERIFY(accept >= 0);
        log.view()->setCurrentIndex(log.proxy()->mapFromSource(log.model()->index(accept, 0)));
        const QString detail = log.negotiationDetail();
        QVERIFY2(detail.contains(u"Asked of the model</b> (1 decision)"), qPrintable(detail));
        QVERIFY2(detail.contains(u"<b>llm_buyer_1</b> was asked for an answer to the partner's proposal (with "),
            qPrintable(detail));
        QVERIFY2(detail.contains(u"<b>accept</b> (1 call, "), qPrintable(detail));
        QVERIFY(detail.contains(QLatin1String(ConversationLink)));
        QWidget* window = log.openConversation();
        QVERIFY(window);
        const auto* text = window->findChild<QTextBrowser*>(QStringLiteral("llmConversationText"));
        QVERIFY(text);
        const QString conversation = text->toPlainText();
        QVERIFY2(conversation.contains(u"You are the buyer"), qPrintable(conversation));
        QVERIFY2(conversation.contains(u"{\"action\": \"accept\"}"), qPrintable(conversation));
        QVERIFY(conversation.contains(u"Attempt 1 (called"));
        delete window;

        // A message outside any LLM agent's negotiation has no conversation.
        bool ruleBased = false;
        for (int row = 0; row < log.model()->rowCount() && !ruleBased; ++row) {
            const LoggedMessage& m = log.model()->messageAt(row);
            const auto llm = [&](AgentIndex a) { return s.agents[a].strategy.type == "llm"; };
            if (m.message.type == MessageType::Offer && !llm(m.message.from) && !llm(m.message.to)) {
                ruleBased = true;
                log.view()->setCurrentIndex(log.proxy()->mapFromSource(log.model()->index(row, 0)));
                QVERIFY(log.negotiationDetail().contains(u"Negotiation"));
                QVERIFY(!log.negotiationDetail().contains(u"Asked of the model"));
                QVERIFY(!log.openConversation());
            }
        }
        QVERIFY(ruleBased);

        // The inspector: the buyer's decisions in the round shown, the first one in full.
        const auto* pane = inspector.findChild<QWidget*>(QStringLiteral("llmPane"));
        QVERIFY(pane && pane->isVisibleTo(&inspector));
        QVERIFY(inspector.llmModel()->rowCount() > 0);
        for (const auto& e : inspector.llmModel()->exchanges()) {
            QCOMPARE(e.agent, std::string("llm_buyer_1"));
            QCOMPARE(e.round, 2);
        }
        const auto* exchange = inspector.findChild<QTextBrowser*>(QStringLiteral("llmExchangeText"));
        QVERIFY(exchange->toPlainText().contains(u"Reply:"));
        // A rule-based agent has no such pane.
        inspector.setAgent(2);
        run.setFocus(2);
        QVERIFY(haggle::ui::testing::startOver(run, s));
        QVERIFY(haggle::ui::testing::step(run, 1));
        QVERIFY(!pane->isVisibleTo(&inspector));

        // The status bar's indicator counts the decisions.
        activity.refresh();
        QVERIFY2(activity.text().contains(u"LLM: idle | "), qPrintable(activity.text()));
        QVERIFY2(!activity.text().contains(u" 0 decisions"), qPrintable(activity.text()));
    }

    void aForkReplaysItsBaseRoundsWithTheirAnswers()
    {
        FakeChatServer server(models);
        Scenario s = market();
        s.llm->baseUrl = server.baseUrl().toStdString();
        s.rounds = 4;
        Run original;
        QVERIFY(haggle::ui::testing::startOver(original, s));
        QVERIFY(haggle::ui::testing::step(original, 2));
        const std::size_t calls = server.requests().size();
        QVERIFY(calls > 0);
        const auto forked = [&](Run& branch, std::shared_ptr<const lab::LlmDialogue> answers) {
            QSignalSpy started(&branch, &Run::startedOver);
            branch.fork(s, 2, s, std::move(answers));
            return started.wait(30000) && QTest::qWaitFor([&] { return branch.newestRound() == 2; }, 30000);
        };
        // Given the base run's dialogue, the branch plays rounds 1-2 again from its answers: no call.
        Run branch;
        QVERIFY(forked(branch, original.languageModel()));
        QCOMPARE(server.requests().size(), calls);
        QCOMPARE(branch.latest().stateHash, original.latest().stateHash);
        // Without it, the same fork asks the server again.
        Run unanswered;
        QVERIFY(forked(unanswered, nullptr));
        QCOMPARE(server.requests().size(), 2 * calls);
    }

    void aConversationIsTheNegotiationsAndShownAsText()
    {
        class Replies final : public lab::ChatClient {
        public:
            lab::ChatOutcome complete(
                const lab::RenderedPrompt&, const LanguageModelSettings&, const std::atomic<bool>*) override
            {
                lab::ChatOutcome o;
                o.text = R"(<img src="x"> <a href="y">deal</a> {"action": "accept"})";
                return o;
            }
        };
        lab::LlmDialogue dialogue({}, lab::PromptTemplate::load("naive"), { "b1", "s1" }, std::make_unique<Replies>());
        LlmPrompt p;
        p.question = LlmQuestion::Respond;
        p.negotiation.round = 3;
        p.negotiation.side = Side::Buyer;
        p.negotiation.self = 0;
        p.negotiation.partner = 1;
        p.negotiation.resources.gpu = 5.0;
        p.negotiation.referenceValue = 5.0;
        p.negotiation.partnerLast = 1.0;
        QVERIFY(dialogue.ask(p));
        // The same two trade the other way in the same round: another negotiation.
        p.negotiation.self = 1;
        p.negotiation.partner = 0;
        QVERIFY(dialogue.ask(p));
        const auto bought = negotiationExchanges(dialogue, 3, "b1", "s1");
        QCOMPARE(bought.size(), std::size_t(1));
        QCOMPARE(bought.front().agent, std::string("b1"));
        const auto sold = negotiationExchanges(dialogue, 3, "s1", "b1");
        QCOMPARE(sold.size(), std::size_t(1));
        QCOMPARE(sold.front().agent, std::string("s1"));
        QCOMPARE(agentExchanges(dialogue, 3, "s1").size(), std::size_t(1));
        QVERIFY(negotiationExchanges(dialogue, 2, "b1", "s1").empty());
        // The model's reply is shown as the text it is, never as markup.
        const QString html = llmExchangeHtml(bought.front());
        QVERIFY2(html.contains(u"&lt;img src=&quot;x&quot;&gt;"), qPrintable(html));
        QVERIFY(!html.contains(u"<img"));
        QVERIFY(!html.contains(u"<a href"));
    }

    void theExperimentsWindowCallsTheOpenScenariosEndpoint()
    {
        FakeChatServer server(models);
        Scenario s = market();
        s.llm->baseUrl = server.baseUrl().toStdString();
        s.llm->model = "llama-3";
        ExperimentWindow window;
        window.setLabScenario(s, QStringLiteral("LLM market"));
        QVERIFY(window.selectExperiment(QStringLiteral("haggle"), QStringLiteral("llm-handshake")));
        window.setTrials(1);
        window.run();
        QVERIFY2(
            window.statusText().contains(u"against llama-3 at " + server.baseUrl()), qPrintable(window.statusText()));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 120000);
        QCOMPARE(window.state(), ExperimentWindow::State::Finished);
        int chats = 0;
        for (const auto& r : server.requests()) {
            if (r.path != "/v1/chat/completions")
                continue;
            ++chats;
            QCOMPARE(QJsonDocument::fromJson(r.body).object().value(u"model").toString(), QStringLiteral("llama-3"));
        }
        QVERIFY(chats > 0);
    }
};

QTEST_MAIN(TestLlmSettings)
#include "tst_llmsettings.moc"
