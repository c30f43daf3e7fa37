// The run toolbar's controls (see runcontrols.h).
#include "runcontrols.h"

#include "run.h"
#include "runtodialog.h"
#include "settings.h"
#include "simulationcontroller.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSpinBox>
#include <QToolBar>

#include <algorithm>
#include <cstdlib>

namespace haggle::ui {

namespace {

const std::pair<int, const char*> SpeedChoices[] = {
    { 1, "1 round/s" },
    { 2, "2 rounds/s" },
    { 5, "5 rounds/s" },
    { 10, "10 rounds/s" },
    { 30, "30 rounds/s" },
    { 100, "100 rounds/s" },
    { 0, "Full speed" },
};

} // namespace

RunControls::RunControls(QToolBar* bar, const Actions& actions, QObject* parent)
    : QObject(parent)
    , m_actions(actions)
    , m_stepCount(new QSpinBox)
    , m_speed(new QComboBox)
    , m_round(new QLabel)
{
    Settings settings;
    bar->addSeparator();
    bar->addWidget(new QLabel(QStringLiteral(" N ")));
    m_stepCount->setRange(1, 1'000'000);
    m_stepCount->setValue(settings.stepCount());
    m_stepCount->setToolTip(QStringLiteral("Rounds played by Step N"));
    bar->addWidget(m_stepCount);
    connect(m_stepCount, &QSpinBox::valueChanged, this, [this](int v) {
        Settings().setStepCount(v);
        updateExtendText();
    });
    bar->addWidget(new QLabel(QStringLiteral("  Speed ")));
    for (const auto& [rate, label] : SpeedChoices)
        m_speed->addItem(QString::fromLatin1(label), rate);
    m_speed->setToolTip(QStringLiteral("How fast Run plays rounds (Ctrl+] faster, Ctrl+[ slower)"));
    bar->addWidget(m_speed);
    // Full speed lasts a session: the next one starts at a speed a demo can be watched at.
    const int saved = settings.speed() > 0 ? m_speed->findData(settings.speed()) : -1;
    m_speed->setCurrentIndex(saved >= 0 ? saved : m_speed->findData(Settings::DefaultSpeed));
    // Connected after the saved speed is chosen: choosing it is not a change to remember.
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        if (m_run)
            m_run->controller()->setSpeed(speed());
        Settings().setSpeed(speed());
    });
    bar->addSeparator();
    m_round->setMinimumWidth(140);
    bar->addWidget(m_round);

    connect(actions.step, &QAction::triggered, this, [this] {
        if (m_run && !refuseFinished())
            m_run->controller()->step(1);
    });
    connect(actions.stepN, &QAction::triggered, this, [this] {
        if (m_run && !refuseFinished())
            m_run->controller()->step(stepCount());
    });
    connect(actions.runPause, &QAction::triggered, this, &RunControls::togglePause);
    connect(actions.runTo, &QAction::triggered, this, [this, bar] { askRunTo(bar->window()); });
    connect(actions.extend, &QAction::triggered, this, &RunControls::extend);
    updateExtendText();
    connect(actions.faster, &QAction::triggered, this, &RunControls::faster);
    connect(actions.slower, &QAction::triggered, this, &RunControls::slower);
}

void RunControls::setRun(Run* run)
{
    if (m_run) {
        disconnect(m_run, nullptr, this, nullptr);
        disconnect(m_run->controller(), nullptr, this, nullptr);
    }
    m_run = run;
    m_round->clear();
    m_wasFinished = false;
    showRunning(run && run->controller()->isRunning());
    if (!run)
        return;
    run->controller()->setSpeed(speed());
    connect(run, &Run::snapshotChanged, this, &RunControls::showRound);
    connect(run->controller(), &SimulationController::runningChanged, this, &RunControls::showRunning);
    if (run->latest().totalRounds > 0)
        showRound(run->latest());
}

void RunControls::togglePause()
{
    if (!m_run)
        return;
    if (m_run->controller()->isRunning())
        m_run->controller()->pause();
    else if (!refuseFinished())
        m_run->controller()->run();
}

bool RunControls::refuseFinished()
{
    if (!m_run || !m_run->controller()->isFinished())
        return false;
    emit message(finishedText());
    return true;
}

QString RunControls::finishedText() const
{
    return QStringLiteral("Run finished at round %1 - Reset (Ctrl+R) to run again, or extend the run by %2 rounds "
                          "(Ctrl+Shift+R; N on the toolbar sets how many)")
        .arg(m_run ? m_run->controller()->round() : 0)
        .arg(stepCount());
}

void RunControls::extend()
{
    if (!m_run)
        return;
    const SimulationSnapshot& latest = m_run->controller()->latest();
    const int end
        = static_cast<int>(std::min<long long>(MaxRounds, static_cast<long long>(latest.totalRounds) + stepCount()));
    if (end <= latest.totalRounds) {
        emit message(QStringLiteral("The run cannot go past round %1").arg(MaxRounds));
        return;
    }
    m_run->controller()->extend(stepCount());
    emit message(QStringLiteral("The run now ends at round %1 (the scenario has %2): Step or Run (F5) to go on")
                     .arg(end)
                     .arg(m_run->controller()->scenario().rounds));
}

void RunControls::updateExtendText()
{
    m_actions.extend->setText(QStringLiteral("E&xtend Run by %1 Rounds").arg(stepCount()));
    m_actions.extend->setStatusTip(QStringLiteral("Move the run's end %1 rounds further (N on the run toolbar sets "
                                                  "how many; Ctrl+Shift+R)")
                                       .arg(stepCount()));
}

void RunControls::askRunTo(QWidget* parent)
{
    if (!m_run)
        return;
    const SimulationController* c = m_run->controller();
    RunToDialog dialog(c->round(), c->latest().totalRounds, parent);
    if (dialog.exec() == QDialog::Accepted && m_run)
        m_run->controller()->runTo(dialog.target());
}

void RunControls::showRunning(bool running)
{
    m_actions.runPause->setText(running ? QStringLiteral("&Pause") : QStringLiteral("R&un"));
    m_actions.step->setEnabled(!running);
    m_actions.stepN->setEnabled(!running);
    m_actions.runTo->setEnabled(!running);
    m_actions.extend->setEnabled(!running);
}

void RunControls::showRound(const SimulationSnapshot& s)
{
    const bool finished = s.totalRounds > 0 && s.round >= s.totalRounds;
    m_round->setText(finished ? QStringLiteral("Round %1 / %2 - finished").arg(s.round).arg(s.totalRounds)
                              : QStringLiteral("Round %1 / %2").arg(s.round).arg(s.totalRounds));
    m_round->setToolTip(finished ? finishedText() : QString());
    // Said once, when the run gets there (a run reset at its end, with no rounds, says nothing).
    if (finished && !m_wasFinished && s.round > 0)
        emit message(finishedText());
    m_wasFinished = finished;
}

int RunControls::stepCount() const
{
    return m_stepCount->value();
}

int RunControls::speed() const
{
    return m_speed->currentData().toInt();
}

void RunControls::setSpeed(int roundsPerSecond)
{
    const int index = m_speed->findData(roundsPerSecond);
    if (index >= 0)
        m_speed->setCurrentIndex(index);
}

void RunControls::setNearestSpeed(int roundsPerSecond)
{
    int best = -1;
    for (int i = 0; i < m_speed->count(); ++i) {
        const int rate = m_speed->itemData(i).toInt();
        if ((rate == 0) != (roundsPerSecond <= 0))
            continue;
        if (best < 0 || std::abs(rate - roundsPerSecond) < std::abs(m_speed->itemData(best).toInt() - roundsPerSecond))
            best = i;
    }
    if (best >= 0)
        m_speed->setCurrentIndex(best);
}

void RunControls::faster()
{
    m_speed->setCurrentIndex(std::min(m_speed->currentIndex() + 1, m_speed->count() - 1));
}

void RunControls::slower()
{
    m_speed->setCurrentIndex(std::max(m_speed->currentIndex() - 1, 0));
}

QString RunControls::roundText() const
{
    return m_round->text();
}

} // namespace haggle::ui
