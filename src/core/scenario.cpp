// Scenario helpers and validation (see scenario.h).
#include "scenario.h"

#include "kinds.h"
#include "prototype/protocatalog.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <unordered_set>

namespace haggle {

namespace {

std::string indexed(const std::string& base, std::size_t i);

// What the model itself refuses beyond each parameter's range (Beta's priors adding up to 0, say): a model of two
// agents is built, and its "params.NAME: message" becomes an issue at reputation.params.NAME. Only for a known model
// whose parameters are each valid, so that one mistake is reported once.
void checkReputationModelBuilds(const Scenario& scenario, std::vector<ScenarioIssue>& issues)
{
    const bool clean = std::none_of(issues.begin(), issues.end(),
        [](const ScenarioIssue& issue) { return issue.path.rfind("reputation", 0) == 0; });
    if (!clean)
        return;
    try {
        (void)strangerReputation(scenario.reputation);
    } catch (const std::invalid_argument& e) {
        const std::string what = e.what();
        const auto colon = what.find(": ");
        const bool pathed = colon != std::string::npos && what.find(' ') > colon;
        issues.push_back({ pathed ? "reputation." + what.substr(0, colon) : std::string("reputation"),
            pathed ? what.substr(colon + 2) : what });
    }
}

// The reputation settings besides the model's kind: pre-trusted ids (known, distinct; present when the model needs
// them) and gossip. `model` is the kind's catalog entry, or null when its name is unknown.
void checkReputationSetup(const Scenario& scenario, const KindInfo* model, std::vector<ScenarioIssue>& issues)
{
    const auto& settings = scenario.reputation;
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < settings.pretrusted.size(); ++i) {
        const std::string& id = settings.pretrusted[i];
        if (!scenario.indexOf(id))
            issues.push_back({ indexed("reputation.pretrusted", i), "unknown agent '" + id + "'" });
        else if (!seen.insert(id).second)
            issues.push_back({ indexed("reputation.pretrusted", i), "agent '" + id + "' is listed twice" });
    }
    if (model && settings.pretrusted.empty()
        && std::find(model->protocols.begin(), model->protocols.end(), PretrustedPeers) != model->protocols.end())
        issues.push_back({ "reputation.pretrusted",
            "reputation model '" + settings.model
                + "' needs at least one pre-trusted peer (a non-empty list of agent ids)" });
    const auto& gossip = settings.gossip;
    if (!std::isfinite(gossip.probability) || gossip.probability < 0.0 || gossip.probability > 1.0)
        issues.push_back({ "reputation.gossip.probability", "expected a probability in [0, 1]" });
    if (gossip.fanout < 1 || gossip.fanout > MaxGossipFanout)
        issues.push_back({ "reputation.gossip.fanout",
            "expected a whole number of listeners in [1, " + std::to_string(MaxGossipFanout) + "]" });
    if (!std::isfinite(gossip.below) || gossip.below < 0.0 || gossip.below > 1.0)
        issues.push_back({ "reputation.gossip.below", "expected a reputation level in [0, 1]" });
}

std::string indexed(const std::string& base, std::size_t i)
{
    return base + "[" + std::to_string(i) + "]";
}

bool finiteNonNegative(double v)
{
    return std::isfinite(v) && v >= 0.0 && v <= MaxQuantity;
}

void checkBundle(const ResourceBundle& b, const std::string& path, std::vector<ScenarioIssue>& issues)
{
    for (std::size_t k = 0; k < ResourceKindCount; ++k) {
        const auto kind = static_cast<ResourceKind>(k);
        if (!finiteNonNegative(b[kind])) {
            std::ostringstream msg;
            msg << "expected a finite number in [0, " << MaxQuantity << "]";
            issues.push_back({ path + "." + std::string(resourceKindName(kind)), msg.str() });
        }
    }
}

void checkRules(const std::vector<NeedRule>& rules, const std::string& path, const Scenario& scenario,
    std::vector<ScenarioIssue>& issues)
{
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const auto& rule = rules[i];
        const std::string at = indexed(path, i);
        if (rule.who == NeedRule::Who::Role && rule.role.empty())
            issues.push_back({ at + ".role", "expected a non-empty role name" });
        if (rule.who == NeedRule::Who::Agents) {
            if (rule.agents.empty())
                issues.push_back({ at + ".agents", "expected at least one agent id" });
            for (std::size_t a = 0; a < rule.agents.size(); ++a) {
                if (!scenario.indexOf(rule.agents[a]))
                    issues.push_back({ indexed(at + ".agents", a), "unknown agent id '" + rule.agents[a] + "'" });
            }
        }
        if (rule.count && *rule.count < 0)
            issues.push_back({ at + ".count", "expected a count >= 0" });
        if (!std::isfinite(rule.probability) || rule.probability < 0.0 || rule.probability > 1.0)
            issues.push_back({ at + ".probability", "expected a probability in [0, 1]" });
        checkBundle(rule.need, at + ".need", issues);
    }
}

bool lists(const KindInfo& kind, std::string_view what)
{
    return std::find(kind.protocols.begin(), kind.protocols.end(), what) != kind.protocols.end();
}

// An event: a known kind with valid parameters, within the run, concerning agents that exist as its kind takes them.
void checkEvent(const ScenarioEvent& event, const std::string& at, const Scenario& scenario, const KindInfo* mechanism,
    std::vector<ScenarioIssue>& issues)
{
    if (auto error = eventCatalog().validate(event.type, event.params)) {
        issues.push_back({ at + "." + error->field, error->message });
        if (error->field == "type")
            return;
    }
    const KindInfo& kind = *eventCatalog().info(event.type);
    const std::string runEnd = "the run's last round (" + std::to_string(scenario.rounds) + ")";
    if (event.round < 1)
        issues.push_back({ at + ".round", "expected a round >= 1" });
    else if (event.round > scenario.rounds)
        issues.push_back({ at + ".round", "round " + std::to_string(event.round) + " is after " + runEnd });
    if (event.lastRound) {
        if (!lists(kind, EventLasts))
            issues.push_back(
                { at + ".last_round", "a '" + event.type + "' event happens at one round: no last_round" });
        else if (*event.lastRound < event.round || *event.lastRound > scenario.rounds)
            issues.push_back({ at + ".last_round", "expected a round from the event's round to " + runEnd });
    }
    const bool needsAgent = lists(kind, EventNeedsAgent);
    const bool takesGroup = lists(kind, EventTakesGroup);
    if (needsAgent && event.agent.empty())
        issues.push_back({ at + ".agent", "a '" + event.type + "' event names the agent it concerns" });
    else if (!event.agent.empty() && !scenario.indexOf(event.agent))
        issues.push_back({ at + ".agent", "unknown agent '" + event.agent + "'" });
    else if (!needsAgent && !takesGroup && !event.agent.empty())
        issues.push_back({ at + ".agent", "a '" + event.type + "' event concerns the whole market: no agent" });
    if (!event.role.empty()) {
        if (!takesGroup)
            issues.push_back({ at + ".role", "a '" + event.type + "' event takes no role" });
        else if (!event.agent.empty())
            issues.push_back({ at + ".role", "expected an agent or a role, not both" });
        else if (std::none_of(scenario.agents.begin(), scenario.agents.end(),
                     [&event](const AgentSpec& a) { return a.role == event.role; }))
            issues.push_back({ at + ".role", "no agent has the role '" + event.role + "'" });
    }
    if (!lists(kind, EventNeedsStrategy))
        return;
    if (auto error = validateStrategySpec(event.strategy))
        issues.push_back({ at + ".strategy." + error->field,
            error->field == "type" ? haggleKindMessage("strategy", event.strategy.type, error->message)
                                   : error->message });
    else if (mechanism) {
        for (auto protocol : missingProtocols(*mechanism, *findStrategy(event.strategy.type)))
            issues.push_back({ at + ".strategy.type",
                "strategy '" + event.strategy.type + "' does not speak '" + std::string(protocol)
                    + "', which mechanism '" + scenario.mechanism.type + "' needs" });
    }
}

// The analysis settings: discount factors in [0, 1), a cost in [0, 100], risk exponents in (0, 1].
void checkAnalysis(const bargaining::Settings& a, std::vector<ScenarioIssue>& issues)
{
    const auto inRange = [](double v, double lo, double hi, bool openLow, bool openHigh) {
        return std::isfinite(v) && (openLow ? v > lo : v >= lo) && (openHigh ? v < hi : v <= hi);
    };
    if (!inRange(a.buyerDiscount, 0.0, 1.0, false, true))
        issues.push_back({ "analysis.buyer_discount", "expected a discount factor in [0, 1)" });
    if (!inRange(a.sellerDiscount, 0.0, 1.0, false, true))
        issues.push_back({ "analysis.seller_discount", "expected a discount factor in [0, 1)" });
    if (!inRange(a.sellerCost, 0.0, 100.0, false, false))
        issues.push_back({ "analysis.seller_cost", "expected a unit price in [0, 100]" });
    if (!inRange(a.buyerRisk, 0.0, 1.0, true, false))
        issues.push_back({ "analysis.buyer_risk", "expected a risk exponent in (0, 1]" });
    if (!inRange(a.sellerRisk, 0.0, 1.0, true, false))
        issues.push_back({ "analysis.seller_risk", "expected a risk exponent in (0, 1]" });
}

// The coalitions section: cartels of known, distinct agents under the coalition mechanism, with shares that are a
// division of the whole.
void checkCoalitions(const Scenario& scenario, std::vector<ScenarioIssue>& issues)
{
    const CoalitionSettings& c = scenario.coalitions;
    if (c == CoalitionSettings {})
        return;
    if (scenario.rules != HaggleRules) {
        issues.push_back({ "coalitions", "coalitions are Haggle's rules only (the prototype rules have none)" });
        return;
    }
    if (!c.cartels.empty() && scenario.mechanism.type != "coalition")
        issues.push_back({ "coalitions.cartels",
            "cartels need the coalition mechanism (mechanism.type \"coalition\"), not '" + scenario.mechanism.type
                + "'" });
    std::unordered_set<std::string_view> inCartel;
    for (std::size_t k = 0; k < c.cartels.size(); ++k) {
        const CartelSpec& cartel = c.cartels[k];
        const std::string at = indexed("coalitions.cartels", k);
        if (cartel.members.size() < 2)
            issues.push_back({ at + ".members", "expected at least 2 members" });
        for (std::size_t m = 0; m < cartel.members.size(); ++m) {
            const std::string& id = cartel.members[m];
            if (!scenario.indexOf(id))
                issues.push_back({ indexed(at + ".members", m), "unknown agent '" + id + "'" });
            else if (!inCartel.insert(id).second)
                issues.push_back({ indexed(at + ".members", m), "agent '" + id + "' is in a cartel already" });
        }
        if (cartel.shares.empty())
            continue;
        if (cartel.shares.size() != cartel.members.size()) {
            issues.push_back({ at + ".shares",
                "expected one share per member (" + std::to_string(cartel.members.size()) + "), found "
                    + std::to_string(cartel.shares.size()) });
            continue;
        }
        double sum = 0.0;
        bool valid = true;
        for (std::size_t m = 0; m < cartel.shares.size(); ++m) {
            const double share = cartel.shares[m];
            if (!std::isfinite(share) || share < 0.0 || share > 1.0) {
                issues.push_back({ indexed(at + ".shares", m), "expected a share in [0, 1]" });
                valid = false;
            }
            sum += share;
        }
        if (valid && std::abs(sum - 1.0) > 1e-9) {
            std::ostringstream msg;
            msg << "the shares sum to " << sum << ", not 1";
            issues.push_back({ at + ".shares", msg.str() });
        }
    }
}

// A number as a message shows it: 6 significant digits.
std::string numberText(double x)
{
    std::ostringstream out;
    out << x;
    return out.str();
}

void checkFutures(const Scenario& scenario, std::vector<ScenarioIssue>& issues)
{
    const auto& contracts = scenario.futures.contracts;
    if (contracts.empty())
        return;
    if (scenario.rules != HaggleRules) {
        issues.push_back({ "futures", "futures are Haggle's rules only (the prototype rules have none)" });
        return;
    }
    if (scenario.mechanism.type != "futures")
        issues.push_back({ "futures.contracts",
            "contracts need the futures mechanism (mechanism.type \"futures\"), not '" + scenario.mechanism.type
                + "'" });
    std::map<std::string, double> owed; // each buyer's prices, in total
    for (std::size_t k = 0; k < contracts.size(); ++k) {
        const ContractSpec& c = contracts[k];
        const std::string at = indexed("futures.contracts", k);
        const auto buyer = scenario.indexOf(c.buyer);
        if (!buyer)
            issues.push_back({ at + ".buyer", "unknown agent '" + c.buyer + "'" });
        if (!scenario.indexOf(c.seller))
            issues.push_back({ at + ".seller", "unknown agent '" + c.seller + "'" });
        else if (c.seller == c.buyer)
            issues.push_back({ at + ".seller", "the seller is the buyer ('" + c.seller + "')" });
        if (!std::isfinite(c.quantity) || c.quantity <= 0.0)
            issues.push_back({ at + ".quantity", "expected a quantity > 0, found " + numberText(c.quantity) });
        if (!std::isfinite(c.unitPrice) || c.unitPrice < 0.0)
            issues.push_back({ at + ".unit_price", "expected a price >= 0, found " + numberText(c.unitPrice) });
        if (c.deliveryRound < 1)
            issues.push_back({ at + ".delivery_round",
                "delivery in the past: round " + std::to_string(c.deliveryRound) + " is before the first round (1)" });
        else if (c.deliveryRound > scenario.rounds)
            issues.push_back({ at + ".delivery_round",
                "round " + std::to_string(c.deliveryRound) + " is after the last round ("
                    + std::to_string(scenario.rounds) + "): it would never be delivered" });
        if (buyer && std::isfinite(c.quantity) && std::isfinite(c.unitPrice) && c.quantity > 0.0 && c.unitPrice >= 0.0)
            owed[c.buyer] += c.unitPrice * c.quantity * scenario.market.referencePrices[c.resource];
    }
    for (const auto& [id, total] : owed) {
        const double budget = scenario.agents[*scenario.indexOf(id)].budget;
        if (total > budget + 1e-9)
            issues.push_back({ "futures.contracts",
                "'" + id + "' owes " + numberText(total) + " for its contracts, more than its budget ("
                    + numberText(budget) + ")" });
    }
}

// An environment variable's name: letters, digits and underscores, not starting with a digit.
bool isVariableName(std::string_view name)
{
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())))
        return false;
    return std::all_of(
        name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

void checkLanguageModel(const Scenario& scenario, std::vector<ScenarioIssue>& issues)
{
    if (!scenario.llm)
        return;
    if (scenario.rules != HaggleRules) {
        issues.push_back({ "llm", "LLM negotiators are Haggle's rules only (the prototype rules have none)" });
        return;
    }
    const LanguageModelSettings& llm = *scenario.llm;
    const std::string& url = llm.baseUrl;
    if (!(url.starts_with("http://") || url.starts_with("https://")) || url.find_first_of(" \t\n") != std::string::npos)
        issues.push_back({ "llm.base_url", "expected an http:// or https:// address, found '" + url + "'" });
    if (llm.model.empty())
        issues.push_back({ "llm.model", "expected the model's name, found an empty one" });
    if (!isVariableName(llm.apiKeyEnv))
        issues.push_back({ "llm.api_key_env",
            "expected the name of an environment variable (letters, digits, _), found '" + llm.apiKeyEnv
                + "' (the key itself never goes in a scenario)" });
    if (llm.prompt.empty())
        issues.push_back({ "llm.prompt", "expected \"naive\", \"engineered\" or a template file's path" });
    if (const KindInfo* fallback = strategyCatalog().info(llm.fallback); !fallback)
        issues.push_back(
            { "llm.fallback", haggleKindMessage("strategy", llm.fallback, "unknown strategy '" + llm.fallback + "'") });
    else if (llm.fallback == "llm")
        issues.push_back({ "llm.fallback", "the fallback must be a rule strategy, not 'llm' itself" });
    if (!std::isfinite(llm.temperature) || llm.temperature < 0.0 || llm.temperature > 2.0)
        issues.push_back({ "llm.temperature", "expected a number in [0, 2], found " + numberText(llm.temperature) });
    if (llm.maxTokens < 1 || llm.maxTokens > 32768)
        issues.push_back({ "llm.max_tokens", "expected a whole number in [1, 32768]" });
    if (!std::isfinite(llm.timeoutSeconds) || llm.timeoutSeconds <= 0.0 || llm.timeoutSeconds > 3600.0)
        issues.push_back({ "llm.timeout", "expected seconds in (0, 3600], found " + numberText(llm.timeoutSeconds) });
    if (llm.retries < 0 || llm.retries > 10)
        issues.push_back({ "llm.retries", "expected a whole number in [0, 10]" });
}

} // namespace

const DemandPhase* Demand::phaseAt(int round) const noexcept
{
    for (const auto& phase : phases) {
        if (round >= phase.firstRound && round <= phase.lastRound)
            return &phase;
    }
    return nullptr;
}

bool isKnownRules(std::string_view rules) noexcept
{
    return rules == HaggleRules || rules == PrototypeRules;
}

std::string knownRulesNames()
{
    return std::string(HaggleRules) + ", " + std::string(PrototypeRules);
}

void throwIfInvalid(const Scenario& scenario)
{
    if (auto issues = validateScenario(scenario); !issues.empty()) {
        std::ostringstream out;
        out << "invalid scenario:";
        for (const auto& issue : issues)
            out << "\n  " << issue.path << ": " << issue.message;
        throw std::invalid_argument(out.str());
    }
}

bool isCheaterStrategy(std::string_view rules, std::string_view type) noexcept
{
    if (rules == PrototypeRules)
        return prototype::isCheaterKind(type);
    // A kind cheats when a strategy of it, at its defaults, says so.
    try {
        return strategyCatalog().find(type) && strategyCatalog().make(type, {})->cheats();
    } catch (...) {
        return false;
    }
}

std::string haggleKindMessage(std::string_view family, std::string_view name, std::string message)
{
    if (prototype::knowsKind(family, name))
        message += "; '" + std::string(name) + "' is a " + std::string(family)
            + " of the prototype rules (set \"rules\": \"prototype\")";
    return message;
}

std::optional<std::size_t> Scenario::indexOf(const std::string& agentId) const noexcept
{
    for (std::size_t i = 0; i < agents.size(); ++i) {
        if (agents[i].id == agentId)
            return i;
    }
    return std::nullopt;
}

ReputationSetup reputationSetup(const Scenario& scenario)
{
    ReputationSetup setup;
    for (const auto& id : scenario.reputation.pretrusted) {
        if (const auto i = scenario.indexOf(id))
            setup.pretrusted.push_back(static_cast<AgentIndex>(*i));
    }
    std::sort(setup.pretrusted.begin(), setup.pretrusted.end());
    setup.pretrusted.erase(std::unique(setup.pretrusted.begin(), setup.pretrusted.end()), setup.pretrusted.end());
    return setup;
}

std::vector<ScenarioIssue> validateScenario(const Scenario& scenario)
{
    std::vector<ScenarioIssue> issues;
    if (scenario.rounds < 1 || scenario.rounds > MaxRounds)
        issues.push_back({ "rounds", "expected a whole number of rounds in [1, " + std::to_string(MaxRounds) + "]" });
    const bool haggleRules = scenario.rules == HaggleRules;
    if (!isKnownRules(scenario.rules))
        issues.push_back(
            { "rules", "unknown rules '" + scenario.rules + "' (expected one of: " + knownRulesNames() + ")" });
    // A kind and its parameters, from its catalog; `typeField` is what the file calls the kind's name.
    const auto checkKind = [&issues](const auto& catalog, std::string_view family, const std::string& name,
                               const ParameterValues& params, const std::string& at, const char* typeField) {
        if (auto error = catalog.validate(name, params))
            issues.push_back({ at + "." + (error->field == "type" ? std::string(typeField) : error->field),
                error->field == "type" ? haggleKindMessage(family, name, error->message) : error->message });
        return catalog.info(name);
    };
    const KindInfo* mechanism = nullptr;
    if (haggleRules) {
        mechanism = checkKind(
            mechanismCatalog(), "mechanism", scenario.mechanism.type, scenario.mechanism.params, "mechanism", "type");
        checkKind(settlementCatalog(), "settlement", scenario.settlement.type, scenario.settlement.params, "settlement",
            "type");
        const KindInfo* model = checkKind(reputationCatalog(), "reputation", scenario.reputation.model,
            scenario.reputation.params, "reputation", "model");
        checkReputationSetup(scenario, model, issues);
        if (model)
            checkReputationModelBuilds(scenario, issues);
    } else if (scenario.rules == PrototypeRules) {
        // The prototype's kinds, its strategies (agents[i].strategy) and what it fixes (market constants).
        prototype::checkScenarioKinds(scenario, issues);
    }
    const bool mechanismValid = mechanism && issues.empty();
    if (scenario.agents.size() < 2)
        issues.push_back({ "agents", "expected at least 2 agents (a negotiation needs two parties)" });
    if (scenario.agents.size() > MaxAgents)
        issues.push_back({ "agents", "expected at most " + std::to_string(MaxAgents) + " agents" });

    std::unordered_set<std::string_view> ids; // views of the agents' own ids: no copy of a million strings
    ids.reserve(std::min(scenario.agents.size(), MaxAgents + 1));
    for (std::size_t i = 0; i < scenario.agents.size() && i <= MaxAgents; ++i) {
        const auto& agent = scenario.agents[i];
        const std::string at = indexed("agents", i);
        if (agent.id.empty())
            issues.push_back({ at + ".id", "expected a non-empty id" });
        else if (!ids.insert(agent.id).second)
            issues.push_back({ at + ".id", "duplicate agent id '" + agent.id + "' (ids must be unique)" });
        if (!haggleRules) {
            // Strategies of other rules sets were checked with their kinds.
        } else if (auto error = validateStrategySpec(agent.strategy))
            issues.push_back({ at + ".strategy." + error->field,
                error->field == "type" ? haggleKindMessage("strategy", agent.strategy.type, error->message)
                                       : error->message });
        else if (mechanism) {
            for (auto protocol : missingProtocols(*mechanism, *findStrategy(agent.strategy.type)))
                issues.push_back({ at + ".strategy.type",
                    "agent '" + agent.id + "': strategy '" + agent.strategy.type + "' does not speak '"
                        + std::string(protocol) + "', which mechanism '" + scenario.mechanism.type + "' needs" });
        }
        checkBundle(agent.holdings, at + ".holdings", issues);
        if (!finiteNonNegative(agent.budget))
            issues.push_back({ at + ".budget", "expected a finite budget >= 0" });
        if (!std::isfinite(agent.urgency) || agent.urgency < 0.0 || agent.urgency > 1.0)
            issues.push_back({ at + ".urgency", "expected an urgency in [0, 1]" });
        if (!finiteNonNegative(agent.unitCost) || agent.unitCost > MaxQuantity)
            issues.push_back({ at + ".unit_cost", "expected a finite unit cost >= 0" });
    }

    checkRules(scenario.demand.rules, "demand.rules", scenario, issues);
    for (std::size_t p = 0; p < scenario.demand.phases.size(); ++p) {
        const auto& phase = scenario.demand.phases[p];
        const std::string at = indexed("demand.phases", p);
        if (phase.firstRound < 1 || phase.lastRound < phase.firstRound)
            issues.push_back({ at, "expected 1 <= first_round <= last_round" });
        for (std::size_t q = 0; q < p; ++q) {
            const auto& other = scenario.demand.phases[q];
            if (phase.firstRound <= other.lastRound && other.firstRound <= phase.lastRound)
                issues.push_back({ at, "phase '" + phase.name + "' overlaps phase '" + other.name + "'" });
        }
        checkRules(phase.rules, at + ".rules", scenario, issues);
    }

    for (std::size_t e = 0; e < scenario.events.size(); ++e) {
        const auto& event = scenario.events[e];
        const std::string at = indexed("events", e);
        if (!haggleRules) {
            issues.push_back({ at, "scenario events are Haggle's rules only (the prototype rules have none)" });
            continue;
        }
        checkEvent(event, at, scenario, mechanism, issues);
    }

    for (std::size_t k = 0; k < ResourceKindCount; ++k) {
        const double price = scenario.market.referencePrices.perUnit[k];
        if (!std::isfinite(price) || price <= 0.0 || price > MaxQuantity)
            issues.push_back({ "market.reference_prices." + std::string(resourceKindName(static_cast<ResourceKind>(k))),
                "expected a reference price > 0" });
    }
    if (!std::isfinite(scenario.market.loadPremium) || scenario.market.loadPremium < 0.0
        || scenario.market.loadPremium > 10.0)
        issues.push_back({ "market.load_premium", "expected a number in [0, 10]" });
    if (!std::isfinite(scenario.market.jobValue) || scenario.market.jobValue < 0.0 || scenario.market.jobValue > 100.0)
        issues.push_back({ "market.job_value", "expected a number in [0, 100]" });
    checkAnalysis(scenario.analysis, issues);
    checkCoalitions(scenario, issues);
    checkFutures(scenario, issues);
    checkLanguageModel(scenario, issues);
    if (mechanismValid && mechanism->scenarioCheck && issues.empty()) {
        if (auto error = mechanism->scenarioCheck(Parameters(*mechanism, scenario.mechanism.params), scenario))
            issues.push_back({ "mechanism." + error->field, error->message });
    }
    return issues;
}

} // namespace haggle
