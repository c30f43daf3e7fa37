// The shared parts of every catalog (see catalog.h): parameter values and their checks.
#include "catalog.h"

#include <cmath>
#include <sstream>

namespace haggle {

std::string_view parameterTypeName(ParameterType type) noexcept
{
    switch (type) {
    case ParameterType::Integer:
        return "integer";
    case ParameterType::Boolean:
        return "boolean";
    case ParameterType::Real:
        break;
    }
    return "number";
}

const ParameterInfo* KindInfo::param(std::string_view paramName) const noexcept
{
    for (const auto& p : params) {
        if (p.name == paramName)
            return &p;
    }
    return nullptr;
}

Parameters::Parameters(const KindInfo& kind, const ParameterValues& given)
    : m_kind(&kind)
    , m_values(given)
{
}

double Parameters::operator[](std::string_view name) const
{
    if (const auto it = m_values.find(std::string(name)); it != m_values.end())
        return it->second;
    if (const ParameterInfo* p = m_kind->param(name))
        return p->defaultValue;
    throw std::invalid_argument("'" + std::string(m_kind->name) + "' has no parameter '" + std::string(name) + "'");
}

std::string joinNames(const std::vector<KindInfo>& kinds)
{
    // Appended piece by piece: GCC 12's link-time optimiser warns (falsely) about a temporary string built with +.
    std::string names;
    for (const auto& k : kinds) {
        if (!names.empty())
            names += ", ";
        names += k.name;
    }
    return names;
}

std::optional<SpecError> validateParameters(std::string_view family, const KindInfo& kind, const ParameterValues& given)
{
    for (const auto& [name, value] : given) {
        const ParameterInfo* param = kind.param(name);
        if (!param) {
            std::string names;
            for (const auto& p : kind.params) {
                if (!names.empty())
                    names += ", ";
                names += p.name;
            }
            return SpecError { "params." + name,
                "unknown parameter '" + name + "' for " + std::string(family) + " '" + std::string(kind.name)
                    + "' (expected: " + (names.empty() ? std::string("none") : names) + ")" };
        }
        std::ostringstream msg;
        if (!std::isfinite(value) || value < param->min || value > param->max) {
            msg << "parameter '" << name << "' must be "
                << (param->type == ParameterType::Real ? "a number" : "a whole number") << " in [" << param->min << ", "
                << param->max << "]";
            return SpecError { "params." + name, msg.str() };
        }
        if (param->type != ParameterType::Real && value != std::floor(value)) {
            msg << "parameter '" << name << "' must be "
                << (param->type == ParameterType::Boolean ? "0 or 1" : "a whole number");
            return SpecError { "params." + name, msg.str() };
        }
    }
    if (kind.check)
        return kind.check(Parameters(kind, given));
    return std::nullopt;
}

} // namespace haggle
