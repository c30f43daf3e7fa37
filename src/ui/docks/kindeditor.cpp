// The catalog kind editor (see kindeditor.h).
#include "kindeditor.h"
#include "qtext.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSignalBlocker>

#include <cmath>

namespace haggle::ui {

namespace {

} // namespace

KindEditor::KindEditor(std::vector<KindInfo> kinds, QWidget* parent)
    : QWidget(parent)
    , m_kinds(std::move(kinds))
    , m_chooser(new QComboBox)
    , m_form(new QFormLayout(this))
{
    m_form->setContentsMargins(0, 0, 0, 0);
    fillChooser();
    m_form->addRow(m_chooser); // the row the dock labels (Mechanism, Settlement, Model)
    connect(m_chooser, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index < 0 || std::size_t(index) >= m_kinds.size())
            return;
        m_spec = { std::string(m_kinds[std::size_t(index)].name), {} };
        rebuildParameters();
        emit specEdited(m_spec);
    });
}

void KindEditor::fillChooser()
{
    const QSignalBlocker blocker(m_chooser);
    m_chooser->clear();
    for (const auto& kind : m_kinds) {
        m_chooser->addItem(toQString(kind.name), toQString(kind.name));
        m_chooser->setItemData(m_chooser->count() - 1, toQString(kind.description), Qt::ToolTipRole);
    }
}

void KindEditor::setKinds(std::vector<KindInfo> kinds)
{
    m_kinds = std::move(kinds);
    fillChooser();
    {
        const QSignalBlocker blocker(m_chooser);
        m_chooser->setCurrentIndex(m_chooser->findData(QString::fromStdString(m_spec.type)));
    }
    rebuildParameters();
}

const KindInfo* KindEditor::shownKind() const
{
    for (const auto& kind : m_kinds) {
        if (kind.name == m_spec.type)
            return &kind;
    }
    return nullptr;
}

void KindEditor::setSpec(const KindSpec& spec)
{
    const bool sameKind = spec.type == m_spec.type && !m_boxes.empty();
    m_spec = spec;
    if (!sameKind) {
        const QSignalBlocker blocker(m_chooser);
        m_chooser->setCurrentIndex(m_chooser->findData(QString::fromStdString(spec.type)));
        rebuildParameters();
        return;
    }
    // The same kind: its boxes stay (one of them may be the very box whose edit led here, still in its signal) and
    // only show the values.
    const KindInfo* kind = shownKind();
    for (const auto& [name, box] : m_boxes) {
        const QSignalBlocker blocker(box);
        const auto given = spec.params.find(name);
        const ParameterInfo* p = kind ? kind->param(name) : nullptr;
        box->setValue(given != spec.params.end() ? given->second : p ? p->defaultValue : box->value());
    }
}

QDoubleSpinBox* KindEditor::parameterBox(std::string_view name) const
{
    for (const auto& [param, box] : m_boxes) {
        if (param == name)
            return box;
    }
    return nullptr;
}

void KindEditor::rebuildParameters()
{
    // Taken out and deleted later, not at once: a rebuild may be reached from a box's own signal.
    while (m_form->rowCount() > 1) {
        const QFormLayout::TakeRowResult row = m_form->takeRow(1);
        for (QLayoutItem* item : { row.labelItem, row.fieldItem }) {
            if (item && item->widget()) {
                item->widget()->hide();
                item->widget()->deleteLater();
            }
            delete item;
        }
    }
    m_boxes.clear();
    const KindInfo* kind = shownKind();
    if (!kind)
        return;
    for (const auto& p : kind->params) {
        auto* box = new QDoubleSpinBox;
        const bool whole = p.type != ParameterType::Real;
        box->setDecimals(whole ? 0 : 3);
        box->setRange(p.min, p.max);
        box->setSingleStep(whole ? 1.0 : std::max((p.max - p.min) / 100.0, 0.001));
        box->setKeyboardTracking(false);
        box->setToolTip(p.unit.empty() ? toQString(p.description)
                                       : toQString(p.description) + QStringLiteral(" (") + toQString(p.unit) + u')');
        const auto given = m_spec.params.find(std::string(p.name));
        box->setValue(given != m_spec.params.end() ? given->second : p.defaultValue);
        const std::string name(p.name);
        connect(box, &QDoubleSpinBox::valueChanged, this, [this, name](double v) {
            m_spec.params[name] = v;
            emit specEdited(m_spec);
        });
        auto label = toQString(p.name);
        label.replace(QLatin1Char('_'), QLatin1Char(' '));
        label[0] = label[0].toUpper();
        m_form->addRow(label, box);
        m_boxes.emplace_back(name, box);
    }
}

} // namespace haggle::ui
