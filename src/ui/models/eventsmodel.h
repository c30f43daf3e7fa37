// The scenario's events as an editable table: at the start of which round which agent takes up which strategy (its
// kind, parameters and trust threshold), e.g. a cheater injected mid-run. The model edits a copy; `eventsEdited`
// hands the new list to whoever owns the scenario (as one undo command), which may refuse it.
#pragma once

#include "scenario.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <QStyledItemDelegate>

namespace haggle::ui {

class EventsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { RoundColumn, AgentColumn, StrategyColumn, ParametersColumn, TrustColumn, ColumnCount };
    // EditValueRole: the raw value (parameters as a QVariantMap with "__type" and "__rules", as the Agents table's);
    // ChoicesRole: what a combo offers (agent ids, or the strategy kinds of the rules set).
    enum Role { EditValueRole = Qt::UserRole + 1, ChoicesRole };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // The events, the agent ids they may name and the rules set whose strategy catalog they choose from.
    void setEvents(const std::vector<ScenarioEvent>& events, const QStringList& agentIds, const std::string& rules);
    const std::vector<ScenarioEvent>& events() const noexcept { return m_events; }

signals:
    void eventsEdited(const std::vector<haggle::ScenarioEvent>& events);

private:
    std::vector<ScenarioEvent> m_events;
    QStringList m_agentIds;
    std::string m_rules;
};

// The events table's editors: combos for the agent and the strategy, a spin box for the trust threshold ("off"
// below 0), and the strategy parameters dialog on the Parameters column (double-click, F2 or Enter).
class EventsDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
        const QModelIndex& index) override;
};

} // namespace haggle::ui
