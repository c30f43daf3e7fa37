// A scenario: everything a simulation needs, as plain values. Files (JSON) are the lab's business; here a scenario
// is built in code and checked by validateScenario(), which names each problem by a JSON-style path.
//
// Demand: each round, every rule of the active phase (or the base rules outside phases) picks agents among those
// it matches (all, a role, or listed ids): exactly `count` of them at random when count is set, otherwise each one
// independently with `probability`. A picked agent needs the rule's bundle this round (several rules add up).
// Needs are per round: a need not met by the round's end is dropped.
#pragma once

#include "bargaining.h"
#include "catalog.h"
#include "languagemodel.h"
#include "profitsplit.h"
#include "reputation.h"
#include "resources.h"
#include "strategyregistry.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haggle {

struct AgentSpec {
    std::string id;
    std::string role = "provider"; // free label used by demand rules: "provider", "seeker", "broker", ...
    StrategySpec strategy;
    ResourceBundle holdings; // capacity it can lease out each round
    double budget = 0.0;
    double urgency = 0.0; // in [0, 1]
    // What leasing out its compute costs it per unit of reference value (electricity, wear): paid when it delivers.
    // A seller's reservation price: a deal below it loses money. 0: leasing idle capacity costs nothing.
    double unitCost = 0.0;

    bool operator==(const AgentSpec&) const = default;
};

struct NeedRule {
    enum class Who : std::uint8_t { All, Role, Agents };
    Who who = Who::All;
    std::string role; // Who::Role
    std::vector<std::string> agents; // Who::Agents: ids
    std::optional<int> count; // pick exactly this many (fewer if fewer match)
    double probability = 1.0; // when count is not set
    ResourceBundle need;

    bool operator==(const NeedRule&) const = default;
};

struct DemandPhase {
    std::string name;
    int firstRound = 1; // inclusive, from 1
    int lastRound = 1; // inclusive
    std::vector<NeedRule> rules;

    bool operator==(const DemandPhase&) const = default;
};

struct Demand {
    std::vector<NeedRule> rules; // rounds outside every phase
    std::vector<DemandPhase> phases; // must not overlap

    // The phase covering the round, or nullptr.
    const DemandPhase* phaseAt(int round) const noexcept;
    bool operator==(const Demand&) const = default;
};

struct MarketSettings {
    ReferencePrices referencePrices;
    // A seller's market rate is 1 + loadPremium x demand pressure, where the pressure is the reference value of the
    // REQUESTs it has received earlier this round divided by its capacity (capped at 2). The first request of a
    // round therefore meets the plain reference rate, and a seller besieged in a rush hour asks more.
    double loadPremium = 0.5;
    // A job run on leased compute pays jobValue x reference value x (1 + urgency) to the agent that ran it.
    double jobValue = 1.0;

    bool operator==(const MarketSettings&) const = default;
};

// Something that happens in a run: a kind of the event catalog (eventCatalog(), scenarioevents.h) at a round, or over
// a range of rounds, to one agent, the agents of a role or the whole market (as the kind takes): a reference-price
// shock, a demand surge, a provider outage, an agent joining or leaving, an agent taking up another strategy (a cheater
// injected), a reputation reset. Events act at the start of their rounds, before demand, in the order listed.
struct ScenarioEvent {
    std::string type = "strategy"; // the event kind
    int round = 1; // its (first) round
    std::optional<int> lastRound; // kinds that last: the last round it lasts, inclusive (unset: see the kind)
    std::string agent; // the agent it concerns, by id (kinds that take one)
    std::string role; // or every agent of this role (kinds that take a group; neither agent nor role: every agent)
    StrategySpec strategy; // "strategy": what the agent plays from this round on (its trust_threshold, if any, too)
    ParameterValues params; // the kind's parameters given; the rest take their defaults

    bool operator==(const ScenarioEvent&) const = default;
};
// An event of a kind, at a round (to a last round), concerning an agent (empty: as the kind takes), with parameters.
inline ScenarioEvent scenarioEvent(std::string type, int round, std::optional<int> lastRound = std::nullopt,
    std::string agent = {}, ParameterValues params = {})
{
    ScenarioEvent e;
    e.type = std::move(type);
    e.round = round;
    e.lastRound = lastRound;
    e.agent = std::move(agent);
    e.params = std::move(params);
    return e;
}
// A "strategy" event: from `round` on, the agent plays `strategy` (a cheater injected).
inline ScenarioEvent strategyEvent(int round, std::string agent, StrategySpec strategy)
{
    ScenarioEvent e;
    e.type = "strategy";
    e.round = round;
    e.agent = std::move(agent);
    e.strategy = std::move(strategy);
    return e;
}

// How the desktop lab presents a scenario when it is opened; no effect on results.
struct Presentation {
    std::optional<int> speed; // rounds per second Run starts at (0: full speed); unset: the user's own choice
    std::string watch; // what to watch for, shown in a banner with the description

    bool operator==(const Presentation&) const = default;
};

// The rules sets a scenario can run under (Scenario::rules): Haggle's own engine (simulation.h), or the Python
// prototype's market re-implemented in prototype/ (prototyperun.h). makeRun() (marketrun.h) runs either.
inline constexpr std::string_view HaggleRules = "haggle";
inline constexpr std::string_view PrototypeRules = "prototype";
bool isKnownRules(std::string_view rules) noexcept;
// "haggle, prototype", for messages.
std::string knownRulesNames();
// Whether a strategy kind cheats under the rules (Haggle: cheater; prototype: cheater and adaptive-cheater): what
// views highlight as a cheater.
bool isCheaterStrategy(std::string_view rules, std::string_view type) noexcept;

// A standing cartel of providers (the coalition mechanism, coalitionmechanism.h): asked to join a coalition, its
// members join together, and they share what the cartel earns by their shares (empty: by the split rule).
struct CartelSpec {
    std::vector<std::string> members; // agent ids, at least two
    std::vector<double> shares; // one per member, each in [0, 1], summing to 1; or empty

    bool operator==(const CartelSpec&) const = default;
};

// How coalitions split their proceeds (profitsplit.h), and the cartels. Only the coalition mechanism forms coalitions.
struct CoalitionSettings {
    SplitRule split = SplitRule::Proportional;
    std::vector<CartelSpec> cartels;

    bool operator==(const CoalitionSettings&) const = default;
};

// A compute future agreed before the run (the futures mechanism, futuresmechanism.h): the buyer pays the price into
// escrow as the run starts, and the seller delivers `quantity` units of the resource in `deliveryRound`.
struct ContractSpec {
    std::string buyer; // agent ids
    std::string seller;
    ResourceKind resource = ResourceKind::Gpu;
    double quantity = 1.0; // > 0
    double unitPrice = 1.0; // per reference value, >= 0: the price is unitPrice x quantity x the reference price
    int deliveryRound = 1; // in [1, rounds]

    bool operator==(const ContractSpec&) const = default;
};

// The futures open as the run starts. Only the futures mechanism trades futures.
struct FuturesSettings {
    std::vector<ContractSpec> contracts;

    bool operator==(const FuturesSettings&) const = default;
};

struct Scenario {
    std::string name;
    std::string description;
    Presentation presentation;
    int rounds = 100;
    std::uint64_t seed = 1;
    KindSpec mechanism { "bilateral", {} }; // how buyers and sellers meet (mechanismCatalog(), kinds.h)
    KindSpec settlement { "lease", {} }; // what an agreement does (settlementCatalog())
    std::vector<AgentSpec> agents;
    Demand demand;
    ReputationSettings reputation;
    MarketSettings market;
    std::vector<ScenarioEvent> events; // Haggle's rules only (see ScenarioEvent)
    CoalitionSettings coalitions; // Haggle's rules only
    FuturesSettings futures; // Haggle's rules only
    // How LLM negotiators (strategy "llm") reach their model; unset: the defaults (languagemodel.h). Haggle's rules
    // only.
    std::optional<LanguageModelSettings> llm;
    // How negotiations are scored against bargaining theory (bargaining.h): discount factors, the seller's cost, risk
    // attitudes. No effect on the run.
    bargaining::Settings analysis;
    // The rules set: "haggle" (default) or "prototype". Under the prototype rules the kinds come from the prototype
    // catalogs (prototype/protocatalog.h), and Haggle's default kinds stand for the prototype's defaults.
    std::string rules = std::string(HaggleRules);

    std::optional<std::size_t> indexOf(const std::string& agentId) const noexcept;
    bool operator==(const Scenario&) const = default;
};

// Sizes beyond which a scenario is refused rather than run (bounded memory and time for untrusted files).
inline constexpr int MaxRounds = 10'000'000;
inline constexpr std::size_t MaxAgents = 2'000'000;
inline constexpr double MaxQuantity = 1e12; // any budget or resource amount

struct ScenarioIssue {
    std::string path; // e.g. "agents[2].budget"
    std::string message; // what was expected

    bool operator==(const ScenarioIssue&) const = default;
};

// The reputation model's setup: the pre-trusted agents' indices (sorted, distinct; ids not in the scenario skipped:
// validateScenario() names them).
ReputationSetup reputationSetup(const Scenario& scenario);

// Every problem found, in document order; empty when the scenario can run. Kinds are checked against the catalogs
// of the scenario's rules set (an unknown rules name is an issue at "rules").
std::vector<ScenarioIssue> validateScenario(const Scenario& scenario);
// Throws std::invalid_argument naming every problem validateScenario() finds ("invalid scenario:" and one line each).
void throwIfInvalid(const Scenario& scenario);

// Under Haggle's rules, the message for a kind name Haggle's catalog refused: `message` itself, plus a hint when the
// name is a kind of the prototype rules. `family`: "strategy", "mechanism", "settlement" or "reputation".
std::string haggleKindMessage(std::string_view family, std::string_view name, std::string message);

} // namespace haggle
