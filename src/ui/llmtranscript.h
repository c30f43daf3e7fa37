// How the desktop lab shows what LLM negotiators said to their model and heard back (llmdialogue.h): a decision in a
// line (who was asked what, and what came of it), or in full (each attempt's prompt, and the reply or what went
// wrong), and a window that holds a conversation for reading and copying.
#pragma once

#include "llmdialogue.h"

#include <QString>

#include <string_view>
#include <vector>

class QWidget;

namespace haggle::ui {

using LlmExchange = lab::LlmDialogue::Exchange;

// "an opening offer", "an answer to the partner's proposal", "a limit price"; brief: "opening offer", "answer",
// "limit price".
QString llmQuestionText(LlmQuestion question, bool brief = false);
// What came of a decision: "accept", "counter at 1.100", "offer at 1.250", "reject", "limit price 0.900", "stay out",
// or "fallback (timeout)".
QString llmDecisionText(const LlmExchange& exchange);
// Calls (or recorded answers), seconds and tokens: "1 call, 0.82 s, 310 + 24 tokens".
QString llmCostText(const LlmExchange& exchange);
// A decision in one line of rich text: who was asked what in which turn, and the decision.
QString llmExchangeLine(const LlmExchange& exchange);
// A decision in full (rich text): every attempt's system and user message, and its reply or error.
QString llmExchangeHtml(const LlmExchange& exchange);

// The decisions of one negotiation: those of `round` asked by either party of the other.
std::vector<LlmExchange> negotiationExchanges(
    const lab::LlmDialogue& dialogue, int round, std::string_view buyer, std::string_view seller);
// The decisions `agent` asked in `round`.
std::vector<LlmExchange> agentExchanges(const lab::LlmDialogue& dialogue, int round, std::string_view agent);

// A window with the conversation (llmExchangeHtml of each decision), its text selectable, a Copy button; it closes
// with Escape and deletes itself when closed.
QWidget* showLlmConversation(QWidget* parent, const QString& title, const std::vector<LlmExchange>& exchanges);

} // namespace haggle::ui
