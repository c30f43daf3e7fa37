// Demand rules table (see demandrulesmodel.h).
#include "demandrulesmodel.h"

namespace haggle::ui {

int DemandRulesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int DemandRulesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DemandRulesModel::whoText(const NeedRule& rule)
{
    switch (rule.who) {
    case NeedRule::Who::All:
        return QStringLiteral("all");
    case NeedRule::Who::Role:
        return QStringLiteral("role:") + QString::fromStdString(rule.role);
    case NeedRule::Who::Agents: {
        QStringList ids;
        for (const auto& id : rule.agents)
            ids.append(QString::fromStdString(id));
        return ids.join(QStringLiteral(", "));
    }
    }
    return {};
}

bool DemandRulesModel::parseWho(const QString& text, NeedRule& rule)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t == u"all") {
        rule.who = NeedRule::Who::All;
        rule.role.clear();
        rule.agents.clear();
        return true;
    }
    if (t.startsWith(u"role:")) {
        const QString role = t.mid(5).trimmed();
        if (role.isEmpty())
            return false;
        rule.who = NeedRule::Who::Role;
        rule.role = role.toStdString();
        rule.agents.clear();
        return true;
    }
    rule.who = NeedRule::Who::Agents;
    rule.role.clear();
    rule.agents.clear();
    for (const QString& id : t.split(u',', Qt::SkipEmptyParts))
        rule.agents.push_back(id.trimmed().toStdString());
    return !rule.agents.empty();
}

QVariant DemandRulesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const NeedRule& r = m_rules[static_cast<std::size_t>(index.row())];
    if (role == Qt::ToolTipRole && index.column() == WhoColumn)
        return QStringLiteral("'all', 'role:NAME', or agent ids separated by commas");
    if (role == Qt::ToolTipRole && index.column() == CountColumn)
        return QStringLiteral("Pick exactly this many of the matching agents each round; empty: use the probability");
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case WhoColumn:
        return whoText(r);
    case CountColumn:
        return r.count ? QVariant(*r.count) : (role == Qt::EditRole ? QVariant(-1) : QVariant(QString()));
    case ProbabilityColumn:
        return role == Qt::EditRole ? QVariant(r.probability) : QVariant(QString::number(r.probability, 'f', 2));
    case GpuColumn:
        return r.need.gpu;
    case CpuColumn:
        return r.need.cpu;
    case MemoryColumn:
        return r.need.memory;
    default:
        return {};
    }
}

QVariant DemandRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const names[ColumnCount] = { "Who", "Count", "Probability", "GPU h", "CPU h", "Memory GBh" };
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

Qt::ItemFlags DemandRulesModel::flags(const QModelIndex& index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable : Qt::NoItemFlags;
}

bool DemandRulesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    std::vector<NeedRule> edited = m_rules;
    NeedRule& r = edited[static_cast<std::size_t>(index.row())];
    bool ok = true;
    switch (index.column()) {
    case WhoColumn:
        ok = parseWho(value.toString(), r);
        break;
    case CountColumn: {
        const int count = value.toInt(&ok);
        r.count = count < 0 ? std::nullopt : std::optional<int>(count);
        break;
    }
    case ProbabilityColumn:
        r.probability = value.toDouble(&ok);
        break;
    case GpuColumn:
        r.need.gpu = value.toDouble(&ok);
        break;
    case CpuColumn:
        r.need.cpu = value.toDouble(&ok);
        break;
    case MemoryColumn:
        r.need.memory = value.toDouble(&ok);
        break;
    default:
        return false;
    }
    if (!ok)
        return false;
    // The owner validates and applies; when it accepts, it calls setRules() with the new list.
    emit rulesEdited(edited);
    return m_rules == edited;
}

void DemandRulesModel::setRules(const std::vector<NeedRule>& rules)
{
    if (rules.size() == m_rules.size()) {
        m_rules = rules;
        if (!m_rules.empty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rules = rules;
    endResetModel();
}

} // namespace haggle::ui
