// Editors for the agents table: a strategy chooser, a row of spin boxes for the strategy's parameters (ranges from
// the strategy registry), spin boxes with valid ranges for amounts, urgency and the trust threshold.
#pragma once

#include <QStyledItemDelegate>

namespace haggle::ui {

class AgentDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
    void updateEditorGeometry(
        QWidget* editor, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

// The parameters editor: one labelled spin box per parameter of a strategy.
class ParameterEditor : public QWidget {
    Q_OBJECT

public:
    explicit ParameterEditor(QWidget* parent = nullptr);
    void setValues(const QString& strategy, const QVariantMap& values);
    QVariantMap values() const;
};

} // namespace haggle::ui
