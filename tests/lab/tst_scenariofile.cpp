// Scenario files: exact round trips, the built-in files, and a clear error (file, JSON path, what was expected)
// for each kind of bad file; saving is atomic.
#include "builtinscenarios.h"
#include "scenariofile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <filesystem>

using namespace haggle;
using namespace haggle::lab;
using Json = nlohmann::ordered_json;

namespace {

Json baseDocument()
{
    return Json::parse(scenarioToJson(builtinScenario("trust-fall-always")));
}

QString readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestScenarioFile : public QObject {
    Q_OBJECT

private slots:
    void builtinFilesAreCanonicalAndRoundTripExactly_data()
    {
        QTest::addColumn<QString>("key");
        for (auto key : builtinScenarioKeys())
            QTest::newRow(std::string(key).c_str()) << QString::fromStdString(std::string(key));
    }

    void builtinFilesAreCanonicalAndRoundTripExactly()
    {
        QFETCH(QString, key);
        const QString path = QStringLiteral(HAGGLE_SOURCE_DIR "/resources/scenarios/") + key + u".json";
        const QString text = readFile(path);
        QVERIFY(!text.isEmpty());
        const Scenario loaded = loadScenario(path.toStdString());
        // Saving what was loaded reproduces the file byte for byte, and the embedded copy is the file.
        QCOMPARE(QString::fromStdString(scenarioToJson(loaded)), text);
        QVERIFY(builtinScenario(key.toStdString()) == loaded);
        QVERIFY(validateScenario(loaded).empty());
    }

    void everyFieldRoundTrips()
    {
        Scenario s = builtinScenario("rush-hour");
        s.description = "unicode: \xc3\xa9\xe2\x82\xac, quotes \" and \\ backslash";
        s.seed = 18446744073709551615ULL;
        s.presentation = { 0, "the \"rush\": prices" }; // 0 is full speed, not unset
        s.mechanism.params["max_turns"] = 9;
        s.market.referencePrices.perUnit = { 2.5, 0.1, 1.0 / 3.0 };
        s.market.loadPremium = 0.7;
        s.market.jobValue = 1.25;
        s.reputation.model = "baseline";
        s.reputation.params = { { "initial", 0.4 }, { "reward", 0.15 }, { "penalty", 0.6 }, { "gossip_weight", 0.2 } };
        s.reputation.pretrusted = { s.agents[1].id, s.agents[0].id };
        s.reputation.gossip = { 0.25, 3, 0.4 };
        s.events = { strategyEvent(7, s.agents[2].id, { "whitewasher", { { "patience", 4 } }, 0.35 }),
            strategyEvent(3, s.agents[0].id, { "colluder", { { "ring", 2 } }, std::nullopt }) };
        // One event of every other kind, with its optional fields.
        ScenarioEvent shock;
        shock.type = "price-shock";
        shock.round = 5;
        shock.lastRound = 9;
        shock.params = { { "gpu", 2.5 }, { "memory", 0.5 } };
        ScenarioEvent surge;
        surge.type = "demand-surge";
        surge.round = 11;
        surge.lastRound = 12;
        surge.role = "seeker";
        surge.params = { { "probability", 0.25 }, { "cpu", 3 } };
        ScenarioEvent outage;
        outage.type = "outage";
        outage.round = 2;
        outage.agent = s.agents[0].id;
        ScenarioEvent join;
        join.type = "join";
        join.round = 4;
        join.agent = s.agents[1].id;
        ScenarioEvent leave;
        leave.type = "leave";
        leave.round = 20;
        leave.lastRound = 25;
        leave.agent = s.agents[1].id;
        ScenarioEvent reset;
        reset.type = "reputation-reset";
        reset.round = 21;
        s.events.insert(s.events.end(), { shock, surge, outage, join, leave, reset });
        s.agents[0].holdings = { 1.5, 2.25, 1e-7 };
        s.agents[1].strategy.params["impatience"] = 0.05;
        s.agents[2].strategy.trustThreshold = 0.45;
        NeedRule byId;
        byId.who = NeedRule::Who::Agents;
        byId.agents = { "fair_provider", "greedy_seeker" };
        byId.count = 1;
        byId.need = { 0, 3, 4 };
        s.demand.rules.push_back(byId);
        s.mechanism = { "coalition", { { "max_turns", 9 }, { "pool_size", 3 } } };
        s.coalitions.split = SplitRule::Shapley;
        s.coalitions.cartels
            = { { { s.agents[0].id, s.agents[1].id }, { 0.25, 0.75 } }, { { s.agents[2].id, s.agents[3].id }, {} } };
        const Scenario back = parseScenario(scenarioToJson(s), "memory");
        QVERIFY(back == s);
        QCOMPARE(scenarioToJson(back), scenarioToJson(s));

        // Futures: opening contracts, under the futures mechanism and its traders.
        Scenario f = s;
        f.coalitions = {};
        f.events.clear(); // a strategy event would bring a kind that does not speak limit prices
        f.mechanism = { "futures", { { "horizon", 3 } } };
        for (AgentSpec& a : f.agents)
            a.strategy = { "zi-c", {}, {} };
        f.futures.contracts = { { f.agents[0].id, f.agents[1].id, ResourceKind::Cpu, 2.5, 0.75, 4 },
            { f.agents[2].id, f.agents[0].id, ResourceKind::Gpu, 1.0, 0.0, 1 } };
        const auto issues = validateScenario(f);
        QVERIFY2(issues.empty(), issues.empty() ? "" : issues.front().message.c_str());
        const Scenario fromText = parseScenario(scenarioToJson(f), "memory");
        QVERIFY(fromText == f);
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("words");

        const auto mutate = [](auto edit) {
            Json j = baseDocument();
            edit(j);
            return QString::fromStdString(j.dump(2));
        };
        QTest::newRow("not JSON") << QStringLiteral("{\n  \"format\": \"haggle-scenario\",\n  oops\n}")
                                  << QStringLiteral("line 3, column 3") << QStringLiteral("not valid JSON");
        QTest::newRow("empty file") << QString() << QStringLiteral("line 1, column 1")
                                    << QStringLiteral("not valid JSON");
        QTest::newRow("NaN literal") << mutate(
            [](Json&) {}).replace(QStringLiteral("\"budget\": 50.0"), QStringLiteral("\"budget\": NaN"))
                                     << QStringLiteral("line") << QStringLiteral("not valid JSON");
        QTest::newRow("number too large")
            << mutate([](Json&) {}).replace(QStringLiteral("\"budget\": 50.0"), QStringLiteral("\"budget\": 1e999"))
            << QString() << QStringLiteral("number overflow");
        QTest::newRow("not an object") << QStringLiteral("[1, 2]") << QString()
                                       << QStringLiteral("expected an object, found an array");
        QTest::newRow("wrong format") << mutate([](Json& j) { j["format"] = "csv"; }) << QStringLiteral("format")
                                      << QStringLiteral("expected \"haggle-scenario\"");
        QTest::newRow("future version") << mutate([](Json& j) { j["version"] = 3; }) << QStringLiteral("version")
                                        << QStringLiteral("unsupported version 3");
        QTest::newRow("wrong type") << mutate([](Json& j) { j["agents"][0]["budget"] = "fifty"; })
                                    << QStringLiteral("agents[0].budget")
                                    << QStringLiteral("expected a number, found string");
        QTest::newRow("unknown strategy")
            << mutate([](Json& j) { j["agents"][1]["strategy"]["type"] = "sneaky"; })
            << QStringLiteral("agents[1].strategy.type") << QStringLiteral("unknown strategy 'sneaky'");
        QTest::newRow("negative budget") << mutate([](Json& j) { j["agents"][2]["budget"] = -5; })
                                         << QStringLiteral("agents[2].budget")
                                         << QStringLiteral("expected a number in [0");
        QTest::newRow("duplicate id") << mutate([](Json& j) { j["agents"][3]["id"] = "honest_alice"; })
                                      << QStringLiteral("agents[3].id") << QStringLiteral("duplicate agent id");
        QTest::newRow("missing field") << mutate([](Json& j) { j["agents"][4].erase("strategy"); })
                                       << QStringLiteral("agents[4].strategy")
                                       << QStringLiteral("missing required field 'strategy'");
        QTest::newRow("missing rounds") << mutate([](Json& j) { j.erase("rounds"); }) << QStringLiteral("rounds")
                                        << QStringLiteral("missing required field");
        QTest::newRow("presentation speed") << mutate([](Json& j) { j["presentation"]["speed"] = 5000; })
                                            << QStringLiteral("presentation.speed") << QStringLiteral("in [0, 1000]");
        QTest::newRow("presentation field") << mutate([](Json& j) { j["presentation"]["sound"] = true; })
                                            << QStringLiteral("presentation") << QStringLiteral("sound");
        QTest::newRow("absurd rounds") << mutate([](Json& j) { j["rounds"] = 1e12; }) << QStringLiteral("rounds")
                                       << QStringLiteral("expected a whole number");
        QTest::newRow("absurd turns") << mutate([](Json& j) { j["mechanism"]["params"]["max_turns"] = 5000000; })
                                      << QStringLiteral("mechanism.params.max_turns") << QStringLiteral("in [1, 1000]");
        QTest::newRow("fractional turns")
            << mutate([](Json& j) { j["mechanism"]["params"]["max_turns"] = 2.5; })
            << QStringLiteral("mechanism.params.max_turns") << QStringLiteral("whole number");
        QTest::newRow("unknown mechanism")
            << mutate([](Json& j) { j["mechanism"]["type"] = "cda"; }) << QStringLiteral("mechanism.type")
            << QStringLiteral("unknown mechanism 'cda' (expected one of: bilateral, double-auction,");
        QTest::newRow("unknown settlement parameter")
            << mutate([](Json& j) { j["settlement"]["params"]["escrow"] = 1; })
            << QStringLiteral("settlement.params.escrow") << QStringLiteral("unknown parameter 'escrow'");
        QTest::newRow("turn limit at the top in version 2")
            << mutate([](Json& j) { j["max_turns"] = 6; }) << QStringLiteral("max_turns")
            << QStringLiteral("mechanism.params.max_turns");
        QTest::newRow("mechanism section in version 1")
            << mutate([](Json& j) { j["version"] = 1; }) << QStringLiteral("mechanism")
            << QStringLiteral("version-2 section in a version-1 file");
        QTest::newRow("parameter far out of range")
            << mutate([](Json& j) { j["mechanism"]["params"]["max_turns"] = 1e20; })
            << QStringLiteral("mechanism.params.max_turns") << QStringLiteral("in [1, 1000]");
        QTest::newRow("reputation out of range")
            << mutate([](Json& j) { j["reputation"]["params"]["reward"] = 1.5; })
            << QStringLiteral("reputation.params.reward") << QStringLiteral("in [0, 1]");
        QTest::newRow("huge amount") << mutate([](Json& j) { j["agents"][0]["holdings"]["gpu"] = 1e300; })
                                     << QStringLiteral("agents[0].holdings.gpu")
                                     << QStringLiteral("expected a number in");
        QTest::newRow("long id") << mutate([](Json& j) { j["agents"][0]["id"] = std::string(300, 'x'); })
                                 << QStringLiteral("agents[0].id") << QStringLiteral("at most 256 characters");
        QTest::newRow("unknown field") << mutate([](Json& j) { j["agents"][0]["budgte"] = 3; })
                                       << QStringLiteral("agents[0].budgte")
                                       << QStringLiteral("unknown field 'budgte'");
        QTest::newRow("parameter out of range")
            << mutate([](Json& j) { j["agents"][5]["strategy"]["params"]["cheat_probability"] = 3; })
            << QStringLiteral("agents[5].strategy.params.cheat_probability") << QStringLiteral("[0, 1]");
        QTest::newRow("urgency above 1") << mutate([](Json& j) { j["agents"][0]["urgency"] = 1.5; })
                                         << QStringLiteral("agents[0].urgency") << QStringLiteral("[0, 1]");
        QTest::newRow("unknown id in demand")
            << mutate([](Json& j) { j["demand"]["rules"][1]["agents"][0] = "zed"; })
            << QStringLiteral("demand.rules[1].agents[0]") << QStringLiteral("unknown agent id 'zed'");
        QTest::newRow("overlapping phases") << mutate([](Json& j) {
            const Json phase { { "name", "p" }, { "first_round", 3 }, { "last_round", 9 }, { "rules", Json::array() } };
            j["demand"]["phases"] = Json::array({ phase, phase });
        }) << QStringLiteral("demand.phases[1]")
                                            << QStringLiteral("overlaps");
        QTest::newRow("negative seed") << mutate([](Json& j) { j["seed"] = -1; }) << QStringLiteral("seed")
                                       << QStringLiteral("whole number");
        QTest::newRow("one agent") << mutate([](Json& j) { j["agents"] = Json::array({ j["agents"][0] }); })
                                   << QStringLiteral("agents") << QStringLiteral("at least 2 agents");
        QString deep = QStringLiteral("{\"format\": ");
        for (int i = 0; i < 100; ++i)
            deep += u'[';
        QTest::newRow("deep nesting") << deep << QString() << QStringLiteral("nesting deeper than 32");
        QTest::newRow("unknown reputation model")
            << mutate([](Json& j) { j["reputation"]["model"] = "pagerank"; }) << QStringLiteral("reputation.model")
            << QStringLiteral("unknown reputation model");
        QTest::newRow("beta forgetting below 0") << mutate([](Json& j) {
            j["reputation"] = Json::parse(R"({"model":"beta","params":{"forgetting":-0.1}})");
        }) << QStringLiteral("reputation.params.forgetting")
                                                 << QStringLiteral("in [0, 1]");
        QTest::newRow("eigentrust a above 1") << mutate([](Json& j) {
            j["reputation"] = Json::parse(R"({"model":"eigentrust","params":{"a":1.5},"pretrusted":["honest_alice"]})");
        }) << QStringLiteral("reputation.params.a")
                                              << QStringLiteral("in [0, 1]");
        QTest::newRow("beta priors adding up to 0") << mutate([](Json& j) {
            j["reputation"] = Json::parse(R"({"model":"beta","params":{"prior_positive":0,"prior_negative":0}})");
        }) << QStringLiteral("reputation.params.prior_negative")
                                                    << QStringLiteral("must be above 0");
        QTest::newRow("gossip below above 1")
            << mutate([](Json& j) { j["reputation"]["gossip"] = Json::parse(R"({"probability":0.3,"below":1.2})"); })
            << QStringLiteral("reputation.gossip.below") << QStringLiteral("in [0, 1]");
        const auto coalitions = [&](const char* section) {
            return mutate([section](Json& j) {
                j["mechanism"] = Json { { "type", "coalition" } };
                j["coalitions"] = Json::parse(section);
            });
        };
        QTest::newRow("unknown split rule") << coalitions(R"({"split":"nash"})") << QStringLiteral("coalitions.split")
                                            << QStringLiteral("unknown split rule 'nash'");
        QTest::newRow("shares not summing to one")
            << coalitions(R"({"cartels":[{"members":["honest_alice","honest_bob"],"shares":[0.5,0.6]}]})")
            << QStringLiteral("coalitions.cartels[0].shares") << QStringLiteral("sum to 1.1, not 1");
        QTest::newRow("a negative share")
            << coalitions(R"({"cartels":[{"members":["honest_alice","honest_bob"],"shares":[1.5,-0.5]}]})")
            << QStringLiteral("coalitions.cartels[0].shares[0]") << QStringLiteral("a share in [0, 1]");
        QTest::newRow("a share per member")
            << coalitions(R"({"cartels":[{"members":["honest_alice","honest_bob"],"shares":[1]}]})")
            << QStringLiteral("coalitions.cartels[0].shares") << QStringLiteral("one share per member (2), found 1");
        QTest::newRow("unknown cartel member")
            << coalitions(R"({"cartels":[{"members":["honest_alice","mallory"]}]})")
            << QStringLiteral("coalitions.cartels[0].members[1]") << QStringLiteral("unknown agent 'mallory'");
        QTest::newRow("a member in two cartels")
            << coalitions(R"({"cartels":[{"members":["honest_alice","honest_bob"]},
                                         {"members":["honest_carol","honest_alice"]}]})")
            << QStringLiteral("coalitions.cartels[1].members[1]") << QStringLiteral("in a cartel already");
        QTest::newRow("a cartel of one") << coalitions(R"({"cartels":[{"members":["honest_alice"]}]})")
                                         << QStringLiteral("coalitions.cartels[0].members")
                                         << QStringLiteral("at least 2 members");
        QTest::newRow("cartels without the coalition mechanism") << mutate([](Json& j) {
            j["coalitions"] = Json::parse(R"({"cartels":[{"members":["honest_alice","honest_bob"]}]})");
        }) << QStringLiteral("coalitions.cartels") << QStringLiteral("need the coalition mechanism");
        QTest::newRow("coalitions as a list") << mutate([](Json& j) { j["coalitions"] = Json::array(); })
                                              << QStringLiteral("coalitions") << QStringLiteral("object");
        // Futures: every agent a truthful trader (the futures mechanism's protocol), one contract as given.
        const auto futures = [&](const char* contract, const char* mechanism = "futures") {
            return mutate([contract, mechanism](Json& j) {
                j["mechanism"] = Json { { "type", mechanism } };
                for (Json& a : j["agents"])
                    a["strategy"] = Json { { "type", "truthful" } };
                j["futures"] = Json { { "contracts", Json::array({ Json::parse(contract) }) } };
            });
        };
        QTest::newRow("delivery in the past")
            << futures(R"({"buyer":"honest_alice","seller":"honest_bob","quantity":1,"unit_price":1,
                           "delivery_round":0})")
            << QStringLiteral("futures.contracts[0].delivery_round") << QStringLiteral("delivery in the past");
        QTest::newRow("delivery after the run")
            << futures(R"({"buyer":"honest_alice","seller":"honest_bob","quantity":1,"unit_price":1,
                           "delivery_round":100000})")
            << QStringLiteral("futures.contracts[0].delivery_round") << QStringLiteral("never be delivered");
        QTest::newRow("a negative price")
            << futures(R"({"buyer":"honest_alice","seller":"honest_bob","quantity":1,"unit_price":-1,
                           "delivery_round":3})")
            << QStringLiteral("futures.contracts[0].unit_price") << QStringLiteral("a price >= 0, found -1");
        QTest::newRow("a contract for nothing")
            << futures(R"({"buyer":"honest_alice","seller":"honest_bob","quantity":0,"unit_price":1,
                           "delivery_round":3})")
            << QStringLiteral("futures.contracts[0].quantity") << QStringLiteral("a quantity > 0");
        QTest::newRow("an unknown seller")
            << futures(R"({"buyer":"honest_alice","seller":"mallory","quantity":1,"unit_price":1,"delivery_round":3})")
            << QStringLiteral("futures.contracts[0].seller") << QStringLiteral("unknown agent 'mallory'");
        QTest::newRow("selling to itself")
            << futures(
                   R"({"buyer":"honest_alice","seller":"honest_alice","quantity":1,"unit_price":1,"delivery_round":3})")
            << QStringLiteral("futures.contracts[0].seller") << QStringLiteral("the seller is the buyer");
        QTest::newRow("an unknown resource")
            << futures(R"({"buyer":"honest_alice","seller":"honest_bob","resource":"tpu","quantity":1,
                           "unit_price":1,"delivery_round":3})")
            << QStringLiteral("futures.contracts[0].resource") << QStringLiteral("unknown resource 'tpu'");
        QTest::newRow("contracts beyond the budget")
            << futures(R"({"buyer":"honest_alice","seller":"honest_bob","quantity":1e9,"unit_price":1,
                           "delivery_round":3})")
            << QStringLiteral("futures.contracts") << QStringLiteral("more than its budget");
        QTest::newRow("contracts without the futures mechanism")
            << futures(R"({"buyer":"honest_alice","seller":"honest_bob","quantity":1,"unit_price":1,
                           "delivery_round":3})",
                   "double-auction")
            << QStringLiteral("futures.contracts") << QStringLiteral("need the futures mechanism");
        const auto llm = [&](const char* block) { return mutate([block](Json& j) { j["llm"] = Json::parse(block); }); };
        QTest::newRow("an LLM timeout of 0") << llm(R"({"timeout": 0})") << QStringLiteral("llm.timeout")
                                             << QStringLiteral("expected seconds in (0, 3600], found 0");
        QTest::newRow("an LLM fallback that is an LLM")
            << llm(R"({"fallback": "llm"})") << QStringLiteral("llm.fallback")
            << QStringLiteral("the fallback must be a rule strategy, not 'llm' itself");
        QTest::newRow("an unknown LLM fallback") << llm(R"({"fallback": "smart"})") << QStringLiteral("llm.fallback")
                                                 << QStringLiteral("unknown strategy 'smart'");
        QTest::newRow("an API key in the scenario")
            << llm(R"({"api_key_env": "sk-123 456"})") << QStringLiteral("llm.api_key_env")
            << QStringLiteral("(the key itself never goes in a scenario)");
        QTest::newRow("an LLM endpoint that is not HTTP")
            << llm(R"({"base_url": "localhost:8080"})") << QStringLiteral("llm.base_url")
            << QStringLiteral("expected an http:// or https:// address");
        QTest::newRow("LLM retries beyond 10") << llm(R"({"retries": 11})") << QStringLiteral("llm.retries")
                                               << QStringLiteral("a whole number in [0, 10]");
        QTest::newRow("an unknown LLM field")
            << llm(R"({"key": "sk-1"})") << QStringLiteral("llm") << QStringLiteral("key");
        QTest::newRow("a prompt template that is not there")
            << llm(R"({"prompt": "no-such.prompt"})") << QStringLiteral("llm.prompt")
            << QStringLiteral("neither a shipped variant (engineered, naive) nor a template file that can be read");
        QTest::newRow("json_mode as text") << llm(R"({"json_mode": "yes"})") << QStringLiteral("llm.json_mode")
                                           << QStringLiteral("expected true or false");
        QTest::newRow("eigentrust without pretrusted")
            << mutate([](Json& j) { j["reputation"] = Json::parse(R"({"model":"eigentrust"})"); })
            << QStringLiteral("reputation.pretrusted") << QStringLiteral("at least one pre-trusted peer");
    }

    // A version-1 file (the turn limit at the top, the baseline model's constants beside its name) loads as the
    // same scenario written in version 2, and saving it writes version 2.
    void formatOneFilesStillLoad()
    {
        const QString path = QStringLiteral(HAGGLE_SOURCE_DIR "/resources/scenarios/rush-hour.json");
        Json v1 = Json::parse(readFile(path).toStdString());
        v1["version"] = 1;
        v1.erase("mechanism");
        v1.erase("settlement");
        v1["max_turns"] = 9;
        v1["reputation"] = Json { { "model", "baseline" }, { "reward", 0.2 }, { "gossip_weight", 0.25 } };
        const Scenario loaded = parseScenario(v1.dump(), "v1.json");
        Scenario expected = builtinScenario("rush-hour");
        expected.mechanism.params = { { "max_turns", 9.0 } };
        expected.reputation.params = { { "reward", 0.2 }, { "gossip_weight", 0.25 } };
        QVERIFY(loaded == expected);
        QVERIFY(QString::fromStdString(scenarioToJson(loaded)).contains(QStringLiteral("\"version\": 2")));
        QVERIFY(parseScenario(scenarioToJson(loaded), "v2.json") == loaded);
        // Version 1's error paths stay where version 1 has its fields.
        v1["reputation"]["penalty"] = 3.0;
        try {
            parseScenario(v1.dump(), "v1.json");
            QFAIL("an out-of-range penalty was accepted");
        } catch (const ScenarioFileError& e) {
            QCOMPARE(QString::fromStdString(e.path()), QStringLiteral("reputation.penalty"));
        }
    }

    void badFiles()
    {
        QFETCH(QString, text);
        QFETCH(QString, path);
        QFETCH(QString, words);
        try {
            parseScenario(text.toStdString(), "bad.json");
            QFAIL("a bad file was accepted");
        } catch (const ScenarioFileError& e) {
            const QString what = QString::fromStdString(e.what());
            QCOMPARE(QString::fromStdString(e.file()), QStringLiteral("bad.json"));
            QVERIFY2(QString::fromStdString(e.path()).startsWith(path), qPrintable(what));
            QVERIFY2(what.contains(words), qPrintable(what));
            QVERIFY(what.startsWith(QStringLiteral("bad.json: ")));
        }
    }

    // The LLM block round-trips every field, and a scenario without one writes none.
    void languageModelSettingsRoundTrip()
    {
        Scenario s = loadScenario(HAGGLE_SOURCE_DIR "/resources/llm/market.json");
        QVERIFY(s.llm.has_value());
        s.llm->baseUrl = "https://example.org/v1";
        s.llm->model = "qwen2.5:7b";
        s.llm->apiKeyEnv = "MY_KEY";
        s.llm->prompt = "naive";
        s.llm->fallback = "adaptive";
        s.llm->temperature = 0.7;
        s.llm->maxTokens = 64;
        s.llm->timeoutSeconds = 12.5;
        s.llm->retries = 0;
        s.llm->jsonMode = false;
        QVERIFY(parseScenario(scenarioToJson(s), "llm.json") == s);
        Scenario none = builtinScenario("handshake");
        QVERIFY(!none.llm);
        QVERIFY(!QString::fromStdString(scenarioToJson(none)).contains(QStringLiteral("\"llm\"")));
    }

    void missingFileIsAnError()
    {
        try {
            loadScenario("/nonexistent/scenario.json");
            QFAIL("a missing file was accepted");
        } catch (const ScenarioFileError& e) {
            QCOMPARE(QString::fromStdString(e.file()), QStringLiteral("/nonexistent/scenario.json"));
            QVERIFY(QString::fromStdString(e.message()).contains(QStringLiteral("cannot read")));
        }
    }

    void savingIsAtomicAndLeavesNoTemporaryFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path file = dir.filePath(QStringLiteral("s.json")).toStdString();
        const Scenario first = builtinScenario("handshake");
        saveScenario(file, first);
        Scenario second = builtinScenario("scarcity");
        saveScenario(file, second);
        QVERIFY(loadScenario(file) == second);
        QCOMPARE(std::distance(std::filesystem::directory_iterator(dir.path().toStdString()),
                     std::filesystem::directory_iterator {}),
            1);
        // Writing into a directory that does not exist fails cleanly and creates nothing.
        const std::filesystem::path nowhere = dir.filePath(QStringLiteral("missing/s.json")).toStdString();
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, saveScenario(nowhere, first));
        QVERIFY(!std::filesystem::exists(nowhere.parent_path()));
    }

    void unknownBuiltinIsNamed()
    {
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, builtinScenario("nope"));
        QCOMPARE(builtinScenarioKeys().size(), std::size_t(17)); // 14 under Haggle's rules, 3 under the prototype's
    }
};

QTEST_GUILESS_MAIN(TestScenarioFile)
#include "tst_scenariofile.moc"
