// The round summary table: one row per completed round (phase, needs met, negotiations, deals, defaults, success
// rate, mean unit price, volume). Keeps the most recent `capacity` rounds so a million-round run stays bounded.
#pragma once

#include "events.h"

#include <QAbstractTableModel>

#include <deque>
#include <optional>

namespace haggle::ui {

class RoundSummaryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        RoundColumn,
        PhaseColumn,
        NeedsColumn,
        MetColumn,
        NegotiationsColumn,
        DealsColumn,
        DefaultsColumn,
        SuccessColumn,
        PriceColumn,
        VolumeColumn,
        ColumnCount
    };

    explicit RoundSummaryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void append(const std::vector<RoundSummary>& rounds);
    void clear();
    void setCapacity(int rows);
    int capacity() const noexcept { return m_capacity; }

private:
    struct Row {
        int round;
        QString phase;
        int needs, met, negotiations, deals, defaults;
        double success;
        std::optional<double> price;
        double volume;
    };
    std::deque<Row> m_rows;
    int m_capacity = 100'000;
};

} // namespace haggle::ui
