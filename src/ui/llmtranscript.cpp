// The LLM negotiators' conversations as the desktop lab shows them (see llmtranscript.h).
#include "llmtranscript.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace haggle::ui {

namespace {

QString unitPriceText(double unitPrice)
{
    return QString::number(unitPrice, 'f', 3);
}

QString htmlText(const std::string& text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

// A message as the server saw it: whitespace kept, long lines wrapped.
QString messageBlock(const std::string& text)
{
    return QStringLiteral("<pre style=\"white-space: pre-wrap; margin: 2px 0 6px 12px\">%1</pre>").arg(htmlText(text));
}

QString attemptHeading(const lab::LlmDialogue::Attempt& a)
{
    const lab::ChatOutcome& o = a.outcome;
    QString source = a.fromRecording ? QStringLiteral("from the recording") : QStringLiteral("called");
    if (o.status == lab::ChatOutcome::Status::Skipped)
        source = QStringLiteral("not called");
    return QStringLiteral("<b>Attempt %1</b> (%2, %3 s, %4 + %5 tokens)")
        .arg(a.attempt + 1)
        .arg(source)
        .arg(o.latencyMs / 1000.0, 0, 'f', 2)
        .arg(o.promptTokens)
        .arg(o.completionTokens);
}

} // namespace

QString llmQuestionText(LlmQuestion question, bool brief)
{
    switch (question) {
    case LlmQuestion::Open:
        return brief ? QStringLiteral("opening offer") : QStringLiteral("an opening offer");
    case LlmQuestion::Respond:
        return brief ? QStringLiteral("answer") : QStringLiteral("an answer to the partner's proposal");
    case LlmQuestion::Shout:
        return brief ? QStringLiteral("limit price") : QStringLiteral("a limit price");
    }
    return {};
}

QString llmDecisionText(const LlmExchange& e)
{
    if (!e.answer)
        return QStringLiteral("fallback (%1)").arg(QString::fromStdString(e.fallbackReason).replace(u'_', u' '));
    switch (e.answer->kind) {
    case LlmAnswer::Kind::Accept:
        return QStringLiteral("accept");
    case LlmAnswer::Kind::Reject:
        return QStringLiteral("reject");
    case LlmAnswer::Kind::Pass:
        return QStringLiteral("stay out");
    case LlmAnswer::Kind::Counter:
        break;
    }
    switch (e.question) {
    case LlmQuestion::Open:
        return QStringLiteral("offer at %1").arg(unitPriceText(e.answer->unitPrice));
    case LlmQuestion::Shout:
        return QStringLiteral("limit price %1").arg(unitPriceText(e.answer->unitPrice));
    case LlmQuestion::Respond:
        break;
    }
    return QStringLiteral("counter at %1").arg(unitPriceText(e.answer->unitPrice));
}

QString llmCostText(const LlmExchange& e)
{
    int calls = 0;
    int recorded = 0;
    double ms = 0.0;
    int promptTokens = 0;
    int completionTokens = 0;
    for (const auto& a : e.attempts) {
        if (a.outcome.status == lab::ChatOutcome::Status::Skipped)
            continue;
        (a.fromRecording ? recorded : calls) += 1;
        ms += a.outcome.latencyMs;
        promptTokens += a.outcome.promptTokens;
        completionTokens += a.outcome.completionTokens;
    }
    QString text;
    if (calls > 0)
        text = QStringLiteral("%1 call%2").arg(calls).arg(calls == 1 ? QString() : QStringLiteral("s"));
    if (recorded > 0)
        text += (text.isEmpty() ? QString() : QStringLiteral(" + ")) + QStringLiteral("%1 recorded").arg(recorded);
    if (text.isEmpty())
        return QStringLiteral("not called");
    return text
        + QStringLiteral(", %1 s, %2 + %3 tokens").arg(ms / 1000.0, 0, 'f', 2).arg(promptTokens).arg(completionTokens);
}

QString llmExchangeLine(const LlmExchange& e)
{
    const QString asked = e.partner.empty()
        ? QStringLiteral("<b>%1</b> was asked for %2").arg(htmlText(e.agent), llmQuestionText(e.question))
        : QStringLiteral("<b>%1</b> was asked for %2 (with %3, turn %4)")
              .arg(htmlText(e.agent), llmQuestionText(e.question), htmlText(e.partner), QString::number(e.turn));
    return QStringLiteral("%1: <b>%2</b> (%3)").arg(asked, llmDecisionText(e), llmCostText(e));
}

QString llmExchangeHtml(const LlmExchange& e)
{
    QString html = QStringLiteral("<p>Round %1: %2</p>").arg(e.round).arg(llmExchangeLine(e));
    for (const auto& a : e.attempts) {
        html += QStringLiteral("<p>") + attemptHeading(a) + QStringLiteral("</p>");
        // The system message is the same for every decision of the run, the user message is what changes.
        html += QStringLiteral("<i>System:</i>") + messageBlock(a.prompt.system);
        html += QStringLiteral("<i>User:</i>") + messageBlock(a.prompt.user);
        if (a.outcome.status == lab::ChatOutcome::Status::Ok)
            html += QStringLiteral("<i>Reply:</i>") + messageBlock(a.outcome.text);
        else
            html += QStringLiteral("<i>No reply (%1):</i>")
                        .arg(QString::fromUtf8(lab::statusName(a.outcome.status).data()).replace(u'_', u' '))
                + messageBlock(a.outcome.error);
    }
    return html;
}

std::vector<LlmExchange> negotiationExchanges(
    const lab::LlmDialogue& dialogue, int round, std::string_view buyer, std::string_view seller)
{
    // By side too: the two may also trade the other way in the same round (roles are labels; any agent may buy).
    return dialogue.exchanges(round, [&](const LlmExchange& e) {
        return e.side == Side::Buyer ? e.agent == buyer && e.partner == seller
                                     : e.agent == seller && e.partner == buyer;
    });
}

std::vector<LlmExchange> agentExchanges(const lab::LlmDialogue& dialogue, int round, std::string_view agent)
{
    return dialogue.exchanges(round, [&](const LlmExchange& e) { return e.agent == agent; });
}

QWidget* showLlmConversation(QWidget* parent, const QString& title, const std::vector<LlmExchange>& exchanges)
{
    auto* dialog = new QDialog(parent);
    dialog->setObjectName(QStringLiteral("llmConversation"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    auto* layout = new QVBoxLayout(dialog);
    auto* text = new QTextBrowser;
    text->setObjectName(QStringLiteral("llmConversationText"));
    QString html;
    for (const LlmExchange& e : exchanges)
        html += llmExchangeHtml(e) + QStringLiteral("<hr>");
    if (exchanges.empty())
        html = QStringLiteral("<p>No decision was asked of the model.</p>");
    text->setHtml(html);
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto* copy = buttons->addButton(QStringLiteral("&Copy"), QDialogButtonBox::ActionRole);
    copy->setToolTip(QStringLiteral("Copy the whole conversation as plain text"));
    QObject::connect(
        copy, &QPushButton::clicked, text, [text] { QApplication::clipboard()->setText(text->toPlainText()); });
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->resize(760, 560);
    dialog->show();
    return dialog;
}

} // namespace haggle::ui
