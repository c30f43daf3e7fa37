// The status bar's LLM indicator (see llmactivity.h).
#include "llmactivity.h"

#include "llmtranscript.h"
#include "run.h"

#include <QTimer>

namespace haggle::ui {

LlmActivityLabel::LlmActivityLabel(QWidget* parent)
    : QLabel(parent)
    , m_poll(new QTimer(this))
{
    setObjectName(QStringLiteral("llmActivity"));
    setTextFormat(Qt::PlainText); // agent ids are the scenario's, any text
    setContentsMargins(6, 0, 6, 0);
    setToolTip(QStringLiteral("What the LLM negotiators' model is being asked, and how their decisions have gone. "
                              "Pause cancels a call in flight."));
    m_poll->setInterval(PollMs);
    connect(m_poll, &QTimer::timeout, this, &LlmActivityLabel::refresh);
    hide();
}

void LlmActivityLabel::setRun(Run* run)
{
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    m_run = run;
    if (run)
        connect(run, &Run::languageModelChanged, this, &LlmActivityLabel::follow);
    follow();
}

void LlmActivityLabel::follow()
{
    const bool connected = m_run && m_run->languageModel();
    if (connected)
        m_poll->start();
    else
        m_poll->stop();
    setVisible(connected);
    refresh();
}

void LlmActivityLabel::refresh()
{
    const lab::LlmDialogue* dialogue = m_run ? m_run->languageModel().get() : nullptr;
    if (!dialogue) {
        clear();
        return;
    }
    const lab::LlmTally tally = dialogue->tally();
    const lab::LlmDialogue::Activity now = dialogue->activity();
    QString text;
    if (now.asking) {
        text = QStringLiteral("LLM: round %1, %2 asked for %3")
                   .arg(now.round)
                   .arg(QString::fromStdString(now.agent), llmQuestionText(now.question));
        if (!now.partner.empty())
            text += QStringLiteral(" (with %1)").arg(QString::fromStdString(now.partner));
        if (now.attempt > 0)
            text += QStringLiteral(", attempt %1").arg(now.attempt + 1);
        text += QStringLiteral(", %1 s").arg(now.seconds, 0, 'f', 1);
    } else {
        text = QStringLiteral("LLM: idle");
    }
    text += QStringLiteral(" | %1 decisions, %2 by the fallback").arg(tally.decisions).arg(tally.fallbacks);
    if (tally.endpointDown)
        text += QStringLiteral(" | endpoint down");
    if (text != this->text())
        setText(text);
    const QString style = tally.endpointDown ? QStringLiteral("color: #b03030;") : QString();
    if (style != styleSheet())
        setStyleSheet(style);
}

} // namespace haggle::ui
