// The model of an experiment's result table: see resulttablemodel.h.
#include "resulttablemodel.h"

#include <cmath>
#include <variant>

namespace haggle::ui {

ResultTableModel::ResultTableModel(lab::ResultTable table, QObject* parent)
    : QAbstractTableModel(parent)
    , m_table(std::move(table))
{
}

int ResultTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.rows.size());
}

int ResultTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.columns.size());
}

QString ResultTableModel::cellText(const lab::Cell& cell, const lab::ResultColumn& column)
{
    if (lab::isNull(cell))
        return QStringLiteral("-");
    if (const auto* text = std::get_if<std::string>(&cell))
        return QString::fromStdString(*text);
    if (const auto* whole = std::get_if<long long>(&cell))
        return QString::number(*whole);
    const double value = lab::cellNumber(cell);
    if (column.unit == "share")
        return QString::number(100.0 * value, 'f', std::max(0, column.decimals - 2)) + QStringLiteral("%");
    return QString::number(value, 'f', column.decimals);
}

QVariant ResultTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const auto& row = m_table.rows[static_cast<std::size_t>(index.row())];
    const auto c = static_cast<std::size_t>(index.column());
    const lab::Cell cell = c < row.size() ? row[c] : lab::Cell();
    const bool number = std::holds_alternative<long long>(cell) || std::holds_alternative<double>(cell);
    switch (role) {
    case Qt::DisplayRole:
        return cellText(cell, m_table.columns[c]);
    case Qt::ToolTipRole:
        // The value in full, as the CSV file has it.
        if (std::holds_alternative<double>(cell) && !lab::isNull(cell))
            return QString::number(lab::cellNumber(cell), 'g', 17);
        return {};
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(number ? (Qt::AlignRight | Qt::AlignVCenter) : (Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::UserRole: // sort key
        if (number)
            return lab::cellNumber(cell);
        return QString::fromStdString(lab::cellText(cell));
    default:
        return {};
    }
}

QVariant ResultTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (section < 0 || section >= columnCount())
        return {};
    const lab::ResultColumn& column = m_table.columns[static_cast<std::size_t>(section)];
    if (role == Qt::DisplayRole)
        return QString::fromStdString(column.name);
    if (role == Qt::ToolTipRole && !column.unit.empty())
        return QStringLiteral("Unit: %1").arg(QString::fromStdString(column.unit));
    return {};
}

} // namespace haggle::ui
