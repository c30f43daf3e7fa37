// The prototype rules' experiment catalog: its seven experiments, under the names `haggle-cli experiment NAME
// --rules prototype` takes (handshake, scarcity and trust are also Haggle experiments, under Haggle's rules).
#pragma once

#include "experimentcatalog.h"

namespace haggle::lab {

ExperimentCatalog& prototypeExperimentCatalog();
CatalogFamily prototypeExperimentFamily();

} // namespace haggle::lab
