// The message log's negotiation detail (see negotiationdetail.h).
#include "negotiationdetail.h"

#include "bargaining.h"
#include "llmtranscript.h"
#include "messagelogmodel.h"

#include <optional>

namespace haggle::ui {

namespace {

// How far from the selected row the negotiation's other messages are looked for (a broker's purchase interleaves
// with the sale it serves; nothing else does).
constexpr int SearchRows = 400;

QString number(double v, int decimals = 3)
{
    return QString::number(v, 'f', decimals);
}

// What the negotiation's LLM negotiators asked their model, a line a decision, and the link to read it in full.
QString conversationText(const std::vector<LlmExchange>& exchanges)
{
    if (exchanges.empty())
        return {};
    QString text = QStringLiteral("<br><b>Asked of the model</b> (%1 decision%2):")
                       .arg(exchanges.size())
                       .arg(exchanges.size() == 1 ? QString() : QStringLiteral("s"));
    for (const auto& e : exchanges)
        text += QStringLiteral("<br>&nbsp;&nbsp;") + llmExchangeLine(e);
    return text
        + QStringLiteral("<br><a href=\"%1\">Read the prompts and replies...</a>")
              .arg(QString::fromLatin1(ConversationLink));
}

// The messages of the negotiation the message at `row` belongs to.
struct NegotiationMessages {
    std::uint64_t id = 0;
    int round = 0;
    const Message* request = nullptr;
    const Message* answer = nullptr; // the ACCEPT or REJECT that ended it
    int proposals = 0;
};

std::optional<NegotiationMessages> findNegotiation(const MessageLogModel& model, int row)
{
    if (row < 0 || row >= model.rowCount())
        return std::nullopt;
    const LoggedMessage& picked = model.messageAt(row);
    const std::uint64_t id = picked.message.negotiation;
    if (id == 0)
        return std::nullopt;
    NegotiationMessages found;
    found.id = id;
    found.round = picked.round;
    for (int r = std::max(0, row - SearchRows); r < std::min(model.rowCount(), row + SearchRows); ++r) {
        const LoggedMessage& m = model.messageAt(r);
        if (m.message.negotiation != id || m.round != picked.round)
            continue;
        switch (m.message.type) {
        case MessageType::Request:
            found.request = &m.message;
            break;
        case MessageType::Offer:
        case MessageType::Counter:
            ++found.proposals;
            break;
        case MessageType::Accept:
        case MessageType::Reject:
            found.answer = &m.message;
            break;
        default:
            break;
        }
    }
    if (!found.request)
        return std::nullopt;
    return found;
}

std::vector<LlmExchange> exchangesOf(
    const MessageLogModel& model, const NegotiationMessages& found, const lab::LlmDialogue& dialogue)
{
    return negotiationExchanges(dialogue, found.round, model.agentName(found.request->from).toStdString(),
        model.agentName(found.request->to).toStdString());
}

} // namespace

std::vector<LlmExchange> negotiationConversation(
    const MessageLogModel& model, int row, const lab::LlmDialogue& dialogue)
{
    const auto found = findNegotiation(model, row);
    return found ? exchangesOf(model, *found, dialogue) : std::vector<LlmExchange> {};
}

QString negotiationDetailText(
    const MessageLogModel& model, int row, const Scenario& scenario, const lab::LlmDialogue* dialogue)
{
    const auto found = findNegotiation(model, row);
    if (!found)
        return {};
    const Message* request = found->request;
    const Message* answer = found->answer;
    const int proposals = found->proposals;
    const double reference = request->resources.value(scenario.market.referencePrices);
    if (reference <= 0.0)
        return {};
    const QString buyer = model.agentName(request->from);
    const QString seller = model.agentName(request->to);
    const bool agreed = answer && answer->type == MessageType::Accept;
    // An ACCEPT carries the price it accepts.
    const std::optional<double> unitPrice = agreed ? std::optional(answer->price / reference) : std::nullopt;
    const double value = bargaining::buyerValue(scenario.market.jobValue, request->urgency);
    const bargaining::Problem problem = scenario.analysis.problem(value);
    QString outcome = agreed ? QStringLiteral("agreed at %1 per unit").arg(number(*unitPrice))
        : answer             ? QStringLiteral("rejected (%1)").arg(QString::fromUtf8(messageReasonName(answer->reason)))
        : proposals > 0      ? QStringLiteral("no agreement (turn limit, or still open)")
                             : QStringLiteral("open");
    QString text = QStringLiteral("<b>Negotiation %1</b> (round %2): %3 buys from %4, %5 proposal%6, %7.<br>")
                       .arg(found->id)
                       .arg(found->round)
                       .arg(buyer.toHtmlEscaped(), seller.toHtmlEscaped())
                       .arg(proposals)
                       .arg(proposals == 1 ? QString() : QStringLiteral("s"))
                       .arg(outcome);
    const QString conversation = dialogue ? conversationText(exchangesOf(model, *found, *dialogue)) : QString();
    if (!problem.hasSurplus())
        return text
            + QStringLiteral("The buyer values the compute at %1 per unit, not above the seller's cost %2: "
                             "nothing to share.")
                  .arg(number(value), number(problem.sellerCost))
            + conversation;
    const auto a = bargaining::analyse(problem, unitPrice);
    text += QStringLiteral("Buyer's value %1, seller's cost %2 per unit. Nash solution %3; Rubinstein's SPE price %4 "
                           "(discounts %5 buyer, %6 seller; the seller proposes first).<br>")
                .arg(number(value), number(problem.sellerCost), number(a.nashPrice), number(a.rubinsteinPrice),
                    number(problem.buyerDiscount, 2), number(problem.sellerDiscount, 2));
    if (agreed)
        text += QStringLiteral("Utilities: buyer %1, seller %2. Price %3 the SPE price by %4. ")
                    .arg(number(a.outcome.buyer), number(a.outcome.seller),
                        a.priceOverRubinstein >= 0.0 ? QStringLiteral("above") : QStringLiteral("below"),
                        number(std::abs(a.priceOverRubinstein)));
    else
        text += QStringLiteral("No deal: both at the disagreement point (utility 0). ");
    text += QStringLiteral("Distance to the Nash solution %1, to the Pareto frontier %2.")
                .arg(number(a.nashDistance), number(a.paretoDistance));
    return text + conversation;
}

} // namespace haggle::ui
