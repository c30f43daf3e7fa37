// A run of the desktop lab (see run.h).
#include "run.h"

#include "chartexport.h"
#include "phasesummarymodel.h"
#include "report.h"
#include "reputation.h"
#include "roundsummarymodel.h"
#include "rulessets.h"
#include "simulationcontroller.h"

#include <algorithm>

namespace haggle::ui {

Run::Run(QObject* parent)
    : QObject(parent)
    , m_controller(new SimulationController(this))
    , m_rounds(new RoundSummaryModel(this))
    , m_phases(new PhaseSummaryModel(this))
{
    connect(m_controller, &SimulationController::snapshot, this, &Run::onSnapshot);
    connect(m_controller, &SimulationController::pastView, this, &Run::onPastView);
    connect(m_controller, &SimulationController::languageModelChanged, this, &Run::languageModelChanged);
}

// The controller (a child) stops and joins its worker thread; nothing is sent to the views after this.
Run::~Run() = default;

void Run::reset(const Scenario& scenario)
{
    m_forkRound = 0;
    m_controller->reset(scenario);
}

void Run::fork(const Scenario& base, int round, const Scenario& edited, std::shared_ptr<const lab::LlmDialogue> answers)
{
    m_forkRound = round;
    m_controller->resetFork(base, round, edited, std::move(answers));
}

const std::shared_ptr<const lab::LlmDialogue>& Run::languageModel() const noexcept
{
    return m_controller->languageModel();
}

const Scenario& Run::scenario() const noexcept
{
    return m_controller->scenario();
}

void Run::setFocus(int agent)
{
    m_focus = agent;
    m_controller->setFocus(agent);
}

QStringList Run::agentIds() const
{
    QStringList ids;
    ids.reserve(qsizetype(scenario().agents.size()));
    for (const auto& a : scenario().agents)
        ids.append(QString::fromStdString(a.id));
    return ids;
}

const std::vector<int>& Run::rejoinRounds(int agent) const
{
    static const std::vector<int> none;
    return agent >= 0 && static_cast<std::size_t>(agent) < m_rejoins.size() ? m_rejoins[std::size_t(agent)] : none;
}

void Run::setCursor(int round)
{
    const int clamped = std::clamp(round, 0, newestRound());
    const bool wasPast = showsPast();
    m_follow = clamped == newestRound();
    moveCursor(clamped);
    if (m_follow) {
        m_past.reset();
        if (wasPast)
            emit shownChanged();
        return;
    }
    m_controller->seek(clamped);
}

void Run::onPastView(const std::shared_ptr<const PastView>& view)
{
    // While the cursor is in the past, every answer is shown as it comes, even when the cursor has moved on since
    // it was asked for (scrubbing asks faster than rounds are replayed): the views follow the hand at the worker's
    // pace, and the answer for where the cursor stops comes last (the worker answers the newest request).
    if (m_follow)
        return;
    m_past = view;
    emit shownChanged();
}

void Run::moveCursor(int round)
{
    if (round == m_cursor)
        return;
    m_cursor = round;
    emit cursorChanged(round);
}

void Run::startOver()
{
    m_rounds->clear();
    m_phases->clear();
    m_network.reset(scenario().agents.size());
    m_chartData.reset(charts::RunChartData::staticPartFor(scenario()));
    m_latest = {};
    m_rejoins.assign(scenario().agents.size(), {});
    m_job = m_controller->job();
    m_follow = true;
    m_past.reset();
    moveCursor(0);
    // The worker starts a new simulation without a focus; the selected agent stays the inspector's.
    m_controller->setFocus(m_focus);
    emit startedOver();
}

void Run::onSnapshot(const SimulationSnapshot& s)
{
    // The controller sends only its current job's snapshots; the first of a new job starts the data over, so the
    // views never draw the previous run's data with the new run's agents.
    if (s.job != m_job)
        startOver();
    m_rounds->append(s.newRounds);
    m_phases->append(s.newRounds);
    m_network.add(s.newDeals);
    m_chartData.append(s.newRounds, s.newDeals);
    m_chartData.setBook(s.book, s.round);
    if (s.detection) {
        std::vector<bool> cheaters(s.agents.size());
        for (std::size_t i = 0; i < s.agents.size(); ++i)
            cheaters[i] = s.agents[i].cheater;
        m_chartData.appendDetection(s.newDetection, s.newIsolationChanges, cheaters);
    }
    for (const IdentityChange& change : s.newIdentities) {
        if (change.agent < m_rejoins.size())
            m_rejoins[change.agent].push_back(change.round);
    }
    keepState(m_latest, s);
    if (m_follow)
        moveCursor(s.round);
    emit snapshotChanged(s);
}

bool Run::writeGraphML(const QString& path, QString* error) const
{
    const Scenario& run = scenario();
    // What agents without live data are drawn at: a stranger's view, the same for all (a model is built to ask it).
    // (The prototype rules' ledgers start every stranger at 0.5; their models are not Haggle's.)
    const double stranger = m_latest.agents.size() >= run.agents.size() ? 0.0
        : isPrototypeRules(run.rules)                                   ? 0.5
                                                                        : strangerReputation(run.reputation);
    std::vector<lab::NetworkNode> nodes;
    for (std::size_t i = 0; i < run.agents.size(); ++i) {
        const auto& a = run.agents[i];
        const bool live = i < m_latest.agents.size();
        nodes.push_back({ a.id, a.role, a.strategy.type, isCheaterStrategy(run.rules, a.strategy.type),
            live ? m_latest.agents[i].netWorth : a.budget + a.holdings.value(run.market.referencePrices),
            live ? m_latest.agents[i].meanReputation : stranger });
    }
    return charts::saveAtomically(path, QByteArray::fromStdString(lab::toGraphML(m_network, nodes)), error);
}

} // namespace haggle::ui
