// The simulation worker (see simulationworker.h).
#include "simulationworker.h"

#include "llmconnection.h"
#include "llmdialogue.h"

#include <QMetaObject>

#include <algorithm>

#include <exception>

namespace haggle::ui {

SimulationWorker::SimulationWorker(QObject* parent)
    : QObject(parent)
    , m_tick(new QTimer(this))
{
    m_tick->setTimerType(Qt::PreciseTimer);
    connect(m_tick, &QTimer::timeout, this, [this] {
        if (!m_running)
            return;
        playRound();
        if (shouldStop()) {
            m_running = false;
            m_tick->stop();
            flush();
        } else if (m_sinceFlush.elapsed() >= FlushIntervalMs) {
            flush();
        }
    });
}

SimulationWorker::~SimulationWorker()
{
    // Destroyed on the worker thread when it finishes; the controller's quit() was posted under the fence.
    fence().received();
}

HandoffFence& SimulationWorker::fence() noexcept
{
    static HandoffFence instance;
    return instance;
}

void SimulationWorker::reset(const Scenario& scenario, quint64 job)
{
    m_running = false;
    m_tick->stop();
    m_pauseRequested = false;
    m_job = job;
    m_hashEveryRound = m_recordStateHashes;
    m_pendingRounds.clear();
    m_pendingStateHashes.clear();
    m_pendingDeals.clear();
    m_pendingMessages.clear();
    m_droppedMessages = 0;
    m_pendingIdentities.clear();
    m_pendingDetection.clear();
    m_pendingIsolation.clear();
    m_detection.reset(); // it reads the previous run's scenario
    m_forkedFrom.reset();
    try {
        m_sim = makeRun(scenario);
        // A pause ends a call in flight.
        m_dialogue = connectLanguageModel(*m_sim, scenario, &m_pauseRequested);
        if (m_dialogue) {
            [[maybe_unused]] const auto posting = fence().posting();
            emit languageModelConnected(job, m_dialogue);
        }
    } catch (const std::exception& e) {
        m_sim.reset();
        m_dialogue.reset();
        [[maybe_unused]] const auto posting = fence().posting();
        emit failed(job, QString::fromStdString(e.what()));
        return;
    }
    m_end = scenario.rounds;
    m_history.reset();
    m_dealLog.clear();
    m_dealLogFull = false;
    m_seekTarget = -1;
    if (m_sim->agentCount() <= MaxTimeTravelAgents)
        m_history = std::make_unique<RunHistory>(*m_sim);
    m_cheater.assign(m_sim->agentCount(), 0);
    for (std::size_t i = 0; i < m_cheater.size() && i < scenario.agents.size(); ++i)
        m_cheater[i] = isCheaterStrategy(scenario.rules, scenario.agents[i].strategy.type) ? 1 : 0;
    // The tracker reads the run's own copy of the scenario, which lives as long as the run.
    auto tracker = std::make_unique<lab::DetectionTracker>(m_sim->scenario());
    if (tracker->enabled()) {
        m_detection = std::move(tracker);
        m_isolated.assign(m_sim->agentCount(), 0);
    }
    if (m_focus >= int(m_sim->agentCount()))
        m_focus = -1;
    flush();
}

void SimulationWorker::resetFork(const Scenario& base, int round, const Scenario& edited, quint64 job,
    const std::shared_ptr<const lab::LlmDialogue>& answers)
{
    reset(base, job);
    if (!m_sim)
        return;
    if (m_dialogue && answers)
        m_dialogue->answerFrom(*answers);
    while (m_sim->round() < round) {
        playRound();
        if (m_sinceFlush.elapsed() >= FlushIntervalMs)
            flush();
    }
    try {
        std::unique_ptr<MarketRun> branch = m_sim->fork(edited);
        m_forkedFrom = std::move(m_sim);
        m_sim = std::move(branch);
        if (m_history)
            m_history->markFork(*m_sim);
    } catch (const std::exception& e) {
        m_sim.reset();
        [[maybe_unused]] const auto posting = fence().posting();
        emit failed(
            job, QStringLiteral("Cannot fork at round %1: %2").arg(round).arg(QString::fromStdString(e.what())));
        return;
    }
    m_end = std::max(edited.rounds, round);
    flush();
}

void SimulationWorker::step(int rounds)
{
    if (!m_sim || m_running)
        return;
    m_pauseRequested = false;
    rounds = std::min(rounds, m_end - m_sim->round());
    for (int i = 0; i < rounds && !m_pauseRequested.load(); ++i) {
        playRound();
        if (m_sinceFlush.elapsed() >= FlushIntervalMs && i + 1 < rounds)
            flush();
    }
    flush();
}

void SimulationWorker::run(int untilRound)
{
    if (!m_sim || m_running)
        return;
    if (untilRound > m_end)
        m_end = std::min(untilRound, MaxRounds);
    m_runUntil = untilRound > 0 ? std::min(untilRound, m_end) : m_end;
    if (m_sim->round() >= m_runUntil) {
        flush();
        return;
    }
    m_pauseRequested = false;
    m_running = true;
    m_sinceFlush.start();
    flush(); // tells the GUI the run has started
    if (m_speed > 0)
        m_tick->start(std::max(1, 1000 / m_speed));
    else
        continueRun();
}

void SimulationWorker::extend(int rounds)
{
    if (!m_sim || rounds < 1)
        return;
    m_end = static_cast<int>(std::min<long long>(MaxRounds, static_cast<long long>(m_end) + rounds));
    flush();
}

void SimulationWorker::pause()
{
    m_pauseRequested = false;
    if (!m_running)
        return;
    m_running = false;
    m_tick->stop();
    flush();
}

void SimulationWorker::setSpeed(int roundsPerSecond)
{
    m_speed = std::max(0, roundsPerSecond);
    if (!m_running)
        return;
    if (m_speed > 0) {
        m_tick->start(std::max(1, 1000 / m_speed));
    } else {
        m_tick->stop();
        if (!m_continueQueued)
            continueRun();
    }
}

void SimulationWorker::setFocus(int agent)
{
    m_focus = agent;
    if (m_sim && !m_running)
        flush();
}

void SimulationWorker::setRecordStateHashes(bool on)
{
    m_recordStateHashes = on;
}

bool SimulationWorker::shouldStop() const
{
    return m_pauseRequested.load() || !m_sim || m_sim->round() >= m_runUntil;
}

void SimulationWorker::continueRun()
{
    m_continueQueued = false;
    if (!m_running || m_speed > 0)
        return;
    if (m_inFlight.load() >= MaxSnapshotsInFlight) {
        // The GUI is behind: wait for it rather than queue more (see the header). Commands are still handled.
        m_continueQueued = true;
        QTimer::singleShot(BackpressureWaitMs, this, &SimulationWorker::continueRun);
        return;
    }
    QElapsedTimer chunk;
    chunk.start();
    while (!shouldStop() && chunk.elapsed() < ChunkMs)
        playRound();
    if (shouldStop()) {
        m_running = false;
        m_pauseRequested = false;
        flush();
        return;
    }
    if (m_sinceFlush.elapsed() >= FlushIntervalMs)
        flush();
    // Back to the event loop between chunks: queued commands are handled before the next chunk.
    m_continueQueued = true;
    QMetaObject::invokeMethod(this, &SimulationWorker::continueRun, Qt::QueuedConnection);
}

void SimulationWorker::playRound()
{
    const RoundSummary& summary = m_sim->step();
    const RoundEvents& events = m_sim->lastEvents();
    m_pendingRounds.push_back(summary);
    if (m_history)
        m_history->record(*m_sim);
    if (m_hashEveryRound)
        m_pendingStateHashes.push_back(m_history ? m_history->hashAfter(m_sim->round()) : m_sim->stateHash());
    m_pendingDeals.insert(m_pendingDeals.end(), events.deals.begin(), events.deals.end());
    if (m_history && !m_dealLogFull) {
        m_dealLogFull = m_dealLog.size() + events.deals.size() > MaxDealLog;
        for (std::size_t k = 0; k < events.deals.size() && !m_dealLogFull; ++k) {
            const DealRecord& d = events.deals[k];
            m_dealLog.push_back(
                { d.round, d.buyer, d.seller, float(d.resources.units()), d.price, d.delivered, d.paid });
        }
    }
    for (const auto& m : events.messages)
        m_pendingMessages.push_back({ events.round, m });
    for (const StrategyRecord& record : events.strategyChanges) {
        if (record.agent < m_cheater.size() && isCheaterStrategy(m_sim->scenario().rules, record.strategy))
            m_cheater[record.agent] = 1;
    }
    for (const IdentityRecord& record : events.identities)
        m_pendingIdentities.push_back({ events.round, record.agent, record.identity });
    if (m_detection) {
        m_detection->observe(*m_sim);
        lab::DetectionCounts counts;
        for (std::size_t i = 0; i < m_isolated.size(); ++i) {
            const auto agent = static_cast<AgentIndex>(i);
            const bool isolated = m_detection->isolated(agent);
            const bool cheater = m_detection->cheater(agent);
            counts.truePositives += cheater && isolated ? 1 : 0;
            counts.falsePositives += !cheater && isolated ? 1 : 0;
            counts.falseNegatives += cheater && !isolated ? 1 : 0;
            counts.trueNegatives += !cheater && !isolated ? 1 : 0;
            if (isolated != (m_isolated[i] != 0)) {
                m_isolated[i] = isolated ? 1 : 0;
                m_pendingIsolation.push_back({ summary.round, static_cast<int>(i), isolated });
            }
        }
        m_pendingDetection.push_back({ summary.round, counts });
    }
    // Keep only the newest messages: at full speed nobody reads them all, and the log must not fall behind.
    while (m_pendingMessages.size() > MaxMessagesPerSnapshot) {
        m_pendingMessages.pop_front();
        ++m_droppedMessages;
    }
}

void SimulationWorker::flush()
{
    if (!m_sim)
        return;
    SimulationSnapshot s;
    s.job = m_job;
    s.round = m_sim->round();
    s.totalRounds = m_end;
    s.running = m_running;
    fillState(*m_sim, s, false);
    s.newRounds = std::move(m_pendingRounds);
    s.newStateHashes = std::move(m_pendingStateHashes);
    s.newDeals = std::move(m_pendingDeals);
    s.newMessages.assign(m_pendingMessages.begin(), m_pendingMessages.end());
    s.droppedMessages = m_droppedMessages;
    s.newIdentities = std::move(m_pendingIdentities);
    s.newDetection = std::move(m_pendingDetection);
    s.newIsolationChanges = std::move(m_pendingIsolation);
    m_pendingIdentities.clear();
    m_pendingDetection.clear();
    m_pendingIsolation.clear();
    m_pendingRounds.clear();
    m_pendingStateHashes.clear();
    m_pendingDeals.clear();
    m_pendingMessages.clear();
    m_droppedMessages = 0;
    if (!s.newStateHashes.empty())
        s.stateHash = s.newStateHashes.back();
    else if (m_history && m_history->newestRound() == m_sim->round() && s.round > 0)
        s.stateHash = m_history->hashAfter(s.round);
    else
        s.stateHash = m_sim->stateHash();
    m_sinceFlush.restart();
    m_inFlight.fetch_add(1);
    [[maybe_unused]] const auto posting = fence().posting();
    emit snapshotReady(s);
}

void SimulationWorker::fillState(const MarketRun& run, SimulationSnapshot& s, bool past) const
{
    const std::size_t agentCount = run.agentCount();
    const std::string& rules = run.scenario().rules;
    s.agents.reserve(agentCount);
    for (std::size_t i = 0; i < agentCount; ++i) {
        const auto agent = static_cast<AgentIndex>(i);
        const AgentStatus a = run.agentStatus(agent);
        AgentLive live { a.budget, a.holdings, a.netWorth, a.meanReputation, a.deals };
        live.identity = run.identityOf(agent);
        // A past round: a cheater is one that plays a cheater kind then (or started as one).
        live.cheater = past ? isCheaterStrategy(rules, a.strategy)
                || (i < run.scenario().agents.size()
                    && isCheaterStrategy(rules, run.scenario().agents[i].strategy.type))
                            : i < m_cheater.size() && m_cheater[i] != 0;
        live.isolated = !past && m_detection && m_detection->isolated(agent);
        s.agents.push_back(std::move(live));
    }
    s.detection = m_detection != nullptr;
    // Who refuses whom: each reputation-aware agent's table against its own threshold.
    const auto& specs = run.scenario().agents;
    std::vector<std::uint8_t> aware(agentCount, 0);
    for (std::size_t i = 0; i < specs.size() && i < agentCount; ++i) {
        const auto& threshold = specs[i].strategy.trustThreshold;
        if (!threshold)
            continue;
        ++s.reputationAware;
        aware[i] = 1;
        for (const auto& [peer, view] : run.reputationTable(static_cast<AgentIndex>(i))) {
            if (view < *threshold && peer < s.agents.size())
                ++s.agents[peer].refusedBy;
        }
    }
    // A past round's isolation, from the tables as the detection tracker reads them: every reputation-aware peer
    // refuses it.
    if (past && m_detection) {
        for (std::size_t i = 0; i < agentCount; ++i) {
            const int peers = s.reputationAware - aware[i];
            s.agents[i].isolated = peers > 0 && s.agents[i].refusedBy >= peers;
        }
    }
    if (m_focus >= 0 && m_focus < int(agentCount)) {
        const auto focus = static_cast<AgentIndex>(m_focus);
        s.focus.agent = m_focus;
        s.focus.reputationTable = run.reputationTable(focus);
        s.focus.recentDeals = run.recentDeals(focus, MaxFocusDeals);
        s.focus.learned = run.learned(focus);
    }
    if (const OrderBook* book = run.orderBook())
        s.book = *book;
    if (run.round() > 0)
        s.coalitions = run.lastEvents().coalitions;
    s.split = run.scenario().coalitions.split;
}

void SimulationWorker::seek(int round)
{
    m_seekTarget = round;
    if (m_seekQueued)
        return;
    m_seekQueued = true;
    QMetaObject::invokeMethod(this, &SimulationWorker::answerSeek, Qt::QueuedConnection);
}

void SimulationWorker::answerSeek()
{
    m_seekQueued = false;
    if (!m_sim)
        return;
    auto answer = std::make_shared<PastView>();
    PastView& view = *answer;
    view.job = m_job;
    view.round = std::clamp(m_seekTarget, 0, m_sim->round());
    view.state.job = m_job;
    view.state.round = view.round;
    view.state.totalRounds = m_end;
    view.state.running = m_running;
    if (!m_history) {
        view.error = QStringLiteral("Time travel is off in markets of over %L1 agents: every view shows the newest "
                                    "round.")
                         .arg(qulonglong(MaxTimeTravelAgents));
    } else {
        try {
            // The round before, then the round itself with its messages: the views show what happened in it.
            std::unique_ptr<MarketRun> past;
            if (view.round == 0) {
                past = m_history->seek(0);
            } else {
                past = m_history->seekBefore(view.round);
                past->setRecordMessages(true);
                past->step();
                const RoundEvents& events = past->lastEvents();
                view.state.newDeals = events.deals;
                view.state.newMessages.reserve(events.messages.size());
                for (const Message& m : events.messages)
                    view.state.newMessages.push_back({ view.round, m });
                if (past->stateHash() != m_history->hashAfter(view.round))
                    throw ReplayMismatch(view.round, m_history->hashAfter(view.round), past->stateHash());
            }
            fillState(*past, view.state, true);
            view.state.stateHash = past->stateHash();
            view.network.reset(m_sim->agentCount());
            if (m_dealLogFull) {
                view.error = QStringLiteral("The deal graph shows the newest round: the run has more deals than "
                                            "time travel keeps (%L1).")
                                 .arg(qulonglong(MaxDealLog));
            } else {
                for (const LoggedDeal& d : m_dealLog) {
                    if (d.round > view.round)
                        break;
                    DealRecord record;
                    record.round = d.round;
                    record.buyer = d.buyer;
                    record.seller = d.seller;
                    record.resources.gpu = double(d.units);
                    record.price = d.price;
                    record.delivered = d.delivered;
                    record.paid = d.paid;
                    view.network.add(record);
                }
            }
        } catch (const std::exception& e) {
            view.error
                = QStringLiteral("Round %1 cannot be shown: %2").arg(view.round).arg(QString::fromStdString(e.what()));
        }
    }
    [[maybe_unused]] const auto posting = fence().posting();
    emit pastReady(answer);
}

void SimulationWorker::record()
{
    if (!m_sim)
        return;
    lab::RunFile file;
    file.scenario = m_sim->scenario();
    if (m_history) {
        file.hashes = m_history->hashes();
        file.parts = m_history->parts();
    }
    [[maybe_unused]] const auto posting = fence().posting();
    emit recordReady(m_job, file);
}

} // namespace haggle::ui
