// The inspector's tables: the selected agent's own reputation table (peer, view), its recent deals and, for a learning
// agent, what it has learnt (its Q-table).
#pragma once

#include "snapshot.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace haggle::ui {

class ReputationTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setAgentIds(const QStringList& ids);
    void setTable(const std::vector<std::pair<AgentIndex, double>>& table, double trustThreshold);

private:
    QStringList m_ids;
    std::vector<std::pair<AgentIndex, double>> m_table;
    double m_threshold = -1.0;
};

class DealHistoryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { RoundColumn, SideColumn, PartnerColumn, ResourcesColumn, PriceColumn, FulfilledColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setAgentIds(const QStringList& ids);
    void setDeals(const std::vector<DealEntry>& deals);

private:
    QStringList m_ids;
    std::vector<DealEntry> m_deals; // newest first
};

// A learnt table (learnedtable.h): a row per state (only those it has met, unless asked for all), its visits, its best
// tried action, then each action's value; the best action's value in bold.
class LearnedTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { StateColumn, VisitsColumn, BestColumn, FirstActionColumn };
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Nothing: the agent learns nothing (the model is empty). A table of the same states and actions that shows the
    // same rows updates the cells in place (dataChanged); any other starts the model over (modelReset).
    void setTable(const std::optional<LearnedTable>& table);
    const std::optional<LearnedTable>& table() const noexcept { return m_table; }
    void setMetOnly(bool on);
    bool metOnly() const noexcept { return m_metOnly; }
    int metStates() const noexcept { return m_met; } // states with at least one update

private:
    void rebuildRows();

    std::optional<LearnedTable> m_table;
    std::vector<std::size_t> m_rows; // state index of each row
    std::vector<long long> m_visits; // per state
    int m_met = 0;
    bool m_metOnly = true;
};

// A coalition (coalitionmechanism.h) the selected agent took part in: a row per party, its buyer or buyers first, then
// each member with its part, its payout by the split rule and its share of the price, and whether it delivered.
class CoalitionModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { AgentColumn, RoleColumn, PartColumn, PayoutColumn, ShareColumn, DeliveredColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setAgentIds(const QStringList& ids);
    // None: the agent was in no coalition in the round shown.
    void setCoalition(const std::optional<CoalitionRecord>& coalition);
    const std::optional<CoalitionRecord>& coalition() const noexcept { return m_coalition; }

private:
    QStringList m_ids;
    std::optional<CoalitionRecord> m_coalition;
    double m_total = 0.0; // the members' payouts
};

QString resourcesText(const ResourceBundle& bundle);

} // namespace haggle::ui
