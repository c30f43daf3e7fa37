// Inspector tables (see inspectormodels.h).
#include "inspectormodels.h"

#include <QColor>
#include <QFont>

#include <utility>

namespace haggle::ui {

namespace {

QString idOf(const QStringList& ids, AgentIndex i)
{
    return i < AgentIndex(ids.size()) ? ids.at(qsizetype(i)) : QStringLiteral("#%1").arg(i);
}

} // namespace

QString resourcesText(const ResourceBundle& b)
{
    QStringList parts;
    if (b.gpu != 0.0)
        parts.append(QStringLiteral("GPU %1").arg(b.gpu, 0, 'g', 6));
    if (b.cpu != 0.0)
        parts.append(QStringLiteral("CPU %1").arg(b.cpu, 0, 'g', 6));
    if (b.memory != 0.0)
        parts.append(QStringLiteral("memory %1").arg(b.memory, 0, 'g', 6));
    return parts.isEmpty() ? QStringLiteral("nothing") : parts.join(QStringLiteral(", "));
}

int ReputationTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_table.size());
}

int ReputationTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant ReputationTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto& [peer, view] = m_table[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole)
        return index.column() == 0 ? QVariant(idOf(m_ids, peer)) : QVariant(QString::number(view, 'f', 3));
    if (role == Qt::ForegroundRole && index.column() == 1 && m_threshold >= 0.0 && view < m_threshold)
        return QColor(Qt::red);
    if (role == Qt::ToolTipRole && index.column() == 1 && m_threshold >= 0.0 && view < m_threshold)
        return QStringLiteral("Below this agent's trust threshold (%1): it refuses to deal").arg(m_threshold);
    if (role == Qt::TextAlignmentRole)
        return index.column() == 1 ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    return {};
}

QVariant ReputationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return section == 0 ? QStringLiteral("Peer") : QStringLiteral("Its view");
    return QAbstractTableModel::headerData(section, orientation, role);
}

void ReputationTableModel::setAgentIds(const QStringList& ids)
{
    beginResetModel();
    m_ids = ids;
    m_table.clear();
    endResetModel();
}

void ReputationTableModel::setTable(const std::vector<std::pair<AgentIndex, double>>& table, double trustThreshold)
{
    m_threshold = trustThreshold;
    if (table.size() == m_table.size()) {
        // Same peers in the same order (tables only grow): update the values in place, no reset.
        bool samePeers = true;
        for (std::size_t i = 0; i < table.size() && samePeers; ++i)
            samePeers = table[i].first == m_table[i].first;
        if (samePeers) {
            m_table = table;
            if (!m_table.empty())
                emit dataChanged(index(0, 1), index(rowCount() - 1, 1));
            return;
        }
    }
    beginResetModel();
    m_table = table;
    endResetModel();
}

int DealHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_deals.size());
}

int DealHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DealHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const DealEntry& d = m_deals[static_cast<std::size_t>(index.row())];
    if (role == Qt::ForegroundRole && !d.fulfilled)
        return QColor(Qt::red);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case RoundColumn:
        return d.round;
    case SideColumn:
        return d.side == Side::Buyer ? QStringLiteral("bought") : QStringLiteral("sold");
    case PartnerColumn:
        return idOf(m_ids, d.partner);
    case ResourcesColumn:
        return resourcesText(d.resources);
    case PriceColumn:
        return QString::number(d.price, 'f', 2);
    case FulfilledColumn:
        return d.fulfilled ? QStringLiteral("yes") : QStringLiteral("defaulted");
    default:
        return {};
    }
}

QVariant DealHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const names[ColumnCount]
        = { "Round", "Side", "Partner", "Resources", "Price", "Partner kept its side" };
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

void DealHistoryModel::setAgentIds(const QStringList& ids)
{
    beginResetModel();
    m_ids = ids;
    m_deals.clear();
    endResetModel();
}

void DealHistoryModel::setDeals(const std::vector<DealEntry>& deals)
{
    beginResetModel();
    m_deals.assign(deals.rbegin(), deals.rend());
    endResetModel();
}

int LearnedTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LearnedTableModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_table)
        return 0;
    return FirstActionColumn + static_cast<int>(m_table->actions.size());
}

QVariant LearnedTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_table || index.row() >= rowCount())
        return {};
    const std::size_t state = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    const auto best = m_table->bestTriedAction(state);
    if (role == Qt::DisplayRole) {
        if (column == StateColumn)
            return QString::fromStdString(m_table->states[state]);
        if (column == VisitsColumn)
            return m_visits[state];
        if (column == BestColumn)
            return best ? QString::fromStdString(m_table->actions[*best]) : QStringLiteral("-");
        const auto action = static_cast<std::size_t>(column - FirstActionColumn);
        return QString::number(m_table->value(state, action), 'f', 3);
    }
    if (role == Qt::ToolTipRole && column >= FirstActionColumn) {
        const auto action = static_cast<std::size_t>(column - FirstActionColumn);
        return QStringLiteral("%1 in state \"%2\": value %3, learnt from %4 update(s)")
            .arg(QString::fromStdString(m_table->actions[action]), QString::fromStdString(m_table->states[state]))
            .arg(m_table->value(state, action), 0, 'f', 4)
            .arg(m_table->visitsOf(state, action));
    }
    if (role == Qt::FontRole && column >= FirstActionColumn && best
        && static_cast<std::size_t>(column - FirstActionColumn) == *best) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && column != StateColumn && column != BestColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant LearnedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StateColumn:
        return QStringLiteral("State");
    case VisitsColumn:
        return QStringLiteral("Visits");
    case BestColumn:
        return QStringLiteral("Best");
    default:
        break;
    }
    const auto action = static_cast<std::size_t>(section - FirstActionColumn);
    return m_table && action < m_table->actions.size() ? QString::fromStdString(m_table->actions[action]) : QVariant();
}

void LearnedTableModel::setTable(const std::optional<LearnedTable>& table)
{
    // The same states and actions with the same rows shown (a learner between two snapshots, mostly): new values in
    // place, so a view keeps its scroll position and selection; anything else starts the model over.
    if (m_table && table && m_table->states == table->states && m_table->actions == table->actions) {
        const std::vector<std::size_t> rows = m_rows;
        const std::optional<LearnedTable> previous = std::exchange(m_table, table);
        rebuildRows();
        if (m_rows == rows) {
            if (!m_rows.empty())
                emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
            return;
        }
        m_table = previous;
        rebuildRows();
    }
    beginResetModel();
    m_table = table;
    rebuildRows();
    endResetModel();
}

void LearnedTableModel::setMetOnly(bool on)
{
    if (on == m_metOnly)
        return;
    beginResetModel();
    m_metOnly = on;
    rebuildRows();
    endResetModel();
}

void LearnedTableModel::rebuildRows()
{
    m_rows.clear();
    m_visits.clear();
    m_met = 0;
    if (!m_table)
        return;
    m_visits.assign(m_table->states.size(), 0);
    for (std::size_t s = 0; s < m_table->states.size(); ++s) {
        m_visits[s] = m_table->stateVisits(s);
        if (m_visits[s] > 0)
            ++m_met;
        if (!m_metOnly || m_visits[s] > 0)
            m_rows.push_back(s);
    }
}

int CoalitionModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_coalition ? 0 : int(m_coalition->buyers.size() + m_coalition->members.size());
}

int CoalitionModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CoalitionModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_coalition || index.row() >= rowCount())
        return {};
    const CoalitionRecord& c = *m_coalition;
    const auto row = std::size_t(index.row());
    const bool buyer = row < c.buyers.size();
    const AgentIndex agent = buyer ? c.buyers[row] : c.members[row - c.buyers.size()].agent;
    if (role == Qt::TextAlignmentRole && index.column() >= PayoutColumn && index.column() <= ShareColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == AgentColumn)
        return agent < AgentIndex(m_ids.size()) ? m_ids.at(int(agent)) : QString::number(agent);
    if (buyer) {
        if (index.column() == RoleColumn)
            return c.buyers.size() > 1 ? QStringLiteral("pooled buyer") : QStringLiteral("buyer (leader)");
        return {};
    }
    const CoalitionRecord::Member& m = c.members[row - c.buyers.size()];
    switch (index.column()) {
    case RoleColumn:
        return c.buyers.size() > 1 ? QStringLiteral("provider") : QStringLiteral("member");
    case PartColumn:
        return resourcesText(m.part);
    case PayoutColumn:
        return QString::number(m.payout, 'f', 2);
    case ShareColumn:
        return m_total > 0.0 ? QStringLiteral("%1%").arg(100.0 * m.payout / m_total, 0, 'f', 1) : QStringLiteral("-");
    case DeliveredColumn:
        return m.delivered ? QStringLiteral("yes") : QStringLiteral("no");
    default:
        return {};
    }
}

QVariant CoalitionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case AgentColumn:
        return QStringLiteral("Agent");
    case RoleColumn:
        return QStringLiteral("Role");
    case PartColumn:
        return QStringLiteral("Part");
    case PayoutColumn:
        return QStringLiteral("Payout");
    case ShareColumn:
        return QStringLiteral("Share");
    case DeliveredColumn:
        return QStringLiteral("Delivered");
    default:
        return {};
    }
}

void CoalitionModel::setAgentIds(const QStringList& ids)
{
    beginResetModel();
    m_ids = ids;
    endResetModel();
}

void CoalitionModel::setCoalition(const std::optional<CoalitionRecord>& coalition)
{
    if (coalition == m_coalition)
        return;
    beginResetModel();
    m_coalition = coalition;
    m_total = 0.0;
    if (m_coalition) {
        for (const auto& m : m_coalition->members)
            m_total += m.payout;
    }
    endResetModel();
}

} // namespace haggle::ui
