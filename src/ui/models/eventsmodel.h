// The scenario's events as an editable table, one row each: its round (and last round, for kinds that last), its kind
// from the event catalog (a price shock, a demand surge, an outage, a join, a leave, a strategy change, a reputation
// reset), whom it concerns (an agent, every agent of a role, or everyone, as the kind takes), and its parameters; a
// strategy change also names the strategy taken up and its trust threshold. The model edits a copy; `eventsEdited`
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
    enum Column {
        RoundColumn,
        LastRoundColumn,
        KindColumn,
        AgentColumn, // whom it concerns: an agent id, "role: NAME" or "everyone"
        StrategyColumn, // strategy changes only
        ParametersColumn,
        TrustColumn, // strategy changes only
        ColumnCount
    };
    // EditValueRole: the raw value (parameters as a QVariantMap with "__type", "__rules", "__agent" and "__family":
    // "strategy" for a strategy change's strategy, "event" for another kind's own); ChoicesRole: what a combo offers.
    enum Role { EditValueRole = Qt::UserRole + 1, ChoicesRole };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // The events, the agent ids and roles they may name, and the rules set whose strategy catalog they choose from.
    void setEvents(const std::vector<ScenarioEvent>& events, const QStringList& agentIds, const std::string& rules,
        const QStringList& roles = {});
    const std::vector<ScenarioEvent>& events() const noexcept { return m_events; }

    // How the Concerns column names an event's agents ("everyone", "role: seeker", or an agent id) and back.
    static QString concernsText(const ScenarioEvent& event);
    static void setConcerns(ScenarioEvent& event, const QString& text);

signals:
    void eventsEdited(const std::vector<haggle::ScenarioEvent>& events);

private:
    QVariant display(const ScenarioEvent& e, int column) const;
    QVariant toolTip(const ScenarioEvent& e, int column) const;
    QVariant editValue(const ScenarioEvent& e, int column) const;
    QStringList choices(const ScenarioEvent& e, int column) const;

    std::vector<ScenarioEvent> m_events;
    QStringList m_agentIds;
    QStringList m_roles;
    std::string m_rules;
};

// The events table's editors: spin boxes for the rounds ("-" for no last round) and the trust threshold ("off" below
// 0), combos for the kind, whom it concerns and the strategy, and a parameters dialog on the Parameters column
// (double-click, F2 or Enter): the strategy's for a strategy change, the event kind's otherwise.
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
