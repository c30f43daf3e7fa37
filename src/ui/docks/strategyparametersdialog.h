// A strategy's parameters in a proper form: one row per parameter of the strategy catalog, labelled with its name and
// unit, a spin box limited to its range (whole numbers for integer parameters), its description and range as the
// tooltip, and Restore Defaults. What the Agents table opens on its Parameters column (double-click, F2 or Enter).
#pragma once

#include <QDialog>
#include <QVariantMap>

class QAbstractSpinBox;
class QFormLayout;

namespace haggle {
struct KindInfo;
}

namespace haggle::ui {

class StrategyParametersDialog : public QDialog {
    Q_OBJECT

public:
    // `values`: the parameters set explicitly (the others show their defaults). `rules`: the scenario's rules set,
    // whose strategy catalog describes the strategy (empty: Haggle's).
    StrategyParametersDialog(const QString& agent, const QString& strategy, const QVariantMap& values,
        QWidget* parent = nullptr, const QString& rules = QString());
    // Any catalog kind's parameters (a scenario event's): `title` heads the dialog, `kindName` names it in messages.
    StrategyParametersDialog(const KindInfo* kind, const QString& kindName, const QString& title,
        const QVariantMap& values, QWidget* parent = nullptr);

    // Only the parameters that differ from their defaults, as a scenario stores them.
    QVariantMap values() const;
    // The editor of one parameter, by its name (null for an unknown name): for tests and accessibility.
    QAbstractSpinBox* editor(const QString& name) const;
    void restoreDefaults();

private:
    void build(const QString& kindName, const QVariantMap& values);

    const KindInfo* m_info;
    QFormLayout* m_form;
};

} // namespace haggle::ui
