// Scenario events: what happens to a market during a run, as kinds of one catalog (eventCatalog(), kinds.h).
//
// A ScenarioEvent (scenario.h) names a kind, a round (and, for kinds that last, a last round), whom it concerns (an
// agent, the agents of a role, or everyone, as the kind takes) and the kind's parameters. At the start of every round,
// before demand, the simulation hands each event the round; the event acts if the round is one of its own:
//
//   price-shock       reference prices x factors, over its rounds       (the market's valuation and job pay follow)
//   demand-surge      extra needs drawn for its agents, over its rounds (on top of the demand rules)
//   outage            part of its agents' capacity offline, over its rounds
//   join              the agent is absent before the round
//   leave             the agent is absent from the round (to the last round, or to the end)
//   strategy          the agent plays another strategy from the round on (a cheater injected, a cheater reformed)
//   reputation-reset  every view of the agent (or of everyone) is a stranger's again, at the round
//
// An absent agent neither buys nor sells: it has no need and no peer finds it as a seller. What an event does each
// round follows from the round alone (a kind that lasts re-applies itself every round of its range), so a run restored
// from a checkpoint, or forked past an event, plays the event exactly as a straight run does.
#pragma once

#include "catalog.h"
#include "message.h"
#include "resources.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace haggle {

class MarketState;
struct ScenarioEvent;

// Whom an event kind concerns, as KindInfo::protocols lists it (the catalog's one list of what a kind needs).
inline constexpr std::string_view EventNeedsAgent = "agent"; // exactly one agent (`agent`)
inline constexpr std::string_view EventTakesGroup = "group"; // one agent, the agents of a role, or everyone
inline constexpr std::string_view EventLasts = "range"; // may last over rounds [round, last_round]
inline constexpr std::string_view EventNeedsStrategy = "strategy"; // names a strategy (`strategy`)

// Needs an event adds to a round's demand (a surge): each agent listed needs `need` with `probability`.
struct ExtraNeed {
    std::span<const AgentIndex> agents;
    double probability = 1.0;
    ResourceBundle need;
};

// What an event is handed at the start of a round.
struct EventRound {
    MarketState& state;
    int round = 1;
    const ScenarioEvent& event;
    std::span<const AgentIndex> agents; // whom it concerns, in index order (everyone for a group kind given no one)
    ReferencePrices& prices; // the round's reference prices, starting from the scenario's
    std::vector<ExtraNeed>& extraNeeds; // the round's extra needs
    bool viewsReset = false; // set when the event changed views other than one subject's (every summary is refreshed)

    bool inRange(int first, std::optional<int> last) const noexcept
    {
        return round >= first && round <= last.value_or(first);
    }
};

// An event kind's rule. Stateless: one effect serves every round of a run and its copies.
class EventEffect {
public:
    virtual ~EventEffect() = default;
    // The start of a round: act if it is one of the event's rounds.
    virtual void startRound(EventRound& r) const = 0;
    // Whether the event makes its agents absent at this round (join, leave): the simulation asks every event before it
    // starts any, so that two events on one agent (a join, then a leave) combine.
    virtual bool absentAt(const ScenarioEvent& /*event*/, int /*round*/) const { return false; }
    virtual bool changesPresence() const { return false; }
    // Whether it changes the round's reference prices at some round (the simulation then recomputes them each round).
    virtual bool changesPrices() const { return false; }
};

// The built-in kinds' catalog entries (registered by eventCatalog() in kinds.cpp).
KindInfo priceShockKind();
KindInfo demandSurgeKind();
KindInfo outageKind();
KindInfo joinKind();
KindInfo leaveKind();
KindInfo strategyEventKind();
KindInfo reputationResetKind();
std::unique_ptr<EventEffect> makePriceShock(const Parameters& p);
std::unique_ptr<EventEffect> makeDemandSurge(const Parameters& p);
std::unique_ptr<EventEffect> makeOutage(const Parameters& p);
std::unique_ptr<EventEffect> makeJoin(const Parameters& p);
std::unique_ptr<EventEffect> makeLeave(const Parameters& p);
std::unique_ptr<EventEffect> makeStrategyEvent(const Parameters& p);
std::unique_ptr<EventEffect> makeReputationReset(const Parameters& p);

} // namespace haggle
