// The main window (see mainwindow.h): building and arranging the docks and the centre, the menus and run controls,
// selection, and files. What a run holds and how its views are drawn live in run.h and runviewer.h.
#include "mainwindow.h"

#include "ui_mainwindow.h"

#include "agentsdock.h"
#include "autosavestore.h"
#include "builtinscenarios.h"
#include "chartspanel.h"
#include "dealgraphview.h"
#include "experimentwindow.h"
#include "exportactions.h"
#include "helpmenu.h"
#include "inspectordock.h"
#include "llmactivity.h"
#include "messagelogdock.h"
#include "phasesummarymodel.h"
#include "presentationmode.h"
#include "rulessets.h"
#include "run.h"
#include "runcontrols.h"
#include "runfileactions.h"
#include "runviewer.h"
#include "scenariobanner.h"
#include "scenariodock.h"
#include "scenariodocument.h"
#include "scenariofile.h"
#include "settings.h"
#include "simulationcontroller.h"
#include "sweep.h"
#include "timeline.h"
#include "wheelguard.h"

#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QStatusBar>
#include <QUndoStack>

#include <algorithm>

namespace haggle::ui {

MainWindow::MainWindow(QWidget* parent)
    : MainWindow(AutosaveOptions {}, parent)
{
}

MainWindow::MainWindow(const AutosaveOptions& autosave, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_document(new ScenarioDocument(this))
{
    m_ui->setupUi(this);
    WheelGuard::install(); // scrolling the docks never edits the scenario
    askToSave = [this](const QString& question) {
        return QMessageBox::warning(this, QStringLiteral("Unsaved changes"), question,
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    };
    showError = [this](const QString& title, const QString& text) { QMessageBox::critical(this, title, text); };

    m_banner = new ScenarioBanner;
    m_ui->centralLayout->insertWidget(0, m_banner);
    m_graph = new DealGraphView;
    m_charts = new ChartsPanel;
    m_ui->centralTabs->insertTab(0, m_graph, QStringLiteral("Deal graph"));
    m_ui->centralTabs->insertTab(1, m_charts, QStringLiteral("Charts"));
    m_ui->centralTabs->setCurrentIndex(0);
    connect(m_graph, &DealGraphView::agentClicked, this, &MainWindow::selectAgent);
    m_viewer = new RunViewer(m_ui->centralTabs, m_graph, m_charts, m_ui->roundsView, m_ui->phasesView, this);
    m_timeline = new Timeline;
    m_ui->centralLayout->addWidget(m_timeline);
    m_exports = new ExportActions(
        this, m_viewer, m_charts, m_graph, [this] { return m_run; },
        [this] { return m_ui->centralTabs->currentWidget() == m_graph; },
        [this](const QString& title, const QString& text) { error(title, text); });
    connect(m_exports, &ExportActions::statusMessage, statusBar(), &QStatusBar::showMessage);
    m_ui->roundsView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_ui->roundsView->verticalHeader()->setDefaultSectionSize(m_ui->roundsView->fontMetrics().height() + 6);
    m_ui->roundsView->setWhatsThis(QStringLiteral("One row per round played: needs met, negotiations, deals, "
                                                  "defaults, success rate and mean price."));
    m_ui->phasesView->setWhatsThis(QStringLiteral("The run so far by demand phase: the rounds outside every phase "
                                                  "(normal) against each phase (the rush hour, ...), with their "
                                                  "negotiations, deals, success rate and mean unit price."));
    setupDocks();
    setupActions();
    QMenu* timeline = m_ui->menuSimulation->addMenu(QStringLiteral("&Timeline"));
    timeline->addActions(m_timeline->actions());
    setupRunFiles();
    setupForks();
    m_controls = new RunControls(m_ui->runToolBar,
        { m_ui->actionStep, m_ui->actionStepN, m_ui->actionRunPause, m_ui->actionRunTo, m_ui->actionExtend,
            m_ui->actionFaster, m_ui->actionSlower },
        this);
    connect(m_controls, &RunControls::message, this,
        [this](const QString& text) { statusBar()->showMessage(text, 15000); });

    // Which rules the run plays under, always in view (switching rules in the Scenario dock applies from Reset).
    m_rulesIndicator = new QLabel;
    m_rulesIndicator->setObjectName(QStringLiteral("rulesIndicator"));
    m_rulesIndicator->setContentsMargins(6, 0, 6, 0);
    statusBar()->addPermanentWidget(m_rulesIndicator);
    m_llmActivity = new LlmActivityLabel;
    statusBar()->addPermanentWidget(m_llmActivity);

    connect(m_document, &ScenarioDocument::fileChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ScenarioDocument::settingsChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ScenarioDocument::changed, this, &MainWindow::updatePendingBanner);

    setCurrentRun(addRun(m_document->scenario()));
    present();
    restoreLayout();
    updateTitle();
    m_autosave = new AutosaveSession(m_document, autosave, this);
    connect(m_autosave, &AutosaveSession::message, statusBar(), &QStatusBar::showMessage);
    askToRestore = [this](const QString& question) {
        QMessageBox box(
            QMessageBox::Warning, QStringLiteral("Recover unsaved changes"), question, QMessageBox::NoButton, this);
        QPushButton* restore = box.addButton(QStringLiteral("&Restore"), QMessageBox::AcceptRole);
        QAbstractButton* discard = box.addButton(QMessageBox::Discard);
        box.setDefaultButton(restore);
        box.exec();
        // Neither button (the box closed some other way): keep the autosave for the next start.
        return box.clickedButton() == restore ? Recovery::Restore
            : box.clickedButton() == discard  ? Recovery::Discard
                                              : Recovery::Later;
    };
}

bool MainWindow::offerRecovery()
{
    const bool restored = m_autosave->offerRecovery(askToRestore);
    if (restored) {
        resetRun();
        present();
    }
    return restored;
}

MainWindow::~MainWindow() = default;

Run* MainWindow::addRun(const Scenario& scenario)
{
    auto* run = new Run(this);
    run->controller()->setSpeed(m_controls->speed());
    run->reset(scenario);
    m_runs.push_back(run);
    return run;
}

void MainWindow::setCurrentRun(Run* run)
{
    if (run == m_run || std::find(m_runs.begin(), m_runs.end(), run) == m_runs.end())
        return;
    if (m_run) {
        disconnect(m_run, nullptr, this, nullptr);
        disconnect(m_run->controller(), nullptr, this, nullptr);
    }
    m_run = run;
    updateRunChooser();
    m_viewer->setRun(run);
    m_timeline->setRun(run);
    m_agentsDock->setRun(run);
    m_messageDock->setRun(run);
    m_inspectorDock->setRun(run);
    m_controls->setRun(run);
    m_llmActivity->setRun(run);
    connect(run->controller(), &SimulationController::runningChanged, this, &MainWindow::updateRunState);
    // A scenario with demand phases says in the banner how each phase is going: the rush against normal rounds.
    const auto showPhases = [this, run] {
        const bool phased = !run->scenario().demand.phases.empty();
        m_banner->setPhaseSummary(phased ? run->phasesModel()->summaryLine() : QString());
    };
    connect(run, &Run::snapshotChanged, this, showPhases);
    connect(run, &Run::startedOver, this, showPhases);
    connect(run, &Run::startedOver, this, &MainWindow::updateRulesIndicator);
    connect(run, &Run::startedOver, this, &MainWindow::updateRunChooser); // its scenario's name
    showPhases();
    updateRulesIndicator();
    connect(run->controller(), &SimulationController::failed, this,
        [this](const QString& message) { error(QStringLiteral("The run stopped"), message); });
    run->setFocus(m_selectedAgent);
    updateRunState();
    updatePendingBanner();
}

SimulationController* MainWindow::controller() const noexcept
{
    return m_run->controller();
}

RoundSummaryModel* MainWindow::roundsModel() const noexcept
{
    return m_run->roundsModel();
}

void MainWindow::setupDocks()
{
    m_agentsDock = new AgentsDock(m_document, this);
    m_scenarioDock = new ScenarioDock(m_document, this);
    m_messageDock = new MessageLogDock(this);
    m_inspectorDock = new InspectorDock(m_document, this);
    addDockWidget(Qt::LeftDockWidgetArea, m_scenarioDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_agentsDock);
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_messageDock);
    tabifyDockWidget(m_agentsDock, m_messageDock);
    m_agentsDock->raise();
    resizeDocks({ m_scenarioDock, m_inspectorDock }, { 360, 340 }, Qt::Horizontal);
    resizeDocks({ m_agentsDock }, { 320 }, Qt::Vertical);

    for (QDockWidget* dock : { static_cast<QDockWidget*>(m_agentsDock), static_cast<QDockWidget*>(m_scenarioDock),
             static_cast<QDockWidget*>(m_messageDock), static_cast<QDockWidget*>(m_inspectorDock) })
        m_ui->menuView->addAction(dock->toggleViewAction());
    m_ui->menuView->addAction(m_ui->runToolBar->toggleViewAction());
    m_ui->menuView->addSeparator();
    m_presentation = new PresentationMode(this, [this](qreal scale) { m_charts->setFontScale(scale); });
    m_ui->menuView->addAction(m_presentation->action());
    auto* resetLayout = m_ui->menuView->addAction(QStringLiteral("Reset &Layout"));
    connect(resetLayout, &QAction::triggered, this, [this] {
        restoreState(m_defaultState);
        sizeDocksToWindow();
    });

    connect(m_agentsDock, &AgentsDock::agentSelected, this, &MainWindow::selectAgent);
    connect(m_agentsDock, &AgentsDock::message, this,
        [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(m_scenarioDock, &ScenarioDock::message, this,
        [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(m_messageDock, &MessageLogDock::agentFilterChanged, this, [this](int agent) {
        if (agent >= 0)
            selectAgent(agent);
    });
}

void MainWindow::setupActions()
{
    // File
    connect(m_ui->actionNew, &QAction::triggered, this, [this] {
        if (maybeSave()) {
            m_document->newScenario();
            resetRun();
            present();
        }
    });
    connect(m_ui->actionOpen, &QAction::triggered, this, &MainWindow::open);
    connect(m_ui->actionSave, &QAction::triggered, this, &MainWindow::save);
    connect(m_ui->actionSaveAs, &QAction::triggered, this, &MainWindow::saveAs);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionExportView, &QAction::triggered, m_exports, &ExportActions::exportView);
    connect(m_ui->actionExportCsv, &QAction::triggered, m_exports, &ExportActions::exportCsv);
    connect(m_ui->actionExportGraphML, &QAction::triggered, m_exports, &ExportActions::exportGraphML);
    connect(m_ui->actionExportAll, &QAction::triggered, m_exports, &ExportActions::exportAll);
    for (auto key : lab::builtinScenarioKeys()) {
        const QString k = QString::fromUtf8(key.data(), qsizetype(key.size()));
        const Scenario s = lab::builtinScenario(key);
        QAction* a = m_ui->menuExamples->addAction(QString::fromStdString(s.name));
        a->setToolTip(QString::fromStdString(s.description));
        a->setStatusTip(QString::fromStdString(s.description));
        connect(a, &QAction::triggered, this, [this, k] {
            if (maybeSave())
                openExample(k);
        });
    }
    // Examples > Sweeps: the example sweeps, opened in the Experiments window.
    m_ui->menuExamples->addSeparator();
    QMenu* sweeps = m_ui->menuExamples->addMenu(QStringLiteral("&Sweeps"));
    sweeps->setObjectName(QStringLiteral("menuExampleSweeps"));
    for (const auto& sweep : lab::builtinSweeps()) {
        const QString key = QString::fromUtf8(sweep.key.data(), qsizetype(sweep.key.size()));
        QString title = key, tip;
        try {
            const lab::SweepSpec spec = lab::parseSweep(sweep.json, "builtin:" + key.toStdString(), {});
            title = QString::fromStdString(spec.name);
            tip = QString::fromStdString(spec.description);
        } catch (const std::exception& e) {
            tip = QString::fromStdString(e.what());
        }
        QAction* a = sweeps->addAction(title);
        a->setStatusTip(tip);
        connect(a, &QAction::triggered, this, [this, key] {
            showExperiments()->selectExperiment(QString::fromLatin1(ExperimentWindow::SweepGroup), key);
        });
    }
    QAction* newSweep = sweeps->addAction(QStringLiteral("&New Sweep of This Scenario..."));
    newSweep->setObjectName(QStringLiteral("actionNewSweep"));
    newSweep->setStatusTip(QStringLiteral("Vary this scenario's parameters over ranges in the Experiments window"));
    connect(newSweep, &QAction::triggered, this, [this] {
        ExperimentWindow* window = showExperiments();
        window->selectExperiment(QString::fromLatin1(ExperimentWindow::SweepGroup), QString());
    });
    rebuildRecentMenu();

    // Edit: undo and redo come from the document's undo stack.
    QAction* undo = m_document->undoStack()->createUndoAction(this, QStringLiteral("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_document->undoStack()->createRedoAction(this, QStringLiteral("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    m_ui->menuEdit->insertAction(m_ui->actionAddAgent, undo);
    m_ui->menuEdit->insertAction(m_ui->actionAddAgent, redo);
    m_ui->menuEdit->insertSeparator(m_ui->actionAddAgent);
    connect(m_ui->actionAddAgent, &QAction::triggered, m_agentsDock, &AgentsDock::addAgent);
    connect(m_ui->actionDuplicateAgent, &QAction::triggered, m_agentsDock, &AgentsDock::duplicateSelected);
    connect(m_ui->actionRemoveAgent, &QAction::triggered, m_agentsDock, &AgentsDock::removeSelected);

    // Simulation: Reset takes the document's scenario; the other commands are the run controls'.
    connect(m_ui->actionReset, &QAction::triggered, this, &MainWindow::resetRun);
    // Simulation > Experiments...: the lab's experiments in a window of their own, one per main window, kept (with its
    // last result) when closed.
    m_ui->menuSimulation->addSeparator();
    QAction* experiments = m_ui->menuSimulation->addAction(QStringLiteral("&Experiments..."));
    experiments->setObjectName(QStringLiteral("actionExperiments"));
    experiments->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+X")));
    experiments->setStatusTip(QStringLiteral("Run the lab's experiments (haggle-cli experiment) with their findings, "
                                             "tables and charts"));
    connect(experiments, &QAction::triggered, this, [this] { showExperiments(); });

    auto* help = new HelpMenu(this, m_ui->menuHelp);
    connect(help, &HelpMenu::error, this, &MainWindow::error);
    connect(m_ui->actionAbout, &QAction::triggered, this, [this] {
        QMessageBox::about(this, QStringLiteral("About Haggle"),
            QStringLiteral("<h3>Haggle %1</h3><p>A simulation lab for decentralized compute markets: agents "
                           "negotiate for GPU hours, CPU hours and memory with no central authority.</p>"
                           "<p>Licensed under the GNU General Public License, version 3 or later.</p>")
                .arg(QStringLiteral(HAGGLE_VERSION)));
    });
}

void MainWindow::setSpeed(int roundsPerSecond)
{
    m_controls->setSpeed(roundsPerSecond);
}

void MainWindow::restoreLayout()
{
    // The layout as built is the default; "Reset layout" goes back to it.
    m_defaultState = saveState();
    Settings settings;
    restoreGeometry(settings.geometry());
    m_layoutRestored = restoreState(settings.windowState());
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!m_shown && !m_layoutRestored)
        sizeDocksToWindow();
    m_shown = true;
}

void MainWindow::sizeDocksToWindow()
{
    const int scenario = std::clamp(width() * 24 / 100, 310, 380); // its forms need about 300 px
    const int inspector = std::clamp(width() * 20 / 100, 250, 340);
    const int bottom = std::clamp(height() * 26 / 100, 150, 320);
    resizeDocks({ m_scenarioDock, m_inspectorDock }, { scenario, inspector }, Qt::Horizontal);
    resizeDocks({ m_agentsDock }, { bottom }, Qt::Vertical);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    // Saved or discarded: either way nothing is left to recover.
    m_autosave->discard();
    for (Run* run : m_runs)
        run->controller()->pause();
    Settings settings;
    settings.setGeometry(saveGeometry());
    settings.setWindowState(saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    if (maybeSave())
        openFile(urls.first().toLocalFile());
}

QStringList MainWindow::exportAllTo(const QString& directory, QSize logicalSize, qreal scale, QString* message)
{
    return m_exports->exportAllTo(directory, { logicalSize, scale, 1.0 }, message);
}

void MainWindow::error(const QString& title, const QString& text)
{
    m_lastError = text;
    statusBar()->showMessage(title + QStringLiteral(": ") + text, 10000);
    if (showError)
        showError(title, text);
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer = askToSave(QStringLiteral("%1 has unsaved changes. Save them?").arg(m_document->displayName()));
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::open()
{
    if (!maybeSave())
        return;
    Settings settings;
    const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open scenario"), settings.lastDirectory(),
        QStringLiteral("Haggle scenarios and runs (*.json *.haggle-run);;Haggle scenarios (*.json);;Haggle runs "
                       "(*.haggle-run);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::setupRunFiles()
{
    m_runFiles = new RunFileActions(this, m_document,
        { [this] { return m_run; }, [this] { resetRun(); },
            [this](const QString& title, const QString& text) { error(title, text); } },
        this);
    connect(m_runFiles, &RunFileActions::statusMessage, statusBar(), &QStatusBar::showMessage);
    auto* saveRun = new QAction(QStringLiteral("Save &Run..."), this);
    saveRun->setObjectName(QStringLiteral("actionSaveRun"));
    saveRun->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    saveRun->setStatusTip(QStringLiteral("Save the run so far as a .haggle-run file: the scenario, this version and "
                                         "every round's state hash, which haggle-cli verify checks"));
    connect(saveRun, &QAction::triggered, m_runFiles, &RunFileActions::saveRun);
    const QList<QAction*> file = m_ui->menuFile->actions();
    const qsizetype after = file.indexOf(m_ui->actionSaveAs);
    m_ui->menuFile->insertAction(after >= 0 && after + 1 < file.size() ? file[after + 1] : nullptr, saveRun);
}

bool MainWindow::openFile(const QString& path)
{
    if (path.endsWith(QStringLiteral(".haggle-run"), Qt::CaseInsensitive)) {
        // A run file is restored, not watched: at full speed (the speed box shows it and can be changed).
        const int speed = m_controls->speed();
        m_controls->setSpeed(0);
        if (!m_runFiles->openRun(path)) {
            m_controls->setSpeed(speed);
            return false;
        }
        Settings settings;
        settings.addRecentFile(path);
        settings.setLastDirectory(QFileInfo(path).absolutePath());
        rebuildRecentMenu();
        m_banner->present(m_document->scenario());
        return true;
    }
    try {
        m_document->loadFile(path);
    } catch (const lab::ScenarioFileError& e) {
        error(QStringLiteral("Cannot open %1").arg(QFileInfo(path).fileName()), QString::fromStdString(e.what()));
        return false;
    }
    Settings settings;
    settings.addRecentFile(m_document->filePath());
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    rebuildRecentMenu();
    resetRun();
    present();
    statusBar()->showMessage(QStringLiteral("Opened %1").arg(m_document->displayName()), 5000);
    return true;
}

ExperimentWindow* MainWindow::showExperiments()
{
    auto* window = findChild<ExperimentWindow*>();
    if (!window) {
        window = new ExperimentWindow(this);
        // A sweep's setting opens here as the lab's scenario, as an example does.
        connect(window, &ExperimentWindow::openScenario, this, [this](const Scenario& scenario, const QString& name) {
            if (!maybeSave())
                return;
            m_document->setScenario(scenario, name);
            resetRun();
            present();
            raise();
            activateWindow();
            statusBar()->showMessage(QStringLiteral("Opened %1 from the sweep").arg(name), 5000);
        });
    }
    window->setLabScenario(m_document->scenario(), m_document->displayName());
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

bool MainWindow::openSweep(const QString& source)
{
    QString problem;
    if (showExperiments()->openSweep(source, &problem))
        return true;
    error(QStringLiteral("Cannot open the sweep"), problem);
    return false;
}

void MainWindow::openExample(const QString& key)
{
    m_document->loadBuiltin(key);
    resetRun();
    present();
}

void MainWindow::present()
{
    const Scenario& scenario = m_document->scenario();
    m_banner->present(scenario);
    if (scenario.presentation.speed)
        m_controls->setNearestSpeed(*scenario.presentation.speed);
}

int MainWindow::speed() const
{
    return m_controls->speed();
}

bool MainWindow::save()
{
    if (m_document->filePath().isEmpty())
        return saveAs();
    return saveTo(m_document->filePath());
}

bool MainWindow::saveAs()
{
    Settings settings;
    QString suggested = m_document->filePath();
    if (suggested.isEmpty())
        suggested = settings.lastDirectory() + u'/' + m_document->displayName().toLower().replace(u' ', u'-')
            + QStringLiteral(".json");
    QString path = QFileDialog::getSaveFileName(
        this, QStringLiteral("Save scenario"), suggested, QStringLiteral("Haggle scenarios (*.json)"));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    return saveTo(path);
}

bool MainWindow::saveTo(const QString& path)
{
    QString message;
    if (!m_document->save(path, &message)) {
        error(QStringLiteral("Save failed"), message);
        return false;
    }
    Settings settings;
    settings.addRecentFile(m_document->filePath());
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    rebuildRecentMenu();
    statusBar()->showMessage(QStringLiteral("Saved %1").arg(path), 5000);
    return true;
}

void MainWindow::rebuildRecentMenu()
{
    m_ui->menuRecent->clear();
    const QStringList files = Settings().recentFiles();
    for (const QString& file : files) {
        QAction* a = m_ui->menuRecent->addAction(QFileInfo(file).fileName());
        a->setToolTip(file);
        a->setStatusTip(file);
        connect(a, &QAction::triggered, this, [this, file] {
            if (!QFileInfo::exists(file)) {
                Settings s;
                QStringList files = s.recentFiles();
                files.removeAll(file);
                s.setRecentFiles(files);
                rebuildRecentMenu();
                error(QStringLiteral("File not found"), QStringLiteral("%1 no longer exists.").arg(file));
                return;
            }
            if (maybeSave())
                openFile(file);
        });
    }
    m_ui->menuRecent->setEnabled(!files.isEmpty());
}

void MainWindow::updateTitle()
{
    // The rules set is in the title when it is not Haggle's own.
    const std::string& rules = m_document->scenario().rules;
    const QString ruled = rules == HaggleRules ? QString() : QStringLiteral(" (%1)").arg(rulesTitle(rules).toLower());
    setWindowTitle(m_document->displayName() + ruled + QStringLiteral("[*] - Haggle"));
    setWindowModified(m_document->isModified());
}

void MainWindow::resetRun()
{
    m_run->reset(m_document->scenario());
    updatePendingBanner();
}

void MainWindow::togglePause()
{
    m_controls->togglePause();
}

void MainWindow::selectAgent(int agent)
{
    if (agent == m_selectedAgent)
        return;
    m_selectedAgent = agent;
    m_agentsDock->selectAgent(agent);
    m_messageDock->setAgentFilter(agent);
    m_inspectorDock->setAgent(agent);
    m_graph->selectAgent(agent);
    m_run->setFocus(agent);
}

void MainWindow::refreshViews()
{
    m_viewer->refresh();
}

QWidget* MainWindow::roundsView() const
{
    return m_ui->roundsTab;
}

void MainWindow::showView(QWidget* view)
{
    m_ui->centralTabs->setCurrentWidget(view);
}

QString MainWindow::roundText() const
{
    return m_controls->roundText();
}

bool MainWindow::pendingChangesShown() const
{
    return !m_ui->pendingBanner->isHidden();
}

void MainWindow::updatePendingBanner()
{
    m_ui->pendingBanner->setVisible(!(m_document->scenario() == controller()->scenario()));
}

QString MainWindow::runRulesText() const
{
    return m_rulesIndicator->text();
}

void MainWindow::updateRulesIndicator()
{
    const std::string& rules = controller()->scenario().rules;
    m_rulesIndicator->setText(QStringLiteral("Run: %1").arg(rulesTitle(rules)));
    m_rulesIndicator->setToolTip(QStringLiteral("The current run plays under %1: %2. Switch in the Scenario dock "
                                                "(Rules) and Reset (Ctrl+R) to run it under the other rules.")
                                     .arg(rulesTitle(rules), rulesDescription(rules)));
}

void MainWindow::updateRunState()
{
    const bool running = controller()->isRunning();
    // Edits are for a paused lab; they apply from the next reset.
    m_agentsDock->setEditable(!running);
    m_scenarioDock->setEditable(!running);
}

} // namespace haggle::ui
