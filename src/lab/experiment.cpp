// The experiment base class and its run context (see experiment.h).
#include "experiment.h"

namespace haggle::lab {

void ExperimentContext::checkpoint(double fraction, std::string_view stage) const
{
    if (cancelled())
        throw ExperimentCancelled();
    if (progress)
        progress(fraction, stage);
}

Experiment::Experiment(const KindInfo& kind, const Parameters& parameters)
    : m_name(kind.name)
{
    for (const auto& p : kind.params)
        m_parameters.emplace(std::string(p.name), parameters[p.name]);
}

Experiment::~Experiment() = default;

double Experiment::parameter(std::string_view name) const
{
    const auto it = m_parameters.find(name);
    if (it == m_parameters.end())
        throw std::invalid_argument("experiment '" + m_name + "' has no parameter '" + std::string(name) + "'");
    return it->second;
}

} // namespace haggle::lab
