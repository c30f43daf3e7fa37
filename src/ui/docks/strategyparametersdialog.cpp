// The strategy parameters dialog (see strategyparametersdialog.h).
#include "strategyparametersdialog.h"

#include "catalog.h"
#include "qtext.h"
#include "rulessets.h"
#include "strategyregistry.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include <cmath>

namespace haggle::ui {

namespace {

QString limitText(double value)
{
    return QString::number(value, 'g', 6);
}

double valueOf(const QAbstractSpinBox* box)
{
    if (const auto* whole = qobject_cast<const QSpinBox*>(box))
        return whole->value();
    return static_cast<const QDoubleSpinBox*>(box)->value();
}

void setValueOf(QAbstractSpinBox* box, double value)
{
    if (auto* whole = qobject_cast<QSpinBox*>(box))
        whole->setValue(static_cast<int>(std::lround(value)));
    else
        static_cast<QDoubleSpinBox*>(box)->setValue(value);
}

} // namespace

StrategyParametersDialog::StrategyParametersDialog(
    const QString& agent, const QString& strategy, const QVariantMap& values, QWidget* parent, const QString& rules)
    : QDialog(parent)
    , m_info(findStrategyKind(rules.isEmpty() ? std::string(HaggleRules) : rules.toStdString(), strategy.toStdString()))
    , m_form(new QFormLayout)
{
    setWindowTitle(QStringLiteral("Parameters of %1 (%2)").arg(agent, strategy));
    build(strategy, values);
}

StrategyParametersDialog::StrategyParametersDialog(
    const KindInfo* kind, const QString& kindName, const QString& title, const QVariantMap& values, QWidget* parent)
    : QDialog(parent)
    , m_info(kind)
    , m_form(new QFormLayout)
{
    setWindowTitle(title);
    build(kindName, values);
}

void StrategyParametersDialog::build(const QString& strategy, const QVariantMap& values)
{
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel;
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(m_form);
    if (!m_info || m_info->params.empty()) {
        intro->setText(m_info ? QStringLiteral("%1 has no parameters.").arg(strategy)
                              : QStringLiteral("No kind called '%1' is known.").arg(strategy));
    } else {
        intro->setText(m_info ? toQString(m_info->description) : QString());
        for (const ParameterInfo& p : m_info->params) {
            const QString name = toQString(p.name);
            QAbstractSpinBox* box = nullptr;
            if (p.type == ParameterType::Integer) {
                auto* whole = new QSpinBox;
                whole->setRange(static_cast<int>(std::ceil(p.min)), static_cast<int>(std::floor(p.max)));
                box = whole;
            } else {
                auto* real = new QDoubleSpinBox;
                real->setDecimals(p.max - p.min > 100.0 ? 2 : 3);
                real->setRange(p.min, p.max);
                real->setSingleStep((p.max - p.min) / 100.0 > 0.01 ? 0.05 : 0.01);
                box = real;
            }
            box->setObjectName(name);
            box->setAccelerated(true);
            box->setCorrectionMode(QAbstractSpinBox::CorrectToNearestValue);
            setValueOf(box, values.contains(name) ? values.value(name).toDouble() : p.defaultValue);
            const QString unit = toQString(p.unit);
            box->setToolTip(
                QStringLiteral("<p>%1</p><p>From %2 to %3%4; default %5.</p>")
                    .arg(toQString(p.description).toHtmlEscaped(), limitText(p.min), limitText(p.max),
                        unit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(unit), limitText(p.defaultValue)));
            box->setWhatsThis(box->toolTip());
            auto* label = new QLabel(unit.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, unit));
            label->setBuddy(box);
            label->setToolTip(box->toolTip());
            m_form->addRow(label, box);
        }
    }
    auto* buttons
        = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults);
    buttons->button(QDialogButtonBox::RestoreDefaults)->setToolTip(QStringLiteral("Every parameter to its default"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
        &StrategyParametersDialog::restoreDefaults);
}

QAbstractSpinBox* StrategyParametersDialog::editor(const QString& name) const
{
    return findChild<QAbstractSpinBox*>(name);
}

QVariantMap StrategyParametersDialog::values() const
{
    QVariantMap map;
    if (!m_info)
        return map;
    for (const ParameterInfo& p : m_info->params) {
        const QAbstractSpinBox* box = editor(toQString(p.name));
        // Only parameters that differ from the default are stored, so files stay minimal and defaults can evolve.
        if (box && valueOf(box) != p.defaultValue)
            map.insert(toQString(p.name), valueOf(box));
    }
    return map;
}

void StrategyParametersDialog::restoreDefaults()
{
    if (!m_info)
        return;
    for (const ParameterInfo& p : m_info->params) {
        if (QAbstractSpinBox* box = editor(toQString(p.name)))
            setValueOf(box, p.defaultValue);
    }
}

} // namespace haggle::ui
