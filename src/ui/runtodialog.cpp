// The "Run to round" dialog (see runtodialog.h).
#include "runtodialog.h"

#include "scenario.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace haggle::ui {

RunToDialog::RunToDialog(int round, int end, QWidget* parent)
    : QDialog(parent)
    , m_round(round)
    , m_end(end)
    , m_target(new QSpinBox)
    , m_explanation(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(QStringLiteral("Run to round"));
    // Every value can be typed, so that a refused one is explained rather than silently blocked.
    m_target->setRange(0, MaxRounds);
    m_target->setValue(std::max(round + 1, end));
    m_target->setToolTip(QStringLiteral("The round to stop after (the run is at round %1 of %2)").arg(round).arg(end));
    m_explanation->setWordWrap(true);
    m_explanation->setMinimumWidth(320);
    auto* form = new QFormLayout;
    form->addRow(QStringLiteral("&Round:"), m_target);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_explanation);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_target, &QSpinBox::valueChanged, this, &RunToDialog::explain);
    explain();
}

int RunToDialog::target() const
{
    return m_target->value();
}

void RunToDialog::setTarget(int round)
{
    m_target->setValue(round);
}

bool RunToDialog::acceptable() const
{
    return target() > m_round;
}

QString RunToDialog::explanation() const
{
    return m_explanation->text();
}

void RunToDialog::explain()
{
    const int t = target();
    QString text;
    if (t <= m_round)
        text = QStringLiteral("Round %1 has been played: the run is at round %2. Choose a later round, or Reset "
                              "(Ctrl+R) to start over.")
                   .arg(t)
                   .arg(m_round);
    else if (t > m_end)
        text = QStringLiteral("Past the run's end (round %1): the run is extended to round %2, and plays rounds %3 "
                              "to %2.")
                   .arg(m_end)
                   .arg(t)
                   .arg(m_round + 1);
    else
        text = QStringLiteral("Plays rounds %1 to %2 at the chosen speed.").arg(m_round + 1).arg(t);
    m_explanation->setText(text);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(acceptable());
}

} // namespace haggle::ui
