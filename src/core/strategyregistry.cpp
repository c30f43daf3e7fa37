// The strategy catalogue and factory (see strategyregistry.h).
#include "strategyregistry.h"

#include "adaptivestrategy.h"
#include "brokerstrategy.h"
#include "cheaterstrategy.h"
#include "fairstrategy.h"
#include "greedystrategy.h"
#include "patientstrategy.h"
#include "reputationawarestrategy.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace haggle {

const std::vector<StrategyInfo>& strategyCatalog()
{
    static const std::vector<StrategyInfo> catalog {
        { "greedy", "Lowballs as a buyer, demands a premium as a seller; accepts only prices far in its favour",
            { { "greed_factor", 0.7, 0.0, 0.95, "How far from the market rate it opens (0 = at the rate)" } } },
        { "fair", "Targets the market rate; on disagreement splits the difference",
            { { "fairness_tolerance", 0.15, 0.0, 0.9, "Accepted distance from the market rate, as a fraction" } } },
        { "patient", "Waits for bargains, sells at a premium, grows less patient over time",
            { { "patience", 0.8, 0.0, 0.95, "Premium it asks (and discount it bids) when fully patient" },
                { "impatience", 0.02, 0.0, 1.0, "Share of its patience lost per round without a deal" } } },
        { "adaptive", "Keeps a price belief and moves it toward the price of each completed deal",
            { { "learning_rate", 0.2, 0.0, 1.0, "Step toward each deal's unit price" },
                { "initial_belief", 1.0, 0.01, 100.0, "Unit price it believes in at the start" },
                { "tolerance", 0.15, 0.0, 0.9, "Gap to its own next counter it accepts" },
                { "limit", 0.25, 0.0, 0.9, "Never pays above (sells below) the market rate by more than this" } } },
        { "broker", "Middleman: buys from providers and resells to seekers, keeping a commission",
            { { "commission_rate", 0.1, 0.0, 1.0, "Mark-up on its cost when reselling" } } },
        { "cheater", "Looks fair, then defaults on agreed deals with some probability",
            { { "cheat_probability", 1.0, 0.0, 1.0, "Probability of defaulting on each agreed deal" } } },
    };
    return catalog;
}

const StrategyInfo* findStrategy(std::string_view type)
{
    for (const auto& info : strategyCatalog()) {
        if (info.type == type)
            return &info;
    }
    return nullptr;
}

std::optional<SpecError> validateStrategySpec(const StrategySpec& spec)
{
    const StrategyInfo* info = findStrategy(spec.type);
    if (!info) {
        std::ostringstream names;
        for (const auto& known : strategyCatalog())
            names << (names.tellp() > 0 ? ", " : "") << known.type;
        return SpecError { "type", "unknown strategy '" + spec.type + "' (expected one of: " + names.str() + ")" };
    }
    for (const auto& [name, value] : spec.params) {
        const ParameterInfo* param = nullptr;
        for (const auto& p : info->params) {
            if (p.name == name)
                param = &p;
        }
        if (!param) {
            std::ostringstream names;
            for (const auto& p : info->params)
                names << (names.tellp() > 0 ? ", " : "") << p.name;
            return SpecError { "params." + name,
                "unknown parameter '" + name + "' for strategy '" + spec.type + "' (expected: " + names.str() + ")" };
        }
        if (!std::isfinite(value) || value < param->min || value > param->max) {
            std::ostringstream msg;
            msg << "parameter '" << name << "' must be a number in [" << param->min << ", " << param->max << "]";
            return SpecError { "params." + name, msg.str() };
        }
    }
    if (spec.trustThreshold
        && (!std::isfinite(*spec.trustThreshold) || *spec.trustThreshold < 0.0 || *spec.trustThreshold > 1.0))
        return SpecError { "trust_threshold", "trust threshold must be a number in [0, 1]" };
    return std::nullopt;
}

double strategyParameter(const StrategySpec& spec, std::string_view name)
{
    if (const auto it = spec.params.find(std::string(name)); it != spec.params.end())
        return it->second;
    if (const StrategyInfo* info = findStrategy(spec.type)) {
        for (const auto& p : info->params) {
            if (p.name == name)
                return p.defaultValue;
        }
    }
    throw std::invalid_argument("strategy '" + spec.type + "' has no parameter '" + std::string(name) + "'");
}

std::unique_ptr<Strategy> makeStrategy(const StrategySpec& spec)
{
    if (const auto error = validateStrategySpec(spec))
        throw std::invalid_argument(error->field + ": " + error->message);
    const auto param = [&spec](std::string_view name) { return strategyParameter(spec, name); };
    std::unique_ptr<Strategy> strategy;
    if (spec.type == "greedy")
        strategy = std::make_unique<GreedyStrategy>(param("greed_factor"));
    else if (spec.type == "fair")
        strategy = std::make_unique<FairStrategy>(param("fairness_tolerance"));
    else if (spec.type == "patient")
        strategy = std::make_unique<PatientStrategy>(param("patience"), param("impatience"));
    else if (spec.type == "adaptive")
        strategy = std::make_unique<AdaptiveStrategy>(
            param("learning_rate"), param("initial_belief"), param("tolerance"), param("limit"));
    else if (spec.type == "broker")
        strategy = std::make_unique<BrokerStrategy>(param("commission_rate"));
    else
        strategy = std::make_unique<CheaterStrategy>(param("cheat_probability"));
    if (spec.trustThreshold)
        strategy = std::make_unique<ReputationAwareStrategy>(std::move(strategy), *spec.trustThreshold);
    return strategy;
}

} // namespace haggle
