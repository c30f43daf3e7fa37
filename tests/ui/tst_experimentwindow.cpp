// The Experiments window: an experiment runs on its worker thread and its findings, tables and charts are shown; a
// long run is cancelled and the window is runnable again; the results export as haggle-cli --out writes them; an
// experiment that throws is reported in the window; the main window opens it from Simulation > Experiments....
#include "experimentcatalog.h"
#include "experimentwindow.h"
#include "kindeditor.h"
#include "mainwindow.h"

#include <QAction>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>

using namespace haggle;
using namespace haggle::ui;

namespace {

constexpr int RunTimeout = 120000; // a debug build under sanitizers on a busy machine

// An experiment that throws once it has started, to check that the error reaches the window.
class ThrowingExperiment : public lab::Experiment {
public:
    explicit ThrowingExperiment(const Parameters& parameters)
        : Experiment(kindInfo(), parameters)
    {
    }
    static KindInfo kindInfo() { return { "test-throws", "Throws an error after its first stage", {} }; }
    lab::ExperimentResult run(const lab::ExperimentContext& context) const override
    {
        context.checkpoint(0.0, "about to fail");
        throw std::runtime_error("the market ran out of GPUs");
    }
};

} // namespace

class TestExperimentWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void listsBothCatalogs();
    void runsHandshake();
    void cancelsALongRun();
    void exportsWhatTheCliWrites();
    void reportsAnExperimentThatThrows();
    void keyboard();
    void openedFromTheMainWindow();
};

void TestExperimentWindow::listsBothCatalogs()
{
    ExperimentWindow window;
    for (const auto& e : lab::experimentCatalog().entries())
        QVERIFY(window.selectExperiment(QStringLiteral("haggle"), QString::fromUtf8(e.info.name.data())));
    QVERIFY(window.selectExperiment(QStringLiteral("prototype"), QStringLiteral("cheater-analysis")));
    QCOMPARE(window.selectedRules(), QStringLiteral("prototype"));
    QVERIFY(!window.selectExperiment(QStringLiteral("haggle"), QStringLiteral("no-such-experiment")));
    // The chosen experiment's parameters, from its KindInfo.
    QVERIFY(window.selectExperiment(QStringLiteral("haggle"), QStringLiteral("handshake")));
    QVERIFY(window.parameterEditor()->parameterBox("rounds"));
    QCOMPARE(window.parameterEditor()->spec().type, std::string("handshake"));
}

void TestExperimentWindow::runsHandshake()
{
    ExperimentWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.selectExperiment(QStringLiteral("haggle"), QStringLiteral("handshake")));
    window.setTrials(2);
    QSignalSpy ended(&window, &ExperimentWindow::runEnded);
    QTest::mouseClick(window.runButton(), Qt::LeftButton);
    QCOMPARE(window.state(), ExperimentWindow::State::Running);
    QVERIFY(!window.runButton()->isEnabled());
    QVERIFY(window.cancelButton()->isEnabled());
    // The GUI thread is free while it runs: events are processed and the window repaints.
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), RunTimeout);
    QCOMPARE(window.state(), ExperimentWindow::State::Finished);
    QVERIFY2(window.statusText().contains(QStringLiteral("finished")), qPrintable(window.statusText()));
    QVERIFY(window.result());
    QCOMPARE(window.result()->experiment, std::string("handshake"));

    // Findings: every statement shown.
    QVERIFY(!window.result()->findings.empty());
    for (const auto& f : window.result()->findings)
        QVERIFY2(window.findingsText().contains(QString::fromStdString(f.statement).left(40)), f.id.c_str());
    QVERIFY(window.findingsText().contains(QStringLiteral("trials 2")));

    // Tables: one view per table, with its rows.
    const QList<QTableView*> tables = window.tableViews();
    QCOMPARE(tables.size(), qsizetype(window.result()->tables.size()));
    QVERIFY(!tables.isEmpty());
    const auto* matrix = window.result()->table("matrix");
    QVERIFY(matrix);
    QTableView* matrixView = nullptr;
    for (QTableView* v : tables) {
        if (v->objectName() == u"matrix")
            matrixView = v;
    }
    QVERIFY(matrixView);
    QCOMPARE(matrixView->model()->rowCount(), int(matrix->rows.size()));
    QCOMPARE(matrixView->model()->columnCount(), int(matrix->columns.size()));

    // Charts: at least one, with data (handshake's exported convergence run).
    const QList<QChartView*> charts = window.chartViews();
    QVERIFY(!charts.isEmpty());
    qsizetype drawn = 0;
    for (QChartView* v : charts)
        drawn += v->chart()->series().isEmpty() ? 0 : 1;
    QVERIFY(drawn >= 1);
    QVERIFY(window.runButton()->isEnabled());
    QVERIFY(window.exportButton()->isEnabled());
}

void TestExperimentWindow::cancelsALongRun()
{
    ExperimentWindow window;
    window.show();
    QVERIFY(window.selectExperiment(QStringLiteral("haggle"), QStringLiteral("trust")));
    window.setTrials(lab::MaxTrials); // hours of work: it only ends by cancelling
    QSignalSpy ended(&window, &ExperimentWindow::runEnded);
    window.run();
    QCOMPARE(window.state(), ExperimentWindow::State::Running);
    QTest::qWait(300); // under way
    QVERIFY(ended.isEmpty());
    QTest::mouseClick(window.cancelButton(), Qt::LeftButton);
    QVERIFY(!window.cancelButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), RunTimeout);
    QCOMPARE(window.state(), ExperimentWindow::State::Cancelled);
    QVERIFY2(window.statusText().contains(QStringLiteral("cancelled")), qPrintable(window.statusText()));
    QVERIFY(!window.result());
    QVERIFY(window.runButton()->isEnabled());
    QVERIFY(!window.cancelButton()->isEnabled());

    // Runnable again, and this time to the end.
    QVERIFY(window.selectExperiment(QStringLiteral("haggle"), QStringLiteral("handshake")));
    window.setTrials(2);
    ended.clear();
    window.run();
    QCOMPARE(window.state(), ExperimentWindow::State::Running);
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), RunTimeout);
    QCOMPARE(window.state(), ExperimentWindow::State::Finished);
}

void TestExperimentWindow::exportsWhatTheCliWrites()
{
    ExperimentWindow window;
    QString error;
    QTemporaryDir dir;
    QVERIFY(!window.exportTo(dir.path(), &error)); // nothing to export yet
    QVERIFY(!error.isEmpty());
    QVERIFY(window.selectExperiment(QStringLiteral("haggle"), QStringLiteral("handshake")));
    window.setTrials(2);
    QSignalSpy ended(&window, &ExperimentWindow::runEnded);
    window.run();
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), RunTimeout);
    QCOMPARE(window.state(), ExperimentWindow::State::Finished);
    int files = 0;
    QVERIFY2(window.exportTo(dir.path(), &error, &files), qPrintable(error));
    QDir out(dir.path());
    QVERIFY(out.exists(QStringLiteral("summary.json")));
    for (const auto& t : window.result()->tables)
        QVERIFY2(out.exists(QString::fromStdString(t.name) + QStringLiteral(".csv")), t.name.c_str());
    // The exported run's files, prefixed, charts included.
    QVERIFY(out.exists(QStringLiteral("convergence-rounds.csv")));
    QVERIFY(!out.entryList({ QStringLiteral("convergence-*.png") }).isEmpty());
    QCOMPARE(files, int(out.entryList(QDir::Files).size()));
}

void TestExperimentWindow::reportsAnExperimentThatThrows()
{
    lab::registerExperiment<ThrowingExperiment>(lab::experimentCatalog());
    {
        ExperimentWindow window;
        QVERIFY(window.selectExperiment(QStringLiteral("haggle"), QStringLiteral("test-throws")));
        QSignalSpy ended(&window, &ExperimentWindow::runEnded);
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), RunTimeout);
        QCOMPARE(window.state(), ExperimentWindow::State::Failed);
        QVERIFY2(window.statusText().contains(QStringLiteral("the market ran out of GPUs")),
            qPrintable(window.statusText()));
        QVERIFY(window.findingsText().contains(QStringLiteral("the market ran out of GPUs")));
        QVERIFY(window.runButton()->isEnabled());
    }
    lab::experimentCatalog().remove("test-throws");
}

void TestExperimentWindow::keyboard()
{
    lab::registerExperiment<ThrowingExperiment>(lab::experimentCatalog());
    ExperimentWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(window.selectExperiment(QStringLiteral("haggle"), QStringLiteral("test-throws")));
    QSignalSpy ended(&window, &ExperimentWindow::runEnded);
    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier); // Ctrl+Return runs
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), RunTimeout);
    QCOMPARE(window.state(), ExperimentWindow::State::Failed);
    QTest::keyClick(&window, Qt::Key_Escape); // Esc closes
    QTRY_VERIFY(!window.isVisible());
    lab::experimentCatalog().remove("test-throws");
}

void TestExperimentWindow::openedFromTheMainWindow()
{
    MainWindow main;
    main.askToSave = [](const QString&) { return QMessageBox::Discard; };
    main.showError = [](const QString&, const QString&) {};
    auto* action = main.findChild<QAction*>(QStringLiteral("actionExperiments"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+X")));
    action->trigger();
    auto* window = main.findChild<ExperimentWindow*>();
    QVERIFY(window);
    QVERIFY(window->isVisible());
    // The heading names the experiment shown, not the sweep editor's sweep, which the lab's scenario reaches too.
    auto* title = window->findChild<QLabel*>(QStringLiteral("experimentTitle"));
    QVERIFY(title);
    QCOMPARE(window->selectedRules(), QStringLiteral("haggle"));
    QVERIFY2(title->text().endsWith(QStringLiteral("(Haggle rules)")), qPrintable(title->text()));
    window->reject();
    action->trigger(); // the same window again
    QCOMPARE(main.findChildren<ExperimentWindow*>().size(), 1);
    QVERIFY(window->isVisible());
}

QTEST_MAIN(TestExperimentWindow)
#include "tst_experimentwindow.moc"
