// Writing scenario files in canonical form, atomically (see scenariofile.h and docs/scenario-format.md).
#include "scenariofile.h"

#include "policyfile.h"

#include "digest.h"
#include "kinds.h"
#include "prototype/protocatalog.h"
#include "statehashes.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace haggle::lab {

using Json = nlohmann::ordered_json;

namespace {

Json bundleJson(const ResourceBundle& b)
{
    return Json { { "gpu", b.gpu }, { "cpu", b.cpu }, { "memory", b.memory } };
}

Json rulesJson(const std::vector<NeedRule>& rules)
{
    Json list = Json::array();
    for (const auto& r : rules) {
        Json j = Json::object();
        if (r.who == NeedRule::Who::Role)
            j["role"] = r.role;
        else if (r.who == NeedRule::Who::Agents)
            j["agents"] = r.agents;
        if (r.count)
            j["count"] = *r.count;
        j["probability"] = r.probability;
        j["need"] = bundleJson(r.need);
        list.push_back(std::move(j));
    }
    return list;
}

// A kind's parameter values; whole-number parameters (of the kind's catalog entry) as whole numbers.
Json paramsJson(const ParameterValues& params, const KindInfo* kind)
{
    Json values = Json::object();
    for (const auto& [name, value] : params) {
        const ParameterInfo* p = kind ? kind->param(name) : nullptr;
        if (p && p->type != ParameterType::Real && value == std::floor(value) && std::abs(value) < 9e15)
            values[name] = static_cast<long long>(value);
        else
            values[name] = value;
    }
    return values;
}

// A kind's catalog entry: Haggle's, or else the prototype rules' (for whole-number parameters).
template <typename HaggleCatalog, typename PrototypeCatalog>
const KindInfo* kindInfo(const HaggleCatalog& haggle, const PrototypeCatalog& prototype, const std::string& name)
{
    const KindInfo* info = haggle.info(name);
    return info ? info : prototype.info(name);
}

Json strategyJson(const StrategySpec& spec)
{
    Json strategy = Json::object();
    strategy["type"] = spec.type;
    strategy["params"]
        = paramsJson(spec.params, kindInfo(strategyCatalog(), haggle::prototype::strategyCatalog(), spec.type));
    if (spec.trustThreshold)
        strategy["trust_threshold"] = *spec.trustThreshold;
    if (spec.policy)
        strategy["policy"] = policyJson(*spec.policy);
    return strategy;
}

} // namespace

Json eventJson(const ScenarioEvent& e)
{
    Json event = Json::object();
    event["type"] = e.type;
    event["round"] = e.round;
    if (e.lastRound)
        event["last_round"] = *e.lastRound;
    if (!e.agent.empty())
        event["agent"] = e.agent;
    if (!e.role.empty())
        event["role"] = e.role;
    if (e.type == strategyEventKind().name)
        event["strategy"] = strategyJson(e.strategy);
    if (!e.params.empty())
        event["params"] = paramsJson(e.params, eventCatalog().info(e.type));
    return event;
}

std::string scenarioToJson(const Scenario& s)
{
    Json root = Json::object();
    root["format"] = ScenarioFormatName;
    root["version"] = ScenarioFormatVersion;
    if (s.rules != HaggleRules) // Haggle's rules are the default: files of them stay as they were
        root["rules"] = s.rules;
    root["name"] = s.name;
    root["description"] = s.description;
    if (s.presentation != Presentation {}) {
        Json presentation = Json::object();
        if (s.presentation.speed)
            presentation["speed"] = *s.presentation.speed;
        if (!s.presentation.watch.empty())
            presentation["watch"] = s.presentation.watch;
        root["presentation"] = presentation;
    }
    root["rounds"] = s.rounds;
    root["seed"] = s.seed;
    const auto kindJson
        = [](const char* typeField, const std::string& type, const ParameterValues& params, const KindInfo* kind) {
              return Json { { typeField, type }, { "params", paramsJson(params, kind) } };
          };
    root["mechanism"] = kindJson("type", s.mechanism.type, s.mechanism.params,
        kindInfo(mechanismCatalog(), haggle::prototype::mechanismCatalog(), s.mechanism.type));
    root["settlement"]
        = kindJson("type", s.settlement.type, s.settlement.params, settlementCatalog().info(s.settlement.type));
    const auto& prices = s.market.referencePrices.perUnit;
    // The prototype rules have no market constants (they must keep Haggle's defaults): files of them leave it out.
    if (s.rules == HaggleRules)
        root["market"]
            = Json { { "reference_prices", { { "gpu", prices[0] }, { "cpu", prices[1] }, { "memory", prices[2] } } },
                  { "load_premium", s.market.loadPremium }, { "job_value", s.market.jobValue } };
    if (s.analysis != bargaining::Settings {}) {
        const bargaining::Settings& a = s.analysis;
        root["analysis"] = Json { { "buyer_discount", a.buyerDiscount }, { "seller_discount", a.sellerDiscount },
            { "seller_cost", a.sellerCost }, { "buyer_risk", a.buyerRisk }, { "seller_risk", a.sellerRisk } };
        if (a.efficiency)
            root["analysis"]["efficiency"] = true;
    }
    root["reputation"]
        = kindJson("model", s.reputation.model, s.reputation.params, reputationCatalog().info(s.reputation.model));
    if (!s.reputation.pretrusted.empty())
        root["reputation"]["pretrusted"] = s.reputation.pretrusted;
    if (s.reputation.gossip != GossipSettings {}) {
        const GossipSettings& g = s.reputation.gossip;
        root["reputation"]["gossip"] = Json { { "probability", g.probability }, { "fanout", g.fanout } };
        if (g.below != GossipSettings {}.below)
            root["reputation"]["gossip"]["below"] = g.below;
    }
    Json agents = Json::array();
    for (const auto& a : s.agents) {
        agents.push_back(Json { { "id", a.id }, { "role", a.role }, { "strategy", strategyJson(a.strategy) },
            { "holdings", bundleJson(a.holdings) }, { "budget", a.budget }, { "urgency", a.urgency } });
        if (a.unitCost != 0.0)
            agents.back()["unit_cost"] = a.unitCost;
    }
    root["agents"] = std::move(agents);
    Json phases = Json::array();
    for (const auto& p : s.demand.phases) {
        phases.push_back(Json { { "name", p.name }, { "first_round", p.firstRound }, { "last_round", p.lastRound },
            { "rules", rulesJson(p.rules) } });
    }
    root["demand"] = Json { { "rules", rulesJson(s.demand.rules) }, { "phases", std::move(phases) } };
    if (!s.events.empty()) {
        Json events = Json::array();
        for (const auto& e : s.events)
            events.push_back(eventJson(e));
        root["events"] = std::move(events);
    }
    if (s.coalitions != CoalitionSettings {}) {
        Json cartels = Json::array();
        for (const CartelSpec& c : s.coalitions.cartels) {
            cartels.push_back(Json { { "members", c.members } });
            if (!c.shares.empty())
                cartels.back()["shares"] = c.shares;
        }
        root["coalitions"] = Json { { "split", std::string(splitRuleName(s.coalitions.split)) } };
        if (!cartels.empty())
            root["coalitions"]["cartels"] = std::move(cartels);
    }
    if (!s.futures.contracts.empty()) {
        Json contracts = Json::array();
        for (const ContractSpec& c : s.futures.contracts)
            contracts.push_back(Json { { "buyer", c.buyer }, { "seller", c.seller },
                { "resource", std::string(resourceKindName(c.resource)) }, { "quantity", c.quantity },
                { "unit_price", c.unitPrice }, { "delivery_round", c.deliveryRound } });
        root["futures"] = Json { { "contracts", std::move(contracts) } };
    }
    if (s.llm) {
        const LanguageModelSettings& l = *s.llm;
        root["llm"] = Json { { "base_url", l.baseUrl }, { "model", l.model }, { "api_key_env", l.apiKeyEnv },
            { "prompt", l.prompt }, { "fallback", l.fallback }, { "temperature", l.temperature },
            { "max_tokens", l.maxTokens }, { "timeout", l.timeoutSeconds }, { "retries", l.retries },
            { "json_mode", l.jsonMode } };
    }
    return root.dump(2) + "\n";
}

void writeFileAtomically(const std::filesystem::path& file, std::string_view contents)
{
    const auto dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    // Appended in place: GCC 12 at -O3 warns (falsely, -Wrestrict) on "." + a string.
    std::string name = ".";
    name += file.filename().string();
    name += ".XXXXXX";
    std::string tmpl = (dir / name).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        throw std::runtime_error(file.string() + ": cannot create a temporary file in " + dir.string());
    std::size_t written = 0;
    bool ok = true;
    while (ok && written < contents.size()) {
        const auto n = ::write(fd, contents.data() + written, contents.size() - written);
        ok = n > 0;
        written += ok ? static_cast<std::size_t>(n) : 0;
    }
    ok = ok && ::fsync(fd) == 0;
    ok = (::close(fd) == 0) && ok;
    std::error_code ec;
    // mkstemp creates the file 0600; results and scenarios are ordinary documents.
    if (ok)
        std::filesystem::permissions(tmpl, std::filesystem::perms(0644), ec);
    if (!ok || std::rename(tmpl.c_str(), file.c_str()) != 0) {
        std::filesystem::remove(tmpl, ec);
        throw std::runtime_error(file.string() + ": cannot write the file");
    }
}

void saveScenario(const std::filesystem::path& file, const Scenario& scenario)
{
    writeFileAtomically(file, scenarioToJson(scenario));
}

std::string scenarioHash(const Scenario& scenario)
{
    Fnv1a digest;
    for (const char c : scenarioToJson(scenario))
        digest.add(static_cast<std::uint64_t>(static_cast<unsigned char>(c)));
    return hashText(digest.value());
}

} // namespace haggle::lab
