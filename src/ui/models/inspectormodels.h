// The inspector's two tables: the selected agent's own reputation table (peer, view) and its recent deals.
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

QString resourcesText(const ResourceBundle& bundle);

} // namespace haggle::ui
