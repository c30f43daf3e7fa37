// Reading scenario files: every problem named by file, JSON path and what was expected (see scenariofile.h and
// docs/scenario-format.md). Writing them is in scenariowriter.cpp.
#include "scenariofile.h"

#include "kinds.h"
#include "llmprompt.h"
#include "policyfile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <sstream>
#include <unordered_set>

namespace haggle::lab {

using Json = nlohmann::ordered_json;

namespace {

std::string joinPath(const std::string& base, std::string_view key)
{
    return base.empty() ? std::string(key) : base + "." + std::string(key);
}

std::string indexPath(const std::string& base, std::size_t i)
{
    return base + "[" + std::to_string(i) + "]";
}

std::string typeName(const Json& j)
{
    if (j.is_number_float())
        return "a decimal number";
    if (j.is_number_unsigned() || j.is_number_integer())
        return "a whole number";
    return std::string(j.type_name()) == "object" ? "an object"
        : std::string(j.type_name()) == "array"   ? "an array"
                                                  : std::string(j.type_name());
}

// Walks a parsed document, keeping the JSON path of where it is, so every error can say exactly where.
class Reader {
public:
    Reader(const std::string& file, const std::optional<std::string>& rules)
        : m_file(file)
        , m_rulesOverride(rules)
    {
    }

    [[noreturn]] void fail(const std::string& path, const std::string& message) const
    {
        throw ScenarioFileError(m_file, path, message);
    }

    void expectObject(const Json& j, const std::string& path, std::initializer_list<std::string_view> allowed) const
    {
        if (!j.is_object())
            fail(path, "expected an object, found " + typeName(j));
        for (const auto& [key, value] : j.items()) {
            bool known = false;
            for (auto a : allowed)
                known = known || a == key;
            if (!known) {
                std::string list;
                for (auto a : allowed)
                    list += (list.empty() ? "" : ", ") + std::string(a);
                fail(joinPath(path, key), "unknown field '" + key + "' (expected one of: " + list + ")");
            }
        }
    }

    const Json* optional(const Json& obj, std::string_view key) const
    {
        const auto it = obj.find(std::string(key));
        return it == obj.end() ? nullptr : &*it;
    }

    const Json& required(const Json& obj, std::string_view key, const std::string& path, const char* what) const
    {
        const Json* j = optional(obj, key);
        if (!j)
            fail(joinPath(path, key), std::string("missing required field '") + std::string(key) + "' (" + what + ")");
        return *j;
    }

    double number(const Json& j, const std::string& path, double min, double max) const
    {
        if (!j.is_number())
            fail(path, "expected a number, found " + typeName(j));
        const double v = j.get<double>();
        if (!std::isfinite(v) || v < min || v > max) {
            std::ostringstream msg;
            msg << "expected a number in [" << min << ", " << max << "], found " << j.dump();
            fail(path, msg.str());
        }
        return v;
    }

    long long integer(const Json& j, const std::string& path, long long min, long long max) const
    {
        if (!j.is_number_integer() && !j.is_number_unsigned())
            fail(path, "expected a whole number, found " + typeName(j));
        if (j.is_number_unsigned() && j.get<std::uint64_t>() > static_cast<std::uint64_t>(max))
            fail(path, "expected a whole number in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
        const long long v = j.get<long long>();
        if (v < min || v > max)
            fail(path,
                "expected a whole number in [" + std::to_string(min) + ", " + std::to_string(max) + "], found "
                    + std::to_string(v));
        return v;
    }

    std::string string(const Json& j, const std::string& path, std::size_t maxLength, bool allowEmpty = false) const
    {
        if (!j.is_string())
            fail(path, "expected a string, found " + typeName(j));
        const auto& s = j.get_ref<const std::string&>();
        if (!allowEmpty && s.empty())
            fail(path, "expected a non-empty string");
        if (s.size() > maxLength)
            fail(path,
                "expected at most " + std::to_string(maxLength) + " characters, found " + std::to_string(s.size()));
        return s;
    }

    const Json& array(const Json& j, const std::string& path, std::size_t maxSize) const
    {
        if (!j.is_array())
            fail(path, "expected an array, found " + typeName(j));
        if (j.size() > maxSize)
            fail(path, "expected at most " + std::to_string(maxSize) + " entries, found " + std::to_string(j.size()));
        return j;
    }

    ResourceBundle bundle(const Json& j, const std::string& path) const
    {
        expectObject(j, path, { "gpu", "cpu", "memory" });
        ResourceBundle b;
        for (std::size_t k = 0; k < ResourceKindCount; ++k) {
            const auto kind = static_cast<ResourceKind>(k);
            if (const Json* v = optional(j, resourceKindName(kind)))
                b[kind] = number(*v, joinPath(path, resourceKindName(kind)), 0.0, MaxQuantity);
        }
        return b;
    }

    // A catalog kind: {"<typeField>": name, "params": {...}}, checked against its catalog.
    // `reputation` also allows the reputation model's "pretrusted" and "gossip" beside them (read by reputation()).
    template <typename Catalog>
    KindSpec kind(const Json& j, const std::string& path, const char* typeField, const Catalog& catalog,
        const char* defaultType = nullptr, bool reputation = false) const
    {
        if (reputation)
            expectObject(j, path, { typeField, "params", "pretrusted", "gossip" });
        else
            expectObject(j, path, { typeField, "params" });
        KindSpec spec;
        const Json* type = optional(j, typeField);
        if (!type && !defaultType)
            fail(joinPath(path, typeField), "expected a " + std::string(catalog.family()) + " name");
        spec.type = type ? string(*type, joinPath(path, typeField), MaxNameLength) : std::string(defaultType);
        if (const Json* params = optional(j, "params"))
            spec.params = parameters(*params, joinPath(path, "params"));
        // Under other rules than Haggle's, validateScenario() checks the kind against that rules set's catalogs.
        if (!m_haggleRules)
            return spec;
        if (auto error = catalog.validate(spec.type, spec.params)) {
            if (error->field == "type")
                fail(joinPath(path, typeField),
                    haggleKindMessage(std::string_view(typeField) == "model" ? "reputation" : catalog.family(),
                        spec.type, error->message));
            fail(joinPath(path, error->field), error->message);
        }
        return spec;
    }

    // A scenario event: {"type", "round", "last_round", "agent", "role", "strategy", "params"}, the kind from the event
    // catalog; who it concerns and its rounds are checked with the rest of the scenario (validateScenario()).
    ScenarioEvent event(const Json& j, const std::string& at) const
    {
        expectObject(j, at, { "type", "round", "last_round", "agent", "role", "strategy", "params" });
        ScenarioEvent e;
        e.type = string(required(j, "type", at, "an event kind"), joinPath(at, "type"), MaxNameLength);
        if (!eventCatalog().info(e.type))
            fail(joinPath(at, "type"),
                "unknown event kind '" + e.type + "' (expected one of: " + joinNames(eventCatalog().infos()) + ")");
        e.round
            = static_cast<int>(integer(required(j, "round", at, "a round >= 1"), joinPath(at, "round"), 1, MaxRounds));
        if (const Json* last = optional(j, "last_round"))
            e.lastRound = static_cast<int>(integer(*last, joinPath(at, "last_round"), 1, MaxRounds));
        if (const Json* agent = optional(j, "agent"))
            e.agent = string(*agent, joinPath(at, "agent"), MaxNameLength);
        if (const Json* role = optional(j, "role"))
            e.role = string(*role, joinPath(at, "role"), MaxNameLength);
        if (const Json* spec = optional(j, "strategy"))
            e.strategy = strategy(*spec, joinPath(at, "strategy"));
        else if (e.type == strategyEventKind().name)
            fail(joinPath(at, "strategy"), "expected the strategy the agent takes up");
        if (const Json* params = optional(j, "params"))
            e.params = parameters(*params, joinPath(at, "params"));
        return e;
    }

    ParameterValues parameters(const Json& params, const std::string& at) const
    {
        if (!params.is_object())
            fail(at, "expected an object of parameter values, found " + typeName(params));
        ParameterValues values;
        for (const auto& [name, value] : params.items())
            // Any finite number here: the kind's catalog entry then says what its range is.
            values[name] = number(
                value, joinPath(at, name), std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max());
        return values;
    }

    StrategySpec strategy(const Json& j, const std::string& path) const
    {
        expectObject(j, path, { "type", "params", "trust_threshold", "policy" });
        StrategySpec spec;
        spec.type = string(required(j, "type", path, "a strategy name"), joinPath(path, "type"), MaxNameLength);
        if (m_haggleRules && !findStrategy(spec.type))
            fail(joinPath(path, "type"),
                haggleKindMessage("strategy", spec.type, strategyCatalog().validate(spec.type, {})->message));
        if (const Json* params = optional(j, "params"))
            spec.params = parameters(*params, joinPath(path, "params"));
        if (const Json* t = optional(j, "trust_threshold"))
            spec.trustThreshold = number(*t, joinPath(path, "trust_threshold"), 0.0, 1.0);
        if (const Json* policy = optional(j, "policy"))
            spec.policy = this->policy(*policy, joinPath(path, "policy"));
        if (!m_haggleRules)
            return spec; // checked against the rules set's catalog by validateScenario()
        if (auto error = validateStrategySpec(spec))
            fail(joinPath(path, error->field), error->message);
        return spec;
    }

    // A learnt policy: inline, or the name of a policy file (relative to the scenario file's folder).
    LearnedTable policy(const Json& j, const std::string& path) const
    {
        if (!j.is_string())
            return policyFromJson(j, m_file, path);
        const std::filesystem::path name = string(j, path, 4096);
        const std::filesystem::path file
            = name.is_absolute() ? name : std::filesystem::path(m_file).parent_path() / name;
        try {
            return loadPolicy(file);
        } catch (const ScenarioFileError& e) {
            fail(path, "policy file " + file.string() + ": " + (e.path().empty() ? "" : e.path() + ": ") + e.message());
        }
    }

    AgentSpec agent(const Json& j, const std::string& path) const
    {
        expectObject(j, path, { "id", "role", "strategy", "holdings", "budget", "urgency", "unit_cost" });
        AgentSpec a;
        a.id = string(required(j, "id", path, "a unique agent id"), joinPath(path, "id"), MaxNameLength);
        if (const Json* role = optional(j, "role"))
            a.role = string(*role, joinPath(path, "role"), MaxNameLength);
        a.strategy = strategy(required(j, "strategy", path, "an object with a 'type'"), joinPath(path, "strategy"));
        if (const Json* holdings = optional(j, "holdings"))
            a.holdings = bundle(*holdings, joinPath(path, "holdings"));
        a.budget = number(required(j, "budget", path, "a number >= 0"), joinPath(path, "budget"), 0.0, MaxQuantity);
        if (const Json* urgency = optional(j, "urgency"))
            a.urgency = number(*urgency, joinPath(path, "urgency"), 0.0, 1.0);
        if (const Json* cost = optional(j, "unit_cost"))
            a.unitCost = number(*cost, joinPath(path, "unit_cost"), 0.0, MaxQuantity);
        return a;
    }

    NeedRule rule(const Json& j, const std::string& path) const
    {
        expectObject(j, path, { "role", "agents", "count", "probability", "need" });
        NeedRule r;
        const Json* role = optional(j, "role");
        const Json* agents = optional(j, "agents");
        if (role && agents)
            fail(path, "expected either 'role' or 'agents', not both");
        if (role) {
            r.who = NeedRule::Who::Role;
            r.role = string(*role, joinPath(path, "role"), MaxNameLength);
        } else if (agents) {
            r.who = NeedRule::Who::Agents;
            const std::string at = joinPath(path, "agents");
            const Json& list = array(*agents, at, MaxAgents);
            for (std::size_t i = 0; i < list.size(); ++i)
                r.agents.push_back(string(list[i], indexPath(at, i), MaxNameLength));
        }
        if (const Json* count = optional(j, "count"))
            r.count = static_cast<int>(integer(*count, joinPath(path, "count"), 0, static_cast<long long>(MaxAgents)));
        if (const Json* p = optional(j, "probability"))
            r.probability = number(*p, joinPath(path, "probability"), 0.0, 1.0);
        r.need = bundle(required(j, "need", path, "the bundle each picked agent needs"), joinPath(path, "need"));
        return r;
    }

    std::vector<NeedRule> rules(const Json& j, const std::string& path) const
    {
        const Json& list = array(j, path, MaxRulesPerList);
        std::vector<NeedRule> result;
        for (std::size_t i = 0; i < list.size(); ++i)
            result.push_back(rule(list[i], indexPath(path, i)));
        return result;
    }

    // A prompt template: a shipped variant's name, or a file relative to the scenario file's folder, made absolute;
    // refused here, with the template's own message, when it does not load.
    std::string promptTemplate(const std::string& given) const
    {
        std::string resolved = given;
        const bool shipped = std::any_of(
            builtinPrompts().begin(), builtinPrompts().end(), [&](const BuiltinPrompt& p) { return p.key == given; });
        if (!shipped && !given.empty()) {
            const std::filesystem::path name = given;
            resolved = std::filesystem::absolute(
                name.is_absolute() ? name : std::filesystem::path(m_file).parent_path() / name)
                           .lexically_normal()
                           .string();
        }
        try {
            PromptTemplate::load(resolved);
        } catch (const std::invalid_argument& e) {
            fail("llm.prompt", e.what());
        }
        return resolved;
    }

    // The LLM negotiators' settings; ranges are the engine's checks (validateScenario()). Strings only here.
    LanguageModelSettings languageModel(const Json& j) const
    {
        expectObject(j, "llm",
            { "base_url", "model", "api_key_env", "prompt", "fallback", "temperature", "max_tokens", "timeout",
                "retries", "json_mode" });
        LanguageModelSettings llm;
        const auto text = [&](std::string_view key, std::string& into) {
            if (const Json* v = optional(j, key))
                into = string(*v, joinPath("llm", key), 4096);
        };
        text("base_url", llm.baseUrl);
        text("model", llm.model);
        text("api_key_env", llm.apiKeyEnv);
        text("prompt", llm.prompt);
        llm.prompt = promptTemplate(llm.prompt);
        text("fallback", llm.fallback);
        if (const Json* v = optional(j, "temperature"))
            llm.temperature = number(*v, "llm.temperature", -MaxQuantity, MaxQuantity);
        if (const Json* v = optional(j, "max_tokens"))
            llm.maxTokens = static_cast<int>(integer(*v, "llm.max_tokens", -1'000'000, 1'000'000));
        if (const Json* v = optional(j, "timeout"))
            llm.timeoutSeconds = number(*v, "llm.timeout", -MaxQuantity, MaxQuantity);
        if (const Json* v = optional(j, "retries"))
            llm.retries = static_cast<int>(integer(*v, "llm.retries", -1'000'000, 1'000'000));
        if (const Json* v = optional(j, "json_mode")) {
            if (!v->is_boolean())
                fail("llm.json_mode", "expected true or false");
            llm.jsonMode = v->get<bool>();
        }
        return llm;
    }

    // A futures contract; its values' ranges are the engine's checks (validateScenario()), which name the path too.
    ContractSpec contract(const Json& j, const std::string& at) const
    {
        expectObject(j, at, { "buyer", "seller", "resource", "quantity", "unit_price", "delivery_round" });
        ContractSpec c;
        c.buyer = string(required(j, "buyer", at, "the buying agent's id"), joinPath(at, "buyer"), MaxNameLength);
        c.seller = string(required(j, "seller", at, "the selling agent's id"), joinPath(at, "seller"), MaxNameLength);
        if (const Json* r = optional(j, "resource")) {
            const std::string name = string(*r, joinPath(at, "resource"), MaxNameLength);
            bool known = false;
            for (const ResourceKind kind : { ResourceKind::Gpu, ResourceKind::Cpu, ResourceKind::Memory }) {
                if (name == resourceKindName(kind)) {
                    c.resource = kind;
                    known = true;
                }
            }
            if (!known)
                fail(joinPath(at, "resource"), "unknown resource '" + name + "' (expected one of: gpu, cpu, memory)");
        }
        c.quantity = number(
            required(j, "quantity", at, "the units delivered"), joinPath(at, "quantity"), -MaxQuantity, MaxQuantity);
        c.unitPrice = number(required(j, "unit_price", at, "the price per reference value"), joinPath(at, "unit_price"),
            -MaxQuantity, MaxQuantity);
        c.deliveryRound = static_cast<int>(integer(
            required(j, "delivery_round", at, "a round >= 1"), joinPath(at, "delivery_round"), -MaxRounds, MaxRounds));
        return c;
    }

    Scenario scenario(const Json& root) const
    {
        expectObject(root, "",
            { "format", "version", "name", "description", "presentation", "rounds", "seed", "rules", "max_turns",
                "mechanism", "settlement", "market", "analysis", "reputation", "agents", "demand", "events",
                "coalitions", "futures", "llm" });
        const std::string format = string(required(root, "format", "", "\"haggle-scenario\""), "format", MaxNameLength);
        if (format != ScenarioFormatName)
            fail("format", "expected \"haggle-scenario\", found \"" + format + "\"");
        const long long version = integer(required(root, "version", "", "1"), "version", 0, 1'000'000);
        if (version < OldestScenarioFormatVersion || version > ScenarioFormatVersion)
            fail("version",
                "unsupported version " + std::to_string(version) + " (this Haggle reads versions "
                    + std::to_string(OldestScenarioFormatVersion) + " to " + std::to_string(ScenarioFormatVersion)
                    + ")");
        Scenario s;
        if (const Json* name = optional(root, "name"))
            s.name = string(*name, "name", MaxNameLength, true);
        if (const Json* description = optional(root, "description"))
            s.description = string(*description, "description", MaxDescriptionLength, true);
        if (const Json* presentation = optional(root, "presentation")) {
            expectObject(*presentation, "presentation", { "speed", "watch" });
            if (const Json* speed = optional(*presentation, "speed"))
                s.presentation.speed = static_cast<int>(integer(*speed, "presentation.speed", 0, MaxPresentationSpeed));
            if (const Json* watch = optional(*presentation, "watch"))
                s.presentation.watch = string(*watch, "presentation.watch", MaxDescriptionLength, true);
        }
        s.rounds
            = static_cast<int>(integer(required(root, "rounds", "", "the number of rounds"), "rounds", 1, MaxRounds));
        const Json& seed = required(root, "seed", "", "a whole number >= 0");
        if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<long long>() >= 0))
            fail("seed", "expected a whole number in [0, 18446744073709551615], found " + typeName(seed));
        s.seed = seed.get<std::uint64_t>();
        // The rules set decides which catalogs the kinds below come from; a caller's override replaces the file's.
        if (const Json* rules = optional(root, "rules"))
            s.rules = string(*rules, "rules", MaxNameLength);
        if (m_rulesOverride)
            s.rules = *m_rulesOverride;
        if (!isKnownRules(s.rules))
            fail("rules", "unknown rules '" + s.rules + "' (expected one of: " + knownRulesNames() + ")");
        m_haggleRules = s.rules == HaggleRules;
        // Version 1 had the bilateral mechanism's turn limit at the top.
        if (const Json* turns = optional(root, "max_turns")) {
            if (version > 1)
                fail("max_turns", "moved to mechanism.params.max_turns in version 2");
            s.mechanism.params["max_turns"] = number(
                *turns, "max_turns", std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max());
            if (auto error = mechanismCatalog().validate(s.mechanism.type, s.mechanism.params))
                fail("max_turns", error->message);
        }
        for (const char* section : { "mechanism", "settlement" }) {
            if (version == 1 && optional(root, section))
                fail(section, "a version-2 section in a version-1 file (set \"version\": 2)");
        }
        if (const Json* m = optional(root, "mechanism"))
            s.mechanism = kind(*m, "mechanism", "type", mechanismCatalog());
        if (const Json* m = optional(root, "settlement"))
            s.settlement = kind(*m, "settlement", "type", settlementCatalog());
        if (const Json* market = optional(root, "market")) {
            expectObject(*market, "market", { "reference_prices", "load_premium", "job_value" });
            if (const Json* prices = optional(*market, "reference_prices")) {
                const ResourceBundle p = bundle(*prices, "market.reference_prices");
                s.market.referencePrices.perUnit = { p.gpu, p.cpu, p.memory };
                for (std::size_t k = 0; k < ResourceKindCount; ++k) {
                    const auto kind = static_cast<ResourceKind>(k);
                    if (!optional(*prices, resourceKindName(kind)))
                        s.market.referencePrices.perUnit[k] = 1.0;
                }
            }
            if (const Json* v = optional(*market, "load_premium"))
                s.market.loadPremium = number(*v, "market.load_premium", 0.0, 10.0);
            if (const Json* v = optional(*market, "job_value"))
                s.market.jobValue = number(*v, "market.job_value", 0.0, 100.0);
        }
        if (const Json* analysis = optional(root, "analysis")) {
            // Ranges are checked with the rest of the scenario (validateScenario()), open ends included.
            expectObject(*analysis, "analysis",
                { "buyer_discount", "seller_discount", "seller_cost", "buyer_risk", "seller_risk", "efficiency" });
            const auto read = [&](const char* key, double& into) {
                if (const Json* v = optional(*analysis, key))
                    into = number(*v, "analysis." + std::string(key), -MaxQuantity, MaxQuantity);
            };
            read("buyer_discount", s.analysis.buyerDiscount);
            read("seller_discount", s.analysis.sellerDiscount);
            read("seller_cost", s.analysis.sellerCost);
            read("buyer_risk", s.analysis.buyerRisk);
            read("seller_risk", s.analysis.sellerRisk);
            if (const Json* v = optional(*analysis, "efficiency")) {
                if (!v->is_boolean())
                    fail("analysis.efficiency", "expected true or false");
                s.analysis.efficiency = v->get<bool>();
            }
        }
        if (const Json* rep = optional(root, "reputation")) {
            if (version > 1) {
                const KindSpec model = kind(*rep, "reputation", "model", reputationCatalog(), "baseline", true);
                s.reputation.model = model.type;
                s.reputation.params = model.params;
                if (const Json* list = optional(*rep, "pretrusted")) {
                    const Json& ids = array(*list, "reputation.pretrusted", MaxAgents);
                    for (std::size_t i = 0; i < ids.size(); ++i)
                        s.reputation.pretrusted.push_back(
                            string(ids[i], indexPath("reputation.pretrusted", i), MaxNameLength));
                }
                if (const Json* gossip = optional(*rep, "gossip")) {
                    expectObject(*gossip, "reputation.gossip", { "probability", "fanout", "below" });
                    if (const Json* v = optional(*gossip, "probability"))
                        s.reputation.gossip.probability = number(*v, "reputation.gossip.probability", 0.0, 1.0);
                    if (const Json* v = optional(*gossip, "fanout"))
                        s.reputation.gossip.fanout
                            = static_cast<int>(integer(*v, "reputation.gossip.fanout", 1, MaxGossipFanout));
                    if (const Json* v = optional(*gossip, "below"))
                        s.reputation.gossip.below = number(*v, "reputation.gossip.below", 0.0, 1.0);
                }
            } else {
                // Version 1: the baseline model's constants beside its name.
                expectObject(*rep, "reputation", { "model", "initial", "reward", "penalty", "gossip_weight" });
                if (const Json* v = optional(*rep, "model"))
                    s.reputation.model = string(*v, "reputation.model", MaxNameLength);
                for (const char* key : { "initial", "reward", "penalty", "gossip_weight" }) {
                    if (const Json* v = optional(*rep, key))
                        s.reputation.params[key] = number(*v, joinPath("reputation", key), 0.0, 1.0);
                }
                if (auto error = reputationCatalog().validate(s.reputation.model, s.reputation.params))
                    fail(error->field == "type" ? "reputation.model" : "reputation." + error->field.substr(7),
                        error->message);
            }
        }
        const Json& agents = array(required(root, "agents", "", "the list of agents"), "agents", MaxAgents);
        s.agents.reserve(agents.size());
        std::unordered_set<std::string> ids;
        for (std::size_t i = 0; i < agents.size(); ++i) {
            s.agents.push_back(agent(agents[i], indexPath("agents", i)));
            // Checked here as well as in validateScenario: a huge file of copies stops at the first repeat.
            if (!ids.insert(s.agents.back().id).second)
                fail(indexPath("agents", i) + ".id",
                    "duplicate agent id '" + s.agents.back().id + "' (ids must be unique)");
        }
        if (const Json* demand = optional(root, "demand")) {
            expectObject(*demand, "demand", { "rules", "phases" });
            if (const Json* r = optional(*demand, "rules"))
                s.demand.rules = rules(*r, "demand.rules");
            if (const Json* phases = optional(*demand, "phases")) {
                const Json& list = array(*phases, "demand.phases", MaxPhases);
                for (std::size_t i = 0; i < list.size(); ++i) {
                    const std::string at = indexPath("demand.phases", i);
                    expectObject(list[i], at, { "name", "first_round", "last_round", "rules" });
                    DemandPhase p;
                    p.name = string(required(list[i], "name", at, "a phase name"), joinPath(at, "name"), MaxNameLength);
                    p.firstRound = static_cast<int>(integer(required(list[i], "first_round", at, "a round >= 1"),
                        joinPath(at, "first_round"), 1, MaxRounds));
                    p.lastRound = static_cast<int>(integer(
                        required(list[i], "last_round", at, "a round >= 1"), joinPath(at, "last_round"), 1, MaxRounds));
                    p.rules = rules(required(list[i], "rules", at, "the phase's demand rules"), joinPath(at, "rules"));
                    s.demand.phases.push_back(std::move(p));
                }
            }
        }
        if (const Json* events = optional(root, "events")) {
            const Json& list = array(*events, "events", MaxEvents);
            for (std::size_t i = 0; i < list.size(); ++i) {
                const std::string at = indexPath("events", i);
                s.events.push_back(event(list[i], at));
            }
        }
        if (const Json* c = optional(root, "coalitions")) {
            expectObject(*c, "coalitions", { "split", "cartels" });
            if (const Json* split = optional(*c, "split")) {
                const std::string name = string(*split, "coalitions.split", MaxNameLength);
                const auto rule = splitRuleFromName(name);
                if (!rule)
                    fail("coalitions.split",
                        "unknown split rule '" + name + "' (expected one of: proportional, equal, shapley)");
                s.coalitions.split = *rule;
            }
            if (const Json* cartels = optional(*c, "cartels")) {
                const Json& list = array(*cartels, "coalitions.cartels", MaxAgents);
                for (std::size_t i = 0; i < list.size(); ++i) {
                    const std::string at = indexPath("coalitions.cartels", i);
                    expectObject(list[i], at, { "members", "shares" });
                    CartelSpec cartel;
                    const std::string membersAt = joinPath(at, "members");
                    const Json& members
                        = array(required(list[i], "members", at, "the cartel's agent ids"), membersAt, MaxAgents);
                    for (std::size_t m = 0; m < members.size(); ++m)
                        cartel.members.push_back(string(members[m], indexPath(membersAt, m), MaxNameLength));
                    if (const Json* shares = optional(list[i], "shares")) {
                        const std::string sharesAt = joinPath(at, "shares");
                        const Json& values = array(*shares, sharesAt, MaxAgents);
                        for (std::size_t m = 0; m < values.size(); ++m)
                            cartel.shares.push_back(
                                number(values[m], indexPath(sharesAt, m), -MaxQuantity, MaxQuantity));
                    }
                    s.coalitions.cartels.push_back(std::move(cartel));
                }
            }
        }
        if (const Json* f = optional(root, "futures")) {
            expectObject(*f, "futures", { "contracts" });
            if (const Json* contracts = optional(*f, "contracts")) {
                const Json& list = array(*contracts, "futures.contracts", MaxAgents);
                for (std::size_t i = 0; i < list.size(); ++i)
                    s.futures.contracts.push_back(contract(list[i], indexPath("futures.contracts", i)));
            }
        }
        if (const Json* llm = optional(root, "llm"))
            s.llm = languageModel(*llm);
        // The engine's own checks: duplicate ids, unknown ids in rules, overlapping phases, ...
        const auto issues = validateScenario(s);
        if (!issues.empty()) {
            std::string message = issues.front().message;
            if (issues.size() > 1)
                message += " (and " + std::to_string(issues.size() - 1) + " more problem"
                    + (issues.size() > 2 ? "s" : "") + ")";
            fail(issues.front().path, message);
        }
        return s;
    }

private:
    const std::string& m_file;
    const std::optional<std::string>& m_rulesOverride;
    mutable bool m_haggleRules = true; // the document's rules set, once read
};

std::string lineAndColumn(std::string_view text, std::size_t byte)
{
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

} // namespace

ScenarioFileError::ScenarioFileError(std::string file, std::string path, std::string message)
    : std::runtime_error(file + ": " + (path.empty() ? std::string("(document)") : path) + ": " + message)
    , m_file(std::move(file))
    , m_path(std::move(path))
    , m_message(std::move(message))
{
}

Scenario parseScenario(std::string_view text, const std::string& file, const std::optional<std::string>& rules)
{
    if (text.size() > MaxScenarioFileBytes)
        throw ScenarioFileError(file, "",
            "file too large (" + std::to_string(text.size()) + " bytes; the limit is "
                + std::to_string(MaxScenarioFileBytes) + ")");
    Json root;
    try {
        // The callback sees every value's depth while parsing: refuse deep nesting before it costs anything.
        const Json::parser_callback_t limitDepth = [](int depth, Json::parse_event_t, Json&) {
            if (depth > MaxJsonDepth)
                throw std::length_error("nesting deeper than " + std::to_string(MaxJsonDepth) + " levels");
            return true;
        };
        root = Json::parse(text.begin(), text.end(), limitDepth);
    } catch (const Json::parse_error& e) {
        std::string what = e.what();
        // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 2: ..."; keep the
        // part after the position, which says what was expected.
        const auto colon = what.find(": ", what.find("column"));
        const std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
        throw ScenarioFileError(file, lineAndColumn(text, e.byte > 0 ? e.byte - 1 : 0), "not valid JSON: " + detail);
    } catch (const std::length_error& e) {
        throw ScenarioFileError(file, "", e.what());
    } catch (const Json::exception& e) {
        // Anything else the parser refuses (a number too large for a double, say) has no position to point at.
        std::string what = e.what();
        const auto bracket = what.find("] ");
        throw ScenarioFileError(
            file, "", "not valid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)));
    }
    return Reader(file, rules).scenario(root);
}

Scenario loadScenario(const std::filesystem::path& file, const std::optional<std::string>& rules)
{
    const std::string label = file.string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        throw ScenarioFileError(label, "", "cannot read the file: " + ec.message());
    if (size > MaxScenarioFileBytes)
        throw ScenarioFileError(label, "",
            "file too large (" + std::to_string(size) + " bytes; the limit is " + std::to_string(MaxScenarioFileBytes)
                + ")");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ScenarioFileError(label, "", "cannot open the file");
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (!in)
        throw ScenarioFileError(label, "", "cannot read the file");
    return parseScenario(text, label, rules);
}

} // namespace haggle::lab
