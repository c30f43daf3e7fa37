// Scenario files and the "rules" field: read, written (only when not "haggle", right after "version") and round-
// tripped; errors name the file and the JSON path (unknown rules, a Haggle-only parameter under the prototype rules, a
// prototype-only kind under Haggle's); a caller's rules override the file's; runScenario() and stateHashes() run
// either rules set, deterministically.
#include "builtinscenarios.h"
#include "runresult.h"
#include "scenariofile.h"
#include "statehashes.h"

#include <QTest>

using namespace haggle;
using namespace haggle::lab;

namespace {

std::string withRules(std::string text, const std::string& fields)
{
    const auto at = text.find("\"version\": 2,");
    return text.insert(at + 13, "\n  " + fields);
}

QString errorOf(const std::string& text, const std::optional<std::string>& rules = std::nullopt)
{
    try {
        parseScenario(text, "my.json", rules);
    } catch (const ScenarioFileError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestScenarioRules : public QObject {
    Q_OBJECT

private slots:
    void rulesRoundTrip()
    {
        Scenario s = builtinScenario("trust-fall-always");
        QCOMPARE(s.rules, std::string("haggle"));
        const std::string haggleText = scenarioToJson(s);
        QVERIFY(haggleText.find("\n  \"rules\"") == std::string::npos);
        s.rules = "prototype";
        s.mechanism = { "random-partner", { { "max_turns", 6 } } };
        s.settlement = { "transfer", {} };
        s.reputation = { "ledger", {}, {}, {} };
        s.agents[5].strategy = { "adaptive-cheater", {}, std::nullopt };
        const std::string text = scenarioToJson(s);
        QVERIFY(text.find("\"version\": 2,\n  \"rules\": \"prototype\",") != std::string::npos);
        QVERIFY(text.find("\"max_turns\": 6\n") != std::string::npos);
        QVERIFY(text.find("\"market\"") == std::string::npos);
        const Scenario back = parseScenario(text, "round-trip");
        QCOMPARE(back, s);
        QCOMPARE(scenarioToJson(back), text);
    }

    void badInputIsRefusedByPath()
    {
        const std::string text = scenarioToJson(builtinScenario("scarcity"));
        QCOMPARE(errorOf(withRules(text, "\"rules\": \"python\",")),
            QStringLiteral("my.json: rules: unknown rules 'python' (expected one of: haggle, prototype)"));
        // A Haggle-only parameter under the prototype rules.
        std::string patient = withRules(text, "\"rules\": \"prototype\",");
        const auto at = patient.find("\"type\": \"patient\",\n        \"params\": {");
        QVERIFY(at != std::string::npos);
        patient.insert(patient.find('{', at) + 1, "\"impatience\": 0.02");
        QCOMPARE(errorOf(patient),
            QStringLiteral("my.json: agents[1].strategy.params.impatience: parameter 'impatience' is not known to the "
                           "prototype rules' strategy 'patient' (known: patience)"));
        // A prototype-only kind under Haggle's rules.
        std::string llm = text;
        llm.replace(llm.find("\"type\": \"greedy\""), 16, "\"type\": \"llm-fallback\"");
        QVERIFY2(errorOf(llm).startsWith(QStringLiteral("my.json: agents[")), qPrintable(errorOf(llm)));
        QVERIFY2(errorOf(llm).contains(QStringLiteral(".strategy.type: unknown strategy 'llm-fallback'")),
            qPrintable(errorOf(llm)));
        QVERIFY2(errorOf(llm).contains(QStringLiteral("set \"rules\": \"prototype\"")), qPrintable(errorOf(llm)));
        std::string ledger = text;
        ledger.replace(ledger.find("\"model\": \"baseline\""), 19, "\"model\": \"ledger\"");
        QVERIFY2(
            errorOf(ledger).startsWith(QStringLiteral("my.json: reputation.model: ")), qPrintable(errorOf(ledger)));
        // ... which the override accepts, and the other way round.
        QCOMPARE(errorOf(llm, std::string("prototype")), QString());
        QVERIFY(errorOf(patient, std::string("haggle")).isEmpty());
        QCOMPARE(parseScenario(text, "x", std::string("prototype")).rules, std::string("prototype"));
        // A non-default market constant under the prototype rules.
        std::string premium = withRules(text, "\"rules\": \"prototype\",");
        premium.replace(premium.find("\"load_premium\": 0.5"), 19, "\"load_premium\": 0.7");
        QVERIFY2(errorOf(premium).startsWith(QStringLiteral("my.json: market.load_premium: the prototype rules")),
            qPrintable(errorOf(premium)));
    }

    void runsUnderEitherRules()
    {
        Scenario s = builtinScenario("trust-fall-always");
        const RunResult haggle = runScenario(s);
        s.rules = "prototype";
        const RunResult prototype = runScenario(s);
        QCOMPARE(prototype.rounds.size(), std::size_t(60));
        QCOMPARE(prototype.stateHashes, stateHashes(s));
        QCOMPARE(prototype.stateHashes, runScenario(s).stateHashes);
        QVERIFY(prototype.stateHashes != haggle.stateHashes);
        // exp3 part 1 under the prototype's rules: Mallory ends with 220.0 and 105 GPU hours.
        QCOMPARE(prototype.agents[5].id, std::string("cheater_mallory"));
        QCOMPARE(prototype.agents[5].budget, 220.0);
        QCOMPARE(prototype.agents[5].holdings.gpu, 105.0);
        QCOMPARE(prototype.agents[5].deals, 35);
        QCOMPARE(prototype.defaults.size(), std::size_t(35));
        QCOMPARE(prototype.agents[0].strategy, std::string("fair"));
        QVERIFY(prototype.agents[0].reputationAware);
    }
};

QTEST_APPLESS_MAIN(TestScenarioRules)
#include "tst_scenariorules.moc"
