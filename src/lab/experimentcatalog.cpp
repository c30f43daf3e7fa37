// The experiment catalog and its one registration line per built-in experiment (see experimentcatalog.h).
#include "experimentcatalog.h"

#include "cheaterkindsexperiment.h"
#include "coalitionsexperiment.h"
#include "detectionexperiment.h"
#include "futuresexperiment.h"
#include "handshakeexperiment.h"
#include "learningexperiment.h"
#include "llmexperiments.h"
#include "mechanismsexperiment.h"
#include "realcomputeexperiment.h"
#include "rubinsteinexperiment.h"
#include "scarcityexperiment.h"
#include "tacticsexperiment.h"
#include "thresholdexperiment.h"
#include "trustexperiment.h"

namespace haggle::lab {

ExperimentCatalog& experimentCatalog()
{
    static ExperimentCatalog catalog = [] {
        ExperimentCatalog c("experiment");
        registerExperiment<HandshakeExperiment>(c);
        registerExperiment<ScarcityExperiment>(c);
        registerExperiment<TrustExperiment>(c);
        registerExperiment<DetectionExperiment>(c);
        registerExperiment<ThresholdExperiment>(c);
        registerExperiment<CheaterKindsExperiment>(c);
        registerExperiment<RubinsteinExperiment>(c);
        registerExperiment<TacticsExperiment>(c);
        registerExperiment<LearningExperiment>(c);
        registerExperiment<MechanismsExperiment>(c);
        registerExperiment<RealComputeExperiment>(c);
        registerExperiment<CoalitionsExperiment>(c);
        registerExperiment<FuturesExperiment>(c);
        registerExperiment<LlmHandshakeExperiment>(c);
        registerExperiment<MixedExperiment>(c);
        return c;
    }();
    return catalog;
}

CatalogFamily experimentFamily()
{
    return { "experiment", "haggle-cli experiment NAME [--set PARAMETER=VALUE]; --trials and --seed override all parts",
        [] { return experimentCatalog().infos(); } };
}

bool measuresThisMachine(std::string_view name) noexcept
{
    return name == RealComputeExperiment::Name;
}

} // namespace haggle::lab
