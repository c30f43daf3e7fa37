// The events table (see eventsmodel.h).
#include "eventsmodel.h"

#include "agenttablemodel.h"
#include "rulessets.h"
#include "strategyparametersdialog.h"

#include <QColor>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QKeyEvent>
#include <QSpinBox>
#include <QVariantMap>

#include <array>

namespace haggle::ui {

namespace {

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
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

void EventsModel::setEvents(
    const std::vector<ScenarioEvent>& events, const QStringList& agentIds, const std::string& rules)
{
    beginResetModel();
    m_events = events;
    m_agentIds = agentIds;
    m_rules = rules;
    endResetModel();
}

QVariant EventsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ScenarioEvent& e = m_events[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    if (role == ChoicesRole) {
        if (column == AgentColumn)
            return m_agentIds;
        if (column == StrategyColumn) {
            QStringList kinds;
            for (const KindInfo& info : strategyKinds(m_rules))
                kinds.append(text(info.name));
            return kinds;
        }
        return {};
    }
    const bool cheater = isCheaterStrategy(m_rules, e.strategy.type);
    if (role == Qt::ForegroundRole && column == StrategyColumn && cheater)
        return QColor(0xc0, 0x1f, 0x1f);
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case RoundColumn:
            return QStringLiteral("The round at whose start the agent takes up the strategy");
        case AgentColumn:
            return QStringLiteral("The agent that changes strategy");
        case StrategyColumn:
            if (const KindInfo* info = findStrategyKind(m_rules, e.strategy.type))
                return QStringLiteral("%1%2").arg(text(info->description),
                    cheater ? QStringLiteral(" (a cheater kind: a cheater injected)") : QString());
            return {};
        case ParametersColumn:
            return QStringLiteral("The new strategy's parameters (double-click, F2 or Enter to edit)");
        case TrustColumn:
            return QStringLiteral("The trust threshold it plays with from then on ('off': trusts everyone)");
        default:
            return {};
        }
    }
    if (role == EditValueRole) {
        switch (column) {
        case RoundColumn:
            return e.round;
        case AgentColumn:
            return QString::fromStdString(e.agent);
        case StrategyColumn:
            return QString::fromStdString(e.strategy.type);
        case ParametersColumn: {
            QVariantMap map;
            for (const auto& [name, value] : e.strategy.params)
                map.insert(QString::fromStdString(name), value);
            map.insert(QStringLiteral("__type"), QString::fromStdString(e.strategy.type));
            map.insert(QStringLiteral("__rules"), QString::fromStdString(m_rules));
            map.insert(QStringLiteral("__agent"), QString::fromStdString(e.agent));
            return map;
        }
        case TrustColumn:
            return e.strategy.trustThreshold ? *e.strategy.trustThreshold : -1.0;
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return column == RoundColumn || column == TrustColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                              : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (column) {
    case RoundColumn:
        return e.round;
    case AgentColumn:
        return QString::fromStdString(e.agent);
    case StrategyColumn:
        return QString::fromStdString(e.strategy.type);
    case ParametersColumn:
        return AgentTableModel::parametersText(e.strategy, m_rules);
    case TrustColumn:
        return e.strategy.trustThreshold ? QString::number(*e.strategy.trustThreshold, 'f', 2) : QStringLiteral("off");
    default:
        return {};
    }
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const std::array<const char*, ColumnCount> labels { "Round", "Agent", "New strategy", "Parameters",
        "Trust" };
    return QString::fromLatin1(labels[std::size_t(section)]);
}

Qt::ItemFlags EventsModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable;
}

bool EventsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    std::vector<ScenarioEvent> edited = m_events;
    ScenarioEvent& e = edited[static_cast<std::size_t>(index.row())];
    switch (index.column()) {
    case RoundColumn: {
        bool ok = false;
        const int round = value.toInt(&ok);
        if (!ok)
            return false;
        e.round = round;
        break;
    }
    case AgentColumn:
        e.agent = value.toString().trimmed().toStdString();
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
        e.strategy.params.clear();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!it.key().startsWith(QStringLiteral("__")))
                e.strategy.params[it.key().toStdString()] = it.value().toDouble();
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
    case EventsModel::RoundColumn: {
        auto* box = new QSpinBox(parent);
        box->setRange(1, MaxRounds);
        box->setFrame(false);
        return box;
    }
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
    StrategyParametersDialog dialog(current.value(QStringLiteral("__agent")).toString(),
        current.value(QStringLiteral("__type")).toString(), current, qobject_cast<QWidget*>(parent()),
        current.value(QStringLiteral("__rules")).toString());
    if (dialog.exec() == QDialog::Accepted)
        model->setData(index, dialog.values());
    return true;
}

} // namespace haggle::ui
