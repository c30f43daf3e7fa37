// The simulation controller (see simulationcontroller.h).
#include "simulationcontroller.h"

#include "simulationworker.h"

namespace haggle::ui {

SimulationController::SimulationController(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<haggle::ui::SimulationSnapshot>();
    m_thread.setObjectName(QStringLiteral("simulation"));
    m_worker = new SimulationWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SimulationWorker::snapshotReady, this, &SimulationController::onSnapshot, Qt::QueuedConnection);
    connect(
        m_worker, &SimulationWorker::failed, this,
        [this](quint64 job, const QString& message) {
            if (job != m_job)
                return;
            m_awaitingReset = false;
            setRunning(false);
            emit failed(message);
        },
        Qt::QueuedConnection);
    m_thread.start();
}

SimulationController::~SimulationController()
{
    m_worker->requestPause();
    m_thread.quit();
    m_thread.wait();
}

void SimulationController::reset(const Scenario& scenario)
{
    m_worker->requestPause();
    m_scenario = scenario;
    const quint64 job = ++m_job;
    m_awaitingReset = true;
    m_latest = {};
    m_latest.job = job;
    setRunning(false);
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, scenario, job] { w->reset(scenario, job); }, Qt::QueuedConnection);
}

void SimulationController::step(int rounds)
{
    if (m_running || rounds < 1)
        return;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, rounds] { w->step(rounds); }, Qt::QueuedConnection);
}

void SimulationController::run()
{
    runTo(0);
}

void SimulationController::runTo(int round)
{
    if (m_running)
        return;
    setRunning(true);
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, round] { w->run(round); }, Qt::QueuedConnection);
}

void SimulationController::pause()
{
    m_worker->requestPause();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->pause(); }, Qt::QueuedConnection);
}

void SimulationController::setSpeed(int roundsPerSecond)
{
    m_speed = std::max(0, roundsPerSecond);
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, s = m_speed] { w->setSpeed(s); }, Qt::QueuedConnection);
}

void SimulationController::setFocus(int agent)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, agent] { w->setFocus(agent); }, Qt::QueuedConnection);
}

void SimulationController::setRecordStateHashes(bool on)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, on] { w->setRecordStateHashes(on); }, Qt::QueuedConnection);
}

void SimulationController::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    emit runningChanged(running);
}

void SimulationController::onSnapshot(const SimulationSnapshot& latest)
{
    if (latest.job != m_job)
        return; // a run that has since been reset
    const bool first = m_awaitingReset;
    m_awaitingReset = false;
    m_latest = latest;
    setRunning(latest.running);
    emit snapshot(latest);
    if (first)
        emit resetDone();
}

} // namespace haggle::ui
