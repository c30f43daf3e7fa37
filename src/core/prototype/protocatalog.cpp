// The prototype rules' catalogs and the checks of a scenario under them (see protocatalog.h).
#include "protocatalog.h"

#include "../kinds.h"

#include <array>
#include <cmath>
#include <sstream>

namespace haggle::prototype {

namespace {

std::string number(double v)
{
    std::ostringstream out;
    out << v;
    return out.str();
}

std::string paramNames(const KindInfo& kind)
{
    std::string names;
    for (const auto& p : kind.params) {
        if (!names.empty())
            names.append(", ");
        names.append(p.name.data(), p.name.size());
    }
    return names.empty() ? std::string("none") : names;
}

// Haggle's default kind of a family, named by a scenario under the prototype rules: its parameters must be ones
// that carry over (`carried`, checked against the prototype kind) or keep Haggle's defaults.
void checkHaggleDefault(std::string_view family, const KindInfo& haggleKind, const ParameterValues& params,
    const KindInfo& prototypeKind, const std::string& at, std::vector<ScenarioIssue>& issues)
{
    for (const auto& [name, value] : params) {
        const std::string path = at + ".params." + name;
        if (prototypeKind.param(name)) {
            if (auto error = validateParameters(family, prototypeKind, { { name, value } }))
                issues.push_back({ path, error->message });
            continue;
        }
        const ParameterInfo* p = haggleKind.param(name);
        if (!p)
            issues.push_back({ path,
                "parameter '" + name + "' is not known to '" + std::string(haggleKind.name)
                    + "' (known: " + paramNames(haggleKind) + ")" });
        else if (value != p->defaultValue)
            issues.push_back({ path,
                "the prototype rules have no parameter '" + name + "': '" + std::string(haggleKind.name)
                    + "' stands for the prototype's '" + std::string(prototypeKind.name) + "' only with its default "
                    + number(p->defaultValue) + " (found " + number(value) + ")" });
    }
}

// A kind of a prototype family: one of its own, or Haggle's default standing for the prototype's default.
template <typename Catalog>
void checkFamilyKind(const Catalog& catalog, const KindInfo* haggleDefault, const std::string& name,
    const ParameterValues& params, std::string_view prototypeDefault, const std::string& at, const char* typeField,
    std::vector<ScenarioIssue>& issues)
{
    if (haggleDefault && name == haggleDefault->name) {
        checkHaggleDefault(catalog.family(), *haggleDefault, params, *catalog.info(prototypeDefault), at, issues);
        return;
    }
    if (!catalog.find(name)) {
        issues.push_back({ at + "." + typeField,
            std::string(catalog.family()) + " '" + name + "' is not known to the prototype rules (expected one of: "
                + joinNames(catalog.infos()) + (haggleDefault ? ", or Haggle's default '" : "")
                + (haggleDefault ? std::string(haggleDefault->name) + "'" : std::string()) + ")" });
        return;
    }
    if (auto error = catalog.validate(name, params))
        issues.push_back({ at + "." + error->field, error->message });
}

} // namespace

Catalog<Strategy>& strategyCatalog()
{
    static Catalog<Strategy> catalog = [] {
        Catalog<Strategy> c("prototype strategy");
        const auto add = [&c](KindInfo info, auto make) {
            c.add(std::move(info), [make](const Parameters& p) { return std::make_unique<Strategy>(make(p)); });
        };
        add({ "greedy", "Asks need x (2 - greed_factor), bids need x greed_factor; meets a counter halfway",
                { { "greed_factor", 0.7, 0.0, 0.95, "Bid share of the need's units; the ask is 2 minus it",
                    "share" } } },
            [](const Parameters& p) { return Strategy::greedy(p["greed_factor"]); });
        add({ "fair", "Accepts within fairness_tolerance of 1 per unit, else counters the midpoint",
                { { "fairness_tolerance", 0.15, 0.0, 0.9, "Accepted distance from 1 per unit, as a fraction",
                    "share" } } },
            [](const Parameters& p) { return Strategy::fair(p["fairness_tolerance"]); });
        add({ "patient", "Asks a premium, bids a discount; accepts a counter once it has waited long enough",
                { { "patience", 0.8, 0.0, 0.95, "Premium asked (x 0.3) and discount bid (x 0.4) per unit",
                    "share" } } },
            [](const Parameters& p) { return Strategy::patient(p["patience"]); });
        add({ "adaptive", "Prices at its belief per unit and moves the belief toward every price it accepts",
                { { "initial_belief", 1.0, 0.01, 100.0, "Unit price it believes in at the start", "unit price" },
                    { "learning_rate", 0.2, 0.0, 1.0, "Step of the belief toward each accepted unit price",
                        "rate" } } },
            [](const Parameters& p) { return Strategy::adaptive(p["initial_belief"], p["learning_rate"]); });
        add({ "broker", "Opens with a reputation query nobody answers; sells at need x (1 + commission_rate)",
                { { "commission_rate", 0.1, 0.0, 1.0, "Premium over 1 per unit it asks as a seller", "share" } } },
            [](const Parameters& p) { return Strategy::broker(p["commission_rate"]); });
        add({ "cheater", "Accepts without checking holdings or budget; the transfer settlement draws whether it cheats",
                { { "cheat_probability", 1.0, 0.0, 1.0, "Probability of cheating on each agreed deal",
                    "probability" } } },
            [](const Parameters& p) { return Strategy::cheater(p["cheat_probability"]); });
        add({ "adaptive-cheater", "A cheater whose rate starts at 0.3 and rises x 1.1 per accept after 10 messages",
                {} },
            [](const Parameters&) { return Strategy::adaptiveCheater(); });
        add({ "llm-fallback", "The LLM strategy without an API key: 1 per unit, accepts counters up to 1.15", {} },
            [](const Parameters&) { return Strategy::llmFallback(); });
        return c;
    }();
    return catalog;
}

Catalog<MechanismRule>& mechanismCatalog()
{
    static Catalog<MechanismRule> catalog = [] {
        Catalog<MechanismRule> c("prototype mechanism");
        c.add({ "random-partner",
                  "Each buyer asks one seller drawn at random among agents without need; alternating messages",
                  { { "max_turns", 6, 1, 1000, "Turns (the seller's answer and the buyer's) per negotiation", "turns",
                      ParameterType::Integer } } },
            [](const Parameters& p) {
                return std::make_unique<MechanismRule>(MechanismRule { p.integer("max_turns") });
            });
        return c;
    }();
    return catalog;
}

Catalog<SettlementRule>& settlementCatalog()
{
    static Catalog<SettlementRule> catalog = [] {
        Catalog<SettlementRule> c("prototype settlement");
        c.add({ "transfer",
                  "Ownership moves at once; a failed execution is blamed on the seller by the buyer; cheaters draw "
                  "one cheat per agreed deal",
                  {} },
            [](const Parameters&) { return std::make_unique<SettlementRule>(); });
        return c;
    }();
    return catalog;
}

Catalog<ReputationRule>& reputationCatalog()
{
    static Catalog<ReputationRule> catalog = [] {
        Catalog<ReputationRule> c("prototype reputation model");
        c.add({ "ledger",
                  "Each agent's own ledger: +0.1 per fulfilled deal, -0.3 per broken one (strangers 0.5); the "
                  "strategy's trust_threshold reads it",
                  {} },
            [](const Parameters&) { return std::make_unique<ReputationRule>(ReputationRule { false }); });
        c.add({ "gossip",
                  "The ledger, and after every round each honest agent passes each entry below 0.4 (probability 0.5) "
                  "to a random honest agent, who blends it in at 30%",
                  {} },
            [](const Parameters&) { return std::make_unique<ReputationRule>(ReputationRule { true }); });
        return c;
    }();
    return catalog;
}

Catalog<PyRandom>& generatorCatalog()
{
    static Catalog<PyRandom> catalog = [] {
        Catalog<PyRandom> c("prototype generator");
        c.add(
            { "python-mt19937",
                "CPython 3.11's Mersenne Twister (random.seed(seed)): random(), choice(), sample() draw for draw", {} },
            [](const Parameters&) { return std::make_unique<PyRandom>(); });
        return c;
    }();
    return catalog;
}

std::vector<CatalogFamily> prototypeFamilies()
{
    return {
        { "prototype-strategy", "The prototype rules' strategies (scenario \"rules\": \"prototype\")",
            [] { return strategyCatalog().infos(); } },
        { "prototype-mechanism", "How buyers meet sellers under the prototype rules",
            [] { return mechanismCatalog().infos(); } },
        { "prototype-settlement", "What an agreement does under the prototype rules",
            [] { return settlementCatalog().infos(); } },
        { "prototype-reputation", "The prototype rules' reputation models",
            [] { return reputationCatalog().infos(); } },
        { "prototype-generator", "The prototype rules' random generator (seeded with the scenario's seed)",
            [] { return generatorCatalog().infos(); } },
    };
}

bool knowsKind(std::string_view family, std::string_view name) noexcept
{
    if (family == "strategy")
        return strategyCatalog().find(name) != nullptr;
    if (family == "mechanism")
        return mechanismCatalog().find(name) != nullptr;
    if (family == "settlement")
        return settlementCatalog().find(name) != nullptr;
    if (family == "reputation")
        return reputationCatalog().find(name) != nullptr;
    return false;
}

bool isCheaterKind(std::string_view type) noexcept
{
    return type == "cheater" || type == "adaptive-cheater";
}

void checkScenarioKinds(const Scenario& s, std::vector<ScenarioIssue>& issues)
{
    checkFamilyKind(mechanismCatalog(), haggle::mechanismCatalog().info("bilateral"), s.mechanism.type,
        s.mechanism.params, "random-partner", "mechanism", "type", issues);
    checkFamilyKind(settlementCatalog(), haggle::settlementCatalog().info("lease"), s.settlement.type,
        s.settlement.params, "transfer", "settlement", "type", issues);
    checkFamilyKind(reputationCatalog(), haggle::reputationCatalog().info("baseline"), s.reputation.model,
        s.reputation.params, "ledger", "reputation", "model", issues);

    for (std::size_t i = 0; i < s.agents.size() && i <= MaxAgents; ++i) {
        const StrategySpec& spec = s.agents[i].strategy;
        const std::string at = "agents[" + std::to_string(i) + "].strategy";
        const KindInfo* kind = strategyCatalog().info(spec.type);
        if (!kind) {
            issues.push_back({ at + ".type",
                "strategy '" + spec.type + "' is not known to the prototype rules (expected one of: "
                    + joinNames(strategyCatalog().infos()) + ")" });
            continue;
        }
        bool paramsKnown = true;
        for (const auto& [name, value] : spec.params) {
            if (!kind->param(name)) {
                paramsKnown = false;
                issues.push_back({ at + ".params." + name,
                    "parameter '" + name + "' is not known to the prototype rules' strategy '" + spec.type
                        + "' (known: " + paramNames(*kind) + ")" });
            }
        }
        if (paramsKnown) {
            if (auto error = strategyCatalog().validate(spec.type, spec.params))
                issues.push_back({ at + "." + error->field, error->message });
        }
        if (spec.trustThreshold
            && (!std::isfinite(*spec.trustThreshold) || *spec.trustThreshold < 0.0 || *spec.trustThreshold > 1.0))
            issues.push_back({ at + ".trust_threshold", "expected a trust threshold in [0, 1]" });
    }

    // The prototype values every resource unit at 1 and has no load premium or job payments.
    const MarketSettings defaults;
    static constexpr std::array<const char*, ResourceKindCount> kindNames { "gpu", "cpu", "memory" };
    for (std::size_t k = 0; k < ResourceKindCount; ++k) {
        const double price = s.market.referencePrices.perUnit[k];
        if (price != defaults.referencePrices.perUnit[k])
            issues.push_back({ "market.reference_prices." + std::string(kindNames[k]),
                "the prototype rules value every resource unit at 1 (expected the default 1, found " + number(price)
                    + ")" });
    }
    if (s.market.loadPremium != defaults.loadPremium)
        issues.push_back({ "market.load_premium",
            "the prototype rules have no load premium (expected the default " + number(defaults.loadPremium)
                + ", found " + number(s.market.loadPremium) + ")" });
    if (s.market.jobValue != defaults.jobValue)
        issues.push_back({ "market.job_value",
            "the prototype rules pay no job value (expected the default " + number(defaults.jobValue) + ", found "
                + number(s.market.jobValue) + ")" });
}

MarketSetup marketSetup(const Scenario& s)
{
    MarketSetup setup;
    // bilateral's max_turns carries over to random-partner; both default to 6.
    const auto turns = s.mechanism.params.find("max_turns");
    if (turns != s.mechanism.params.end())
        setup.maxTurns = static_cast<int>(turns->second);
    setup.gossip = s.reputation.model == "gossip";
    return setup;
}

Strategy makeStrategy(const StrategySpec& spec)
{
    Strategy strategy = *strategyCatalog().make(spec.type, spec.params);
    if (spec.trustThreshold)
        return std::move(strategy).reputationAware(*spec.trustThreshold);
    return strategy;
}

} // namespace haggle::prototype
