// The message log's table: every logged message of a run, append-only, oldest rows dropped past a capacity.
// Fed in batches from the worker's snapshots; one insert and at most one remove per batch keep a live run cheap.
#pragma once

#include "snapshot.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <memory>
#include <vector>

namespace haggle::ui {

class MessageLogModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        RoundColumn,
        NegotiationColumn,
        TurnColumn,
        TypeColumn,
        FromColumn,
        ToColumn,
        PriceColumn,
        DetailsColumn,
        ColumnCount
    };
    enum Role {
        RoundRole = Qt::UserRole + 1,
        TypeRole, // int(MessageType)
        FromRole, // int agent index, -1 for none
        ToRole,
        SubjectRole, // int agent index, -1 for none
        NegotiationRole, // qulonglong, 0 for none
    };

    static constexpr qsizetype DefaultCapacity = 200'000;

    explicit MessageLogModel(QObject* parent = nullptr);

    // Names shown for agent indices (index -> id). Resets the model, since every From/To/Details cell may change.
    void setAgentIds(const QStringList& ids);
    const QStringList& agentIds() const { return m_agentIds; }
    // The id of an agent index, "#<index>" when unknown, empty for NoAgent.
    QString agentName(AgentIndex agent) const;

    void clear();
    // One insert for the batch, then one remove if the log went past its capacity. A batch larger than the
    // capacity only inserts its newest rows (the rest would be removed at once anyway).
    void append(const std::vector<LoggedMessage>& messages);
    void setCapacity(qsizetype rows);
    qsizetype capacity() const { return m_capacity; }
    // Everything appended since the last clear(), including rows since dropped for capacity.
    qsizetype totalAppended() const { return m_totalAppended; }
    const LoggedMessage& messageAt(int row) const;

    // The texts the table shows, for one message; also used for tooltips.
    QString priceText(const Message& message) const;
    QString detailsText(const Message& message) const;
    QString description(const LoggedMessage& logged) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QVariant displayData(const LoggedMessage& logged, int column) const;
    static constexpr std::size_t ChunkRows = 4096;
    const LoggedMessage& row(std::size_t r) const
    {
        const std::size_t at = m_first + r;
        return m_chunks[at / ChunkRows][at % ChunkRows];
    }
    void trimToCapacity();

    // The rows in fixed-size chunks, oldest first: row r is at m_first + r counting from the first chunk.
    // Appending copies into the last chunks; dropping the oldest rows moves m_first and hands the chunks it passes
    // to m_spare for the next batches. At full speed every snapshot brings 20,000 messages and drops as many: a
    // deque allocated and freed a block per five messages, and one contiguous ring would copy everything each
    // time it grew. Here nothing is allocated once the log is full, and nothing is ever moved.
    using Chunk = std::unique_ptr<LoggedMessage[]>;
    std::vector<Chunk> m_chunks;
    std::vector<Chunk> m_spare;
    std::size_t m_first = 0;
    std::size_t m_count = 0;
    QStringList m_agentIds;
    qsizetype m_capacity = DefaultCapacity;
    qsizetype m_totalAppended = 0;
};

} // namespace haggle::ui
