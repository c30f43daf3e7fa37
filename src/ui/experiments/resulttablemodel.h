// A read-only table model over one of an experiment's result tables (lab::ResultTable): its columns as headers (with
// their units), its cells as the text report formats them (shares as percentages, reals to the column's decimals),
// numbers right-aligned and sortable by value (Qt::UserRole).
#pragma once

#include "experimentresult.h"

#include <QAbstractTableModel>

namespace haggle::ui {

class ResultTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    explicit ResultTableModel(lab::ResultTable table, QObject* parent = nullptr);

    const lab::ResultTable& table() const noexcept { return m_table; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A cell as shown: "-" for nothing, a share as a percentage, a real to the column's decimals.
    static QString cellText(const lab::Cell& cell, const lab::ResultColumn& column);

private:
    lab::ResultTable m_table;
};

} // namespace haggle::ui
