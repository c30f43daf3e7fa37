// The Agents dock (see agentsdock.h).
#include "agentsdock.h"

#include "agentdelegate.h"
#include "agenttablemodel.h"
#include "llmnegotiator.h"
#include "llmsettingsdialog.h"
#include "run.h"
#include "scenariodocument.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <set>

namespace haggle::ui {

void AgentsDock::setRun(Run* run)
{
    if (run == m_run)
        return;
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    m_run = run;
    m_model->clearLive();
    if (!run)
        return;
    connect(run, &Run::startedOver, this, [this] { m_model->clearLive(); });
    // The table shows the run at its cursor: live while it follows the newest round, a past round's otherwise.
    connect(run, &Run::snapshotChanged, this, [this](const SimulationSnapshot& s) {
        if (!m_run->showsPast())
            showLive(s);
    });
    connect(run, &Run::shownChanged, this, [this] { showLive(m_run->shown()); });
    showLive(run->shown());
}

void AgentsDock::showLive(const SimulationSnapshot& s)
{
    if (m_document->scenario().agents.size() == s.agents.size() && m_document->scenario() == m_run->scenario())
        m_model->setLive(s.agents);
}

AgentsDock::AgentsDock(ScenarioDocument* document, QWidget* parent)
    : QDockWidget(QStringLiteral("Agents"), parent)
    , m_document(document)
    , m_model(new AgentTableModel(document, this))
    , m_view(new QTableView)
    , m_add(new QToolButton)
    , m_remove(new QToolButton)
    , m_duplicate(new QToolButton)
    , m_llm(new QToolButton)
{
    setObjectName(QStringLiteral("agentsDock"));
    setWhatsThis(QStringLiteral("The scenario's agents, one row each: the settings they start with (editable while "
                                "the run is paused; they apply from the next Reset) and, while a run goes on, their "
                                "live budget, holdings, net worth, reputation and deals. Select a row to follow an "
                                "agent in every view."));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* buttons = new QHBoxLayout;
    m_add->setText(QStringLiteral("Add"));
    m_add->setToolTip(QStringLiteral("Add an agent (Ctrl+Shift+A)"));
    m_remove->setText(QStringLiteral("Remove"));
    m_remove->setToolTip(QStringLiteral("Remove the selected agents (Delete)"));
    m_duplicate->setText(QStringLiteral("Duplicate"));
    m_duplicate->setToolTip(QStringLiteral("Duplicate the selected agents (Ctrl+D)"));
    m_llm->setText(QStringLiteral("LLM..."));
    m_llm->setObjectName(QStringLiteral("llmSettings"));
    m_llm->setToolTip(QStringLiteral("The LLM negotiators' model: server, model, prompt, fallback (Ctrl+Shift+L)"));
    m_llm->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+L")));
    for (auto* b : { m_add, m_remove, m_duplicate, m_llm })
        buttons->addWidget(b);
    buttons->addStretch();
    layout->addLayout(buttons);
    layout->addWidget(m_view);
    setWidget(body);

    m_view->setModel(m_model);
    auto* delegate = new AgentDelegate(m_view);
    m_view->setItemDelegate(delegate);
    connect(delegate, &AgentDelegate::llmSettingsRequested, this, &AgentsDock::editLlmSettings);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(
        QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(AgentTableModel::ParametersColumn, 220);

    connect(m_add, &QToolButton::clicked, this, &AgentsDock::addAgent);
    connect(m_remove, &QToolButton::clicked, this, &AgentsDock::removeSelected);
    connect(m_duplicate, &QToolButton::clicked, this, &AgentsDock::duplicateSelected);
    connect(m_llm, &QToolButton::clicked, this, &AgentsDock::editLlmSettings);
    // The button is there while the scenario has LLM negotiators or settings for them.
    const auto showLlm = [this] {
        m_llm->setVisible(usesLanguageModel(m_document->scenario()) || m_document->scenario().llm.has_value());
    };
    showLlm();
    connect(m_document, &ScenarioDocument::changed, this, showLlm);
    connect(m_model, &AgentTableModel::editRefused, this,
        [this](const QString& reason) { emit message(QStringLiteral("Edit refused: ") + reason); });
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
            if (!m_selecting)
                emit agentSelected(current.isValid() ? current.row() : -1);
        });
    // Every header reads in full ("Memory GBh (start)"): columns are at least as wide as their titles.
    const auto fitHeaders = [this] {
        QHeaderView* header = m_view->horizontalHeader();
        const QFontMetrics metrics(header->font());
        for (int c = 0; c < m_model->columnCount(); ++c) {
            const int wanted = metrics.horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString()) + 20;
            if (header->sectionSize(c) < wanted)
                header->resizeSection(c, wanted);
        }
    };
    fitHeaders();
    connect(m_model, &QAbstractItemModel::modelReset, this, fitHeaders);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_selecting)
            emit agentSelected(currentAgent());
    });
}

void AgentsDock::editLlmSettings()
{
    LlmSettingsDialog dialog(m_document->scenario().llm.value_or(LanguageModelSettings {}), this);
    if (dialog.exec() == QDialog::Accepted)
        applyLlmSettings(dialog.settings());
}

bool AgentsDock::applyLlmSettings(const LanguageModelSettings& settings)
{
    Scenario edited = m_document->scenario();
    edited.llm = settings;
    QString error;
    if (m_document->setSettings(edited, QStringLiteral("LLM settings"), &error))
        return true;
    emit message(QStringLiteral("Edit refused: ") + error);
    return false;
}

int AgentsDock::currentAgent() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void AgentsDock::selectAgent(int row)
{
    m_selecting = true;
    if (row >= 0 && row < m_model->rowCount()) {
        // The column stays: a click on a cell selects its agent everywhere, and F2 then edits that cell.
        const QModelIndex current = m_view->selectionModel()->currentIndex();
        const int column = current.isValid() ? current.column() : 0;
        m_view->selectionModel()->setCurrentIndex(
            m_model->index(row, column), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(m_model->index(row, 0));
    } else {
        m_view->selectionModel()->clear();
    }
    m_selecting = false;
}

void AgentsDock::setEditable(bool editable)
{
    m_view->setEditTriggers(editable
            ? QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed
            : QAbstractItemView::NoEditTriggers);
    for (auto* b : { m_add, m_remove, m_duplicate })
        b->setEnabled(editable);
}

void AgentsDock::addAgent()
{
    AgentSpec agent;
    agent.id = m_document->uniqueId(QStringLiteral("agent")).toStdString();
    agent.role = "seeker";
    agent.strategy.type = "fair";
    agent.budget = 100.0;
    agent.urgency = 0.5;
    const int row = currentAgent() >= 0 ? currentAgent() + 1 : m_model->rowCount();
    QString error;
    if (!m_document->insertAgents(row, { agent }, &error))
        emit message(QStringLiteral("Cannot add an agent: ") + error);
    else
        selectAgent(row);
}

void AgentsDock::removeSelected()
{
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && currentAgent() >= 0)
        rows.append(currentAgent());
    if (rows.isEmpty())
        return;
    QString error;
    if (!m_document->removeAgents(rows, &error))
        emit message(QStringLiteral("Cannot remove: ") + error);
}

void AgentsDock::duplicateSelected()
{
    std::set<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.insert(index.row());
    if (rows.empty() && currentAgent() >= 0)
        rows.insert(currentAgent());
    if (rows.empty())
        return;
    std::vector<AgentSpec> copies;
    std::set<std::string> taken;
    for (int row : rows) {
        AgentSpec copy = m_document->scenario().agents[static_cast<std::size_t>(row)];
        QString id = m_document->uniqueId(QString::fromStdString(copy.id));
        for (int n = 2; taken.count(id.toStdString()); ++n)
            id = m_document->uniqueId(QString::fromStdString(copy.id) + u'_' + QString::number(n));
        copy.id = id.toStdString();
        taken.insert(copy.id);
        copies.push_back(copy);
    }
    QString error;
    const int at = *rows.rbegin() + 1;
    if (!m_document->insertAgents(at, copies, &error))
        emit message(QStringLiteral("Cannot duplicate: ") + error);
    else
        selectAgent(at);
}

} // namespace haggle::ui
