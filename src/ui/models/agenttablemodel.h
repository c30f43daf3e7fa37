// The agents table: every agent of the edited scenario (id, role, strategy and parameters, trust threshold,
// holdings, budget, urgency, unit cost) and its live state in the current run (net worth, mean reputation, deals).
// Edits go to the ScenarioDocument as undo commands; an invalid value is refused and the cell keeps its value.
#pragma once

#include "scenario.h"
#include "snapshot.h"
#include "strategyregistry.h"

#include <QAbstractTableModel>

namespace haggle::ui {

class ScenarioDocument;

class AgentTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        RoleColumn,
        StrategyColumn,
        ParametersColumn,
        TrustColumn,
        GpuColumn,
        CpuColumn,
        MemoryColumn,
        BudgetColumn,
        UrgencyColumn,
        UnitCostColumn,
        NetWorthColumn,
        ReputationColumn,
        DealsColumn,
        ColumnCount
    };
    // Raw values for editors and sorting: the strategy spec as a QVariant map, numbers as doubles. RulesRole: the
    // scenario's rules set ("haggle", "prototype"), whose strategy catalog the editors offer.
    enum Role { EditValueRole = Qt::UserRole + 1, SortRole, RulesRole };

    explicit AgentTableModel(ScenarioDocument* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // Live columns: the latest snapshot's agents (ignored when its size does not match the table).
    void setLive(const std::vector<AgentLive>& agents);
    void clearLive();
    bool hasLive() const noexcept { return !m_live.empty(); }

    // Why the last setData() was refused.
    QString lastError() const { return m_lastError; }

    // The strategy's parameters as "name value, ...", from the catalog of the rules set.
    static QString parametersText(const StrategySpec& spec, std::string_view rules = HaggleRules);

signals:
    void editRefused(const QString& reason);

private:
    ScenarioDocument* m_document;
    std::vector<AgentLive> m_live;
    QString m_lastError;
};

} // namespace haggle::ui
