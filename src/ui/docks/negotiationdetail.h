// The message log's negotiation detail: the negotiation a selected message belongs to, its outcome and its place in
// bargaining theory (bargaining.h): the buyer's value, each party's utility, the Nash solution and Rubinstein's SPE
// price under the scenario's analysis settings, and the outcome's distance to both.
#pragma once

#include "scenario.h"

#include <QString>

namespace haggle::ui {

class MessageLogModel;

// The detail of the negotiation of the message at `row` of `model` (rich text); empty for a message outside any
// negotiation's REQUEST-to-answer exchange (a gossip, an ALLOCATE) whose REQUEST is not in the log. Unit prices are
// total prices over the bundle's value at the scenario's reference prices.
QString negotiationDetailText(const MessageLogModel& model, int row, const Scenario& scenario);

} // namespace haggle::ui
