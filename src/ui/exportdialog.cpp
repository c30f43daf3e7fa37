// Export options dialog (see exportdialog.h).
#include "exportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace haggle::ui {

ExportDialog::ExportDialog(const QString& title, bool withFormat, QWidget* parent)
    : QDialog(parent)
    , m_width(new QSpinBox)
    , m_height(new QSpinBox)
    , m_scale(new QComboBox)
{
    setWindowTitle(title);
    auto* form = new QFormLayout(this);
    if (withFormat) {
        m_format = new QComboBox;
        m_format->addItem(QStringLiteral("PNG image"));
        m_format->addItem(QStringLiteral("SVG drawing"));
        form->addRow(QStringLiteral("&Format"), m_format);
    }
    m_width->setRange(200, 10000);
    m_height->setRange(150, 10000);
    m_width->setSuffix(QStringLiteral(" px"));
    m_height->setSuffix(QStringLiteral(" px"));
    auto* size = new QHBoxLayout;
    size->addWidget(m_width);
    size->addWidget(new QLabel(QStringLiteral("x")));
    size->addWidget(m_height);
    form->addRow(QStringLiteral("&Size"), size);
    for (int s : { 1, 2, 3, 4 })
        m_scale->addItem(QStringLiteral("%1x").arg(s), s);
    m_scale->setToolTip(QStringLiteral("Pixels per point: 2x is crisp on high-DPI screens and in print"));
    form->addRow(QStringLiteral("S&cale (PNG)"), m_scale);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (m_format)
        connect(
            m_format, &QComboBox::currentIndexChanged, this, [this](int index) { m_scale->setEnabled(index == 0); });
    setLogicalSize({ 1600, 1000 });
    setScale(2);
}

QSize ExportDialog::logicalSize() const
{
    return { m_width->value(), m_height->value() };
}

qreal ExportDialog::scale() const
{
    return m_scale->currentData().toReal();
}

ExportDialog::Format ExportDialog::format() const
{
    return m_format && m_format->currentIndex() == 1 ? Format::Svg : Format::Png;
}

void ExportDialog::setLogicalSize(QSize size)
{
    m_width->setValue(size.width());
    m_height->setValue(size.height());
}

void ExportDialog::setScale(qreal scale)
{
    const int index = m_scale->findData(qRound(scale));
    m_scale->setCurrentIndex(index >= 0 ? index : 1);
}

} // namespace haggle::ui
