// The prototype rules' experiment catalog (see prototypecatalog.h).
#include "prototypecatalog.h"

#include "prototypeexperiments.h"

namespace haggle::lab {

ExperimentCatalog& prototypeExperimentCatalog()
{
    static ExperimentCatalog catalog = [] {
        ExperimentCatalog c("prototype experiment");
        registerExperiment<prototype::HandshakeExperiment>(c);
        registerExperiment<prototype::ScarcityExperiment>(c);
        registerExperiment<prototype::TrustExperiment>(c);
        registerExperiment<prototype::RigorExperiment>(c);
        registerExperiment<prototype::LlmExperiment>(c);
        registerExperiment<prototype::CheaterAnalysisExperiment>(c);
        registerExperiment<prototype::FuturesExperiment>(c);
        return c;
    }();
    return catalog;
}

CatalogFamily prototypeExperimentFamily()
{
    return { "prototype-experiment",
        "haggle-cli experiment NAME --rules prototype [--seed-offset K]: the prototype's experiments, its printout "
        "line for line",
        [] { return prototypeExperimentCatalog().infos(); } };
}

} // namespace haggle::lab
