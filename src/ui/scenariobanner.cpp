// The scenario banner (see scenariobanner.h).
#include "scenariobanner.h"

#include "rulessets.h"
#include "scenario.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QVBoxLayout>

namespace haggle::ui {

ScenarioBanner::ScenarioBanner(QWidget* parent)
    : QFrame(parent)
    , m_label(new QLabel)
    , m_phases(new QLabel)
    , m_close(new QToolButton)
{
    setObjectName(QStringLiteral("scenarioBanner"));
    setStyleSheet(QStringLiteral("#scenarioBanner { background: #e8f1fb; border: 1px solid #9cbde0; }"
                                 "#scenarioBanner QLabel { color: #10263f; }"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setText(QStringLiteral("\u2715"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(QStringLiteral("Hide this banner (it comes back when a scenario is opened)"));
    m_close->setAccessibleName(QStringLiteral("Hide the scenario banner"));
    // One line whatever its length: a banner that grew and shrank with each round would move the charts under it.
    m_phases->setWordWrap(false);
    m_phases->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_phases->setTextFormat(Qt::PlainText);
    m_phases->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_phases->hide();
    auto* text = new QVBoxLayout;
    text->setContentsMargins(0, 0, 0, 0);
    text->setSpacing(0);
    text->addWidget(m_label);
    text->addWidget(m_phases);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 2, 2);
    layout->addLayout(text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    setWhatsThis(QStringLiteral("What the open scenario is about and what to watch while it runs. Examples are in "
                                "File > Examples."));
}

void ScenarioBanner::present(const Scenario& scenario)
{
    const auto html = [](const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); };
    QString text;
    if (scenario.description.empty() && scenario.presentation.watch.empty()) {
        text = QStringLiteral("<b>Getting started:</b> open an example from <b>File &gt; Examples</b> (Rush hour, "
                              "Cheater isolation, ...) and press <b>F5</b> to run it; <b>F10</b> plays one round. "
                              "Or build your own market in the Scenario and Agents docks.");
    } else {
        // What to watch is the point of a demo: it comes first, and the description (in the Scenario dock as well)
        // only when there is nothing to watch. Both are in the tooltip.
        const std::string& say
            = scenario.presentation.watch.empty() ? scenario.description : scenario.presentation.watch;
        text = QStringLiteral("<b>%1</b>").arg(html(scenario.name.empty() ? std::string("Scenario") : scenario.name));
        text += scenario.presentation.watch.empty() ? QStringLiteral(": ") : QStringLiteral(" \u2014 <b>Watch:</b> ");
        text += html(say) + QStringLiteral(" <b>F5</b> runs, <b>F10</b> steps.");
    }
    QString tip = QStringLiteral("<p>%1</p>").arg(html(scenario.description));
    if (!scenario.presentation.watch.empty())
        tip += QStringLiteral("<p><b>Watch:</b> %1</p>").arg(html(scenario.presentation.watch));
    // A scenario under other rules than Haggle's says so (after its name, which comes first).
    if (scenario.rules != HaggleRules) {
        text += QStringLiteral(" <i>Runs under the %1.</i>").arg(rulesTitle(scenario.rules).toLower().toHtmlEscaped());
        tip = QStringLiteral("<p><b>%1:</b> %2.</p>")
                  .arg(rulesTitle(scenario.rules).toHtmlEscaped(), rulesDescription(scenario.rules).toHtmlEscaped())
            + tip;
    }
    setToolTip(scenario.description.empty() && scenario.rules == HaggleRules ? QString() : tip);
    m_label->setText(text);
    show();
}

void ScenarioBanner::setPhaseSummary(const QString& line)
{
    const QString shown = line.isEmpty() ? QString() : QStringLiteral("Success by phase so far: ") + line;
    if (m_phases->text() != shown) {
        m_phases->setText(shown);
        m_phases->setToolTip(shown);
    }
    m_phases->setVisible(!shown.isEmpty());
}

QString ScenarioBanner::phaseSummary() const
{
    return m_phases->isHidden() ? QString() : m_phases->text();
}

QString ScenarioBanner::text() const
{
    return QTextDocumentFragment::fromHtml(m_label->text()).toPlainText();
}

} // namespace haggle::ui
