// The edited scenario: undo and redo of every kind of edit, refusal of invalid values with the document unchanged,
// renames carried into demand rules, bad files leaving the document untouched, atomic saving and the modified flag.
#include "builtinscenarios.h"
#include "scenariodocument.h"
#include "scenariofile.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace haggle;
using namespace haggle::ui;

class TestScenarioDocument : public QObject {
    Q_OBJECT

private slots:
    void agentEditsUndoAndRedo()
    {
        ScenarioDocument doc;
        doc.loadBuiltin(QStringLiteral("trust-fall-always"));
        QVERIFY(!doc.isModified());
        const Scenario original = doc.scenario();
        QSignalSpy changed(&doc, &ScenarioDocument::agentChanged);
        AgentSpec a = doc.scenario().agents[0];
        a.budget = 75;
        QVERIFY(doc.setAgent(0, a));
        QCOMPARE(doc.scenario().agents[0].budget, 75.0);
        QCOMPARE(changed.count(), 1);
        QVERIFY(doc.isModified());
        doc.undoStack()->undo();
        QVERIFY(doc.scenario() == original);
        QVERIFY(!doc.isModified());
        doc.undoStack()->redo();
        QCOMPARE(doc.scenario().agents[0].budget, 75.0);
    }

    void invalidEditsAreRefusedAndChangeNothing_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("words");
        QTest::newRow("negative budget") << QStringLiteral("budget") << QStringLiteral("agents[1].budget");
        QTest::newRow("urgency above one") << QStringLiteral("urgency") << QStringLiteral("agents[1].urgency");
        QTest::newRow("duplicate id") << QStringLiteral("id") << QStringLiteral("duplicate");
        QTest::newRow("parameter out of range") << QStringLiteral("param") << QStringLiteral("cheat_probability");
    }

    void invalidEditsAreRefusedAndChangeNothing()
    {
        QFETCH(QString, field);
        QFETCH(QString, words);
        ScenarioDocument doc;
        doc.loadBuiltin(QStringLiteral("trust-fall-always"));
        const Scenario before = doc.scenario();
        AgentSpec a = doc.scenario().agents[1];
        if (field == u"budget")
            a.budget = -3;
        else if (field == u"urgency")
            a.urgency = 2;
        else if (field == u"id")
            a.id = doc.scenario().agents[0].id;
        else
            a.strategy = { "cheater", { { "cheat_probability", 4.0 } }, std::nullopt };
        QString error;
        QVERIFY(!doc.setAgent(1, a, &error));
        QVERIFY2(error.contains(words), qPrintable(error));
        QVERIFY(doc.scenario() == before);
        QCOMPARE(doc.undoStack()->count(), 0);
    }

    void renamingAnAgentRenamesItInTheDemand()
    {
        ScenarioDocument doc;
        doc.loadBuiltin(QStringLiteral("trust-fall-always"));
        AgentSpec mallory = doc.scenario().agents[5];
        mallory.id = "eve_the_cheat";
        QVERIFY(doc.setAgent(5, mallory));
        QCOMPARE(doc.scenario().demand.rules[1].agents[0], std::string("eve_the_cheat"));
        doc.undoStack()->undo(); // one step undoes both
        QCOMPARE(doc.scenario().demand.rules[1].agents[0], std::string("cheater_mallory"));
        QCOMPARE(doc.scenario().agents[5].id, std::string("cheater_mallory"));
    }

    void insertAndRemoveAgents()
    {
        ScenarioDocument doc;
        doc.loadBuiltin(QStringLiteral("scarcity"));
        QSignalSpy reset(&doc, &ScenarioDocument::agentsReset);
        AgentSpec extra = doc.scenario().agents[0];
        extra.id = doc.uniqueId(QString::fromStdString(extra.id)).toStdString();
        QCOMPARE(extra.id, std::string("fair_provider_2"));
        QVERIFY(doc.insertAgents(1, { extra }));
        QCOMPARE(doc.scenario().agents.size(), std::size_t(6));
        QCOMPARE(doc.scenario().agents[1].id, std::string("fair_provider_2"));
        QVERIFY(doc.removeAgents({ 0, 1 }));
        QCOMPARE(doc.scenario().agents.size(), std::size_t(4));
        QCOMPARE(doc.scenario().agents[0].id, std::string("patient_provider"));
        QCOMPARE(reset.count(), 2);
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        QVERIFY(doc.scenario() == lab::builtinScenario("scarcity"));
        // An agent named in the demand cannot be removed while it is.
        ScenarioDocument trust;
        trust.loadBuiltin(QStringLiteral("trust-fall-always"));
        QString error;
        QVERIFY(!trust.removeAgents({ 5 }, &error));
        QVERIFY(error.contains(QStringLiteral("unknown agent id")));
        QCOMPARE(trust.scenario().agents.size(), std::size_t(6));
    }

    void settingsEdits()
    {
        ScenarioDocument doc;
        doc.loadBuiltin(QStringLiteral("rush-hour"));
        Scenario s = doc.scenario();
        s.rounds = 40;
        s.seed = 7;
        s.demand.phases[0].lastRound = 25;
        QVERIFY(doc.setSettings(s, QStringLiteral("edit")));
        QCOMPARE(doc.scenario().rounds, 40);
        QCOMPARE(doc.scenario().demand.phases[0].lastRound, 25);
        Scenario bad = doc.scenario();
        bad.mechanism.params["max_turns"] = 0;
        QString error;
        QVERIFY(!doc.setSettings(bad, QStringLiteral("bad"), &error));
        QVERIFY(error.contains(QStringLiteral("max_turns")));
        doc.undoStack()->undo();
        QVERIFY(doc.scenario() == lab::builtinScenario("rush-hour"));
    }

    void badFileLeavesTheDocumentUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"haggle-scenario\", \"version\": 1, \"rounds\": \"many\"}");
        f.close();
        ScenarioDocument doc;
        doc.loadBuiltin(QStringLiteral("trust-fall-subtle"));
        AgentSpec a = doc.scenario().agents[0];
        a.budget = 1;
        QVERIFY(doc.setAgent(0, a));
        const Scenario before = doc.scenario();
        QVERIFY_THROWS_EXCEPTION(lab::ScenarioFileError, doc.loadFile(path));
        QVERIFY(doc.scenario() == before);
        QVERIFY(doc.isModified());
        QCOMPARE(doc.undoStack()->count(), 1);
    }

    void saveIsAtomicAndMarksClean()
    {
        QTemporaryDir dir;
        ScenarioDocument doc;
        doc.loadBuiltin(QStringLiteral("handshake"));
        AgentSpec a = doc.scenario().agents[0];
        a.urgency = 0.9;
        QVERIFY(doc.setAgent(0, a));
        QVERIFY(doc.isModified());
        const QString path = dir.filePath(QStringLiteral("mine.json"));
        QString error;
        QVERIFY(doc.save(path, &error));
        QVERIFY(!doc.isModified());
        QCOMPARE(doc.displayName(), QStringLiteral("mine.json"));
        QVERIFY(lab::loadScenario(path.toStdString()) == doc.scenario());
        QVERIFY(!doc.save(dir.filePath(QStringLiteral("no/such/dir/x.json")), &error));
        QVERIFY(!error.isEmpty());
        ScenarioDocument other;
        other.loadFile(path);
        QVERIFY(other.scenario() == doc.scenario());
        QCOMPARE(other.filePath(), doc.filePath());
    }

    void restoredEditsStayModifiedUntilSaved()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("market.json"));
        Scenario s = lab::builtinScenario("rush-hour");
        s.agents.at(1).budget = 321;
        ScenarioDocument doc;
        QSignalSpy fileChanged(&doc, &ScenarioDocument::fileChanged);
        doc.restoreUnsaved(s, path);
        QVERIFY(fileChanged.count() > 0);
        QVERIFY(doc.scenario() == s);
        QVERIFY(doc.isModified());
        QCOMPARE(doc.filePath(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(doc.displayName(), QStringLiteral("market.json"));
        QVERIFY(!doc.undoStack()->canUndo()); // nothing of this session to undo, and undo cannot make it "clean"
        QString error;
        QVERIFY(doc.save(doc.filePath(), &error));
        QVERIFY(!doc.isModified());
        QVERIFY(lab::loadScenario(path.toStdString()) == s);
        ScenarioDocument untitled;
        untitled.restoreUnsaved(s, QString());
        QVERIFY(untitled.isModified());
        QVERIFY(untitled.filePath().isEmpty());
        QCOMPARE(untitled.displayName(), QStringLiteral("Untitled"));
    }
};

QTEST_MAIN(TestScenarioDocument)
#include "tst_scenariodocument.moc"
