// The message log's filter: by agent (sender, receiver or the agent a reputation query is about), by message
// kind and by round range. Rows stay in append order: the log is a chronology, and sorting a live 200,000-row
// log on every batch would cost more than the filtering itself.
#pragma once

#include <QSet>
#include <QSortFilterProxyModel>

namespace haggle::ui {

class MessageFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit MessageFilterProxy(QObject* parent = nullptr);

    // -1 = any agent.
    void setAgentFilter(int agentIndex);
    int agentFilter() const { return m_agent; }
    // MessageType values; empty (or every kind) = all kinds.
    void setTypeFilter(const QSet<int>& types);
    QSet<int> typeFilter() const;
    // Inclusive; -1 (or any negative) = unbounded on that side.
    void setRoundRange(int first, int last);
    int firstRound() const { return m_firstRound; }
    int lastRound() const { return m_lastRound; }
    // Whether any filter is set: when none is, every row is accepted without reading it.
    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void refilter();

    int m_agent = -1;
    // One bit per MessageType, 0 for all kinds: testing a bit per row is cheaper than a QSet lookup.
    quint32 m_typeMask = 0;
    int m_firstRound = -1;
    int m_lastRound = -1;
};

} // namespace haggle::ui
