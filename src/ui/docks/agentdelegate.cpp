// Agents table editors (see agentdelegate.h).
#include "agentdelegate.h"

#include "agenttablemodel.h"
#include "kinds.h"
#include "scenario.h"
#include "strategyregistry.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
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

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

ParameterEditor::ParameterEditor(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 0, 2, 0);
    layout->setSpacing(4);
    setAutoFillBackground(true);
}

void ParameterEditor::setValues(const QString& strategy, const QVariantMap& values)
{
    while (QLayoutItem* item = layout()->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    setProperty("strategy", strategy);
    const KindInfo* info = findStrategy(strategy.toStdString());
    if (!info)
        return;
    for (const auto& p : info->params) {
        const QString name = text(p.name);
        auto* label = new QLabel(name, this);
        auto* box = spinBox(this, p.min, p.max, (p.max - p.min) / 100.0 > 0.01 ? 0.05 : 0.01, 3);
        box->setObjectName(name);
        box->setValue(values.contains(name) ? values.value(name).toDouble() : p.defaultValue);
        box->setToolTip(text(p.description));
        layout()->addWidget(label);
        layout()->addWidget(box);
    }
}

QVariantMap ParameterEditor::values() const
{
    QVariantMap map;
    const KindInfo* info = findStrategy(property("strategy").toString().toStdString());
    if (!info)
        return map;
    for (const auto& p : info->params) {
        const auto* box = findChild<QDoubleSpinBox*>(text(p.name));
        // Only parameters that differ from the default are stored, so files stay minimal and defaults can evolve.
        if (box && box->value() != p.defaultValue)
            map.insert(text(p.name), box->value());
    }
    return map;
}

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
        for (const auto& info : strategyCatalog().infos()) {
            combo->addItem(text(info.name), text(info.name));
            combo->setItemData(combo->count() - 1, text(info.description), Qt::ToolTipRole);
        }
        return combo;
    }
    case AgentTableModel::ParametersColumn:
        return new ParameterEditor(parent);
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
    default:
        return QStyledItemDelegate::createEditor(parent, option, index);
    }
}

void AgentDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    const QVariant value = index.data(AgentTableModel::EditValueRole);
    if (auto* params = qobject_cast<ParameterEditor*>(editor)) {
        const QVariantMap map = value.toMap();
        params->setValues(map.value(QStringLiteral("__type")).toString(), map);
    } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
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
    if (auto* params = qobject_cast<ParameterEditor*>(editor))
        model->setData(index, params->values());
    else if (auto* combo = qobject_cast<QComboBox*>(editor))
        model->setData(index, combo->currentData());
    else if (auto* box = qobject_cast<QDoubleSpinBox*>(editor))
        model->setData(index, box->value() < 0.0 ? -1.0 : box->value());
    else if (auto* edit = qobject_cast<QLineEdit*>(editor))
        model->setData(index, edit->text());
    else
        QStyledItemDelegate::setModelData(editor, model, index);
}

void AgentDelegate::updateEditorGeometry(
    QWidget* editor, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    if (qobject_cast<ParameterEditor*>(editor)) {
        // The parameter row needs more room than one cell: let it grow to its size hint.
        QRect r = option.rect;
        r.setWidth(std::max(r.width(), editor->sizeHint().width()));
        editor->setGeometry(r);
        return;
    }
    QStyledItemDelegate::updateEditorGeometry(editor, option, index);
}

} // namespace haggle::ui
