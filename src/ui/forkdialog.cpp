// The fork dialog (see forkdialog.h).
#include "forkdialog.h"

#include "agenttablemodel.h"
#include "eventsmodel.h"
#include "kindeditor.h"
#include "kinds.h"
#include "rulessets.h"
#include "strategyparametersdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace haggle::ui {

namespace {

enum StrategyColumn { AgentCol, StrategyCol, ParametersCol, ColumnCount };

QStringList agentIds(const Scenario& s)
{
    QStringList ids;
    for (const AgentSpec& a : s.agents)
        ids.append(QString::fromStdString(a.id));
    return ids;
}

QStringList roles(const Scenario& s)
{
    QStringList out;
    for (const AgentSpec& a : s.agents) {
        if (!out.contains(QString::fromStdString(a.role)))
            out.append(QString::fromStdString(a.role));
    }
    return out;
}

} // namespace

ForkDialog::ForkDialog(const Scenario& base, int round, QWidget* parent)
    : QDialog(parent)
    , m_base(base)
    , m_edited(base)
    , m_round(round)
    , m_events(new EventsModel(this))
    , m_eventsView(new QTableView)
    , m_strategies(new QTableWidget(0, ColumnCount))
    , m_reputation(new KindEditor(reputationCatalog().infos()))
    , m_summary(new QLabel)
{
    setObjectName(QStringLiteral("forkDialog"));
    setWindowTitle(QStringLiteral("Fork from round %1").arg(round));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(QStringLiteral(
        "<p>The branch plays <b>%1</b> up to round %2 exactly as it was, then goes on with the edits below. Events "
        "of rounds up to %2 have happened; edit those still to come or add new ones. A strategy changed here is "
        "played from round %3 on; a new reputation model starts with no views.</p>")
                                 .arg(QString::fromStdString(base.name).toHtmlEscaped())
                                 .arg(round)
                                 .arg(round + 1));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* eventsBox = new QGroupBox(QStringLiteral("Events"));
    auto* eventsLayout = new QVBoxLayout(eventsBox);
    m_events->setEvents(m_edited.events, agentIds(base), base.rules, roles(base));
    m_eventsView->setObjectName(QStringLiteral("forkEvents"));
    m_eventsView->setModel(m_events);
    m_eventsView->setItemDelegate(new EventsDelegate(m_eventsView));
    m_eventsView->verticalHeader()->setVisible(false);
    m_eventsView->horizontalHeader()->setStretchLastSection(true);
    m_eventsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    eventsLayout->addWidget(m_eventsView);
    auto* eventButtons = new QHBoxLayout;
    auto* add = new QPushButton(QStringLiteral("&Add event"));
    auto* remove = new QPushButton(QStringLiteral("&Remove event"));
    add->setToolTip(QStringLiteral("A new event just after the fork: the first agent turns cheater (edit the row)"));
    eventButtons->addWidget(add);
    eventButtons->addWidget(remove);
    eventButtons->addStretch();
    eventsLayout->addLayout(eventButtons);
    layout->addWidget(eventsBox, 1);
    connect(m_events, &EventsModel::eventsEdited, this, [this](const std::vector<ScenarioEvent>& events) {
        m_edited.events = events;
        m_events->setEvents(events, agentIds(m_base), m_base.rules, roles(m_base));
        updateSummary();
    });
    connect(add, &QPushButton::clicked, this, &ForkDialog::addEvent);
    connect(remove, &QPushButton::clicked, this, [this] { removeEvent(m_eventsView->currentIndex().row()); });

    auto* agentsBox = new QGroupBox(QStringLiteral("Strategies from round %1").arg(round + 1));
    auto* agentsLayout = new QVBoxLayout(agentsBox);
    m_strategies->setObjectName(QStringLiteral("forkStrategies"));
    m_strategies->setHorizontalHeaderLabels(
        { QStringLiteral("Agent"), QStringLiteral("Strategy"), QStringLiteral("Parameters (double-click)") });
    m_strategies->verticalHeader()->setVisible(false);
    m_strategies->horizontalHeader()->setStretchLastSection(true);
    m_strategies->setEditTriggers(QAbstractItemView::NoEditTriggers);
    fillStrategies();
    connect(m_strategies, &QTableWidget::cellDoubleClicked, this, [this](int row, int column) {
        if (column == ParametersCol)
            editParameters(row);
    });
    agentsLayout->addWidget(m_strategies);
    layout->addWidget(agentsBox, 1);

    auto* reputationBox = new QGroupBox(QStringLiteral("Reputation model"));
    auto* reputationLayout = new QVBoxLayout(reputationBox);
    m_reputation->setSpec({ base.reputation.model, base.reputation.params });
    reputationLayout->addWidget(m_reputation);
    connect(m_reputation, &KindEditor::specEdited, this, [this](const KindSpec& spec) {
        m_edited.reputation.model = spec.type;
        m_edited.reputation.params = spec.params;
        updateSummary();
    });
    layout->addWidget(reputationBox);
    reputationBox->setEnabled(!isPrototypeRules(base.rules));

    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Run &branch"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(760, 640);
    updateSummary();
}

void ForkDialog::fillStrategies()
{
    const std::vector<KindInfo> kinds = strategyKinds(m_base.rules);
    m_strategies->setRowCount(int(m_edited.agents.size()));
    for (int row = 0; row < int(m_edited.agents.size()); ++row) {
        const AgentSpec& agent = m_edited.agents[std::size_t(row)];
        m_strategies->setItem(row, AgentCol, new QTableWidgetItem(QString::fromStdString(agent.id)));
        auto* combo = new QComboBox;
        for (const KindInfo& kind : kinds)
            combo->addItem(QString::fromUtf8(kind.name.data(), qsizetype(kind.name.size())));
        combo->setCurrentText(QString::fromStdString(agent.strategy.type));
        connect(combo, &QComboBox::currentTextChanged, this, [this, row](const QString& type) {
            StrategySpec& spec = m_edited.agents[std::size_t(row)].strategy;
            if (spec.type == type.toStdString())
                return;
            spec.type = type.toStdString();
            spec.params.clear(); // the old kind's parameters mean nothing to the new one
            m_strategies->item(row, ParametersCol)->setText(AgentTableModel::parametersText(spec, m_base.rules));
            updateSummary();
        });
        m_strategies->setCellWidget(row, StrategyCol, combo);
        m_strategies->setItem(
            row, ParametersCol, new QTableWidgetItem(AgentTableModel::parametersText(agent.strategy, m_base.rules)));
    }
    m_strategies->resizeColumnsToContents();
}

void ForkDialog::editParameters(int row)
{
    if (row < 0 || row >= int(m_edited.agents.size()))
        return;
    StrategySpec& spec = m_edited.agents[std::size_t(row)].strategy;
    QVariantMap values;
    for (const auto& [name, value] : spec.params)
        values.insert(QString::fromStdString(name), value);
    StrategyParametersDialog dialog(QString::fromStdString(m_edited.agents[std::size_t(row)].id),
        QString::fromStdString(spec.type), values, this, QString::fromStdString(m_base.rules));
    if (dialog.exec() != QDialog::Accepted)
        return;
    spec.params.clear();
    const QVariantMap chosen = dialog.values();
    for (auto it = chosen.begin(); it != chosen.end(); ++it)
        spec.params[it.key().toStdString()] = it.value().toDouble();
    m_strategies->item(row, ParametersCol)->setText(AgentTableModel::parametersText(spec, m_base.rules));
    updateSummary();
}

void ForkDialog::addEvent()
{
    if (m_edited.agents.empty())
        return;
    ScenarioEvent e = strategyEvent(std::min(m_round + 1, m_edited.rounds), m_edited.agents.front().id,
        { "cheater", {}, m_edited.agents.front().strategy.trustThreshold });
    m_edited.events.push_back(e);
    m_events->setEvents(m_edited.events, agentIds(m_base), m_base.rules, roles(m_base));
    m_eventsView->selectRow(int(m_edited.events.size()) - 1);
    updateSummary();
}

void ForkDialog::removeEvent(int row)
{
    if (row < 0 || row >= int(m_edited.events.size()))
        return;
    m_edited.events.erase(m_edited.events.begin() + row);
    m_events->setEvents(m_edited.events, agentIds(m_base), m_base.rules, roles(m_base));
    updateSummary();
}

void ForkDialog::updateSummary()
{
    // What the branch changes, and whether it can run: the engine's own checks, named by path.
    int strategies = 0;
    for (std::size_t i = 0; i < m_base.agents.size(); ++i)
        strategies += m_base.agents[i].strategy == m_edited.agents[i].strategy ? 0 : 1;
    int past = 0;
    for (const ScenarioEvent& e : m_edited.events)
        past += e.round <= m_round ? 1 : 0;
    QStringList lines;
    lines << QStringLiteral("Changes: %1 event(s) (%2 of them already past at round %3), %4 strateg%5, reputation "
                            "model %6.")
                 .arg(m_edited.events.size())
                 .arg(past)
                 .arg(m_round)
                 .arg(strategies)
                 .arg(strategies == 1 ? QStringLiteral("y") : QStringLiteral("ies"))
                 .arg(m_edited.reputation.model == m_base.reputation.model
                             && m_edited.reputation.params == m_base.reputation.params
                         ? QStringLiteral("unchanged")
                         : QString::fromStdString(m_edited.reputation.model) + QStringLiteral(" (from no views)"));
    const auto issues = validateScenario(m_edited);
    for (const ScenarioIssue& issue : issues)
        lines << QStringLiteral("<span style='color:#a01010'>%1: %2</span>")
                     .arg(QString::fromStdString(issue.path), QString::fromStdString(issue.message).toHtmlEscaped());
    m_summary->setText(lines.join(QStringLiteral("<br>")));
    if (auto* box = findChild<QDialogButtonBox*>())
        box->button(QDialogButtonBox::Ok)->setEnabled(issues.empty());
}

} // namespace haggle::ui
