// The run toolbar's controls (see runcontrols.h).
#include "runcontrols.h"

#include "run.h"
#include "settings.h"
#include "simulationcontroller.h"

#include <QAction>
#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QSpinBox>
#include <QToolBar>

#include <algorithm>

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
    connect(m_stepCount, &QSpinBox::valueChanged, this, [](int v) { Settings().setStepCount(v); });
    bar->addWidget(new QLabel(QStringLiteral("  Speed ")));
    for (const auto& [rate, label] : SpeedChoices)
        m_speed->addItem(QString::fromLatin1(label), rate);
    m_speed->setToolTip(QStringLiteral("How fast Run plays rounds (Ctrl+] faster, Ctrl+[ slower)"));
    bar->addWidget(m_speed);
    const int saved = m_speed->findData(settings.speed());
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
        if (m_run)
            m_run->controller()->step(1);
    });
    connect(actions.stepN, &QAction::triggered, this, [this] {
        if (m_run)
            m_run->controller()->step(stepCount());
    });
    connect(actions.runPause, &QAction::triggered, this, &RunControls::togglePause);
    connect(actions.runTo, &QAction::triggered, this, [this, bar] { askRunTo(bar->window()); });
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
    else
        m_run->controller()->run();
}

void RunControls::askRunTo(QWidget* parent)
{
    if (!m_run)
        return;
    SimulationController* c = m_run->controller();
    bool ok = false;
    const int target = QInputDialog::getInt(parent, QStringLiteral("Run to round"), QStringLiteral("Round:"),
        std::max(c->round() + 1, c->scenario().rounds), c->round() + 1, MaxRounds, 1, &ok);
    if (ok && m_run)
        m_run->controller()->runTo(target);
}

void RunControls::showRunning(bool running)
{
    m_actions.runPause->setText(running ? QStringLiteral("&Pause") : QStringLiteral("R&un"));
    m_actions.step->setEnabled(!running);
    m_actions.stepN->setEnabled(!running);
    m_actions.runTo->setEnabled(!running);
}

void RunControls::showRound(const SimulationSnapshot& s)
{
    m_round->setText(QStringLiteral("Round %1 / %2").arg(s.round).arg(s.totalRounds));
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
