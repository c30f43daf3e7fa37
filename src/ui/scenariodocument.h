// The scenario being edited in the desktop lab: the Scenario value, its file, its undo history and modified flag.
// Every edit goes through an undo command and is validated first: an invalid value is refused and the document
// stays as it was. Loading a bad file throws before anything changes, so the current scenario is never lost.
#pragma once

#include "scenario.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

namespace haggle::ui {

class ScenarioDocument : public QObject {
    Q_OBJECT

public:
    explicit ScenarioDocument(QObject* parent = nullptr);
    ~ScenarioDocument() override;

    const Scenario& scenario() const noexcept { return m_scenario; }
    QUndoStack* undoStack() noexcept { return &m_undo; }

    QString filePath() const { return m_filePath; } // empty for a new or built-in scenario
    QString displayName() const; // file name, built-in name, or "Untitled"
    bool isModified() const { return !m_undo.isClean(); }

    // Replace the whole document (not undoable; the history is cleared). loadFile throws lab::ScenarioFileError and
    // leaves the document untouched when the file is bad.
    void newScenario();
    void loadFile(const QString& path);
    void loadBuiltin(const QString& key);
    void setScenario(const Scenario& scenario, const QString& name);
    // Bring back unsaved edits (an autosave after a crash): the scenario, associated with `path` (empty: Untitled),
    // marked modified until it is saved.
    void restoreUnsaved(const Scenario& scenario, const QString& path);
    // Atomic save (QSaveFile). On success the document becomes clean and takes the path.
    bool save(const QString& path, QString* error);

    // Edits. Each returns false (with a reason) when the result would be invalid, and then changes nothing.
    bool setAgent(int row, const AgentSpec& agent, QString* error = nullptr);
    bool insertAgents(int row, const std::vector<AgentSpec>& agents, QString* error = nullptr);
    bool removeAgents(const QList<int>& rows, QString* error = nullptr);
    // Everything but the agents: name, rounds, seed, turns, demand, reputation, market.
    bool setSettings(const Scenario& settings, const QString& description, QString* error = nullptr);

    // A fresh, unused agent id based on `base` ("agent", "fair_provider_2", ...).
    QString uniqueId(const QString& base) const;

signals:
    void agentsReset(); // rows added, removed or reordered
    void agentChanged(int row);
    void settingsChanged();
    void changed(); // any of the above
    void fileChanged(); // path, name or modified flag

private:
    friend class ScenarioCommand;
    void assignAgents(const std::vector<AgentSpec>& agents);
    void assignAgent(int row, const AgentSpec& agent);
    void assignSettings(const Scenario& settings);
    bool check(const Scenario& candidate, QString* error) const;

    Scenario m_scenario;
    QString m_filePath;
    QString m_builtinName;
    QUndoStack m_undo;
};

} // namespace haggle::ui
