// The main window end to end, offscreen: every example opens, steps, runs and pauses; edits undo; the window says
// when edits wait for a reset; bad files leave the scenario alone; unsaved changes are never lost silently;
// selection is shared between the docks; docks, View menu, shortcuts and layout reset; a second run in the same
// window leaves the first alone, and the views and controls follow the current run.
#include "agentsdock.h"
#include "agenttablemodel.h"
#include "builtinscenarios.h"
#include "chartfit.h"
#include "chartspanel.h"
#include "controllertesting.h"
#include "dealgraphview.h"
#include "exportactions.h"
#include "exportdialog.h"
#include "graphnode.h"
#include "helpmenu.h"
#include "inspectordock.h"
#include "inspectormodels.h"
#include "mainwindow.h"
#include "messagefilterproxy.h"
#include "messagelogdock.h"
#include "messagelogmodel.h"
#include "phasesummarymodel.h"
#include "policyfile.h"
#include "presentationmode.h"
#include "roundsummarymodel.h"
#include "run.h"
#include "runtodialog.h"
#include "scenariobanner.h"
#include "scenariodock.h"
#include "scenariodocument.h"
#include "scenariofile.h"
#include "settings.h"
#include "simulationcontroller.h"
#include "strategyparametersdialog.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QUrl>
#include <QXYSeries>
#include <QXmlStreamReader>

using namespace haggle;
using namespace haggle::ui;

namespace {

QAction* action(MainWindow& w, const char* name)
{
    return w.findChild<QAction*>(QString::fromLatin1(name));
}

void quiet(MainWindow& w, QMessageBox::StandardButton answer = QMessageBox::Discard)
{
    w.askToSave = [answer](const QString&) { return answer; };
    w.showError = [](const QString&, const QString&) {};
}

bool waitForRound(MainWindow& w, int round)
{
    QSignalSpy spy(w.controller(), &SimulationController::snapshot);
    while (w.controller()->round() != round) {
        if (!spy.wait(5000))
            return false;
    }
    return true;
}

// Counts the paint events a widget receives.
struct PaintCounter : QObject {
    explicit PaintCounter(QWidget* widget) { widget->installEventFilter(this); }
    bool eventFilter(QObject*, QEvent* event) override
    {
        count += event->type() == QEvent::Paint ? 1 : 0;
        return false;
    }
    int count = 0;
};

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void docksViewMenuAndShortcuts()
    {
        MainWindow w;
        quiet(w);
        const QStringList docks { QStringLiteral("agentsDock"), QStringLiteral("scenarioDock"),
            QStringLiteral("messageLogDock"), QStringLiteral("inspectorDock") };
        QMenu* view = w.findChild<QMenu*>(QStringLiteral("menuView"));
        QVERIFY(view);
        for (const QString& name : docks) {
            auto* dock = w.findChild<QDockWidget*>(name);
            QVERIFY2(dock, qPrintable(name));
            QVERIFY(view->actions().contains(dock->toggleViewAction()));
        }
        const std::pair<const char*, const char*> shortcuts[] = { { "actionReset", "Ctrl+R" }, { "actionStep", "F10" },
            { "actionStepN", "Shift+F10" }, { "actionRunPause", "F5" }, { "actionRunTo", "Ctrl+T" },
            { "actionOpen", "Ctrl+O" }, { "actionSave", "Ctrl+S" }, { "actionNew", "Ctrl+N" } };
        for (const auto& [name, keys] : shortcuts)
            QCOMPARE(action(w, name)->shortcut(), QKeySequence(QString::fromLatin1(keys)));
        // Reset layout brings a closed dock back.
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.inspectorDock()->close();
        QVERIFY(w.inspectorDock()->isHidden());
        QAction* resetLayout = nullptr;
        for (QAction* a : view->actions())
            resetLayout = a->text().contains(QStringLiteral("Layout")) ? a : resetLayout;
        QVERIFY(resetLayout);
        resetLayout->trigger();
        QVERIFY(!w.inspectorDock()->isHidden());
    }

    void everyExampleStepsRunsAndPauses_data()
    {
        QTest::addColumn<QString>("key");
        for (auto key : lab::builtinScenarioKeys())
            QTest::newRow(std::string(key).c_str()) << QString::fromStdString(std::string(key));
    }

    void everyExampleStepsRunsAndPauses()
    {
        QFETCH(QString, key);
        MainWindow w;
        quiet(w);
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(key);
        QVERIFY(reset.wait(5000));
        QCOMPARE(w.document()->scenario(), lab::builtinScenario(key.toStdString()));
        // Step N with N = 10.
        w.findChild<QSpinBox*>()->setValue(10);
        action(w, "actionStepN")->trigger();
        QVERIFY(waitForRound(w, 10));
        QTRY_COMPARE_WITH_TIMEOUT(w.roundsModel()->rowCount(), 10, 30000);
        QVERIFY(w.roundText().startsWith(QStringLiteral("Round 10 /")));
        QVERIFY(w.agentsDock()->model()->hasLive());
        if (w.controller()->scenario().demand.rules.size() > 0 && w.controller()->scenario().agents.size() > 2)
            QVERIFY(w.messageLogDock()->model()->rowCount() > 0);
        // Run, then pause (an example that ends at round 10 is extended by N = 10 first).
        if (w.controller()->isFinished()) {
            action(w, "actionExtend")->trigger();
            QTRY_COMPARE_WITH_TIMEOUT(w.controller()->latest().totalRounds, 20, 30000);
        }
        w.setSpeed(10);
        action(w, "actionRunPause")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.controller()->isRunning(), 2000);
        QCOMPARE(action(w, "actionRunPause")->text(), QStringLiteral("&Pause"));
        QVERIFY(!w.agentsDock()->model()->flags(w.agentsDock()->model()->index(0, 0)).testFlag(Qt::ItemIsEditable)
            || !w.agentsDock()->view()->editTriggers());
        QTest::qWait(150);
        action(w, "actionRunPause")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller()->isRunning(), 2000);
        QVERIFY(w.controller()->round() >= 10);
        QCOMPARE(action(w, "actionRunPause")->text(), QStringLiteral("R&un"));
        QVERIFY(w.agentsDock()->view()->editTriggers() != QAbstractItemView::NoEditTriggers);
    }

    void openingAnExampleSetsItsSpeedAndSaysWhatToWatch()
    {
        MainWindow w;
        quiet(w);
        // A new, empty scenario: how to start.
        QVERIFY(w.scenarioBanner()->isVisibleTo(&w));
        QVERIFY(w.scenarioBanner()->text().contains(QStringLiteral("File > Examples")));
        // After Full speed, an example runs at its own speed again, and says what it is and what to watch.
        for (auto key : lab::builtinScenarioKeys()) {
            const Scenario example = lab::builtinScenario(key);
            QVERIFY2(example.presentation.speed && !example.presentation.watch.empty(), key.data());
            w.setSpeed(0);
            w.openExample(QString::fromLatin1(key.data(), qsizetype(key.size())));
            QCOMPARE(w.speed(), *example.presentation.speed);
            QCOMPARE(w.controller()->speed(), *example.presentation.speed);
            const QString said = w.scenarioBanner()->text();
            QVERIFY2(said.startsWith(QString::fromStdString(example.name)), qPrintable(said));
            QVERIFY2(said.contains(QStringLiteral("Watch: ") + QString::fromStdString(example.presentation.watch)),
                qPrintable(said));
            QVERIFY(w.scenarioBanner()->toolTip().contains(
                QString::fromStdString(example.description).toHtmlEscaped().left(40)));
        }
        // Hidden by its button, back with the next scenario opened.
        w.scenarioBanner()->findChild<QToolButton*>()->click();
        QVERIFY(!w.scenarioBanner()->isVisibleTo(&w));
        w.openExample(QStringLiteral("rush-hour"));
        QVERIFY(w.scenarioBanner()->isVisibleTo(&w));
        // Full speed lasts the session: a new window starts at the default speed.
        w.setSpeed(0);
        MainWindow next;
        quiet(next);
        QCOMPARE(next.speed(), Settings::DefaultSpeed);
        w.setSpeed(5);
        MainWindow third;
        quiet(third);
        QCOMPARE(third.speed(), 5);
    }

    void chartsReadInFullAtCommonWindowSizes_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("key");
        for (const QSize size : { QSize(1280, 720), QSize(1920, 1080) }) {
            for (const char* key : { "rush-hour", "trust-fall-always", "market-1000" })
                QTest::addRow("%dx%d %s", size.width(), size.height(), key) << size << QString::fromLatin1(key);
        }
    }

    void chartsReadInFullAtCommonWindowSizes()
    {
        // With every dock open, each chart on each page of the Charts panel shows its title, axis titles, tick
        // numbers and legend in full: nothing Qt Charts had to shorten with "...".
        QFETCH(QSize, size);
        QFETCH(QString, key);
        MainWindow w;
        quiet(w);
        w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openExample(key);
        w.setSpeed(0);
        // Past any rush hour, as far as the charts' ticks and legends go; not all of a long example.
        const int rounds = std::min(w.controller()->scenario().rounds, 150);
        w.controller()->runTo(rounds);
        QTRY_COMPARE_WITH_TIMEOUT(w.controller()->round(), rounds, 120000); // generous: TSan on a busy machine
        w.showView(w.chartsPanel());
        ChartsPanel* panel = w.chartsPanel();
        auto* pages = panel->findChild<QTabWidget*>();
        QVERIFY(pages);
        QStringList seen;
        for (int page = 0; page < pages->count(); ++page) {
            pages->setCurrentIndex(page);
            w.refreshViews();
            QTest::qWait(50); // laid out, fitted to the size, laid out again
            w.refreshViews();
            QTest::qWait(50);
            for (const QString& kind : panel->shownKinds()) {
                seen.append(kind);
                const QStringList elided = charts::elidedTexts(panel->chart(kind));
                QVERIFY2(elided.isEmpty(),
                    qPrintable(QStringLiteral("%1 at %2x%3 (%4 a page, %5x%6): %7")
                                   .arg(kind)
                                   .arg(size.width())
                                   .arg(size.height())
                                   .arg(panel->chartsPerPage())
                                   .arg(panel->view(kind)->width())
                                   .arg(panel->view(kind)->height())
                                   .arg(elided.join(QStringLiteral(" | ")))));
            }
        }
        seen.sort();
        QStringList all = panel->kinds();
        all.sort();
        QCOMPARE(seen, all); // every chart is on some page
    }

    void helpListsShortcutsAndOpensTheDocumentation()
    {
        MainWindow w;
        quiet(w);
        auto* help = w.findChild<HelpMenu*>();
        QVERIFY(help);
        // The shortcuts are read from the actions themselves.
        const auto shortcuts = help->shortcuts();
        const auto has = [&](const QString& command, const QString& keys) {
            return std::find(shortcuts.begin(), shortcuts.end(), std::pair(command, keys)) != shortcuts.end();
        };
        QVERIFY(has(QStringLiteral("Simulation > Run"), QStringLiteral("F5")));
        QVERIFY(has(QStringLiteral("Simulation > Reset"), QStringLiteral("Ctrl+R")));
        QVERIFY(has(QStringLiteral("Help > Keyboard Shortcuts"), QStringLiteral("Ctrl+/")));
        QVERIFY(has(QStringLiteral("File > Export > Export All to Folder..."), QStringLiteral("Ctrl+Shift+E")));
        // The documents open from the installed copy or, in a build, the source tree.
        QUrl opened;
        help->openUrl = [&](const QUrl& url) {
            opened = url;
            return true;
        };
        help->openDocument(QStringLiteral("model.md"));
        QVERIFY2(opened.toLocalFile().endsWith(QStringLiteral("/model.md")), qPrintable(opened.toString()));
        QVERIFY(QFile::exists(opened.toLocalFile()));
        help->openDocument(QStringLiteral("no-such-guide.md"));
        QVERIFY(w.lastError().contains(QStringLiteral("looked in")));
        help->openUrl = [](const QUrl&) { return false; }; // no viewer: say where the file is
        help->openDocument(QStringLiteral("README.md"));
        QVERIFY(w.lastError().contains(QStringLiteral("README.md")));
        // Every dock and view says what it shows.
        for (QWidget* part : std::initializer_list<QWidget*> { w.agentsDock(), w.scenarioDock(), w.messageLogDock(),
                 w.inspectorDock(), w.dealGraph(), w.chartsPanel(), w.scenarioBanner() })
            QVERIFY2(!part->whatsThis().isEmpty(), part->metaObject()->className());
    }

    void aRunEndsAtItsRoundsAndSaysHowToGoOn()
    {
        MainWindow w;
        quiet(w);
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(QStringLiteral("handshake")); // 10 rounds
        QVERIFY(reset.wait(5000));
        w.findChild<QSpinBox*>()->setValue(4);
        QCOMPARE(action(w, "actionExtend")->text(), QStringLiteral("E&xtend Run by 4 Rounds"));
        w.setSpeed(0);
        action(w, "actionRunPause")->trigger();
        QVERIFY(waitForRound(w, 10));
        QTRY_VERIFY_WITH_TIMEOUT(w.roundText().endsWith(QStringLiteral("finished")), 30000);
        QVERIFY(w.statusBar()->currentMessage().startsWith(QStringLiteral("Run finished at round 10")));
        // Step, Step N and Run at the end: nothing is played, and the window says how to go on.
        for (const char* name : { "actionStep", "actionStepN", "actionRunPause" }) {
            w.statusBar()->clearMessage();
            action(w, name)->trigger();
            const QString said = w.statusBar()->currentMessage();
            QVERIFY2(said.contains(QStringLiteral("Reset (Ctrl+R)")) && said.contains(QStringLiteral("by 4 rounds")),
                qPrintable(said));
        }
        QTest::qWait(50);
        QCOMPARE(w.controller()->round(), 10);
        QVERIFY(!w.controller()->isRunning());
        // Extended by N: Step N plays on to the new end, which is the end again.
        action(w, "actionExtend")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.controller()->latest().totalRounds, 14, 30000);
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("ends at round 14")));
        QVERIFY(!w.roundText().endsWith(QStringLiteral("finished")));
        action(w, "actionStepN")->trigger();
        QVERIFY(waitForRound(w, 14));
        QTRY_VERIFY_WITH_TIMEOUT(w.roundText().endsWith(QStringLiteral("finished")), 5000);
        // Reset starts over at the scenario's own end.
        action(w, "actionReset")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.controller()->round() == 0 && w.controller()->latest().totalRounds == 10, 5000);
    }

    void runToExplainsWhatItRefuses()
    {
        RunToDialog dialog(20, 30); // at round 20 of 30
        QCOMPARE(dialog.target(), 30);
        QVERIFY(dialog.acceptable());
        QVERIFY(dialog.explanation().contains(QStringLiteral("rounds 21 to 30")));
        auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        dialog.setTarget(12);
        QVERIFY(!dialog.acceptable());
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog.explanation().contains(QStringLiteral("Round 12 has been played")));
        dialog.setTarget(20);
        QVERIFY(!ok->isEnabled());
        dialog.setTarget(45);
        QVERIFY(ok->isEnabled());
        QVERIFY(dialog.explanation().contains(QStringLiteral("extended to round 45")));
    }

    void editsWaitForResetAndUndo()
    {
        MainWindow w;
        quiet(w);
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(QStringLiteral("trust-fall-always"));
        QVERIFY(reset.wait(5000));
        action(w, "actionStep")->trigger();
        QVERIFY(waitForRound(w, 1));
        QVERIFY(!w.pendingChangesShown());
        auto* model = w.agentsDock()->model();
        QVERIFY(model->setData(model->index(0, AgentTableModel::BudgetColumn), 500.0));
        QVERIFY(w.document()->isModified());
        QVERIFY(w.windowTitle().contains(QStringLiteral("[*]")));
        QVERIFY(w.pendingChangesShown()); // the run keeps the old scenario until a reset
        QCOMPARE(w.controller()->scenario().agents[0].budget, 50.0);
        w.document()->undoStack()->undo();
        QVERIFY(!w.pendingChangesShown());
        QVERIFY(!w.document()->isModified());
        w.document()->undoStack()->redo();
        QVERIFY(w.pendingChangesShown());
        action(w, "actionReset")->trigger();
        QVERIFY(reset.wait(5000));
        QVERIFY(!w.pendingChangesShown());
        QCOMPARE(w.controller()->scenario().agents[0].budget, 500.0);
        QCOMPARE(w.controller()->round(), 0);
    }

    void badFileLeavesTheScenarioUntouched()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("broken.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ \"format\": \"haggle-scenario\", ");
        f.close();
        MainWindow w;
        QString shown;
        w.showError = [&shown](const QString&, const QString& text) { shown = text; };
        w.askToSave = [](const QString&) { return QMessageBox::Discard; };
        w.openExample(QStringLiteral("rush-hour"));
        const Scenario before = w.document()->scenario();
        QVERIFY(!w.openFile(bad));
        QVERIFY(shown.contains(QStringLiteral("broken.json")));
        QVERIFY(shown.contains(QStringLiteral("line 1")));
        QVERIFY(w.document()->scenario() == before);
        QCOMPARE(w.document()->displayName(), QStringLiteral("Rush hour"));
    }

    void unsavedChangesAreNeverLostSilently()
    {
        QTemporaryDir dir;
        MainWindow w;
        quiet(w, QMessageBox::Cancel);
        w.openExample(QStringLiteral("handshake"));
        auto* model = w.agentsDock()->model();
        QVERIFY(model->setData(model->index(0, AgentTableModel::UrgencyColumn), 0.9));
        // Cancel keeps everything.
        action(w, "actionNew")->trigger();
        QCOMPARE(w.document()->scenario().agents[0].urgency, 0.9);
        QVERIFY(!w.close());
        // Discard lets New go ahead.
        quiet(w, QMessageBox::Discard);
        action(w, "actionNew")->trigger();
        QCOMPARE(w.document()->displayName(), QStringLiteral("Untitled"));
        QVERIFY(!w.document()->isModified());
        // Saving clears the flag; the file is what the window shows.
        QVERIFY(model->setData(model->index(0, AgentTableModel::BudgetColumn), 42.0));
        const QString path = dir.filePath(QStringLiteral("saved.json"));
        QVERIFY(w.saveTo(path));
        QVERIFY(!w.document()->isModified());
        QVERIFY(w.windowTitle().startsWith(QStringLiteral("saved.json")));
        MainWindow other;
        quiet(other);
        QVERIFY(other.openFile(path));
        QCOMPARE(other.document()->scenario().agents[0].budget, 42.0);
    }

    void selectionIsSharedBetweenDocks()
    {
        MainWindow w;
        quiet(w);
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(QStringLiteral("trust-fall-always"));
        QVERIFY(reset.wait(5000));
        w.agentsDock()->view()->selectRow(5);
        QCOMPARE(w.inspectorDock()->agent(), 5);
        QVERIFY(w.inspectorDock()->summaryText().contains(QStringLiteral("cheater_mallory")));
        QCOMPARE(w.messageLogDock()->proxy() != nullptr, true);
        w.selectAgent(2);
        QCOMPARE(w.agentsDock()->currentAgent(), 2);
        QCOMPARE(w.inspectorDock()->agent(), 2);
        action(w, "actionStepN")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.inspectorDock()->summaryText().contains(QStringLiteral("Net worth")), 5000);
    }

    // A learning agent's table in the inspector, saved as a policy that loads; the message log's negotiation detail
    // places the selected message's negotiation against bargaining theory.
    void learnerTableAndNegotiationDetail()
    {
        QTemporaryDir dir;
        Scenario s = lab::builtinScenario("handshake");
        s.agents[1].strategy = { "q-learning", {}, std::nullopt };
        s.rounds = 40;
        s.presentation = {};
        const QString path = dir.filePath(QStringLiteral("learner.json"));
        lab::saveScenario(path.toStdString(), s);
        MainWindow w;
        quiet(w);
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        QVERIFY(w.openFile(path));
        QVERIFY(reset.wait(5000));
        w.selectAgent(1);
        action(w, "actionStepN")->trigger();
        LearnedTableModel* learned = w.inspectorDock()->learnedModel();
        QTRY_VERIFY_WITH_TIMEOUT(learned->rowCount() > 0, 5000);
        QVERIFY(learned->table()->episodes > 0);
        QVERIFY(w.inspectorDock()->findChild<QWidget*>(QStringLiteral("learnedPane"))->isVisibleTo(w.inspectorDock()));
        QCOMPARE(learned->headerData(LearnedTableModel::FirstActionColumn, Qt::Horizontal).toString(),
            QStringLiteral("accept"));
        const QString policy = dir.filePath(QStringLiteral("seller.policy.json"));
        QCOMPARE(w.inspectorDock()->saveLearned(policy), QString());
        QCOMPARE(lab::loadPolicy(policy.toStdString()), *learned->table());
        QCOMPARE(w.inspectorDock()->saveLearned(dir.filePath(QStringLiteral("no/such/dir/x.csv"))).isEmpty(), false);
        // The Fair buyer learns nothing: no table.
        w.selectAgent(0);
        QVERIFY(!learned->table());
        QVERIFY(!w.inspectorDock()->findChild<QWidget*>(QStringLiteral("learnedPane"))->isVisibleTo(w.inspectorDock()));
        // The first message (a REQUEST) selected: its negotiation's detail.
        MessageLogDock* log = w.messageLogDock();
        QTRY_VERIFY_WITH_TIMEOUT(log->proxy()->rowCount() > 0, 5000);
        log->view()->setCurrentIndex(log->proxy()->index(0, 0));
        const QString detail = log->negotiationDetail();
        QVERIFY2(detail.contains(QStringLiteral("fair_buyer buys from greedy_seller")), qPrintable(detail));
        QVERIFY(detail.contains(QStringLiteral("Rubinstein's SPE price 0.789")));
        QVERIFY(detail.contains(QStringLiteral("Buyer's value 1.500")));
    }

    void graphAndTableShareTheSelection()
    {
        MainWindow w;
        quiet(w);
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(QStringLiteral("trust-fall-always"));
        QVERIFY(reset.wait(5000));
        QCOMPARE(w.dealGraph()->agentCount(), 6);
        // A click in the graph selects the agent everywhere...
        emit w.dealGraph()->agentClicked(5);
        QCOMPARE(w.agentsDock()->currentAgent(), 5);
        QCOMPARE(w.inspectorDock()->agent(), 5);
        // ...and a selection in the table shows in the graph.
        w.agentsDock()->view()->selectRow(3);
        QCOMPARE(w.dealGraph()->selectedAgent(), 3);
    }

    void cheaterIsCutOffInTheGraphAndChartsFollowTheRun()
    {
        MainWindow w;
        quiet(w);
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(QStringLiteral("trust-fall-always"));
        QVERIFY(reset.wait(5000));
        w.findChild<QSpinBox*>()->setValue(30);
        action(w, "actionStepN")->trigger();
        QVERIFY(waitForRound(w, 30));
        w.showView(w.dealGraph());
        w.refreshViews();
        QVERIFY(w.dealGraph()->drawnEdgeCount() >= 5);
        QVERIFY(w.dealGraph()->isCutOff(5)); // cheater_mallory: every honest agent refuses it
        QVERIFY(!w.dealGraph()->isCutOff(0));
        // Charts draw only when on screen.
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showView(w.chartsPanel());
        w.chartsPanel()->enlarge(QStringLiteral("reputation")); // on screen whatever the window's size
        w.refreshViews();
        int points = 0;
        for (auto* series : w.chartsPanel()->chart(QStringLiteral("reputation"))->series()) {
            if (auto* xy = qobject_cast<QXYSeries*>(series))
                points = std::max(points, int(xy->count()));
        }
        QVERIFY(points >= 30); // a point per round so far
    }

    void largeGraphShowsEveryAgent()
    {
        // A thousand agents' nodes are made over a few turns of the event loop; the graph then shows every agent
        // with the run's values, without waiting for another snapshot.
        MainWindow w;
        quiet(w);
        w.showView(w.dealGraph());
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(QStringLiteral("market-1000"));
        QVERIFY(reset.wait(10000));
        const std::vector<AgentLive> agents = w.controller()->latest().agents;
        QCOMPARE(agents.size(), std::size_t(1000));
        QTRY_COMPARE_WITH_TIMEOUT(w.dealGraph()->agentCount(), 1000, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(w.dealGraph()->node(999)->live().netWorth == agents[999].netWorth, 5000);
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(w.dealGraph()->node(i)->live().netWorth, agents[std::size_t(i)].netWorth);
        // A population this large is drawn on screen without antialiasing, the charts as the graph; a small one
        // with it.
        const auto smooth = [&w] {
            return w.chartsPanel()->view(QStringLiteral("reputation"))->renderHints().testFlag(QPainter::Antialiasing);
        };
        QVERIFY(!w.dealGraph()->renderHints().testFlag(QPainter::Antialiasing));
        QVERIFY(!smooth());
        w.openExample(QStringLiteral("trust-fall-always"));
        QVERIFY(reset.wait(10000));
        QVERIFY(smooth());
    }

    void aFrameIsPaintedOnce()
    {
        // A frame updates the scene's items and paints them at once: the scene's queued handling of its changed
        // items paints, and nothing may paint the view again for the same frame.
        MainWindow w;
        quiet(w);
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(QStringLiteral("trust-fall-always"));
        QVERIFY(reset.wait(5000));
        w.showView(w.dealGraph());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        PaintCounter paints(w.dealGraph()->viewport());
        int paintsBefore = 0;
        int paintsInStep = -1;
        // Connected after the window's own handler, which draws a step's frame while handling its snapshot.
        connect(w.controller(), &SimulationController::snapshot, this, [&] {
            paintsInStep = paints.count - paintsBefore;
            paintsBefore = paints.count;
        });
        for (int round = 1; round <= 5; ++round) {
            QCoreApplication::processEvents(); // anything else pending is painted before the step
            paintsBefore = paints.count;
            action(w, "actionStep")->trigger();
            QVERIFY(waitForRound(w, round));
            QCOMPARE(paintsInStep, 1);
        }
    }

    void aSecondRunLeavesTheFirstAlone()
    {
        MainWindow w;
        quiet(w);
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(QStringLiteral("trust-fall-always"));
        QVERIFY(reset.wait(5000));
        Run* first = w.currentRun();
        action(w, "actionStep")->trigger();
        QVERIFY(waitForRound(w, 1));

        Run* second = w.addRun(lab::builtinScenario("handshake"));
        QCOMPARE(w.runs().size(), std::size_t(2));
        QCOMPARE(w.currentRun(), first); // a new run does not take over the window
        QSignalSpy started(second, &Run::startedOver);
        QVERIFY(started.wait(5000));
        second->controller()->step(4);
        QVERIFY(haggle::ui::testing::waitForRound(*second->controller(), 4));
        QCOMPARE(first->newestRound(), 1);
        QCOMPARE(w.roundsModel()->rowCount(), 1);
        QCOMPARE(w.dealGraph()->agentCount(), 6);
        QVERIFY(w.roundText().startsWith(QStringLiteral("Round 1 /")));

        // Made current, it is what every view shows and what the run controls drive.
        w.setCurrentRun(second);
        QCOMPARE(w.controller(), second->controller());
        QCOMPARE(w.roundsModel(), second->roundsModel());
        QCOMPARE(w.roundsModel()->rowCount(), 4);
        QCOMPARE(w.dealGraph()->agentCount(), int(second->scenario().agents.size()));
        QCOMPARE(w.chartsPanel()->data().roundsSeen(), qint64(4));
        QVERIFY(w.roundText().startsWith(QStringLiteral("Round 4 /")));
        action(w, "actionStep")->trigger();
        QVERIFY(waitForRound(w, 5));
        QCOMPARE(first->newestRound(), 1);
        QVERIFY(w.agentsDock()->model()->hasLive() == false); // the document is not the scenario it runs
        w.setCurrentRun(first);
        QCOMPARE(w.roundsModel()->rowCount(), 1);
        QCOMPARE(w.dealGraph()->agentCount(), 6);
        QVERIFY(w.agentsDock()->model()->hasLive()); // at once, from the run's latest state
    }

    void exportAllWritesEveryView()
    {
        QTemporaryDir dir;
        MainWindow w;
        quiet(w);
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(QStringLiteral("rush-hour"));
        QVERIFY(reset.wait(5000));
        w.findChild<QSpinBox*>()->setValue(30);
        action(w, "actionStepN")->trigger();
        QVERIFY(waitForRound(w, 30));
        QString message;
        const QStringList written = w.exportAllTo(dir.filePath(QStringLiteral("out")), { 800, 500 }, 2, &message);
        QVERIFY2(!written.isEmpty(), qPrintable(message));
        for (const char* file : { "price-convergence.png", "reputation.svg", "market-activity.csv", "wealth.png",
                 "deal-graph.png", "deal-graph.svg", "deals.graphml" }) {
            QVERIFY2(written.contains(QLatin1String(file)), file);
            QVERIFY2(QFile::exists(dir.filePath(QStringLiteral("out/")) + QLatin1String(file)), file);
        }
        QCOMPARE(QImage(dir.filePath(QStringLiteral("out/deal-graph.png"))).size(), QSize(1600, 1000));
        QFile graphml(dir.filePath(QStringLiteral("out/deals.graphml")));
        QVERIFY(graphml.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&graphml);
        int nodes = 0;
        while (!xml.atEnd())
            nodes += xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"node" ? 1 : 0;
        QVERIFY(!xml.hasError());
        QCOMPARE(nodes, 5);
        // The activity chart's data has the rush hour's band, after its provenance header.
        QFile csv(dir.filePath(QStringLiteral("out/market-activity.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray data = csv.readAll();
        const QByteArray hash = QByteArray::fromStdString(lab::scenarioHash(w.currentRun()->scenario()));
        QVERIFY(data.startsWith("# Software: Haggle " HAGGLE_VERSION "\n"));
        const QByteArray hashLine = "# Scenario-Hash: " + hash + "\n";
        QVERIFY(data.contains(hashLine));
        QVERIFY(data.contains("# Rounds: 1-30\n"));
        QVERIFY(data.contains("\nseries,x,y\n"));
        QVERIFY(data.contains("rush hour"));
        // Every picture carries it too: PNG text chunks (the deal graph's rounds: up to the timeline's cursor) and
        // the SVG's description.
        const QImage graph(dir.filePath(QStringLiteral("out/deal-graph.png")));
        QCOMPARE(graph.text(QStringLiteral("Scenario-Hash")), QString::fromLatin1(hash));
        QCOMPARE(graph.text(QStringLiteral("Rounds")), QStringLiteral("1-30"));
        QCOMPARE(graph.text(QStringLiteral("Software")), QStringLiteral("Haggle " HAGGLE_VERSION));
        QFile svg(dir.filePath(QStringLiteral("out/reputation.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray described = "Scenario-Hash: " + hash;
        QVERIFY(svg.readAll().contains(described));
    }

    // The one export dialog: a preset sets size, pixel scale and text size; editing one makes it Custom; the formats
    // follow the target; the file name follows target and format in the folder chosen. Exporting to a folder that
    // is not there makes it, and the dialog remembers where and how for next time.
    void exportDialogPresetsAndDestination()
    {
        MainWindow w;
        quiet(w);
        ChartsPanel* panel = w.chartsPanel();
        QStringList titles;
        for (const QString& kind : panel->kinds())
            titles.append(panel->title(kind));
        ExportDialog dialog(panel->kinds(), titles);
        dialog.setTarget(QStringLiteral("market-activity"));
        dialog.setPreset(ExportDialog::Preset::PaperColumn);
        QCOMPARE(dialog.look().logicalSize, QSize(600, 400));
        QCOMPARE(dialog.look().scale, 4.0);
        QCOMPARE(dialog.look().fontScale, 1.5);
        dialog.setPreset(ExportDialog::Preset::Slide);
        QCOMPARE(dialog.look().logicalSize, QSize(1600, 900));
        QCOMPARE(dialog.look().fontScale, 1.5);
        auto* width = dialog.findChildren<QSpinBox*>().value(0);
        QVERIFY(width);
        width->setValue(1700);
        QCOMPARE(dialog.preset(), ExportDialog::Preset::Custom);
        width->setValue(1600);
        QCOMPARE(dialog.preset(), ExportDialog::Preset::Slide); // the values match a preset again

        QVERIFY(dialog.formatsOffered().join(u'|').contains(QStringLiteral("CSV")));
        QVERIFY(!dialog.formatsOffered().join(u'|').contains(QStringLiteral("GraphML")));
        QTemporaryDir dir;
        dialog.setDestination(dir.filePath(QStringLiteral("figures/new/x.png")));
        dialog.setFormat(ExportDialog::Format::Svg);
        QCOMPARE(dialog.destination(), dir.filePath(QStringLiteral("figures/new/market-activity.svg")));
        dialog.setTarget(ExportDialog::graphTarget());
        QVERIFY(dialog.formatsOffered().join(u'|').contains(QStringLiteral("GraphML")));
        QCOMPARE(dialog.destination(), dir.filePath(QStringLiteral("figures/new/deal-graph.svg")));
        dialog.setTarget(ExportDialog::everythingTarget());
        QCOMPARE(dialog.destination(), dir.filePath(QStringLiteral("figures/new")));
        dialog.setDestination(QString());
        QVERIFY(!dialog.problem().isEmpty());

        // Export runs to a folder that does not exist yet; the picture has the preset's pixels.
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(QStringLiteral("rush-hour"));
        QVERIFY(reset.wait(5000));
        w.controller()->step(12);
        QVERIFY(waitForRound(w, 12));
        QString message;
        const QString png = dir.filePath(QStringLiteral("figures/new/activity.png"));
        const QStringList written = w.exportActions()->exportTo(QStringLiteral("market-activity"),
            ExportDialog::Format::Png, ExportDialog::presetLook(ExportDialog::Preset::PaperColumn), png, &message);
        QVERIFY2(written == QStringList { QStringLiteral("activity.png") }, qPrintable(message));
        QCOMPARE(QImage(png).size(), QSize(2400, 1600));
        const QString graphml = dir.filePath(QStringLiteral("other/deals.graphml"));
        QVERIFY(!w.exportActions()
                     ->exportTo(ExportDialog::graphTarget(), ExportDialog::Format::GraphML, {}, graphml, &message)
                     .isEmpty());
        QVERIFY(QFile::exists(graphml));

        // Accepting remembers the folder and the look.
        ExportDialog second(panel->kinds(), titles);
        second.setTarget(QStringLiteral("wealth"));
        second.setPreset(ExportDialog::Preset::PaperPage);
        second.setDestination(dir.filePath(QStringLiteral("kept/wealth.png")));
        second.accept();
        QCOMPARE(second.result(), int(QDialog::Accepted));
        QCOMPARE(Settings().exportDirectory(), dir.filePath(QStringLiteral("kept")));
        ExportDialog third(panel->kinds(), titles);
        QCOMPARE(third.preset(), ExportDialog::Preset::PaperPage);
        QVERIFY(third.destination().startsWith(dir.filePath(QStringLiteral("kept/"))));
    }

    // F2 on an agent's Parameters cell opens a form of the strategy's parameters (labels and units, ranges and
    // tooltips from the catalog); what it accepts is one undoable edit; a value out of range is refused.
    void parametersDialogEditsUndoablyAndRefusesOutOfRange()
    {
        MainWindow w;
        quiet(w);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openExample(QStringLiteral("trust-fall-always"));
        QTableView* table = w.agentsDock()->view();
        const int mallory = 5;
        QCOMPARE(w.document()->scenario().agents[mallory].strategy.type, std::string("cheater"));
        QCOMPARE(w.document()->scenario().agents[mallory].strategy.params.at("cheat_probability"), 1.0);
        const QModelIndex cell = table->model()->index(mallory, AgentTableModel::ParametersColumn);
        table->setFocus();

        bool seen = false;
        QString tooltip;
        QString label;
        bool refusedTyping = false;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<StrategyParametersDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            seen = true;
            auto* box = qobject_cast<QDoubleSpinBox*>(dialog->editor(QStringLiteral("cheat_probability")));
            if (!box) {
                dialog->reject();
                return;
            }
            tooltip = box->toolTip();
            for (QLabel* l : dialog->findChildren<QLabel*>())
                if (l->buddy() == box)
                    label = l->text();
            QCOMPARE(box->minimum(), 0.0);
            QCOMPARE(box->maximum(), 1.0);
            // Typing past the range is not taken: the box keeps a value in range.
            box->selectAll();
            QTest::keyClicks(box, QStringLiteral("1.7"));
            box->interpretText();
            refusedTyping = box->value() <= 1.0;
            box->setValue(0.4);
            dialog->accept();
        });
        // A click on the cell selects Mallory everywhere and keeps the cell current: F2 edits it.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(cell).center());
        QCOMPARE(table->currentIndex(), cell);
        QTest::keyClick(table, Qt::Key_F2);
        QVERIFY(seen);
        QVERIFY2(tooltip.contains(QStringLiteral("Probability of defaulting")), qPrintable(tooltip));
        QVERIFY2(tooltip.contains(QStringLiteral("From 0 to 1")), qPrintable(tooltip));
        QCOMPARE(label, QStringLiteral("cheat_probability (probability)"));
        QVERIFY(refusedTyping);
        QCOMPARE(w.document()->scenario().agents[mallory].strategy.params.at("cheat_probability"), 0.4);
        w.document()->undoStack()->undo();
        QCOMPARE(w.document()->scenario().agents[mallory].strategy.params.at("cheat_probability"), 1.0);

        // The model refuses what the form cannot produce, and says why.
        auto* model = qobject_cast<AgentTableModel*>(table->model());
        QVERIFY(model);
        QVariantMap tooMuch;
        tooMuch.insert(QStringLiteral("cheat_probability"), 1.7);
        QVERIFY(!model->setData(cell, tooMuch));
        QCOMPARE(w.document()->scenario().agents[mallory].strategy.params.at("cheat_probability"), 1.0);

        // A double-click opens it too; Cancel changes nothing and adds no undo step.
        const int steps = w.document()->undoStack()->count();
        bool cancelled = false;
        QTimer::singleShot(0, this, [&cancelled] {
            if (auto* dialog = qobject_cast<StrategyParametersDialog*>(QApplication::activeModalWidget())) {
                cancelled = true;
                dialog->reject();
            }
        });
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(cell).center());
        QVERIFY(cancelled);
        QCOMPARE(w.document()->undoStack()->count(), steps);
    }

    // Every field of the Scenario dock says what it is; a field disabled for want of something says what; while a run
    // plays, the dock says why nothing can be edited and how to go on.
    void everyScenarioFieldHasATooltip()
    {
        MainWindow w;
        quiet(w);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openExample(QStringLiteral("rush-hour")); // has a phase; nobody is reputation-aware
        ScenarioDock* dock = w.scenarioDock();
        QStringList silent;
        for (QWidget* field : dock->findChildren<QWidget*>()) {
            const bool input = qobject_cast<QLineEdit*>(field) || qobject_cast<QAbstractSpinBox*>(field)
                || qobject_cast<QComboBox*>(field) || qobject_cast<QAbstractButton*>(field)
                || qobject_cast<QAbstractItemView*>(field);
            // Line edits inside spin boxes and combo boxes, a table's headers and corner, and the dock's own title
            // buttons are parts of others.
            if (!input || qobject_cast<QAbstractSpinBox*>(field->parentWidget())
                || qobject_cast<QComboBox*>(field->parentWidget())
                || qobject_cast<QAbstractItemView*>(field->parentWidget()) || field->parentWidget() == dock)
                continue;
            if (field->toolTip().isEmpty())
                silent.append(QStringLiteral("%1 %2").arg(
                    QString::fromLatin1(field->metaObject()->className()), field->objectName()));
        }
        QVERIFY2(silent.isEmpty(), qPrintable(silent.join(QStringLiteral(", "))));
        // Disabled for want of something: says what.
        QDoubleSpinBox* trust = nullptr;
        for (QDoubleSpinBox* box : dock->findChildren<QDoubleSpinBox*>())
            if (box->toolTip().contains(QStringLiteral("reputation-aware")))
                trust = box;
        QVERIFY(trust);
        QVERIFY(!trust->isEnabled());
        QVERIFY(trust->toolTip().contains(QStringLiteral("No agent is reputation-aware")));

        QVERIFY(dock->lockedReason().isEmpty());
        w.setSpeed(1);
        w.controller()->runTo(30);
        QTRY_VERIFY(w.controller()->isRunning());
        QTRY_VERIFY(!dock->lockedReason().isEmpty());
        QVERIFY(dock->lockedReason().contains(QStringLiteral("pause it (F5)")));
        w.controller()->pause();
        QTRY_VERIFY(dock->lockedReason().isEmpty());
    }

    // F11 hides the docks, goes full screen and enlarges the charts' text; F11 again puts everything back.
    void presentationModeHidesDocksAndEnlargesText()
    {
        MainWindow w;
        quiet(w);
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        PresentationMode* mode = w.presentationMode();
        QVERIFY(mode);
        QCOMPARE(mode->action()->shortcut(), QKeySequence(Qt::Key_F11));
        QChart* chart = w.chartsPanel()->chart(QStringLiteral("market-activity"));
        const qreal titleSize = chart->titleFont().pointSizeF();
        const qreal windowFont = w.font().pointSizeF();
        QVERIFY(w.scenarioDock()->isVisible() && w.agentsDock()->isVisible());

        mode->action()->trigger();
        QVERIFY(mode->isActive());
        QVERIFY(mode->action()->isChecked());
        for (QDockWidget* dock : w.findChildren<QDockWidget*>())
            QVERIFY2(!dock->isVisible(), qPrintable(dock->objectName()));
        QVERIFY(w.windowState().testFlag(Qt::WindowFullScreen));
        QCOMPARE(chart->titleFont().pointSizeF(), titleSize * PresentationMode::FontScale);
        QVERIFY(w.font().pointSizeF() > windowFont);
        QVERIFY(w.findChild<QToolBar*>(QStringLiteral("runToolBar"))->isVisible()); // still steps and runs

        mode->action()->trigger();
        QVERIFY(!mode->isActive());
        QVERIFY(!w.windowState().testFlag(Qt::WindowFullScreen));
        QCOMPARE(chart->titleFont().pointSizeF(), titleSize);
        QCOMPARE(w.font().pointSizeF(), windowFont);
        QTRY_VERIFY(w.scenarioDock()->isVisible() && w.agentsDock()->isVisible());
    }

    // The rush-hour demo says how the rush compares with normal rounds: the Rounds tab's phase table and the banner.
    void rushHourSummaryByPhase()
    {
        MainWindow w;
        quiet(w);
        QSignalSpy reset(w.controller(), &SimulationController::resetDone);
        w.openExample(QStringLiteral("rush-hour"));
        QVERIFY(reset.wait(5000));
        w.setSpeed(0);
        w.controller()->runTo(w.controller()->scenario().rounds);
        QTRY_VERIFY_WITH_TIMEOUT(w.controller()->isFinished(), 20000);
        QTRY_COMPARE(w.currentRun()->newestRound(), 30);
        const PhaseSummaryModel* phases = w.currentRun()->phasesModel();
        QCOMPARE(phases->rowCount(), 2);
        const lab::PhaseTotals& normal = phases->totals().at(0);
        const lab::PhaseTotals& rush = phases->totals().at(1);
        QCOMPARE(normal.name, std::string("normal"));
        QCOMPARE(rush.name, std::string("rush hour"));
        QCOMPARE(normal.rounds + rush.rounds, 30);
        QCOMPARE(rush.rounds, 10);
        // The rush's claims: more negotiations a round, a lower success rate.
        QVERIFY(rush.negotiations / rush.rounds > normal.negotiations / normal.rounds);
        QVERIFY(rush.successRate() < normal.successRate());
        auto* table = w.findChild<QTableView*>(QStringLiteral("phasesView"));
        QVERIFY(table);
        QCOMPARE(table->model(), static_cast<const QAbstractItemModel*>(phases));
        QVERIFY(w.scenarioBanner()->phaseSummary().contains(QStringLiteral("rush hour ")));
        QVERIFY(w.scenarioBanner()->phaseSummary().contains(QStringLiteral("normal ")));
        // A scenario without phases says nothing of them.
        w.openExample(QStringLiteral("trust-fall-always"));
        QTRY_VERIFY(w.scenarioBanner()->phaseSummary().isEmpty());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
