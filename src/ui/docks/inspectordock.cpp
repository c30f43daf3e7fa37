// The Inspector dock (see inspectordock.h).
#include "inspectordock.h"

#include "agenttablemodel.h"
#include "inspectormodels.h"
#include "llmexchangemodel.h"
#include "llmnegotiator.h"
#include "policyfile.h"
#include "rulessets.h"
#include "run.h"
#include "scenariodocument.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace haggle::ui {

namespace {

QTableView* table(QAbstractItemModel* model)
{
    auto* view = new QTableView;
    view->setModel(model);
    view->verticalHeader()->setVisible(false);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    return view;
}

} // namespace

void InspectorDock::setRun(Run* run)
{
    if (run == m_run)
        return;
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    m_run = run;
    if (!run)
        return;
    connect(run, &Run::startedOver, this, [this] { setRunAgents(m_run->agentIds()); });
    // The inspector shows the agent as of the run's cursor (see Run::shown()).
    connect(run, &Run::snapshotChanged, this, [this](const SimulationSnapshot& s) {
        if (!m_run->showsPast())
            showSnapshot(s);
    });
    connect(run, &Run::shownChanged, this, [this] { showSnapshot(m_run->shown()); });
    connect(run, &Run::languageModelChanged, this, [this] {
        m_llmRound = -1;
        showConversations(m_run->shown().round);
    });
    setRunAgents(run->agentIds());
    showSnapshot(run->shown());
}

InspectorDock::InspectorDock(ScenarioDocument* document, QWidget* parent)
    : QDockWidget(QStringLiteral("Inspector"), parent)
    , m_document(document)
    , m_title(new QLabel)
    , m_summary(new QLabel)
    , m_reputation(new ReputationTableModel(this))
    , m_deals(new DealHistoryModel(this))
    , m_learned(new LearnedTableModel(this))
    , m_coalition(new CoalitionModel(this))
    , m_llm(new LlmExchangeModel(this))
{
    setObjectName(QStringLiteral("inspectorDock"));
    setWhatsThis(QStringLiteral("The selected agent as the run sees it now: its reputation table (its own view of "
                                "each peer it has met) and its latest deals."));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    auto* split = new QSplitter(Qt::Vertical);
    auto* repBox = new QWidget;
    auto* repLayout = new QVBoxLayout(repBox);
    repLayout->setContentsMargins(0, 0, 0, 0);
    repLayout->addWidget(new QLabel(QStringLiteral("Its reputation table")));
    repLayout->addWidget(table(m_reputation));
    auto* dealBox = new QWidget;
    auto* dealLayout = new QVBoxLayout(dealBox);
    dealLayout->setContentsMargins(0, 0, 0, 0);
    dealLayout->addWidget(new QLabel(QStringLiteral("Its deals (newest first)")));
    dealLayout->addWidget(table(m_deals));
    split->addWidget(repBox);
    split->addWidget(dealBox);
    split->addWidget(createCoalitionPane());
    split->addWidget(createLearnedPane());
    split->addWidget(createLlmPane());
    layout->addWidget(split, 1);
    setWidget(body);
    connect(document, &ScenarioDocument::changed, this, &InspectorDock::showSpec);
    showSpec();
}

QWidget* InspectorDock::createLearnedPane()
{
    m_learnedPane = new QWidget;
    m_learnedPane->setObjectName(QStringLiteral("learnedPane"));
    auto* layout = new QVBoxLayout(m_learnedPane);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    m_learnedTitle = new QLabel;
    bar->addWidget(m_learnedTitle, 1);
    auto* metOnly = new QCheckBox(QStringLiteral("Only states met"));
    metOnly->setChecked(true);
    metOnly->setToolTip(QStringLiteral("Hide the states it has never been in (their values are still the start)"));
    connect(metOnly, &QCheckBox::toggled, m_learned, &LearnedTableModel::setMetOnly);
    bar->addWidget(metOnly);
    auto* csv = new QPushButton(QStringLiteral("Export CSV..."));
    csv->setObjectName(QStringLiteral("exportLearnedCsv"));
    csv->setToolTip(QStringLiteral("Write the table as CSV: a row per state, a column per action"));
    connect(csv, &QPushButton::clicked, this, [this] { askToSaveLearned(true); });
    bar->addWidget(csv);
    auto* save = new QPushButton(QStringLiteral("Save Policy..."));
    save->setObjectName(QStringLiteral("saveLearnedPolicy"));
    save->setToolTip(QStringLiteral("Save what it has learnt as a policy file another scenario's agent can start "
                                    "from (agents[].strategy.policy)"));
    connect(save, &QPushButton::clicked, this, [this] { askToSaveLearned(false); });
    bar->addWidget(save);
    layout->addLayout(bar);
    auto* view = table(m_learned);
    view->setObjectName(QStringLiteral("learnedTable"));
    view->horizontalHeader()->setStretchLastSection(false);
    // The state labels are long: their column fits them, the actions scroll beside it.
    connect(m_learned, &QAbstractItemModel::modelReset, view,
        [view] { view->resizeColumnToContents(LearnedTableModel::StateColumn); });
    layout->addWidget(view);
    m_learnedPane->hide();
    return m_learnedPane;
}

QWidget* InspectorDock::createCoalitionPane()
{
    m_coalitionPane = new QWidget;
    m_coalitionPane->setObjectName(QStringLiteral("coalitionPane"));
    auto* layout = new QVBoxLayout(m_coalitionPane);
    layout->setContentsMargins(0, 0, 0, 0);
    m_coalitionTitle = new QLabel;
    m_coalitionTitle->setWordWrap(true);
    layout->addWidget(m_coalitionTitle);
    auto* view = table(m_coalition);
    view->setObjectName(QStringLiteral("coalitionTable"));
    layout->addWidget(view);
    m_coalitionPane->hide();
    return m_coalitionPane;
}

QWidget* InspectorDock::createLlmPane()
{
    m_llmPane = new QWidget;
    m_llmPane->setObjectName(QStringLiteral("llmPane"));
    auto* layout = new QVBoxLayout(m_llmPane);
    layout->setContentsMargins(0, 0, 0, 0);
    m_llmTitle = new QLabel;
    m_llmTitle->setWordWrap(true);
    layout->addWidget(m_llmTitle);
    auto* inner = new QSplitter(Qt::Vertical);
    m_llmView = table(m_llm);
    m_llmView->setObjectName(QStringLiteral("llmTable"));
    m_llmView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_llmView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    inner->addWidget(m_llmView);
    m_llmText = new QTextBrowser;
    m_llmText->setObjectName(QStringLiteral("llmExchangeText"));
    m_llmText->setToolTip(QStringLiteral("The selected decision: each attempt's prompt and the model's reply"));
    inner->addWidget(m_llmText);
    layout->addWidget(inner, 1);
    connect(m_llmView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) { showExchange(current.row()); });
    m_llmPane->hide();
    return m_llmPane;
}

void InspectorDock::showConversations(int round)
{
    const lab::LlmDialogue* dialogue = m_run ? m_run->languageModel().get() : nullptr;
    if (!dialogue || m_agent < 0 || m_agent >= m_runIds.size()) {
        m_llmPane->hide();
        return;
    }
    const Scenario& scenario = m_run->scenario();
    const bool asks = m_agent < int(scenario.agents.size())
        && scenario.agents[static_cast<std::size_t>(m_agent)].strategy.type == LlmNegotiator::Name;
    // Only when the round shown or the dialogue changed: snapshots come 30 times a second, the copy holds the
    // dialogue's lock the worker needs, and resetting the model would lose the user's selection.
    const std::uint64_t revision = dialogue->revision();
    if (round != m_llmRound || revision != m_llmRevision) {
        m_llmRound = round;
        m_llmRevision = revision;
        setConversations(*dialogue, round, agentExchanges(*dialogue, round, m_runIds.at(m_agent).toStdString()));
    }
    // An agent that asked nothing this round and is no LLM negotiator (an event can make one) shows no pane.
    m_llmPane->setVisible(asks || m_llm->rowCount() > 0);
}

void InspectorDock::setConversations(const lab::LlmDialogue& dialogue, int round, std::vector<LlmExchange> exchanges)
{
    const auto fallbacks = std::count_if(exchanges.begin(), exchanges.end(), [](const auto& e) { return !e.answer; });
    if (round < dialogue.oldestRoundKept())
        m_llmTitle->setText(QStringLiteral("Round %1's conversations with the model are no longer held (the newest "
                                           "%2 decisions are)")
                                .arg(round)
                                .arg(lab::LlmDialogue::MaxExchangesKept));
    else if (round == 0)
        m_llmTitle->setText(QStringLiteral("What it asks its model shows here, a round at a time, once a round is "
                                           "played"));
    else if (exchanges.empty())
        m_llmTitle->setText(QStringLiteral("It asked its model nothing in round %1").arg(round));
    else
        m_llmTitle->setText(QStringLiteral("What it asked its model in round %1: %2 decision%3, %4 left to the "
                                           "fallback (%5)")
                                .arg(round)
                                .arg(exchanges.size())
                                .arg(exchanges.size() == 1 ? QString() : QStringLiteral("s"))
                                .arg(fallbacks)
                                .arg(QString::fromStdString(dialogue.settings().fallback)));
    m_llm->setExchanges(std::move(exchanges));
    if (m_llm->rowCount() > 0)
        m_llmView->setCurrentIndex(m_llm->index(0, 0));
    else
        showExchange(-1);
}

void InspectorDock::showExchange(int row)
{
    const auto& exchanges = m_llm->exchanges();
    m_llmText->setHtml(row >= 0 && row < int(exchanges.size())
            ? llmExchangeHtml(exchanges[static_cast<std::size_t>(row)])
            : QString());
}

void InspectorDock::showCoalition(const SimulationSnapshot& s)
{
    const auto agent = static_cast<AgentIndex>(m_agent);
    const auto in = [agent](const CoalitionRecord& c) {
        return std::find(c.buyers.begin(), c.buyers.end(), agent) != c.buyers.end()
            || std::any_of(c.members.begin(), c.members.end(), [agent](const auto& m) { return m.agent == agent; });
    };
    const auto found = std::find_if(s.coalitions.begin(), s.coalitions.end(), in);
    if (found == s.coalitions.end()) {
        m_coalition->setCoalition(std::nullopt);
        m_coalitionPane->hide();
        return;
    }
    m_coalition->setCoalition(*found);
    const bool pool = found->buyers.size() > 1;
    m_coalitionTitle->setText(pool
            ? QStringLiteral("Its buyer pool in round %1 (%2 buyers, one provider)")
                  .arg(s.round)
                  .arg(found->buyers.size())
            : QStringLiteral("Its coalition in round %1: %2 members, proceeds split by the %3 rule")
                  .arg(s.round)
                  .arg(found->members.size())
                  .arg(QString::fromUtf8(splitRuleName(s.split).data())));
    m_coalitionPane->show();
}

QString InspectorDock::saveLearned(const QString& file) const
{
    const auto& table = m_learned->table();
    if (!table)
        return QStringLiteral("the selected agent has learnt nothing to save");
    try {
        lab::saveLearnedTable(file.toStdString(), *table);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

void InspectorDock::askToSaveLearned(bool csv)
{
    const QString id = m_agent >= 0 && m_agent < m_runIds.size() ? m_runIds.at(m_agent) : QStringLiteral("agent");
    const QString file = csv ? QFileDialog::getSaveFileName(this, QStringLiteral("Export Q-table as CSV"),
                             id + QStringLiteral("-q-table.csv"), QStringLiteral("CSV files (*.csv)"))
                             : QFileDialog::getSaveFileName(this, QStringLiteral("Save learnt policy"),
                                 id + QStringLiteral(".policy.json"), QStringLiteral("Haggle policies (*.json)"));
    if (file.isEmpty())
        return;
    if (const QString problem = saveLearned(file); !problem.isEmpty())
        QMessageBox::warning(
            this, QStringLiteral("Not saved"), QStringLiteral("%1 was not written: %2").arg(file, problem));
}

void InspectorDock::setRunAgents(const QStringList& ids)
{
    m_runIds = ids;
    m_reputation->setAgentIds(ids);
    m_deals->setAgentIds(ids);
    m_coalition->setAgentIds(ids);
}

void InspectorDock::setAgent(int agent)
{
    m_agent = agent;
    m_reputation->setTable({}, -1.0);
    m_deals->setDeals({});
    m_learned->setTable(std::nullopt);
    m_learnedPane->hide();
    m_coalition->setCoalition(std::nullopt);
    m_coalitionPane->hide();
    m_llmRound = -1;
    m_llm->setExchanges({});
    m_llmPane->hide();
    showSpec();
}

QString InspectorDock::summaryText() const
{
    return m_title->text() + u'\n' + m_summary->text();
}

void InspectorDock::showSpec()
{
    const auto& agents = m_document->scenario().agents;
    if (m_agent < 0 || m_agent >= int(agents.size())) {
        m_title->setText(QStringLiteral("No agent selected"));
        m_summary->setText(QStringLiteral("Select an agent in the Agents table."));
        return;
    }
    const AgentSpec& a = agents[static_cast<std::size_t>(m_agent)];
    m_title->setText(
        QStringLiteral("%1 (%2, %3%4)")
            .arg(QString::fromStdString(a.id), QString::fromStdString(a.role), QString::fromStdString(a.strategy.type),
                a.strategy.trustThreshold ? QStringLiteral(", trusts from %1").arg(*a.strategy.trustThreshold)
                                          : QString()));
    m_summary->setText(QStringLiteral("Holdings: %1\nBudget: %2\nParameters: %3\n(run the scenario for live values)")
                           .arg(resourcesText(a.holdings))
                           .arg(a.budget, 0, 'f', 2)
                           .arg(AgentTableModel::parametersText(a.strategy, m_document->scenario().rules)));
}

QString InspectorDock::identityText(const SimulationSnapshot& s, const AgentLive& live) const
{
    QString text = QStringLiteral("\nIdentities: %1").arg(live.identity);
    if (live.identity > 1) {
        QStringList rounds;
        if (m_run) {
            for (const int round : m_run->rejoinRounds(m_agent))
                rounds.append(QString::number(round));
        }
        text += QStringLiteral(" (rejoined %1 time%2%3)")
                    .arg(live.identity - 1)
                    .arg(live.identity == 2 ? QString() : QStringLiteral("s"))
                    .arg(rounds.isEmpty() ? QString() : QStringLiteral(", after round ") + rounds.join(u", "));
    }
    // The ring of a colluder, as the run plays it (the scenario the run was reset with).
    const Scenario& scenario = m_run ? m_run->scenario() : m_document->scenario();
    if (m_agent < int(scenario.agents.size())) {
        const StrategySpec& strategy = scenario.agents[static_cast<std::size_t>(m_agent)].strategy;
        if (const KindInfo* kind = findStrategyKind(scenario.rules, strategy.type); kind && kind->param("ring"))
            text += QStringLiteral("\nColluding ring: %1")
                        .arg(std::lround(strategyParameterValue(scenario.rules, strategy, "ring")));
    }
    if (live.cheater)
        text += QStringLiteral("\nCheater (has played a cheater kind in this run)");
    if (s.detection && live.isolated)
        text += QStringLiteral("\nIsolated: every reputation-aware peer rates it below its threshold");
    return text;
}

void InspectorDock::showSnapshot(const SimulationSnapshot& s)
{
    if (m_agent < 0 || m_agent >= int(s.agents.size()) || s.focus.agent != m_agent)
        return;
    const AgentLive& live = s.agents[static_cast<std::size_t>(m_agent)];
    const auto& agents = m_document->scenario().agents;
    double threshold = -1.0;
    if (m_agent < int(agents.size()) && agents[static_cast<std::size_t>(m_agent)].strategy.trustThreshold)
        threshold = *agents[static_cast<std::size_t>(m_agent)].strategy.trustThreshold;
    m_summary->setText(QStringLiteral("After round %1\nHoldings: %2\nBudget: %3\nNet worth: %4\n"
                                      "Mean reputation in others' eyes: %5\nDeals: %6")
                           .arg(s.round)
                           .arg(resourcesText(live.holdings))
                           .arg(live.budget, 0, 'f', 2)
                           .arg(live.netWorth, 0, 'f', 2)
                           .arg(live.meanReputation, 0, 'f', 3)
                           .arg(live.deals)
        + identityText(s, live));
    m_reputation->setTable(s.focus.reputationTable, threshold);
    m_deals->setDeals(s.focus.recentDeals);
    showCoalition(s);
    // Only when it changed: resetting the model would lose the user's scroll position on every snapshot.
    if (s.focus.learned != m_learned->table())
        m_learned->setTable(s.focus.learned);
    if (const auto& learned = s.focus.learned)
        m_learnedTitle->setText(QStringLiteral("What it has learnt: %1 of %2 states met, from %3 negotiations")
                                    .arg(m_learned->metStates())
                                    .arg(learned->states.size())
                                    .arg(learned->episodes));
    m_learnedPane->setVisible(s.focus.learned.has_value());
    showConversations(s.round);
}

} // namespace haggle::ui
