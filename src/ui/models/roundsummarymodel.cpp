// Round summary table (see roundsummarymodel.h).
#include "roundsummarymodel.h"

namespace haggle::ui {

RoundSummaryModel::RoundSummaryModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int RoundSummaryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RoundSummaryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoundSummaryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() == PhaseColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                             : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    switch (index.column()) {
    case RoundColumn:
        return r.round;
    case PhaseColumn:
        return r.phase;
    case NeedsColumn:
        return r.needs;
    case MetColumn:
        return r.met;
    case NegotiationsColumn:
        return r.negotiations;
    case DealsColumn:
        return r.deals;
    case DefaultsColumn:
        return r.defaults;
    case SuccessColumn:
        return QString(QString::number(100.0 * r.success, 'f', 0) + u'%');
    case PriceColumn:
        return r.price ? QString::number(*r.price, 'f', 3) : QStringLiteral("-");
    case VolumeColumn:
        return QString::number(r.volume, 'f', 1);
    default:
        return {};
    }
}

QVariant RoundSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const names[ColumnCount]
        = { "Round", "Phase", "Needs", "Met", "Negotiations", "Deals", "Defaults", "Success", "Price/unit", "Volume" };
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

void RoundSummaryModel::append(const std::vector<RoundSummary>& rounds)
{
    if (rounds.empty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rounds.size()) - 1);
    for (const auto& s : rounds)
        m_rows.push_back({ s.round, s.phase.empty() ? QString() : QString::fromStdString(s.phase), s.needs, s.needsMet,
            s.negotiations, s.deals, s.defaults, s.successRate, s.meanUnitPrice, s.volume });
    endInsertRows();
    if (int(m_rows.size()) > m_capacity) {
        const int excess = int(m_rows.size()) - m_capacity;
        beginRemoveRows({}, 0, excess - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
        endRemoveRows();
    }
}

void RoundSummaryModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void RoundSummaryModel::setCapacity(int rows)
{
    m_capacity = std::max(1, rows);
}

} // namespace haggle::ui
