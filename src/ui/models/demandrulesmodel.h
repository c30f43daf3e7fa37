// An editable table of demand rules (the base rules, or one phase's rules): who needs compute (all agents, a role,
// or listed ids), how they are picked (exactly `count`, or each with a probability), and the bundle they need.
// The model edits a copy; `rulesEdited` hands the new list to whoever owns the scenario (as one undo command).
#pragma once

#include "scenario.h"

#include <QAbstractTableModel>

namespace haggle::ui {

class DemandRulesModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { WhoColumn, CountColumn, ProbabilityColumn, GpuColumn, CpuColumn, MemoryColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    void setRules(const std::vector<NeedRule>& rules);
    const std::vector<NeedRule>& rules() const noexcept { return m_rules; }

    // "all", "role:seeker", or "alice, bob": the text form of a rule's selector, and back.
    static QString whoText(const NeedRule& rule);
    static bool parseWho(const QString& text, NeedRule& rule);

signals:
    void rulesEdited(const std::vector<haggle::NeedRule>& rules);

private:
    std::vector<NeedRule> m_rules;
};

} // namespace haggle::ui
