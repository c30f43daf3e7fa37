// Agents table editors (see agentdelegate.h).
#include "agentdelegate.h"

#include "agenttablemodel.h"
#include "kinds.h"
#include "llmnegotiator.h"
#include "qtext.h"
#include "rulessets.h"
#include "scenario.h"
#include "strategyparametersdialog.h"
#include "strategyregistry.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QRegularExpressionValidator>

namespace haggle::ui {

namespace {

QDoubleSpinBox* spinBox(QWidget* parent, double min, double max, double step, int decimals)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(min, max);
    box->setSingleStep(step);
    box->setDecimals(decimals);
    box->setFrame(false);
    box->setAccelerated(true);
    return box;
}

} // namespace

QWidget* AgentDelegate::createEditor(
    QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    switch (index.column()) {
    case AgentTableModel::IdColumn:
    case AgentTableModel::RoleColumn: {
        auto* edit = new QLineEdit(parent);
        edit->setFrame(false);
        edit->setMaxLength(int(256));
        edit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\S.*")), edit));
        return edit;
    }
    case AgentTableModel::StrategyColumn: {
        auto* combo = new QComboBox(parent);
        // The strategy catalog of the scenario's rules set.
        for (const auto& info : strategyKinds(index.data(AgentTableModel::RulesRole).toString().toStdString())) {
            combo->addItem(toQString(info.name), toQString(info.name));
            combo->setItemData(combo->count() - 1, toQString(info.description), Qt::ToolTipRole);
        }
        return combo;
    }
    case AgentTableModel::ParametersColumn:
        return nullptr; // a dialog, opened by editorEvent()
    case AgentTableModel::TrustColumn: {
        auto* box = spinBox(parent, -0.05, 1.0, 0.05, 2);
        box->setSpecialValueText(QStringLiteral("off"));
        box->setToolTip(QStringLiteral("Lowest reputation a partner may have; 'off' trusts everyone"));
        return box;
    }
    case AgentTableModel::GpuColumn:
    case AgentTableModel::CpuColumn:
    case AgentTableModel::MemoryColumn:
    case AgentTableModel::BudgetColumn:
        return spinBox(parent, 0.0, MaxQuantity, 1.0, 2);
    case AgentTableModel::UrgencyColumn:
        return spinBox(parent, 0.0, 1.0, 0.05, 2);
    case AgentTableModel::UnitCostColumn:
        return spinBox(parent, 0.0, MaxQuantity, 0.05, 2);
    default:
        return QStyledItemDelegate::createEditor(parent, option, index);
    }
}

void AgentDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    const QVariant value = index.data(AgentTableModel::EditValueRole);
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        combo->setCurrentIndex(combo->findData(value.toString()));
    } else if (auto* box = qobject_cast<QDoubleSpinBox*>(editor)) {
        box->setValue(value.toDouble());
    } else if (auto* edit = qobject_cast<QLineEdit*>(editor)) {
        edit->setText(value.toString());
    } else {
        QStyledItemDelegate::setEditorData(editor, index);
    }
}

void AgentDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    if (auto* combo = qobject_cast<QComboBox*>(editor))
        model->setData(index, combo->currentData());
    else if (auto* box = qobject_cast<QDoubleSpinBox*>(editor))
        model->setData(index, box->value() < 0.0 ? -1.0 : box->value());
    else if (auto* edit = qobject_cast<QLineEdit*>(editor))
        model->setData(index, edit->text());
    else
        QStyledItemDelegate::setModelData(editor, model, index);
}

bool AgentDelegate::editorEvent(
    QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (!event)
        return false; // a programmatic edit(): there is no inline editor to open
    if (index.column() != AgentTableModel::ParametersColumn || !(index.flags() & Qt::ItemIsEditable))
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    bool opens = event->type() == QEvent::MouseButtonDblClick;
    if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        opens = key == Qt::Key_F2 || key == Qt::Key_Return || key == Qt::Key_Enter;
    }
    if (!opens)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const QVariantMap current = index.data(AgentTableModel::EditValueRole).toMap();
    if (current.value(QStringLiteral("__type")).toString() == toQString(LlmNegotiator::Name)) {
        emit const_cast<AgentDelegate*>(this)->llmSettingsRequested();
        return true;
    }
    const QString agent = index.siblingAtColumn(AgentTableModel::IdColumn).data().toString();
    StrategyParametersDialog dialog(agent, current.value(QStringLiteral("__type")).toString(), current,
        qobject_cast<QWidget*>(parent()), current.value(QStringLiteral("__rules")).toString());
    if (dialog.exec() == QDialog::Accepted)
        model->setData(index, dialog.values());
    return true;
}

} // namespace haggle::ui
