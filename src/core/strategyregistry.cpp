// Strategies as a scenario names them (see strategyregistry.h).
#include "strategyregistry.h"

#include "kinds.h"
#include "reputationawarestrategy.h"

#include <cmath>
#include <stdexcept>

namespace haggle {

const KindInfo* findStrategy(std::string_view type)
{
    return strategyCatalog().info(type);
}

std::optional<SpecError> validateStrategySpec(const StrategySpec& spec)
{
    if (auto error = strategyCatalog().validate(spec.type, spec.params))
        return error;
    if (spec.trustThreshold
        && (!std::isfinite(*spec.trustThreshold) || *spec.trustThreshold < 0.0 || *spec.trustThreshold > 1.0))
        return SpecError { "trust_threshold", "trust threshold must be a number in [0, 1]" };
    if (spec.policy) {
        if (auto error = strategyCatalog().make(spec.type, spec.params)->restoreLearned(*spec.policy))
            return SpecError { "policy", *error };
    }
    return std::nullopt;
}

double strategyParameter(const StrategySpec& spec, std::string_view name)
{
    const KindInfo* info = findStrategy(spec.type);
    if (!info)
        throw std::invalid_argument("unknown strategy '" + spec.type + "'");
    return Parameters(*info, spec.params)[name];
}

std::unique_ptr<Strategy> makeStrategy(const StrategySpec& spec)
{
    if (const auto error = validateStrategySpec(spec))
        throw std::invalid_argument(error->field + ": " + error->message);
    std::unique_ptr<Strategy> strategy = strategyCatalog().make(spec.type, spec.params);
    if (spec.policy) {
        if (auto error = strategy->restoreLearned(*spec.policy))
            throw std::invalid_argument("policy: " + *error);
    }
    if (spec.trustThreshold)
        strategy = std::make_unique<ReputationAwareStrategy>(std::move(strategy), *spec.trustThreshold);
    return strategy;
}

} // namespace haggle
