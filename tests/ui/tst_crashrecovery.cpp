// Crash recovery end to end: a real desktop-lab process (crashrecoverychild) edits a scenario and is killed once the
// edit is autosaved; a new window then offers the edit back. Restore brings back exactly the edited scenario, marked
// modified and tied to its file (or Untitled); Discard deletes it; a live session's autosave is never offered; a
// clean close, a save or undoing back to the saved state leaves no autosave; a corrupt autosave does not block start.
#include "agentsdock.h"
#include "agenttablemodel.h"
#include "autosavestore.h"
#include "builtinscenarios.h"
#include "mainwindow.h"
#include "scenariodocument.h"
#include "scenariofile.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace haggle;
using namespace haggle::ui;

namespace {

constexpr double EditedBudget = 4321.5;
constexpr int ChildTimeoutMs = 60000; // a cold start of a Qt Widgets process on a loaded machine

// A child session with its own home, settings and data directories, editing in `autosaveDir`.
class Child {
public:
    Child(const QTemporaryDir& home, const QString& autosaveDir, const QString& mode, const QString& scenario = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList args { autosaveDir, mode, QString::number(EditedBudget) };
        if (!scenario.isEmpty())
            args.append(scenario);
        m_process.start(QStringLiteral(CRASH_RECOVERY_CHILD), args);
    }
    ~Child()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    // The autosave file the child reported, once it exists; empty if the child died or never got there.
    QString waitForAutosave()
    {
        QByteArray out;
        QDeadlineTimer deadline(ChildTimeoutMs);
        while (!out.contains('\n') && !deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
            m_process.waitForReadyRead(100);
            out += m_process.readAllStandardOutput();
        }
        const QByteArray prefix = "autosaved ";
        return out.startsWith(prefix) ? QString::fromLocal8Bit(out.mid(prefix.size()).trimmed()) : QString();
    }

    // SIGKILL: no destructor, no close event, nothing cleaned up. Waiting reaps the process, so its pid is gone.
    bool crash()
    {
        m_process.kill();
        return m_process.waitForFinished(ChildTimeoutMs) && m_process.exitStatus() == QProcess::CrashExit;
    }

    QProcess& process() { return m_process; }

private:
    QProcess m_process;
};

Scenario edited(Scenario s)
{
    s.agents.at(0).budget = EditedBudget;
    return s;
}

QStringList autosaves(const QString& directory)
{
    return QDir(directory).entryList({ QStringLiteral("*") + AutosaveStore::Suffix }, QDir::Files);
}

struct Answers {
    QStringList questions;
    MainWindow::Recovery answer = MainWindow::Recovery::Restore;
};

void quiet(MainWindow& w, Answers* answers)
{
    w.askToSave = [](const QString&) { return QMessageBox::Discard; };
    w.showError = [](const QString&, const QString&) {};
    w.askToRestore = [answers](const QString& question) {
        answers->questions.append(question);
        return answers->answer;
    };
}

} // namespace

class TestCrashRecovery : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void killedSessionIsRestored_data()
    {
        QTest::addColumn<bool>("fromFile");
        QTest::newRow("scenario file") << true;
        QTest::newRow("untitled") << false;
    }

    void killedSessionIsRestored()
    {
        QFETCH(bool, fromFile);
        QTemporaryDir home;
        const QString autosaveDir = home.filePath(QStringLiteral("autosave"));
        const QString scenarioFile = QDir(home.path()).absoluteFilePath(QStringLiteral("market.json"));
        Scenario original;
        if (fromFile) {
            original = lab::builtinScenario("rush-hour");
            lab::saveScenario(scenarioFile.toStdString(), original);
        } else {
            ScenarioDocument fresh;
            original = fresh.scenario();
        }
        const Scenario expected = edited(original);
        QVERIFY(!(expected == original));

        Child child(home, autosaveDir, QStringLiteral("crash"), fromFile ? scenarioFile : QString());
        const QString file = child.waitForAutosave();
        QVERIFY2(!file.isEmpty(), "the child did not autosave its edit");
        QVERIFY(child.crash());
        QVERIFY(QFile::exists(file)); // a crash cleans nothing up

        Answers answers;
        MainWindow w(MainWindow::AutosaveOptions { autosaveDir, 50 });
        quiet(w, &answers);
        QVERIFY(w.offerRecovery());
        QCOMPARE(answers.questions.size(), 1);
        QVERIFY2(answers.questions[0].contains(fromFile ? QStringLiteral("market.json") : QStringLiteral("Untitled")),
            qPrintable(answers.questions[0]));
        QVERIFY(answers.questions[0].contains(QStringLiteral("closed unexpectedly")));
        QVERIFY(w.document()->scenario() == expected);
        QCOMPARE(lab::scenarioToJson(w.document()->scenario()), lab::scenarioToJson(expected));
        QVERIFY(w.document()->isModified());
        QVERIFY(w.isWindowModified());
        QCOMPARE(w.document()->filePath(), fromFile ? scenarioFile : QString());
        QCOMPARE(w.document()->displayName(), fromFile ? QStringLiteral("market.json") : QStringLiteral("Untitled"));
        // The crashed session's autosave became this session's: still recoverable should this one crash too.
        QVERIFY(!QFile::exists(file));
        QCOMPARE(autosaves(autosaveDir), QStringList { QFileInfo(w.autosaveStore()->file()).fileName() });
        // Save writes where the edit came from; nothing is left to recover.
        const QString target = fromFile ? scenarioFile : home.filePath(QStringLiteral("rescued.json"));
        QVERIFY(w.saveTo(target));
        QVERIFY(!w.document()->isModified());
        QVERIFY(lab::loadScenario(target.toStdString()) == expected);
        QCOMPARE(autosaves(autosaveDir), QStringList());
    }

    void discardDeletesTheAutosave()
    {
        QTemporaryDir home;
        const QString autosaveDir = home.filePath(QStringLiteral("autosave"));
        Child child(home, autosaveDir, QStringLiteral("crash"));
        const QString file = child.waitForAutosave();
        QVERIFY(!file.isEmpty());
        QVERIFY(child.crash());
        Answers answers;
        answers.answer = MainWindow::Recovery::Discard;
        {
            MainWindow w(MainWindow::AutosaveOptions { autosaveDir, 50 });
            quiet(w, &answers);
            QVERIFY(!w.offerRecovery());
            QCOMPARE(answers.questions.size(), 1);
            QVERIFY(!w.document()->isModified());
            QVERIFY(!QFile::exists(file));
        }
        MainWindow again(MainWindow::AutosaveOptions { autosaveDir, 50 });
        quiet(again, &answers);
        QVERIFY(!again.offerRecovery());
        QCOMPARE(answers.questions.size(), 1); // not asked again
        QCOMPARE(QDir(autosaveDir).entryList(QDir::Files | QDir::NoDotAndDotDot).size(), 1); // just its own lock
    }

    void liveSessionIsNotOfferedUntilItDies()
    {
        QTemporaryDir home;
        const QString autosaveDir = home.filePath(QStringLiteral("autosave"));
        Child child(home, autosaveDir, QStringLiteral("crash"));
        const QString file = child.waitForAutosave();
        QVERIFY(!file.isEmpty());
        Answers answers;
        answers.answer = MainWindow::Recovery::Later;
        {
            MainWindow w(MainWindow::AutosaveOptions { autosaveDir, 50 });
            quiet(w, &answers);
            QVERIFY(!w.offerRecovery());
            QCOMPARE(answers.questions.size(), 0); // its owner is alive: locked, not ours
            QVERIFY(QFile::exists(file));
            QCOMPARE(child.process().state(), QProcess::Running);
        }
        // Once its process is gone, its lock is stale and the autosave is offered; Later keeps it for next time.
        QVERIFY(child.crash());
        {
            MainWindow w(MainWindow::AutosaveOptions { autosaveDir, 50 });
            quiet(w, &answers);
            QVERIFY(!w.offerRecovery());
            QCOMPARE(answers.questions.size(), 1);
            QVERIFY(!w.document()->isModified());
        }
        QVERIFY(QFile::exists(file));
        answers.answer = MainWindow::Recovery::Discard;
        MainWindow w(MainWindow::AutosaveOptions { autosaveDir, 50 });
        quiet(w, &answers);
        QVERIFY(!w.offerRecovery());
        QCOMPARE(answers.questions.size(), 2);
        QVERIFY(!QFile::exists(file));
    }

    void cleanCloseLeavesNoAutosave()
    {
        QTemporaryDir home;
        const QString autosaveDir = home.filePath(QStringLiteral("autosave"));
        Child child(home, autosaveDir, QStringLiteral("close"));
        const QString file = child.waitForAutosave();
        QVERIFY(!file.isEmpty()); // it existed while the edit was unsaved
        QVERIFY(child.process().waitForFinished(ChildTimeoutMs));
        QCOMPARE(child.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.process().exitCode(), 0);
        QVERIFY(!QFile::exists(file));
        QCOMPARE(QDir(autosaveDir).entryList(QDir::Files | QDir::NoDotAndDotDot), QStringList());
    }

    void onlyUnsavedEditsAreAutosaved()
    {
        QTemporaryDir home;
        const QString autosaveDir = home.filePath(QStringLiteral("autosave"));
        MainWindow w(MainWindow::AutosaveOptions { autosaveDir, 50 });
        Answers answers;
        quiet(w, &answers);
        const QString file = w.autosaveStore()->file();
        w.openExample(QStringLiteral("handshake"));
        auto* model = w.agentsDock()->model();
        // An edit is autosaved; undoing back to the unmodified scenario removes it at once.
        QVERIFY(model->setData(model->index(0, AgentTableModel::BudgetColumn), 77.0));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), 5000);
        Autosave saved;
        QVERIFY(AutosaveStore::read(file, &saved, nullptr));
        QCOMPARE(saved.scenarioJson, QByteArray::fromStdString(lab::scenarioToJson(w.document()->scenario())));
        w.document()->undoStack()->undo();
        QVERIFY(!w.document()->isModified());
        QVERIFY(!QFile::exists(file));
        // Later edits rewrite it; saving removes it.
        QVERIFY(model->setData(model->index(0, AgentTableModel::BudgetColumn), 78.0));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), 5000);
        QVERIFY(model->setData(model->index(0, AgentTableModel::BudgetColumn), 79.0));
        QTRY_VERIFY_WITH_TIMEOUT(AutosaveStore::read(file, &saved, nullptr)
                && lab::parseScenario(saved.scenarioJson.toStdString(), "autosave").agents.at(0).budget == 79.0,
            5000);
        QVERIFY(w.saveTo(home.filePath(QStringLiteral("kept.json"))));
        QVERIFY(!QFile::exists(file));
        // Closing with Discard removes it too.
        QVERIFY(model->setData(model->index(0, AgentTableModel::BudgetColumn), 80.0));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), 5000);
        QVERIFY(w.close());
        QVERIFY(!QFile::exists(file));
    }

    void corruptAutosaveDoesNotBlockStart()
    {
        QTemporaryDir home;
        const QString autosaveDir = home.filePath(QStringLiteral("autosave"));
        QVERIFY(QDir().mkpath(autosaveDir));
        const QString corrupt = QDir(autosaveDir).filePath(QStringLiteral("session-broken") + AutosaveStore::Suffix);
        QFile f(corrupt);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ \"format\": \"haggle-autosave\", \"version\": 1, \"sce");
        f.close();
        Answers answers;
        MainWindow w(MainWindow::AutosaveOptions { autosaveDir, 50 });
        quiet(w, &answers);
        const Scenario before = w.document()->scenario();
        QVERIFY(!w.offerRecovery());
        QCOMPARE(answers.questions.size(), 0);
        QVERIFY(w.document()->scenario() == before);
        QVERIFY(!w.document()->isModified());
        const QString message = w.statusBar()->currentMessage();
        QVERIFY2(message.contains(QStringLiteral("could not be read")), qPrintable(message));
        QVERIFY(!QFile::exists(corrupt));
        QVERIFY(QFile::exists(corrupt + AutosaveStore::CorruptSuffix));
    }
};

QTEST_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
