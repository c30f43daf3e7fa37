// The agents table model (see agenttablemodel.h).
#include "agenttablemodel.h"

#include "rulessets.h"
#include "scenariodocument.h"
#include "strategyregistry.h"

#include <QColor>
#include <QFont>
#include <QVariantMap>

namespace haggle::ui {

namespace {

QString number(double v, int decimals = 2)
{
    return QString::number(v, 'f', decimals);
}

bool isNumeric(int column)
{
    return column >= AgentTableModel::TrustColumn && column != AgentTableModel::ColumnCount;
}

} // namespace

AgentTableModel::AgentTableModel(ScenarioDocument* document, QObject* parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &ScenarioDocument::agentsReset, this, [this] {
        beginResetModel();
        m_live.clear();
        endResetModel();
    });
    connect(document, &ScenarioDocument::agentChanged, this,
        [this](int row) { emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
}

int AgentTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_document->scenario().agents.size());
}

int AgentTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AgentTableModel::parametersText(const StrategySpec& spec, std::string_view rules)
{
    QStringList parts;
    if (const KindInfo* info = findStrategyKind(rules, spec.type)) {
        for (const auto& p : info->params) {
            const double v = strategyParameterValue(rules, spec, p.name);
            parts.append(QStringLiteral("%1 %2")
                             .arg(QString::fromUtf8(p.name.data(), qsizetype(p.name.size())))
                             .arg(QString::number(v, 'g', 4)));
        }
    }
    return parts.join(QStringLiteral(", "));
}

QVariant AgentTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto& agent = m_document->scenario().agents[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    const AgentLive* live = index.row() < int(m_live.size()) ? &m_live[static_cast<std::size_t>(index.row())] : nullptr;

    if (role == RulesRole)
        return QString::fromStdString(m_document->scenario().rules);
    if (role == Qt::TextAlignmentRole)
        return isNumeric(column) ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                 : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    // A cheater kind (isCheaterStrategy(): cheater, strategic-cheater, whitewasher, colluder, ...) reads as one: its
    // id and strategy in the cheater colour, bold, as the deal graph and the charts draw it.
    const bool cheater = (column == IdColumn || column == StrategyColumn)
        && isCheaterStrategy(m_document->scenario().rules, agent.strategy.type);
    if (cheater && role == Qt::ForegroundRole)
        return QColor(0xc0, 0x1f, 0x1f);
    if (cheater && role == Qt::FontRole) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (cheater && role == Qt::ToolTipRole && column == IdColumn)
        return QStringLiteral("A cheater: its %1 strategy may withhold its side of a deal")
            .arg(QString::fromStdString(agent.strategy.type));
    if (role == Qt::ForegroundRole && column >= NetWorthColumn)
        return live ? QVariant() : QVariant(QColor(Qt::gray));
    // Live columns on a tint of their own: they change as the run goes, the others are the scenario's.
    if (role == Qt::BackgroundRole && column >= NetWorthColumn)
        return QColor(0xf2, 0xf7, 0xfd);
    if (role == Qt::ToolTipRole) {
        if (column == StrategyColumn) {
            if (const KindInfo* info = findStrategyKind(m_document->scenario().rules, agent.strategy.type))
                return QString::fromUtf8(info->description.data(), qsizetype(info->description.size()));
        }
        if (column == TrustColumn)
            return QStringLiteral(
                "Reputation-aware: refuses partners it rates below this threshold (off: trusts everyone)");
        if (column >= NetWorthColumn)
            return QStringLiteral("Live value in the current run (budget + holdings at reference prices; mean "
                                  "reputation in the others' eyes; deals so far)");
        return {};
    }

    if (role == EditValueRole) {
        switch (column) {
        case IdColumn:
            return QString::fromStdString(agent.id);
        case RoleColumn:
            return QString::fromStdString(agent.role);
        case StrategyColumn:
            return QString::fromStdString(agent.strategy.type);
        case ParametersColumn: {
            QVariantMap map;
            for (const auto& [name, value] : agent.strategy.params)
                map.insert(QString::fromStdString(name), value);
            map.insert(QStringLiteral("__type"), QString::fromStdString(agent.strategy.type));
            map.insert(QStringLiteral("__rules"), QString::fromStdString(m_document->scenario().rules));
            return map;
        }
        case TrustColumn:
            return agent.strategy.trustThreshold ? *agent.strategy.trustThreshold : -1.0;
        case GpuColumn:
            return agent.holdings.gpu;
        case CpuColumn:
            return agent.holdings.cpu;
        case MemoryColumn:
            return agent.holdings.memory;
        case BudgetColumn:
            return agent.budget;
        case UrgencyColumn:
            return agent.urgency;
        case UnitCostColumn:
            return agent.unitCost;
        default:
            return {};
        }
    }

    if (role != Qt::DisplayRole && role != Qt::EditRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    switch (column) {
    case IdColumn:
        return QString::fromStdString(agent.id);
    case RoleColumn:
        return QString::fromStdString(agent.role);
    case StrategyColumn:
        return QString::fromStdString(agent.strategy.type);
    case ParametersColumn:
        return parametersText(agent.strategy, m_document->scenario().rules);
    case TrustColumn:
        if (sort)
            return agent.strategy.trustThreshold.value_or(-1.0);
        return agent.strategy.trustThreshold ? number(*agent.strategy.trustThreshold) : QStringLiteral("off");
    case GpuColumn:
        return sort ? QVariant(agent.holdings.gpu) : QVariant(number(agent.holdings.gpu, 1));
    case CpuColumn:
        return sort ? QVariant(agent.holdings.cpu) : QVariant(number(agent.holdings.cpu, 1));
    case MemoryColumn:
        return sort ? QVariant(agent.holdings.memory) : QVariant(number(agent.holdings.memory, 1));
    case BudgetColumn:
        return sort ? QVariant(agent.budget) : QVariant(number(agent.budget));
    case UrgencyColumn:
        return sort ? QVariant(agent.urgency) : QVariant(number(agent.urgency));
    case UnitCostColumn:
        return sort ? QVariant(agent.unitCost) : QVariant(number(agent.unitCost));
    case NetWorthColumn:
        if (!live)
            return sort ? QVariant(agent.budget + agent.holdings.value(m_document->scenario().market.referencePrices))
                        : QVariant(QStringLiteral("-"));
        return sort ? QVariant(live->netWorth) : QVariant(number(live->netWorth));
    case ReputationColumn:
        if (!live)
            return sort ? QVariant(0.5) : QVariant(QStringLiteral("-"));
        return sort ? QVariant(live->meanReputation) : QVariant(number(live->meanReputation, 3));
    case DealsColumn:
        if (!live)
            return sort ? QVariant(0) : QVariant(QStringLiteral("-"));
        return live->deals;
    default:
        return {};
    }
}

QVariant AgentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    // The scenario's values (what a run starts from, editable) and the run's (now, read only) say which they are:
    // the Inspector shows the live holdings, this table the starting ones.
    static const char* const names[ColumnCount] = { "ID", "Role", "Strategy", "Parameters", "Trust threshold",
        "GPU h (start)", "CPU h (start)", "Memory GBh (start)", "Budget (start)", "Urgency", "Unit cost",
        "Net worth (now)", "Reputation (now)", "Deals (now)" };
    static const char* const tips[ColumnCount] = { "The agent's name, unique in the scenario",
        "Its role (provider, seeker, broker, ...): where the graph places it",
        "How it negotiates (see the strategy's tooltip)",
        "The strategy's parameters: F2, Enter or double-click opens them",
        "Reputation-aware agents refuse partners rated below this; off trusts everyone",
        "GPU hours it holds when the run starts (the Inspector shows them now)",
        "CPU hours it holds when the run starts (the Inspector shows them now)",
        "Memory GB-hours it holds when the run starts (the Inspector shows them now)",
        "Money it starts with (the Inspector shows its cash now)", "How pressing its needs are, 0 to 1",
        "What leasing out its compute costs it per unit (its reservation price as a seller; 0: nothing)",
        "Live: cash plus holdings at reference prices, as of the latest round (read only)",
        "Live: the mean of the others' views of it, as of the latest round (read only)",
        "Live: deals agreed since the start (read only)" };
    if (role == Qt::DisplayRole)
        return QString::fromLatin1(names[section]);
    if (role == Qt::ToolTipRole)
        return QString::fromLatin1(tips[section]);
    if (role == Qt::BackgroundRole && section >= NetWorthColumn)
        return QColor(0xe8, 0xf1, 0xfb);
    return QAbstractTableModel::headerData(section, orientation, role);
}

Qt::ItemFlags AgentTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() < NetWorthColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool AgentTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() >= NetWorthColumn)
        return false;
    AgentSpec agent = m_document->scenario().agents[static_cast<std::size_t>(index.row())];
    bool ok = true;
    const auto toDouble = [&ok](const QVariant& v) {
        bool converted = false;
        const double d = v.toDouble(&converted);
        ok = ok && converted;
        return d;
    };
    switch (index.column()) {
    case IdColumn:
        agent.id = value.toString().trimmed().toStdString();
        break;
    case RoleColumn:
        agent.role = value.toString().trimmed().toStdString();
        break;
    case StrategyColumn: {
        const std::string type = value.toString().toStdString();
        if (type != agent.strategy.type) {
            agent.strategy.type = type;
            agent.strategy.params.clear(); // the old strategy's parameters mean nothing to the new one
        }
        break;
    }
    case ParametersColumn: {
        const QVariantMap map = value.toMap();
        agent.strategy.params.clear();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!it.key().startsWith(QStringLiteral("__"))) // __type, __rules: what the editor was opened on
                agent.strategy.params[it.key().toStdString()] = toDouble(it.value());
        }
        break;
    }
    case TrustColumn: {
        const double t = toDouble(value);
        agent.strategy.trustThreshold = t < 0.0 ? std::nullopt : std::optional<double>(t);
        break;
    }
    case GpuColumn:
        agent.holdings.gpu = toDouble(value);
        break;
    case CpuColumn:
        agent.holdings.cpu = toDouble(value);
        break;
    case MemoryColumn:
        agent.holdings.memory = toDouble(value);
        break;
    case BudgetColumn:
        agent.budget = toDouble(value);
        break;
    case UrgencyColumn:
        agent.urgency = toDouble(value);
        break;
    case UnitCostColumn:
        agent.unitCost = toDouble(value);
        break;
    default:
        return false;
    }
    QString error;
    if (!ok)
        error = QStringLiteral("%1: expected a number").arg(headerData(index.column(), Qt::Horizontal).toString());
    if (ok && m_document->setAgent(index.row(), agent, &error))
        return true;
    m_lastError = error;
    emit editRefused(error);
    return false;
}

void AgentTableModel::setLive(const std::vector<AgentLive>& agents)
{
    if (agents.size() != m_document->scenario().agents.size() || rowCount() == 0)
        return;
    m_live = agents;
    emit dataChanged(index(0, NetWorthColumn), index(rowCount() - 1, DealsColumn));
}

void AgentTableModel::clearLive()
{
    if (m_live.empty())
        return;
    m_live.clear();
    if (rowCount() > 0)
        emit dataChanged(index(0, NetWorthColumn), index(rowCount() - 1, DealsColumn));
}

} // namespace haggle::ui
