// The main window (see mainwindow.h).
#include "mainwindow.h"

#include "ui_mainwindow.h"

#include "agentsdock.h"
#include "agenttablemodel.h"
#include "autosavestore.h"
#include "builtinscenarios.h"
#include "chartexport.h"
#include "chartspanel.h"
#include "dealgraphview.h"
#include "exportdialog.h"
#include "inspectordock.h"
#include "livechartdata.h"
#include "messagelogdock.h"
#include "report.h"
#include "roundsummarymodel.h"
#include "runresult.h"
#include "scenariodock.h"
#include "scenariodocument.h"
#include "scenariofile.h"
#include "settings.h"
#include "simulationcontroller.h"

#include <QChartView>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMimeData>
#include <QSpinBox>
#include <QUndoStack>

namespace haggle::ui {

namespace {

constexpr int FrameIntervalMs = 33; // at most ~30 frames a second
constexpr int MaxFrameIntervalMs = 1000;

const std::pair<int, const char*> SpeedChoices[] = {
    { 1, "1 round/s" },
    { 2, "2 rounds/s" },
    { 5, "5 rounds/s" },
    { 10, "10 rounds/s" },
    { 30, "30 rounds/s" },
    { 100, "100 rounds/s" },
    { 0, "Full speed" },
};

QStringList agentIds(const Scenario& s)
{
    QStringList ids;
    ids.reserve(qsizetype(s.agents.size()));
    for (const auto& a : s.agents)
        ids.append(QString::fromStdString(a.id));
    return ids;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : MainWindow(AutosaveOptions {}, parent)
{
}

MainWindow::MainWindow(const AutosaveOptions& autosave, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_document(new ScenarioDocument(this))
    , m_controller(new SimulationController(this))
    , m_rounds(new RoundSummaryModel(this))
{
    m_ui->setupUi(this);
    askToSave = [this](const QString& question) {
        return QMessageBox::warning(this, QStringLiteral("Unsaved changes"), question,
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    };
    showError = [this](const QString& title, const QString& text) { QMessageBox::critical(this, title, text); };

    m_graph = new DealGraphView;
    m_charts = new ChartsPanel;
    m_ui->centralTabs->insertTab(0, m_graph, QStringLiteral("Deal graph"));
    m_ui->centralTabs->insertTab(1, m_charts, QStringLiteral("Charts"));
    m_ui->centralTabs->setCurrentIndex(0);
    connect(m_graph, &DealGraphView::agentClicked, this, &MainWindow::selectAgent);
    // A large graph's nodes are made over a few turns of the event loop: the next frame draws them.
    connect(m_graph, &DealGraphView::agentsShown, this, [this] { m_viewDirty = true; });
    // Views are redrawn from the latest snapshot at most ~30 times a second, whatever the run's pace.
    m_frame.setInterval(FrameIntervalMs);
    connect(&m_frame, &QTimer::timeout, this, &MainWindow::drawFrame);
    connect(m_ui->centralTabs, &QTabWidget::currentChanged, this, [this] {
        m_viewDirty = true;
        refreshViews();
    });
    m_frame.start();
    m_ui->roundsView->setModel(m_rounds);
    m_ui->roundsView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_ui->roundsView->verticalHeader()->setDefaultSectionSize(m_ui->roundsView->fontMetrics().height() + 6);
    setupDocks();
    setupActions();
    setupRunControls();

    connect(m_document, &ScenarioDocument::fileChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ScenarioDocument::changed, this, &MainWindow::updatePendingBanner);
    connect(m_controller, &SimulationController::snapshot, this, &MainWindow::onSnapshot);
    connect(m_controller, &SimulationController::resetDone, this, &MainWindow::onResetDone);
    connect(m_controller, &SimulationController::runningChanged, this, &MainWindow::updateRunState);
    connect(m_controller, &SimulationController::failed, this,
        [this](const QString& message) { error(QStringLiteral("The run stopped"), message); });

    restoreLayout();
    updateTitle();
    resetRun();
    setupAutosave(autosave);
}

MainWindow::~MainWindow() = default;

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
    auto* resetLayout = m_ui->menuView->addAction(QStringLiteral("Reset &Layout"));
    connect(resetLayout, &QAction::triggered, this, [this] { restoreState(m_defaultState); });

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
        }
    });
    connect(m_ui->actionOpen, &QAction::triggered, this, &MainWindow::open);
    connect(m_ui->actionSave, &QAction::triggered, this, &MainWindow::save);
    connect(m_ui->actionSaveAs, &QAction::triggered, this, &MainWindow::saveAs);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionExportView, &QAction::triggered, this, &MainWindow::exportView);
    connect(m_ui->actionExportCsv, &QAction::triggered, this, &MainWindow::exportCsv);
    connect(m_ui->actionExportGraphML, &QAction::triggered, this, &MainWindow::exportGraphML);
    connect(m_ui->actionExportAll, &QAction::triggered, this, &MainWindow::exportAll);
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

    // Simulation
    connect(m_ui->actionReset, &QAction::triggered, this, &MainWindow::resetRun);
    connect(m_ui->actionStep, &QAction::triggered, this, [this] { m_controller->step(1); });
    connect(m_ui->actionStepN, &QAction::triggered, this, [this] { m_controller->step(m_stepCount->value()); });
    connect(m_ui->actionRunPause, &QAction::triggered, this, &MainWindow::togglePause);
    connect(m_ui->actionRunTo, &QAction::triggered, this, [this] {
        bool ok = false;
        const int target = QInputDialog::getInt(this, QStringLiteral("Run to round"), QStringLiteral("Round:"),
            std::max(m_controller->round() + 1, m_controller->scenario().rounds), m_controller->round() + 1, MaxRounds,
            1, &ok);
        if (ok)
            m_controller->runTo(target);
    });
    connect(m_ui->actionFaster, &QAction::triggered, this,
        [this] { m_speed->setCurrentIndex(std::min(m_speed->currentIndex() + 1, m_speed->count() - 1)); });
    connect(m_ui->actionSlower, &QAction::triggered, this,
        [this] { m_speed->setCurrentIndex(std::max(m_speed->currentIndex() - 1, 0)); });

    connect(m_ui->actionAbout, &QAction::triggered, this, [this] {
        QMessageBox::about(this, QStringLiteral("About Haggle"),
            QStringLiteral("<h3>Haggle %1</h3><p>A simulation lab for decentralized compute markets: agents "
                           "negotiate for GPU hours, CPU hours and memory with no central authority.</p>"
                           "<p>Licensed under the GNU General Public License, version 3 or later.</p>")
                .arg(QStringLiteral(HAGGLE_VERSION)));
    });
}

void MainWindow::setupRunControls()
{
    Settings settings;
    auto* bar = m_ui->runToolBar;
    bar->addSeparator();
    bar->addWidget(new QLabel(QStringLiteral(" N ")));
    m_stepCount = new QSpinBox;
    m_stepCount->setRange(1, 1'000'000);
    m_stepCount->setValue(settings.stepCount());
    m_stepCount->setToolTip(QStringLiteral("Rounds played by Step N"));
    bar->addWidget(m_stepCount);
    connect(m_stepCount, &QSpinBox::valueChanged, this, [](int v) { Settings().setStepCount(v); });
    bar->addWidget(new QLabel(QStringLiteral("  Speed ")));
    m_speed = new QComboBox;
    for (const auto& [rate, label] : SpeedChoices)
        m_speed->addItem(QString::fromLatin1(label), rate);
    m_speed->setToolTip(QStringLiteral("How fast Run plays rounds (Ctrl+] faster, Ctrl+[ slower)"));
    bar->addWidget(m_speed);
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this](int index) {
        const int rate = m_speed->itemData(index).toInt();
        m_controller->setSpeed(rate);
        Settings().setSpeed(rate);
    });
    const int saved = m_speed->findData(settings.speed());
    m_speed->setCurrentIndex(saved >= 0 ? saved : m_speed->findData(Settings::DefaultSpeed));
    m_controller->setSpeed(m_speed->currentData().toInt());
    bar->addSeparator();
    m_roundLabel = new QLabel;
    m_roundLabel->setMinimumWidth(140);
    bar->addWidget(m_roundLabel);
}

void MainWindow::setSpeed(int roundsPerSecond)
{
    const int index = m_speed->findData(roundsPerSecond);
    if (index >= 0)
        m_speed->setCurrentIndex(index);
}

void MainWindow::restoreLayout()
{
    // The layout as built is the default; "Reset layout" goes back to it.
    m_defaultState = saveState();
    Settings settings;
    restoreGeometry(settings.geometry());
    restoreState(settings.windowState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    // Saved or discarded: either way nothing is left to recover.
    m_autosaveTimer.stop();
    m_autosave->remove();
    m_controller->pause();
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
        QStringLiteral("Haggle scenarios (*.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openFile(const QString& path)
{
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
    statusBar()->showMessage(QStringLiteral("Opened %1").arg(m_document->displayName()), 5000);
    return true;
}

void MainWindow::openExample(const QString& key)
{
    m_document->loadBuiltin(key);
    resetRun();
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
    setWindowTitle(m_document->displayName() + QStringLiteral("[*] - Haggle"));
    setWindowModified(m_document->isModified());
}

void MainWindow::resetRun()
{
    m_controller->reset(m_document->scenario());
    updatePendingBanner();
}

void MainWindow::togglePause()
{
    if (m_controller->isRunning())
        m_controller->pause();
    else
        m_controller->run();
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
    m_controller->setFocus(agent);
}

namespace {

// Paints a graphics view whose scene just changed, now and once. The scene handles its changed items in a queued
// call, and that call already paints: the view marks what changed and sends its window's pending update request
// at once (QGraphicsView dispatches it). A repaint() after it painted the whole viewport a second time. Sending
// the window's update request then paints whatever is still marked (nothing, usually), never twice.
void paintNow(QGraphicsView* view)
{
    if (view->scene())
        QCoreApplication::sendPostedEvents(view->scene(), QEvent::MetaCall);
    QCoreApplication::sendPostedEvents(view->window(), QEvent::UpdateRequest);
}

} // namespace

void MainWindow::refreshViews()
{
    drawViews(false);
}

void MainWindow::drawFrame()
{
    drawViews(true);
}

void MainWindow::drawViews(bool oneChart)
{
    // Only what is on screen is redrawn; a hidden view catches up when its tab is shown.
    QWidget* current = m_ui->centralTabs->currentWidget();
    const bool charts
        = current == m_charts && (oneChart ? m_charts->hasStaleVisibleChart() : m_charts->hasPendingData());
    const bool graph = current == m_graph && m_viewDirty && !m_view.agents.empty();
    if (!charts && !graph)
        return;
    QElapsedTimer cost;
    cost.start();
    if (charts && oneChart) {
        // A frame of a live run redraws one chart; the four take turns (see ChartsPanel::refreshNext()).
        if (QChartView* drawn = m_charts->refreshNext())
            paintNow(drawn);
    } else if (charts) {
        m_charts->refresh();
        for (auto kind : ChartsPanel::Kinds)
            paintNow(m_charts->view(kind));
    }
    if (graph) {
        m_viewDirty = false;
        m_graph->updateLive(m_view, m_network);
        paintNow(m_graph);
    }
    // Frame pacing: the next frame waits at least three times what this one cost (update and paint), so however
    // large the population, the GUI thread spends at most a quarter of its time drawing and input stays prompt.
    const int spent = int(cost.elapsed());
    m_frame.setInterval(std::clamp(3 * spent, FrameIntervalMs, MaxFrameIntervalMs));
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
    return m_roundLabel->text();
}

bool MainWindow::pendingChangesShown() const
{
    return !m_ui->pendingBanner->isHidden();
}

void MainWindow::updatePendingBanner()
{
    m_ui->pendingBanner->setVisible(!(m_document->scenario() == m_controller->scenario()));
}

void MainWindow::updateRunState()
{
    const bool running = m_controller->isRunning();
    m_ui->actionRunPause->setText(running ? QStringLiteral("&Pause") : QStringLiteral("R&un"));
    m_ui->actionStep->setEnabled(!running);
    m_ui->actionStepN->setEnabled(!running);
    m_ui->actionRunTo->setEnabled(!running);
    // Edits are for a paused lab; they apply from the next reset.
    m_agentsDock->setEditable(!running);
    m_scenarioDock->setEditable(!running);
}

void MainWindow::onResetDone()
{
    const QStringList ids = agentIds(m_controller->scenario());
    m_rounds->clear();
    m_messageDock->clear();
    m_messageDock->setAgentIds(ids);
    m_inspectorDock->setRunAgents(ids);
    m_agentsDock->model()->clearLive();
    m_controller->setFocus(m_selectedAgent);
    const Scenario& run = m_controller->scenario();
    std::vector<DealGraphView::AgentInfo> infos;
    infos.reserve(run.agents.size());
    for (const auto& a : run.agents)
        infos.push_back(
            { QString::fromStdString(a.id), QString::fromStdString(a.role), QString::fromStdString(a.strategy.type),
                a.strategy.type == "cheater", a.strategy.trustThreshold.has_value() });
    m_graph->setAgents(infos);
    m_charts->reset(LiveChartData::staticPartFor(run));
    m_graph->selectAgent(m_selectedAgent);
    m_network.reset(run.agents.size());
    m_viewJob = m_controller->job();
    m_viewDirty = true;
    updatePendingBanner();
}

void MainWindow::onSnapshot(const SimulationSnapshot& s)
{
    m_rounds->append(s.newRounds);
    if (!s.newMessages.empty() || s.droppedMessages > 0)
        m_messageDock->appendMessages(s.newMessages, s.droppedMessages);
    if (m_document->scenario().agents.size() == s.agents.size() && !pendingChangesShown())
        m_agentsDock->model()->setLive(s.agents);
    m_inspectorDock->showSnapshot(s);
    m_network.add(s.newDeals);
    m_charts->append(s);
    // Keep what the frame timer draws; the batches (rounds, deals, messages) have been consumed above.
    keepState(m_view, s);
    m_viewDirty = true;
    // A step or a pause: show it at once. Not the first snapshot of a new run: the views are still the last
    // run's until onResetDone() rebuilds them, and the next frame draws the new ones.
    if (!s.running && s.job == m_viewJob)
        refreshViews();
    m_roundLabel->setText(QStringLiteral("Round %1 / %2").arg(s.round).arg(s.totalRounds));
    if (!s.newRounds.empty())
        m_ui->roundsView->scrollToBottom();
}

} // namespace haggle::ui
