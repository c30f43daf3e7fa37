// The message log's filter: which rows of the MessageLogModel pass the agent, kind and round filters.
#include "messagefilterproxy.h"

#include "message.h"
#include "messagelogmodel.h"

namespace haggle::ui {

namespace {
constexpr quint32 AllTypesMask = (quint32(1) << MessageTypeCount) - 1;
} // namespace

MessageFilterProxy::MessageFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
}

void MessageFilterProxy::setAgentFilter(int agentIndex)
{
    agentIndex = agentIndex < 0 ? -1 : agentIndex;
    if (agentIndex == m_agent)
        return;
    m_agent = agentIndex;
    refilter();
}

void MessageFilterProxy::setTypeFilter(const QSet<int>& types)
{
    quint32 mask = 0;
    for (const int type : types) {
        if (type >= 0 && type < MessageTypeCount)
            mask |= quint32(1) << type;
    }
    // Every kind selected filters nothing; keeping it as 0 lets filterAcceptsRow skip the type check.
    if (mask == AllTypesMask)
        mask = 0;
    if (mask == m_typeMask)
        return;
    m_typeMask = mask;
    refilter();
}

QSet<int> MessageFilterProxy::typeFilter() const
{
    QSet<int> types;
    for (int type = 0; type < MessageTypeCount; ++type) {
        if (m_typeMask & (quint32(1) << type))
            types.insert(type);
    }
    return types;
}

void MessageFilterProxy::setRoundRange(int first, int last)
{
    first = first < 0 ? -1 : first;
    last = last < 0 ? -1 : last;
    if (first == m_firstRound && last == m_lastRound)
        return;
    m_firstRound = first;
    m_lastRound = last;
    refilter();
}

// Not invalidateFilter(): Qt 6.4 applies a filter change as one remove or insert per run of consecutive rows,
// each rebuilding the whole row mapping, which is quadratic on a 200,000-row log (every other row changing took
// 20 s). Rebuilding the mapping once as a layout change is linear; persistent indexes (the view's selection and
// current row) are kept, or invalidated when their row is filtered out.
void MessageFilterProxy::refilter()
{
    invalidate();
}

bool MessageFilterProxy::isFiltering() const
{
    return m_agent >= 0 || m_typeMask != 0 || m_firstRound >= 0 || m_lastRound >= 0;
}

bool MessageFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    // A live run inserts up to 20,000 rows a batch; with no filter set there is nothing to read.
    if (!isFiltering())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);

    if (m_typeMask != 0) {
        const int type = index.data(MessageLogModel::TypeRole).toInt();
        if (type < 0 || type >= MessageTypeCount || !(m_typeMask & (quint32(1) << type)))
            return false;
    }
    if (m_firstRound >= 0 || m_lastRound >= 0) {
        const int round = index.data(MessageLogModel::RoundRole).toInt();
        if ((m_firstRound >= 0 && round < m_firstRound) || (m_lastRound >= 0 && round > m_lastRound))
            return false;
    }
    if (m_agent >= 0) {
        return index.data(MessageLogModel::FromRole).toInt() == m_agent
            || index.data(MessageLogModel::ToRole).toInt() == m_agent
            || index.data(MessageLogModel::SubjectRole).toInt() == m_agent;
    }
    return true;
}

} // namespace haggle::ui
