// The run by demand phase: one row per phase name (normal rounds, the rush hour, ...) with its rounds, negotiations,
// deals, success rate and mean unit price over the whole run so far, so a rush can be set against normal rounds at a
// glance (the Rounds tab, and the banner of a scenario with phases).
#pragma once

#include "phasesegments.h"

#include <QAbstractTableModel>

#include <vector>

namespace haggle::ui {

class PhaseSummaryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        PhaseColumn,
        RoundsColumn,
        NegotiationsColumn,
        DealsColumn,
        SuccessColumn,
        NeedsMetColumn,
        PriceColumn,
        ColumnCount
    };

    explicit PhaseSummaryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void append(const std::vector<RoundSummary>& rounds);
    void clear();
    const std::vector<lab::PhaseTotals>& totals() const noexcept { return m_totals; }
    // One line for a banner: "normal 21% of 410, needs met 30% (1.030/unit) · rush hour 4% of 390, needs met 5%
    // (1.350/unit)": each phase's success rate, negotiations, share of needs met and mean unit price. Empty until a
    // round.
    QString summaryLine() const;

private:
    std::vector<lab::PhaseTotals> m_totals;
};

} // namespace haggle::ui
