// The simulation controller (see simulationcontroller.h).
#include "simulationcontroller.h"

#include "simulationworker.h"
#include "threadpriority.h"

namespace haggle::ui {

SimulationController::SimulationController(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<haggle::ui::SimulationSnapshot>();
    qRegisterMetaType<std::shared_ptr<const haggle::ui::PastView>>();
    qRegisterMetaType<haggle::lab::RunFile>();
    qRegisterMetaType<std::shared_ptr<const haggle::lab::LlmDialogue>>();
    m_thread.setObjectName(QStringLiteral("simulation"));
    m_worker = new SimulationWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(
        &m_thread, &QThread::started, m_worker, [] { yieldToTheGuiThread(); }, Qt::DirectConnection);
    connect(m_worker, &SimulationWorker::snapshotReady, this, &SimulationController::onSnapshot, Qt::QueuedConnection);
    connect(
        m_worker, &SimulationWorker::failed, this,
        [this](quint64 job, const QString& message) {
            SimulationWorker::fence().received();
            if (job != m_job)
                return;
            m_awaitingReset = false;
            m_failed = true;
            setRunning(false);
            if (m_languageModel) { // a fork that failed after its base run connected
                m_languageModel.reset();
                emit languageModelChanged();
            }
            emit failed(message);
        },
        Qt::QueuedConnection);
    connect(
        m_worker, &SimulationWorker::pastReady, this,
        [this](const std::shared_ptr<const PastView>& view) {
            SimulationWorker::fence().received();
            if (view->job == m_job)
                emit pastView(view);
        },
        Qt::QueuedConnection);
    connect(
        m_worker, &SimulationWorker::languageModelConnected, this,
        [this](quint64 job, const std::shared_ptr<const lab::LlmDialogue>& dialogue) {
            SimulationWorker::fence().received();
            if (job != m_job)
                return;
            m_languageModel = dialogue;
            emit languageModelChanged();
        },
        Qt::QueuedConnection);
    connect(
        m_worker, &SimulationWorker::recordReady, this,
        [this](quint64 job, const lab::RunFile& record) {
            SimulationWorker::fence().received();
            if (job == m_job)
                emit recordReady(record);
        },
        Qt::QueuedConnection);
    m_thread.start();
}

SimulationController::~SimulationController()
{
    m_worker->requestPause();
    {
        // The worker is destroyed on its thread after this (see handofffence.h).
        [[maybe_unused]] const auto posting = SimulationWorker::fence().posting();
        m_thread.quit();
    }
    m_thread.wait();
    // Snapshots still queued for this controller are destroyed with it, on this thread.
    SimulationWorker::fence().received();
}

quint64 SimulationController::startJob(const Scenario& scenario)
{
    m_worker->requestPause();
    m_scenario = scenario;
    const quint64 job = ++m_job;
    m_awaitingReset = true;
    m_failed = false;
    m_latest = {};
    m_latest.job = job;
    setRunning(false);
    if (m_languageModel) {
        m_languageModel.reset();
        emit languageModelChanged();
    }
    return job;
}

void SimulationController::reset(const Scenario& scenario)
{
    const quint64 job = startJob(scenario);
    send([scenario, job](SimulationWorker* w) { w->reset(scenario, job); });
}

void SimulationController::resetFork(
    const Scenario& base, int round, const Scenario& edited, std::shared_ptr<const lab::LlmDialogue> answers)
{
    const quint64 job = startJob(edited);
    send([base, round, edited, job, answers = std::move(answers)](
             SimulationWorker* w) { w->resetFork(base, round, edited, job, answers); });
}

void SimulationController::step(int rounds)
{
    if (m_running || m_failed || rounds < 1)
        return;
    send([rounds](SimulationWorker* w) { w->step(rounds); });
}

void SimulationController::run()
{
    runTo(0);
}

void SimulationController::runTo(int round)
{
    // After a failed reset the worker has no simulation: it would never answer a run, and the controller would
    // stay "running" for good (found by tst_controllerstress).
    if (m_running || m_failed)
        return;
    setRunning(true);
    send([round](SimulationWorker* w) { w->run(round); });
}

void SimulationController::extend(int rounds)
{
    if (m_failed || rounds < 1)
        return;
    send([rounds](SimulationWorker* w) { w->extend(rounds); });
}

void SimulationController::pause()
{
    m_worker->requestPause();
    send([](SimulationWorker* w) { w->pause(); });
}

void SimulationController::setSpeed(int roundsPerSecond)
{
    m_speed = std::max(0, roundsPerSecond);
    send([s = m_speed](SimulationWorker* w) { w->setSpeed(s); });
}

void SimulationController::setFocus(int agent)
{
    send([agent](SimulationWorker* w) { w->setFocus(agent); });
}

template <typename Command> void SimulationController::send(Command command)
{
    [[maybe_unused]] const auto posting = SimulationWorker::fence().posting();
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, command = std::move(command)] {
            SimulationWorker::fence().received(); // before reading the captures
            command(w);
        },
        Qt::QueuedConnection);
}

void SimulationController::seek(int round)
{
    if (m_failed)
        return;
    send([round](SimulationWorker* w) { w->seek(round); });
}

void SimulationController::requestRecord()
{
    if (m_failed)
        return;
    send([](SimulationWorker* w) { w->record(); });
}

void SimulationController::setRecordStateHashes(bool on)
{
    send([on](SimulationWorker* w) { w->setRecordStateHashes(on); });
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
    SimulationWorker::fence().received();
    // Handled (or dropped) once this returns: the worker may then send another (see SimulationWorker).
    struct Consumed {
        SimulationWorker* worker;
        ~Consumed() { worker->snapshotConsumed(); }
    } consumed { m_worker };
    if (latest.job != m_job)
        return; // a run that has since been reset
    const bool first = m_awaitingReset;
    m_awaitingReset = false;
    // The batches go out with the signal below; a copy of them (up to 20,000 messages) would only cost time.
    keepState(m_latest, latest);
    setRunning(latest.running);
    emit snapshot(latest);
    if (first)
        emit resetDone();
}

} // namespace haggle::ui
