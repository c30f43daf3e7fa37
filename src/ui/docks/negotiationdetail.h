// The message log's negotiation detail: the negotiation a selected message belongs to, its outcome and its place in
// bargaining theory (bargaining.h): the buyer's value, each party's utility, the Nash solution and Rubinstein's SPE
// price under the scenario's analysis settings, and the outcome's distance to both. With LLM negotiators, what they
// asked their model during the negotiation and what came of it.
#pragma once

#include "llmdialogue.h"
#include "scenario.h"

#include <QString>

#include <vector>

namespace haggle::ui {

class MessageLogModel;

// The detail of the negotiation of the message at `row` of `model` (rich text); empty for a message outside any
// negotiation's REQUEST-to-answer exchange (a gossip, an ALLOCATE) whose REQUEST is not in the log. Unit prices are
// total prices over the bundle's value at the scenario's reference prices. `dialogue`: the run's LLM dialogue, if it
// has one; the decisions either party asked of the model then follow in a line each, and a link (ConversationLink) to
// read them in full.
QString negotiationDetailText(
    const MessageLogModel& model, int row, const Scenario& scenario, const lab::LlmDialogue* dialogue = nullptr);
inline constexpr auto ConversationLink = "haggle:llm-conversation";
// The decisions the negotiation's parties asked of the model (in the order asked); empty as for the detail.
std::vector<lab::LlmDialogue::Exchange> negotiationConversation(
    const MessageLogModel& model, int row, const lab::LlmDialogue& dialogue);

} // namespace haggle::ui
