// The main window's what-if forks (see mainwindow.h): Simulation > Fork from This Round... opens the fork dialog on the
// run's scenario at the timeline's cursor and runs the branch as a run of its own; the run chooser in the run toolbar
// switches every view between the original and its branches (each with its own timeline).
#include "mainwindow.h"

#include "ui_mainwindow.h"

#include "comparewindow.h"
#include "forkdialog.h"
#include "run.h"
#include "runcontrols.h"
#include "simulationcontroller.h"

#include <QComboBox>
#include <QMessageBox>
#include <QStatusBar>

namespace haggle::ui {

void MainWindow::setupForks()
{
    m_forkAction = new QAction(QStringLiteral("&Fork from This Round..."), this);
    m_forkAction->setObjectName(QStringLiteral("actionFork"));
    m_forkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    m_forkAction->setStatusTip(QStringLiteral("A what-if branch: the run as it was up to the timeline's round, then "
                                              "with other events, strategies or reputation model"));
    connect(m_forkAction, &QAction::triggered, this, &MainWindow::forkFromCursor);
    m_ui->menuSimulation->addAction(m_forkAction);
    auto* compare = new QAction(QStringLiteral("&Compare Runs..."), this);
    compare->setObjectName(QStringLiteral("actionCompare"));
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    compare->setStatusTip(QStringLiteral("The original run and its branches side by side: shared axes, one cursor, "
                                         "the differences by agent"));
    connect(compare, &QAction::triggered, this, &MainWindow::showCompare);
    m_ui->menuSimulation->addAction(compare);

    m_runChooser = new QComboBox;
    m_runChooser->setObjectName(QStringLiteral("runChooser"));
    m_runChooser->setToolTip(QStringLiteral("The run every view shows: the original or a branch forked from it"));
    m_runChooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_runChooser->setMaximumWidth(320);
    m_runChooserAction = m_ui->runToolBar->addWidget(m_runChooser);
    connect(m_runChooser, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && std::size_t(index) < m_runs.size())
            setCurrentRun(m_runs[std::size_t(index)]);
    });
    updateRunChooser();
}

void MainWindow::updateRunChooser()
{
    if (!m_runChooser)
        return;
    const QSignalBlocker blocker(m_runChooser);
    m_runChooser->clear();
    for (const Run* run : m_runs)
        m_runChooser->addItem(runName(run));
    const auto current = std::find(m_runs.begin(), m_runs.end(), m_run);
    m_runChooser->setCurrentIndex(current == m_runs.end() ? -1 : int(current - m_runs.begin()));
    if (m_runChooserAction)
        m_runChooserAction->setVisible(m_runs.size() > 1); // a toolbar shows or hides its widgets through their action
}

QString MainWindow::runName(const Run* run) const
{
    if (run->forkRound() > 0) {
        // Branches are numbered in the order they were made.
        int number = 0;
        for (const Run* r : m_runs) {
            number += r->forkRound() > 0 ? 1 : 0;
            if (r == run)
                break;
        }
        return QStringLiteral("Branch %1 (from round %2)").arg(number).arg(run->forkRound());
    }
    return QStringLiteral("Original: %1").arg(QString::fromStdString(run->scenario().name));
}

CompareWindow* MainWindow::showCompare()
{
    if (m_runs.size() < 2) {
        error(QStringLiteral("Compare runs"),
            QStringLiteral("There is one run: fork it first (Simulation > Fork from This Round...), then compare the "
                           "original with its branches."));
        return nullptr;
    }
    if (!m_compare) {
        m_compare = new CompareWindow(this);
        m_compare->setAttribute(Qt::WA_DeleteOnClose);
    }
    std::vector<CompareWindow::Entry> entries;
    for (Run* run : m_runs)
        entries.push_back({ run, runName(run) });
    m_compare->setRuns(std::move(entries));
    m_compare->show();
    m_compare->raise();
    m_compare->activateWindow();
    return m_compare;
}

void MainWindow::forkFromCursor()
{
    if (!m_run || !m_run->hasStarted() || m_run->newestRound() == 0) {
        error(QStringLiteral("Fork"), QStringLiteral("Play some rounds first: a branch starts from a round played."));
        return;
    }
    if (m_run->forkRound() > 0) {
        error(QStringLiteral("Fork"),
            QStringLiteral("This is a branch: fork from the original run (choose it in the run toolbar)."));
        return;
    }
    m_run->controller()->pause(); // the fork is of the round shown; the original waits meanwhile
    const int round = m_run->cursor();
    ForkDialog dialog(m_run->scenario(), round, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    addBranch(round, dialog.edited());
}

Run* MainWindow::addBranch(int round, const Scenario& edited)
{
    Run* original = m_run;
    auto* branch = new Run(this);
    branch->controller()->setSpeed(m_controls->speed());
    branch->fork(original->scenario(), round, edited, original->languageModel());
    m_runs.push_back(branch);
    setCurrentRun(branch);
    updateRunChooser();
    statusBar()->showMessage(
        QStringLiteral("Branch from round %1: the same run up to there, then the edits (run it with F5; the run "
                       "toolbar switches back to the original; Compare Runs sets them side by side)")
            .arg(round),
        15000);
    if (m_compare && m_compare->isVisible())
        showCompare(); // the new branch joins the comparison
    return branch;
}

} // namespace haggle::ui
