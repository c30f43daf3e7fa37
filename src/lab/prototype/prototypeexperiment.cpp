// What the prototype's experiments share: the seed offset and the transcript (see prototypeexperiments.h).
#include "prototypeexperiments.h"

namespace haggle::lab::prototype {

PrototypeExperiment::PrototypeExperiment(const KindInfo& kind, const Parameters& parameters)
    : Experiment(kind, parameters)
    , m_seedOffset(static_cast<std::int64_t>(parameters["seed_offset"]))
{
}

KindInfo PrototypeExperiment::kind(std::string_view name, std::string_view description)
{
    return { name, description,
        { { "seed_offset", 0, -MaxExactSeed, MaxExactSeed,
            "added to every seed the experiment uses (0: the published run)", "", ParameterType::Integer } } };
}

ExperimentResult PrototypeExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = std::string(title());
    result.rules = "prototype";
    result.parameters = { { "seed_offset", static_cast<long long>(seedOffset(context)) } };
    Transcript out;
    play(context, out, result);
    result.transcript = out.text();
    return result;
}

} // namespace haggle::lab::prototype
