// The events table (see eventsmodel.h).
#include "eventsmodel.h"

#include "agenttablemodel.h"
#include "kinds.h"
#include "qtext.h"
#include "rulessets.h"
#include "strategyparametersdialog.h"

#include <QColor>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QKeyEvent>
#include <QSpinBox>
#include <QVariantMap>

#include <algorithm>
#include <array>

namespace haggle::ui {

namespace {

bool takes(const KindInfo& kind, std::string_view what)
{
    return std::find(kind.protocols.begin(), kind.protocols.end(), what) != kind.protocols.end();
}

} // namespace

int EventsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void EventsModel::setEvents(const std::vector<ScenarioEvent>& events, const QStringList& agentIds,
    const std::string& rules, const QStringList& roles)
{
    beginResetModel();
    m_events = events;
    m_agentIds = agentIds;
    m_roles = roles;
    m_rules = rules;
    endResetModel();
}

QString EventsModel::concernsText(const ScenarioEvent& e)
{
    if (!e.agent.empty())
        return QString::fromStdString(e.agent);
    if (!e.role.empty())
        return QStringLiteral("role: ") + QString::fromStdString(e.role);
    const KindInfo* kind = eventCatalog().info(e.type);
    return kind && takes(*kind, EventTakesGroup) ? QStringLiteral("everyone") : QString();
}

void EventsModel::setConcerns(ScenarioEvent& e, const QString& text)
{
    const QString trimmed = text.trimmed();
    e.agent.clear();
    e.role.clear();
    if (trimmed.startsWith(QStringLiteral("role:")))
        e.role = trimmed.mid(5).trimmed().toStdString();
    else if (trimmed != QStringLiteral("everyone"))
        e.agent = trimmed.toStdString();
}

QStringList EventsModel::choices(const ScenarioEvent& e, int column) const
{
    if (column == KindColumn) {
        QStringList kinds;
        for (const auto& entry : eventCatalog().entries())
            kinds.append(toQString(entry.info.name));
        return kinds;
    }
    if (column == AgentColumn) {
        const KindInfo* kind = eventCatalog().info(e.type);
        if (!kind || !takes(*kind, EventTakesGroup))
            return m_agentIds;
        QStringList options { QStringLiteral("everyone") };
        for (const QString& role : m_roles)
            options.append(QStringLiteral("role: ") + role);
        return options + m_agentIds;
    }
    if (column == StrategyColumn) {
        QStringList kinds;
        for (const KindInfo& info : strategyKinds(m_rules))
            kinds.append(toQString(info.name));
        return kinds;
    }
    return {};
}

QVariant EventsModel::toolTip(const ScenarioEvent& e, int column) const
{
    const KindInfo* kind = eventCatalog().info(e.type);
    switch (column) {
    case RoundColumn:
        return QStringLiteral("The round at whose start the event acts (its first round, for one that lasts)");
    case LastRoundColumn:
        return kind && takes(*kind, EventLasts)
            ? QStringLiteral("The last round it lasts ('-': its round alone; a leave without one lasts to the end)")
            : QStringLiteral("A %1 event acts at one round").arg(QString::fromStdString(e.type));
    case KindColumn:
        return kind ? toQString(kind->description) : QString();
    case AgentColumn:
        return QStringLiteral("Whom it concerns: an agent, every agent of a role, or everyone (as its kind takes)");
    case StrategyColumn:
        if (const KindInfo* info = findStrategyKind(m_rules, e.strategy.type); info && e.type == "strategy")
            return QStringLiteral("%1%2").arg(toQString(info->description),
                isCheaterStrategy(m_rules, e.strategy.type) ? QStringLiteral(" (a cheater kind: a cheater injected)")
                                                            : QString());
        return {};
    case ParametersColumn:
        return QStringLiteral("Its parameters (double-click, F2 or Enter to edit)");
    case TrustColumn:
        return QStringLiteral("The trust threshold it plays with from then on ('off': trusts everyone)");
    default:
        return {};
    }
}

QVariant EventsModel::editValue(const ScenarioEvent& e, int column) const
{
    switch (column) {
    case RoundColumn:
        return e.round;
    case LastRoundColumn:
        return e.lastRound.value_or(0);
    case KindColumn:
        return QString::fromStdString(e.type);
    case AgentColumn:
        return concernsText(e);
    case StrategyColumn:
        return QString::fromStdString(e.strategy.type);
    case ParametersColumn: {
        const bool strategy = e.type == "strategy";
        QVariantMap map;
        for (const auto& [name, value] : strategy ? e.strategy.params : e.params)
            map.insert(QString::fromStdString(name), value);
        map.insert(QStringLiteral("__type"), QString::fromStdString(strategy ? e.strategy.type : e.type));
        map.insert(QStringLiteral("__family"), strategy ? QStringLiteral("strategy") : QStringLiteral("event"));
        map.insert(QStringLiteral("__rules"), QString::fromStdString(m_rules));
        map.insert(QStringLiteral("__agent"), concernsText(e));
        return map;
    }
    case TrustColumn:
        return e.strategy.trustThreshold ? *e.strategy.trustThreshold : -1.0;
    default:
        return {};
    }
}

QVariant EventsModel::display(const ScenarioEvent& e, int column) const
{
    const bool strategy = e.type == "strategy";
    switch (column) {
    case RoundColumn:
        return e.round;
    case LastRoundColumn:
        if (e.lastRound)
            return *e.lastRound;
        return e.type == "leave" ? QStringLiteral("end") : QStringLiteral("-");
    case KindColumn:
        return QString::fromStdString(e.type);
    case AgentColumn:
        return concernsText(e);
    case StrategyColumn:
        return strategy ? QString::fromStdString(e.strategy.type) : QString();
    case ParametersColumn: {
        if (strategy)
            return AgentTableModel::parametersText(e.strategy, m_rules);
        QStringList parts;
        for (const auto& [name, value] : e.params)
            parts.append(QStringLiteral("%1 %2").arg(QString::fromStdString(name)).arg(value));
        return parts.isEmpty() ? QStringLiteral("defaults") : parts.join(QStringLiteral(", "));
    }
    case TrustColumn:
        if (!strategy)
            return QString();
        return e.strategy.trustThreshold ? QString::number(*e.strategy.trustThreshold, 'f', 2) : QStringLiteral("off");
    default:
        return {};
    }
}

QVariant EventsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ScenarioEvent& e = m_events[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case ChoicesRole:
        return choices(e, column);
    case Qt::ForegroundRole:
        if (column == StrategyColumn && e.type == "strategy" && isCheaterStrategy(m_rules, e.strategy.type))
            return QColor(0xc0, 0x1f, 0x1f);
        return {};
    case Qt::ToolTipRole:
        return toolTip(e, column);
    case EditValueRole:
        return editValue(e, column);
    case Qt::TextAlignmentRole:
        return column == RoundColumn || column == LastRoundColumn || column == TrustColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DisplayRole:
    case Qt::EditRole:
        return display(e, column);
    default:
        return {};
    }
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const std::array<const char*, ColumnCount> labels { "Round", "To", "Event", "Concerns", "New strategy",
        "Parameters", "Trust" };
    return QString::fromLatin1(labels[std::size_t(section)]);
}

Qt::ItemFlags EventsModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    const ScenarioEvent& e = m_events[static_cast<std::size_t>(index.row())];
    const KindInfo* kind = eventCatalog().info(e.type);
    bool editable = true;
    switch (index.column()) {
    case LastRoundColumn:
        editable = kind && takes(*kind, EventLasts);
        break;
    case AgentColumn:
        editable = kind && (takes(*kind, EventNeedsAgent) || takes(*kind, EventTakesGroup));
        break;
    case StrategyColumn:
    case TrustColumn:
        editable = e.type == "strategy";
        break;
    default:
        break;
    }
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | (editable ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

bool EventsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid)
        || !(flags(index) & Qt::ItemIsEditable))
        return false;
    std::vector<ScenarioEvent> edited = m_events;
    ScenarioEvent& e = edited[static_cast<std::size_t>(index.row())];
    switch (index.column()) {
    case RoundColumn:
    case LastRoundColumn: {
        bool ok = false;
        const int round = value.toInt(&ok);
        if (!ok)
            return false;
        if (index.column() == RoundColumn)
            e.round = round;
        else if (round <= 0)
            e.lastRound.reset();
        else
            e.lastRound = round;
        break;
    }
    case KindColumn: {
        const std::string type = value.toString().toStdString();
        const KindInfo* kind = eventCatalog().info(type);
        if (!kind || type == e.type)
            return false;
        // What the old kind took and the new one does not goes; what the new one needs gets a first value.
        e.type = type;
        e.params.clear();
        if (!takes(*kind, EventLasts))
            e.lastRound.reset();
        if (!takes(*kind, EventTakesGroup))
            e.role.clear();
        if (!takes(*kind, EventNeedsAgent) && !takes(*kind, EventTakesGroup))
            e.agent.clear();
        else if (takes(*kind, EventNeedsAgent) && e.agent.empty() && !m_agentIds.isEmpty())
            e.agent = m_agentIds.front().toStdString();
        if (type == "strategy" && e.strategy.type.empty())
            e.strategy.type = "cheater";
        break;
    }
    case AgentColumn:
        setConcerns(e, value.toString());
        break;
    case StrategyColumn: {
        const std::string type = value.toString().toStdString();
        if (type == e.strategy.type)
            return false;
        e.strategy.type = type;
        e.strategy.params.clear(); // the old kind's parameters mean nothing to the new one
        break;
    }
    case ParametersColumn: {
        const QVariantMap map = value.toMap();
        ParameterValues& params = e.type == "strategy" ? e.strategy.params : e.params;
        params.clear();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!it.key().startsWith(QStringLiteral("__")))
                params[it.key().toStdString()] = it.value().toDouble();
        }
        break;
    }
    case TrustColumn: {
        const double v = value.toDouble();
        if (v < 0.0)
            e.strategy.trustThreshold.reset();
        else
            e.strategy.trustThreshold = v;
        break;
    }
    default:
        return false;
    }
    if (edited == m_events)
        return false;
    emit eventsEdited(edited);
    return true;
}

QWidget* EventsDelegate::createEditor(
    QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    switch (index.column()) {
    case EventsModel::RoundColumn:
    case EventsModel::LastRoundColumn: {
        auto* box = new QSpinBox(parent);
        const bool last = index.column() == EventsModel::LastRoundColumn;
        box->setRange(last ? 0 : 1, MaxRounds);
        if (last)
            box->setSpecialValueText(QStringLiteral("-"));
        box->setFrame(false);
        return box;
    }
    case EventsModel::KindColumn:
    case EventsModel::AgentColumn:
    case EventsModel::StrategyColumn: {
        auto* combo = new QComboBox(parent);
        combo->addItems(index.data(EventsModel::ChoicesRole).toStringList());
        return combo;
    }
    case EventsModel::ParametersColumn:
        return nullptr; // a dialog, opened by editorEvent()
    case EventsModel::TrustColumn: {
        auto* box = new QDoubleSpinBox(parent);
        box->setRange(-0.05, 1.0);
        box->setSingleStep(0.05);
        box->setDecimals(2);
        box->setFrame(false);
        box->setSpecialValueText(QStringLiteral("off"));
        return box;
    }
    default:
        return QStyledItemDelegate::createEditor(parent, option, index);
    }
}

void EventsDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    const QVariant value = index.data(EventsModel::EditValueRole);
    if (auto* combo = qobject_cast<QComboBox*>(editor))
        combo->setCurrentIndex(combo->findText(value.toString()));
    else if (auto* box = qobject_cast<QDoubleSpinBox*>(editor))
        box->setValue(value.toDouble());
    else if (auto* whole = qobject_cast<QSpinBox*>(editor))
        whole->setValue(value.toInt());
    else
        QStyledItemDelegate::setEditorData(editor, index);
}

void EventsDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    if (auto* combo = qobject_cast<QComboBox*>(editor))
        model->setData(index, combo->currentText());
    else if (auto* box = qobject_cast<QDoubleSpinBox*>(editor))
        model->setData(index, box->value() < 0.0 ? -1.0 : box->value());
    else if (auto* whole = qobject_cast<QSpinBox*>(editor))
        model->setData(index, whole->value());
    else
        QStyledItemDelegate::setModelData(editor, model, index);
}

bool EventsDelegate::editorEvent(
    QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (!event || index.column() != EventsModel::ParametersColumn)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    bool opens = event->type() == QEvent::MouseButtonDblClick;
    if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        opens = key == Qt::Key_F2 || key == Qt::Key_Return || key == Qt::Key_Enter;
    }
    if (!opens)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const QVariantMap current = index.data(EventsModel::EditValueRole).toMap();
    const QString type = current.value(QStringLiteral("__type")).toString();
    const QString concerns = current.value(QStringLiteral("__agent")).toString();
    auto* window = qobject_cast<QWidget*>(parent());
    if (current.value(QStringLiteral("__family")) == QStringLiteral("event")) {
        StrategyParametersDialog dialog(eventCatalog().info(type.toStdString()), type,
            concerns.isEmpty() ? QStringLiteral("Parameters of the %1 event").arg(type)
                               : QStringLiteral("Parameters of the %1 event (%2)").arg(type, concerns),
            current, window);
        if (dialog.exec() == QDialog::Accepted)
            model->setData(index, dialog.values());
        return true;
    }
    StrategyParametersDialog dialog(
        concerns, type, current, window, current.value(QStringLiteral("__rules")).toString());
    if (dialog.exec() == QDialog::Accepted)
        model->setData(index, dialog.values());
    return true;
}

} // namespace haggle::ui
