// Editors for the agents table: a strategy chooser, the strategy's parameters in a dialog of their own (see
// StrategyParametersDialog), spin boxes with valid ranges for amounts, urgency and the trust threshold.
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

signals:
    // The Parameters cell of an LLM negotiator was opened: its settings are the scenario's (LlmSettingsDialog).
    void llmSettingsRequested();

protected:
    // A double-click, F2 or Enter on the Parameters column opens the parameters dialog; what it accepts goes to the
    // model as one edit (one undo step, refused with the model's message when out of range).
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
        const QModelIndex& index) override;
};

} // namespace haggle::ui
