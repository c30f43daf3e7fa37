// An editor for one catalog kind a scenario chooses (a mechanism, a settlement rule, a reputation model): a chooser
// of the catalog's kinds and, below it, a spin box per parameter of the chosen kind with its range, unit and help,
// all built from the catalog's KindInfo. A new kind or parameter appears here without a line of GUI code.
#pragma once

#include "catalog.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QFormLayout;
class QDoubleSpinBox;

namespace haggle::ui {

class KindEditor : public QWidget {
    Q_OBJECT

public:
    // `kinds`: the catalog's entries, in the order the chooser lists them.
    explicit KindEditor(std::vector<KindInfo> kinds, QWidget* parent = nullptr);

    // Offer other kinds (another rules set's catalog); the shown spec stays, redrawn with them. No specEdited().
    void setKinds(std::vector<KindInfo> kinds);
    // Shows the spec without emitting specEdited().
    void setSpec(const KindSpec& spec);
    KindSpec spec() const { return m_spec; }
    QComboBox* chooser() const noexcept { return m_chooser; }
    // The spin box of a parameter of the shown kind, or null.
    QDoubleSpinBox* parameterBox(std::string_view name) const;

signals:
    // The user chose another kind (its parameters at their defaults) or changed a parameter.
    void specEdited(const haggle::KindSpec& spec);

private:
    void fillChooser();
    void rebuildParameters();
    const KindInfo* shownKind() const;

    std::vector<KindInfo> m_kinds;
    KindSpec m_spec;
    QComboBox* m_chooser;
    QFormLayout* m_form;
    std::vector<std::pair<std::string, QDoubleSpinBox*>> m_boxes;
};

} // namespace haggle::ui
