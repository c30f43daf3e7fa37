// Sweeps in the Experiments window: the example sweeps are listed and load into the editor; a new sweep of the lab's
// scenario picks a catalog parameter, runs on the runner's thread and gives the numbers the CLI's runner stores; bad
// axes are refused before anything runs, naming the axis; a cancelled sweep keeps its runs and the next Run finishes
// it; a click on a heatmap cell opens that setting's scenario in the main window; Export... writes the charts, the CSV
// and the SQLite file; Examples > Sweeps opens the window on an example.
#include "builtinscenarios.h"
#include "chartbuilder.h"
#include "experimentwindow.h"
#include "mainwindow.h"
#include "scenariodocument.h"
#include "scenariofile.h"
#include "sweep.h"
#include "sweepeditor.h"
#include "sweepreport.h"
#include "sweeprunner.h"
#include "sweepstore.h"

#include <QAbstractButton>
#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>

using namespace haggle;
using namespace haggle::ui;

namespace {

constexpr int RunTimeout = 240000; // a debug build under sanitizers on a busy machine
const QString Sweeps = QString::fromLatin1(ExperimentWindow::SweepGroup);

// The settings table's means, by (setting, metric), as text: what two runs of one sweep must share.
std::map<std::pair<long long, std::string>, double> means(const lab::ExperimentResult& report)
{
    std::map<std::pair<long long, std::string>, double> out;
    const lab::ResultTable* table = report.table("settings");
    if (!table)
        return out;
    for (std::size_t r = 0; r < table->rows.size(); ++r)
        out[{ static_cast<long long>(lab::cellNumber(table->at(r, "setting"))), lab::cellText(table->at(r, "metric")) }]
            = lab::cellNumber(table->at(r, "mean"));
    return out;
}

// A new sweep of the handshake pair over the seller's greed factor and the buyer's urgency, into `file`.
void setUpGreedSweep(ExperimentWindow& window, const QString& file, int trials)
{
    window.setLabScenario(lab::builtinScenario("handshake"), QStringLiteral("Handshake"));
    QVERIFY(window.selectExperiment(Sweeps, QString()));
    SweepEditor* editor = window.sweepEditor();
    QVERIFY(editor->chooseParameter(QStringLiteral("greedy_seller: strategy.params.greed_factor")));
    editor->setAxisValues(QStringLiteral("0:0.6:0.2"));
    editor->addAxis();
    QVERIFY(editor->chooseParameter(QStringLiteral("fair_buyer: urgency")));
    editor->setAxisValues(QStringLiteral("0.2, 0.8"));
    editor->setTrials(trials);
    editor->setMetrics({ QStringLiteral("deals"), QStringLiteral("mean_price") });
    editor->setResultsFile(file);
}

} // namespace

class TestSweepWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void listsTheExampleSweeps();
    void offersTheCatalogsParameters();
    void runsANewSweepAsTheCliDoes();
    void refusesBadAxesBeforeRunning();
    void cancelKeepsRunsAndRunResumes();
    void aClickedCellOpensItsSetting();
    void exportsChartsCsvAndTheResultsFile();
    void examplesMenuOpensASweep();
    void mnemonicsAreUnique();
};

void TestSweepWindow::listsTheExampleSweeps()
{
    ExperimentWindow window;
    QVERIFY(!lab::builtinSweeps().empty());
    for (const auto& sweep : lab::builtinSweeps()) {
        QVERIFY(window.selectExperiment(Sweeps, QString::fromUtf8(sweep.key.data(), qsizetype(sweep.key.size()))));
        const lab::SweepSpec spec = lab::loadSweep("builtin:" + std::string(sweep.key));
        QCOMPARE(window.sweepEditor()->axisCount(), static_cast<int>(spec.axes.size()));
        QCOMPARE(window.sweepEditor()->sweepName(), QString::fromStdString(spec.name));
        // The form gives back the same sweep: the same hash, so the same results file resumes it.
        QCOMPARE(window.sweepEditor()->plan()->spec().hash(), spec.hash());
    }
    QVERIFY(window.selectExperiment(Sweeps, QStringLiteral("cheat-rate-x-threshold")));
    QTRY_VERIFY(window.sweepEditor()->summaryText().contains(QStringLiteral("55 settings x 20 trials")));
    QVERIFY(!window.selectExperiment(Sweeps, QStringLiteral("no-such-sweep")));

    // A sweep file (haggle --sweep FILE): shown; a bad one is refused naming the path in it, the form kept.
    QTemporaryDir dir;
    QVERIFY(window.sweepEditor()->saveFile(dir.filePath(QStringLiteral("mine.json"))));
    QString error;
    QVERIFY2(window.openSweep(dir.filePath(QStringLiteral("mine.json")), &error), qPrintable(error));
    QCOMPARE(window.sweepEditor()->sweepName(), QStringLiteral("Cheat rate x trust threshold"));
    QFile bad(dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"format": "haggle-sweep", "version": 1, "scenario": "builtin:handshake",
                  "axes": [{"path": 7, "values": [1]}], "metrics": ["deals"]})");
    bad.close();
    QVERIFY(!window.openSweep(bad.fileName(), &error));
    QVERIFY2(error.contains(QStringLiteral("axes[0].path")), qPrintable(error));
    QCOMPARE(window.sweepEditor()->sweepName(), QStringLiteral("Cheat rate x trust threshold"));
    QVERIFY(!window.openSweep(QStringLiteral("builtin:nope"), &error));

    // What a form could change of a loaded sweep, and so of its hash: a seed beyond 32 bits, reals that look whole,
    // a list that steps evenly, names with commas.
    {
        QTemporaryDir files;
        QFile file(files.filePath(QStringLiteral("exact.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"format": "haggle-sweep", "version": 1, "scenario": "builtin:handshake", "seed": 18446744073709551615,
            "axes": [{"path": "/agents/1/budget", "values": [100.0, 200.0, 300.0]},
                     {"path": "/agents/0/urgency", "values": [0, 0.5, 1]}],
            "metrics": ["deals"]})");
        file.close();
        const lab::SweepSpec spec = lab::loadSweep(file.fileName().toStdString());
        QString error;
        QVERIFY2(window.openSweep(file.fileName(), &error), qPrintable(error));
        QCOMPARE(window.sweepEditor()->plan()->spec().canonicalJson(), spec.canonicalJson());
    }
}

void TestSweepWindow::offersTheCatalogsParameters()
{
    ExperimentWindow window;
    window.setLabScenario(lab::builtinScenario("trust-fall-subtle"), QStringLiteral("Trust"));
    QVERIFY(window.selectExperiment(Sweeps, QString()));
    const QStringList labels = window.sweepEditor()->parameterLabels();
    // A strategy parameter the scenario leaves at its default, a scenario field, a role's field at once, a kind.
    QVERIFY(labels.contains(QStringLiteral("cheater_mallory: strategy.params.cheat_probability")));
    QVERIFY(labels.contains(QStringLiteral("rounds")));
    QVERIFY(labels.contains(QStringLiteral("every honest agent (5): strategy.trust_threshold")));
    QVERIFY(labels.contains(QStringLiteral("reputation.model")));
    QVERIFY(!labels.contains(QStringLiteral("format")));
}

void TestSweepWindow::runsANewSweepAsTheCliDoes()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("greed.sqlite"));
    ExperimentWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    setUpGreedSweep(window, file, 3);
    QSignalSpy ended(&window, &ExperimentWindow::runEnded);
    window.run();
    QVERIFY(window.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), RunTimeout);
    QCOMPARE(window.state(), ExperimentWindow::State::Finished);
    QVERIFY2(window.statusText().contains(QStringLiteral("results in")), qPrintable(window.statusText()));
    QCOMPARE(window.sweepResultsFile(), file);
    QVERIFY(window.result());
    QCOMPARE(window.result()->experiment, std::string("sweep"));
    // 4 greed factors x 2 urgencies, 24 runs: a heatmap per metric.
    const lab::Finding* complete = window.result()->finding("complete");
    QVERIFY(complete);
    QCOMPARE(lab::cellNumber(complete->value("stored")), 24.0);
    QStringList charts;
    for (QChartView* view : window.chartViews())
        charts << view->objectName();
    QVERIFY2(charts.contains(QStringLiteral("sweep-deals")), qPrintable(charts.join(u' ')));

    // The same sweep through the runner haggle-cli uses, on one thread, into another file: the same numbers.
    const auto plan = window.sweepEditor()->plan();
    const std::filesystem::path other = dir.filePath(QStringLiteral("cli.sqlite")).toStdString();
    {
        lab::SweepStore store(other, *plan);
        lab::SweepRunOptions options;
        options.threads = 1;
        QVERIFY(lab::runSweep(*plan, store, options).complete());
    }
    const auto gui = means(*window.result());
    QVERIFY(!gui.empty());
    QCOMPARE(gui, means(lab::sweepReport(other)));
    // Run again: nothing is missing, the same report.
    ended.clear();
    window.run();
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), RunTimeout);
    QCOMPARE(means(*window.result()), gui);
}

void TestSweepWindow::refusesBadAxesBeforeRunning()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("bad.sqlite"));
    ExperimentWindow window;
    setUpGreedSweep(window, file, 2);
    window.sweepEditor()->setAxisValues(QStringLiteral("0.2:abc:0.1"));
    window.run();
    QVERIFY(!window.isRunning());
    QVERIFY2(window.statusText().contains(QStringLiteral("axes[1]")), qPrintable(window.statusText()));
    QVERIFY(!QFileInfo::exists(file));
    // A value of another type than the scenario's.
    window.sweepEditor()->setAxisValues(QStringLiteral("low, high"));
    window.run();
    QVERIFY(!window.isRunning());
    QVERIFY2(window.statusText().contains(QStringLiteral("axes[1].values[0]")), qPrintable(window.statusText()));
    QVERIFY2(window.statusText().contains(QStringLiteral("expected a number")), qPrintable(window.statusText()));
    QVERIFY(!QFileInfo::exists(file));
}

void TestSweepWindow::cancelKeepsRunsAndRunResumes()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("cheat.sqlite"));
    ExperimentWindow window;
    window.show();
    QVERIFY(window.selectExperiment(Sweeps, QStringLiteral("cheat-rate-x-threshold")));
    window.sweepEditor()->setTrials(6); // 330 runs of 100 rounds
    window.sweepEditor()->setResultsFile(file);
    window.setThreads(2);
    QSignalSpy ended(&window, &ExperimentWindow::runEnded);
    window.run();
    QVERIFY(window.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(file), RunTimeout);
    window.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), RunTimeout);
    const auto plan = window.sweepEditor()->plan();
    if (window.state() == ExperimentWindow::State::Cancelled) {
        QVERIFY2(window.statusText().contains(QStringLiteral("kept")), qPrintable(window.statusText()));
        QVERIFY(window.result()); // the report so far stays on show
        lab::SweepStore store(file.toStdString(), *plan);
        QVERIFY(store.storedCount() < plan->runCount());
    } else {
        QCOMPARE(window.state(), ExperimentWindow::State::Finished); // the machine was faster than the cancel
    }
    ended.clear();
    window.run();
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), RunTimeout);
    QCOMPARE(window.state(), ExperimentWindow::State::Finished);
    QCOMPARE(
        lab::cellNumber(window.result()->finding("complete")->value("stored")), static_cast<double>(plan->runCount()));
    // Resumed equals uninterrupted.
    const std::filesystem::path straight = dir.filePath(QStringLiteral("straight.sqlite")).toStdString();
    {
        lab::SweepStore store(straight, *plan);
        QVERIFY(lab::runSweep(*plan, store).complete());
    }
    QCOMPARE(means(*window.result()), means(lab::sweepReport(straight)));
}

void TestSweepWindow::aClickedCellOpensItsSetting()
{
    QTemporaryDir dir;
    MainWindow main;
    main.askToSave = [](const QString&) { return QMessageBox::Discard; };
    main.showError = [](const QString&, const QString&) {};
    main.openExample(QStringLiteral("handshake"));
    ExperimentWindow* window = main.showExperiments();
    setUpGreedSweep(*window, dir.filePath(QStringLiteral("click.sqlite")), 2);
    QSignalSpy ended(window, &ExperimentWindow::runEnded);
    window->run();
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), RunTimeout);
    QCOMPARE(window->state(), ExperimentWindow::State::Finished);

    // The heatmap's cell in row 2 (greed 0.4), column 1 (urgency 0.8): setting 2 x 2 + 1.
    QChartView* heatmap = nullptr;
    for (QChartView* view : window->chartViews()) {
        if (view->objectName() == u"sweep-deals")
            heatmap = view;
    }
    QVERIFY(heatmap);
    QAreaSeries* cell = nullptr;
    for (QAbstractSeries* series : heatmap->chart()->series()) {
        if (series->property(charts::HeatmapCellProperty).toPoint() == QPoint(1, 2))
            cell = qobject_cast<QAreaSeries*>(series);
    }
    QVERIFY(cell);
    QSignalSpy opened(window, &ExperimentWindow::openScenario);
    emit cell->clicked(QPointF(1.0, 0.0));
    QTRY_COMPARE(opened.size(), 1); // queued: not from inside the chart's own signal
    const Scenario& scenario = main.document()->scenario();
    QCOMPARE(scenario.agents.at(1).strategy.params.at("greed_factor"), 0.4);
    QCOMPARE(scenario.agents.at(0).urgency, 0.8);
    QVERIFY(main.document()->displayName().contains(QStringLiteral("greed_factor=0.4")));
    // Named for its setting, not after the base scenario, whose "what to watch" no longer applies.
    QVERIFY(QString::fromStdString(scenario.name).contains(QStringLiteral("greed_factor=0.4, urgency=0.8")));
    QVERIFY(QString::fromStdString(scenario.description).contains(QStringLiteral("Setting 5")));
    QVERIFY(scenario.presentation.watch.empty());
    QVERIFY(!window->openSetting(99));
}

void TestSweepWindow::exportsChartsCsvAndTheResultsFile()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("export.sqlite"));
    ExperimentWindow window;
    setUpGreedSweep(window, file, 2);
    QSignalSpy ended(&window, &ExperimentWindow::runEnded);
    window.run();
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), RunTimeout);
    const QString out = dir.filePath(QStringLiteral("out"));
    QString error;
    int files = 0;
    QVERIFY2(window.exportTo(out, &error, &files), qPrintable(error));
    for (const char* name : { "settings.csv", "sweep-deals.png", "sweep-deals.svg", "export.sqlite" })
        QVERIFY2(QFileInfo::exists(QDir(out).filePath(QString::fromLatin1(name))), name);
    QVERIFY(files >= 4);
    // The copy is a results file of the same sweep.
    QCOMPARE(lab::readSweepSpec(QDir(out).filePath(QStringLiteral("export.sqlite")).toStdString()).hash(),
        window.sweepEditor()->plan()->spec().hash());
}

void TestSweepWindow::examplesMenuOpensASweep()
{
    MainWindow main;
    auto* menu = main.findChild<QMenu*>(QStringLiteral("menuExampleSweeps"));
    QVERIFY(menu);
    QAction* greed = nullptr;
    for (QAction* a : menu->actions()) {
        if (a->text() == u"Greed factor on the handshake")
            greed = a;
    }
    QVERIFY(greed);
    greed->trigger();
    auto* window = main.findChild<ExperimentWindow*>();
    QVERIFY(window && window->isVisible());
    QCOMPARE(window->selectedRules(), Sweeps);
    QCOMPARE(window->selectedName(), QStringLiteral("greed-factor"));
    QCOMPARE(window->sweepEditor()->sweepName(), QStringLiteral("Greed factor on the handshake"));
}

void TestSweepWindow::mnemonicsAreUnique()
{
    // Alt+letter reaches one control in each mode of the window: an experiment's, and a sweep's form beside it.
    ExperimentWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const auto mnemonics = [&window] {
        QStringList found;
        const auto add = [&found](const QString& text) {
            for (qsizetype i = text.indexOf(u'&'); i >= 0 && i + 1 < text.size(); i = text.indexOf(u'&', i + 2)) {
                if (text.at(i + 1) != u'&')
                    found << text.at(i + 1).toLower();
            }
        };
        for (const QLabel* label : window.findChildren<QLabel*>()) {
            if (label->isVisibleTo(&window) && label->buddy())
                add(label->text());
        }
        for (const QAbstractButton* button : window.findChildren<QAbstractButton*>()) {
            if (button->isVisibleTo(&window))
                add(button->text());
        }
        for (const QTabWidget* tabs : window.findChildren<QTabWidget*>()) {
            if (tabs->isVisibleTo(&window)) {
                for (int i = 0; i < tabs->count(); ++i)
                    add(tabs->tabText(i));
            }
        }
        return found;
    };
    for (const bool sweep : { false, true }) {
        QVERIFY(sweep ? window.selectExperiment(Sweeps, QStringLiteral("greed-factor"))
                      : window.selectExperiment(QStringLiteral("haggle"), QStringLiteral("handshake")));
        const QStringList found = mnemonics();
        QVERIFY(found.size() > 5);
        QCOMPARE(QSet<QString>(found.begin(), found.end()).size(), found.size());
    }
}

QTEST_MAIN(TestSweepWindow)
#include "tst_sweepwindow.moc"
