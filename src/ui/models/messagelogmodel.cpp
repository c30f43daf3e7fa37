// The message log's table: storage, trimming and the texts shown for each message kind.
#include "messagelogmodel.h"

#include <QLatin1String>

#include <algorithm>
#include <array>

namespace haggle::ui {

namespace {

QLatin1String latin1(std::string_view text)
{
    return QLatin1String(text.data(), qsizetype(text.size()));
}

// Resource amounts are mostly whole hours: "10" reads better than "10.00", and "2.5" better than "2.50".
QString amountText(double value)
{
    QString text = QString::number(value, 'f', 2);
    while (text.endsWith(u'0'))
        text.chop(1);
    if (text.endsWith(u'.'))
        text.chop(1);
    return text == QLatin1String("-0") ? QStringLiteral("0") : text;
}

QString bundleText(const ResourceBundle& resources)
{
    constexpr std::array kinds { ResourceKind::Gpu, ResourceKind::Cpu, ResourceKind::Memory };
    QStringList parts;
    for (const ResourceKind kind : kinds) {
        if (resources[kind] != 0.0)
            parts.append(latin1(resourceKindName(kind)) + u' ' + amountText(resources[kind]));
    }
    return parts.join(QLatin1String(", "));
}

// The kinds whose price field means something (see message.h); the others leave it at zero.
bool hasPrice(MessageType type)
{
    switch (type) {
    case MessageType::Request:
    case MessageType::Offer:
    case MessageType::Counter:
    case MessageType::Accept:
    case MessageType::Allocate:
    case MessageType::Default:
    case MessageType::Bid:
    case MessageType::Ask:
    case MessageType::Propose:
    case MessageType::Join:
    case MessageType::Commit:
        return true;
    case MessageType::Reject:
    case MessageType::QueryReputation:
    case MessageType::ReputationResponse:
    case MessageType::Release:
    case MessageType::Gossip:
    case MessageType::Leave:
        return false;
    }
    return false;
}

int agentRoleValue(AgentIndex agent)
{
    return agent == NoAgent ? -1 : int(agent);
}

} // namespace

MessageLogModel::MessageLogModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void MessageLogModel::setAgentIds(const QStringList& ids)
{
    beginResetModel();
    m_agentIds = ids;
    endResetModel();
}

QString MessageLogModel::agentName(AgentIndex agent) const
{
    if (agent == NoAgent)
        return {};
    if (agent < AgentIndex(m_agentIds.size()))
        return m_agentIds.at(qsizetype(agent));
    return u'#' + QString::number(agent);
}

void MessageLogModel::clear()
{
    beginResetModel();
    m_chunks.clear(); // a new run may log far less: the memory goes back
    m_spare.clear();
    m_first = 0;
    m_count = 0;
    m_totalAppended = 0;
    endResetModel();
}

void MessageLogModel::append(const std::vector<LoggedMessage>& messages)
{
    if (messages.empty())
        return;
    const auto count = qsizetype(messages.size());
    m_totalAppended += count;
    const qsizetype keep = std::min(count, m_capacity);
    if (keep == 0)
        return;

    const auto first = int(m_count);
    beginInsertRows(QModelIndex(), first, first + int(keep) - 1);
    auto source = messages.end() - keep;
    while (source != messages.end()) {
        const std::size_t at = m_first + m_count;
        if (at / ChunkRows == m_chunks.size()) {
            if (m_spare.empty()) {
                m_chunks.push_back(std::make_unique<LoggedMessage[]>(ChunkRows));
            } else {
                m_chunks.push_back(std::move(m_spare.back()));
                m_spare.pop_back();
            }
        }
        const auto run = std::min<std::ptrdiff_t>(messages.end() - source, std::ptrdiff_t(ChunkRows - at % ChunkRows));
        std::copy(source, source + run, m_chunks.back().get() + at % ChunkRows);
        source += run;
        m_count += std::size_t(run);
    }
    endInsertRows();
    trimToCapacity();
}

void MessageLogModel::setCapacity(qsizetype rows)
{
    m_capacity = std::max<qsizetype>(0, rows);
    trimToCapacity();
}

const LoggedMessage& MessageLogModel::messageAt(int r) const
{
    Q_ASSERT(r >= 0 && std::size_t(r) < m_count);
    return row(std::size_t(r));
}

void MessageLogModel::trimToCapacity()
{
    const auto excess = qsizetype(m_count) - m_capacity;
    if (excess <= 0)
        return;
    beginRemoveRows(QModelIndex(), 0, int(excess) - 1);
    m_first += std::size_t(excess);
    m_count -= std::size_t(excess);
    const std::size_t passed = m_first / ChunkRows;
    // Enough spare chunks for a full batch; more would only hold memory.
    constexpr std::size_t MaxSpare = MaxMessagesPerSnapshot / ChunkRows + 1;
    for (std::size_t i = 0; i < passed && m_spare.size() < MaxSpare; ++i)
        m_spare.push_back(std::move(m_chunks[i]));
    m_chunks.erase(m_chunks.begin(), m_chunks.begin() + std::ptrdiff_t(passed));
    m_first -= passed * ChunkRows;
    endRemoveRows();
}

QString MessageLogModel::priceText(const Message& message) const
{
    return hasPrice(message.type) ? QString::number(message.price, 'f', 2) : QString();
}

QString MessageLogModel::detailsText(const Message& message) const
{
    QStringList parts;
    if (message.reason != MessageReason::None)
        parts.append(latin1(messageReasonName(message.reason)));
    if (message.type == MessageType::QueryReputation) {
        parts.append(QLatin1String("about ") + agentName(message.subject));
    } else if (message.type == MessageType::ReputationResponse || message.type == MessageType::Gossip) {
        // A reply to a query, or gossip told unasked: the subject and the sender's own view of it.
        parts.append(QLatin1String("about ") + agentName(message.subject) + QLatin1String(": ")
            + QString::number(message.reputation, 'f', 2));
    }
    if (!message.resources.isZero())
        parts.append(bundleText(message.resources));
    if (message.type == MessageType::Request)
        parts.append(QLatin1String("urgency ") + QString::number(message.urgency, 'f', 2));
    return parts.join(QLatin1String("; "));
}

QString MessageLogModel::description(const LoggedMessage& logged) const
{
    const Message& m = logged.message;
    QString text = QLatin1String("Round ") + QString::number(logged.round);
    if (m.negotiation != 0) {
        text += QLatin1String(", negotiation ") + QString::number(m.negotiation) + QLatin1String(", turn ")
            + QString::number(m.turn);
    }
    text += QLatin1String(": ") + latin1(messageTypeName(m.type)) + QLatin1String(" from ") + agentName(m.from)
        + QLatin1String(" to ") + agentName(m.to);
    if (hasPrice(m.type))
        text += QLatin1String(", price ") + priceText(m);
    const QString details = detailsText(m);
    if (!details.isEmpty())
        text += QLatin1String(" (") + details + u')';
    return text;
}

int MessageLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_count);
}

int MessageLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LoggedMessage& logged = row(std::size_t(index.row()));
    switch (role) {
    case Qt::DisplayRole:
        return displayData(logged, index.column());
    case Qt::ToolTipRole:
        return description(logged);
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case RoundColumn:
        case NegotiationColumn:
        case TurnColumn:
        case PriceColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case RoundRole:
        return logged.round;
    case TypeRole:
        return int(logged.message.type);
    case FromRole:
        return agentRoleValue(logged.message.from);
    case ToRole:
        return agentRoleValue(logged.message.to);
    case SubjectRole:
        return agentRoleValue(logged.message.subject);
    case NegotiationRole:
        return qulonglong(logged.message.negotiation);
    default:
        return {};
    }
}

// Strings rather than numbers: the delegate would group digits of ids and rounds ("12,345") in some locales.
QVariant MessageLogModel::displayData(const LoggedMessage& logged, int column) const
{
    const Message& m = logged.message;
    switch (column) {
    case RoundColumn:
        return QString::number(logged.round);
    case NegotiationColumn:
        return m.negotiation != 0 ? QString::number(m.negotiation) : QString();
    case TurnColumn:
        return QString::number(m.turn);
    case TypeColumn:
        return QString(latin1(messageTypeName(m.type)));
    case FromColumn:
        return agentName(m.from);
    case ToColumn:
        return agentName(m.to);
    case PriceColumn:
        return priceText(m);
    case DetailsColumn:
        return detailsText(m);
    default:
        return {};
    }
}

QVariant MessageLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        static const std::array<const char*, ColumnCount> labels {
            "Round",
            "Negotiation",
            "Turn",
            "Type",
            "From",
            "To",
            "Price",
            "Details",
        };
        return QString::fromLatin1(labels[std::size_t(section)]);
    }
    if (role == Qt::TextAlignmentRole) {
        const bool numeric
            = section == RoundColumn || section == NegotiationColumn || section == TurnColumn || section == PriceColumn;
        return int((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    return {};
}

Qt::ItemFlags MessageLogModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> MessageLogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RoundRole, QByteArrayLiteral("round"));
    names.insert(TypeRole, QByteArrayLiteral("type"));
    names.insert(FromRole, QByteArrayLiteral("from"));
    names.insert(ToRole, QByteArrayLiteral("to"));
    names.insert(SubjectRole, QByteArrayLiteral("subject"));
    names.insert(NegotiationRole, QByteArrayLiteral("negotiation"));
    return names;
}

} // namespace haggle::ui
