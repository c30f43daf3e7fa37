// The edited scenario and its undo history (see scenariodocument.h).
#include "scenariodocument.h"

#include "builtinscenarios.h"
#include "chartexport.h"
#include "scenariofile.h"

#include <QFileInfo>
#include <QSignalBlocker>
#include <QUndoCommand>

#include <algorithm>
#include <set>

namespace haggle::ui {

// One undoable edit: the agents (or one agent) and/or the settings before and after.
class ScenarioCommand : public QUndoCommand {
public:
    enum class Kind { Agent, Agents, Settings };

    ScenarioCommand(
        ScenarioDocument* doc, Kind kind, const Scenario& before, const Scenario& after, int row, const QString& text)
        : QUndoCommand(text)
        , m_doc(doc)
        , m_kind(kind)
        , m_row(row)
    {
        if (kind == Kind::Agent) {
            m_beforeAgent = before.agents.at(static_cast<std::size_t>(row));
            m_afterAgent = after.agents.at(static_cast<std::size_t>(row));
        } else if (kind == Kind::Agents) {
            m_beforeAgents = before.agents;
            m_afterAgents = after.agents;
        } else {
            m_beforeSettings = before;
            m_beforeSettings.agents.clear();
            m_afterSettings = after;
            m_afterSettings.agents.clear();
        }
    }

    void undo() override { apply(true); }
    void redo() override { apply(false); }

private:
    void apply(bool back)
    {
        switch (m_kind) {
        case Kind::Agent:
            m_doc->assignAgent(m_row, back ? m_beforeAgent : m_afterAgent);
            break;
        case Kind::Agents:
            m_doc->assignAgents(back ? m_beforeAgents : m_afterAgents);
            break;
        case Kind::Settings:
            m_doc->assignSettings(back ? m_beforeSettings : m_afterSettings);
            break;
        }
    }

    ScenarioDocument* m_doc;
    Kind m_kind;
    int m_row;
    AgentSpec m_beforeAgent, m_afterAgent;
    std::vector<AgentSpec> m_beforeAgents, m_afterAgents;
    Scenario m_beforeSettings, m_afterSettings;
};

namespace {

Scenario untitled()
{
    // A small market to start from: two providers and a seeker, ready to run.
    Scenario s = lab::builtinScenario("scarcity");
    s.name = "Untitled";
    s.description.clear();
    s.presentation = {};
    return s;
}

} // namespace

ScenarioDocument::ScenarioDocument(QObject* parent)
    : QObject(parent)
{
    m_scenario = untitled();
    connect(&m_undo, &QUndoStack::cleanChanged, this, &ScenarioDocument::fileChanged);
}

ScenarioDocument::~ScenarioDocument()
{
    // The undo stack would announce its cleanup to whoever listens, possibly a window already half destroyed.
    blockSignals(true);
    const QSignalBlocker quiet(m_undo);
    m_undo.clear();
}

QString ScenarioDocument::displayName() const
{
    if (!m_filePath.isEmpty())
        return QFileInfo(m_filePath).fileName();
    if (!m_builtinName.isEmpty())
        return m_builtinName;
    return QStringLiteral("Untitled");
}

void ScenarioDocument::setScenario(const Scenario& scenario, const QString& name)
{
    m_scenario = scenario;
    m_builtinName = name;
    m_filePath.clear();
    m_undo.clear();
    emit agentsReset();
    emit settingsChanged();
    emit changed();
    emit fileChanged();
}

void ScenarioDocument::newScenario()
{
    setScenario(untitled(), QString());
}

void ScenarioDocument::loadFile(const QString& path)
{
    Scenario loaded = lab::loadScenario(path.toStdString()); // throws before anything changes
    setScenario(loaded, QString());
    m_filePath = QFileInfo(path).absoluteFilePath();
    emit fileChanged();
}

void ScenarioDocument::restoreUnsaved(const Scenario& scenario, const QString& path)
{
    setScenario(scenario, QString());
    m_filePath = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    // The edits were made in another session, so there is nothing to undo; resetClean() keeps the document modified,
    // whatever is undone or redone, until it is saved.
    m_undo.resetClean();
    emit fileChanged();
}

void ScenarioDocument::loadBuiltin(const QString& key)
{
    const Scenario s = lab::builtinScenario(key.toStdString());
    setScenario(s, QString::fromStdString(s.name));
}

bool ScenarioDocument::save(const QString& path, QString* error)
{
    if (!charts::saveAtomically(path, QByteArray::fromStdString(lab::scenarioToJson(m_scenario)), error))
        return false;
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_builtinName.clear();
    m_undo.setClean();
    emit fileChanged();
    return true;
}

bool ScenarioDocument::check(const Scenario& candidate, QString* error) const
{
    const auto issues = validateScenario(candidate);
    if (issues.empty())
        return true;
    if (error)
        *error = QStringLiteral("%1: %2").arg(
            QString::fromStdString(issues.front().path), QString::fromStdString(issues.front().message));
    return false;
}

bool ScenarioDocument::setAgent(int row, const AgentSpec& agent, QString* error)
{
    if (row < 0 || row >= int(m_scenario.agents.size()))
        return false;
    if (m_scenario.agents[static_cast<std::size_t>(row)] == agent)
        return true;
    Scenario after = m_scenario;
    const std::string oldId = after.agents[static_cast<std::size_t>(row)].id;
    after.agents[static_cast<std::size_t>(row)] = agent;
    // Renaming an agent renames it in the demand rules too, so the scenario stays consistent.
    const bool renamed = oldId != agent.id;
    if (renamed) {
        const auto rename = [&](std::vector<NeedRule>& rules) {
            for (auto& rule : rules)
                std::replace(rule.agents.begin(), rule.agents.end(), oldId, agent.id);
        };
        rename(after.demand.rules);
        for (auto& phase : after.demand.phases)
            rename(phase.rules);
    }
    if (!check(after, error))
        return false;
    const QString text = QStringLiteral("Edit %1").arg(QString::fromStdString(agent.id));
    if (renamed && !(after.demand == m_scenario.demand)) {
        m_undo.beginMacro(text);
        m_undo.push(new ScenarioCommand(this, ScenarioCommand::Kind::Settings, m_scenario, after, -1, text));
        m_undo.push(new ScenarioCommand(this, ScenarioCommand::Kind::Agent, m_scenario, after, row, text));
        m_undo.endMacro();
    } else {
        m_undo.push(new ScenarioCommand(this, ScenarioCommand::Kind::Agent, m_scenario, after, row, text));
    }
    return true;
}

bool ScenarioDocument::insertAgents(int row, const std::vector<AgentSpec>& agents, QString* error)
{
    Scenario after = m_scenario;
    row = std::clamp(row, 0, int(after.agents.size()));
    after.agents.insert(after.agents.begin() + row, agents.begin(), agents.end());
    if (!check(after, error))
        return false;
    const QString text = agents.size() == 1 ? QStringLiteral("Add %1").arg(QString::fromStdString(agents[0].id))
                                            : QStringLiteral("Add %1 agents").arg(agents.size());
    m_undo.push(new ScenarioCommand(this, ScenarioCommand::Kind::Agents, m_scenario, after, -1, text));
    return true;
}

bool ScenarioDocument::removeAgents(const QList<int>& rows, QString* error)
{
    std::set<int> unique(rows.begin(), rows.end());
    Scenario after = m_scenario;
    for (auto it = unique.rbegin(); it != unique.rend(); ++it) {
        if (*it >= 0 && *it < int(after.agents.size()))
            after.agents.erase(after.agents.begin() + *it);
    }
    if (after.agents.size() == m_scenario.agents.size())
        return false;
    if (!check(after, error)) {
        if (error)
            *error += QStringLiteral(" (remove the agent from the demand rules first, or keep at least two agents)");
        return false;
    }
    const QString text = unique.size() == 1
        ? QStringLiteral("Remove %1").arg(QString::fromStdString(m_scenario.agents[std::size_t(*unique.begin())].id))
        : QStringLiteral("Remove %1 agents").arg(unique.size());
    m_undo.push(new ScenarioCommand(this, ScenarioCommand::Kind::Agents, m_scenario, after, -1, text));
    return true;
}

bool ScenarioDocument::setSettings(const Scenario& settings, const QString& description, QString* error)
{
    Scenario after = settings;
    after.agents = m_scenario.agents;
    if (after == m_scenario)
        return true;
    if (!check(after, error))
        return false;
    m_undo.push(new ScenarioCommand(this, ScenarioCommand::Kind::Settings, m_scenario, after, -1, description));
    return true;
}

QString ScenarioDocument::uniqueId(const QString& base) const
{
    const auto taken = [this](const std::string& id) { return m_scenario.indexOf(id).has_value(); };
    const QString stem = base.isEmpty() ? QStringLiteral("agent") : base;
    if (!taken(stem.toStdString()))
        return stem;
    for (int i = 2;; ++i) {
        const QString candidate = stem + u'_' + QString::number(i);
        if (!taken(candidate.toStdString()))
            return candidate;
    }
}

void ScenarioDocument::assignAgents(const std::vector<AgentSpec>& agents)
{
    m_scenario.agents = agents;
    emit agentsReset();
    emit changed();
}

void ScenarioDocument::assignAgent(int row, const AgentSpec& agent)
{
    m_scenario.agents[static_cast<std::size_t>(row)] = agent;
    emit agentChanged(row);
    emit changed();
}

void ScenarioDocument::assignSettings(const Scenario& settings)
{
    auto agents = std::move(m_scenario.agents);
    m_scenario = settings;
    m_scenario.agents = std::move(agents);
    emit settingsChanged();
    emit changed();
}

} // namespace haggle::ui
