// State hashes of runs and trials (see statehashes.h).
#include "statehashes.h"

#include "marketrun.h"
#include "rng.h"
#include "trialrunner.h"

#include <cstdio>
#include <memory>

namespace haggle::lab {

std::vector<std::uint64_t> stateHashes(const Scenario& scenario, std::shared_ptr<LanguageModel> languageModel)
{
    const std::unique_ptr<MarketRun> run = makeRun(scenario); // under the scenario's own rules
    if (languageModel)
        run->setLanguageModel(std::move(languageModel));
    run->setRecordMessages(false);
    run->setDealHistoryLimit(0); // not part of the state either
    std::vector<std::uint64_t> hashes;
    hashes.reserve(static_cast<std::size_t>(scenario.rounds));
    while (!run->finished()) {
        run->step();
        hashes.push_back(run->stateHash());
    }
    return hashes;
}

std::vector<TrialHashes> trialStateHashes(const Scenario& scenario, int trials, int threads)
{
    return TrialRunner(threads).run(trials, [&scenario](int i) {
        Scenario s = scenario;
        s.seed = deriveSeed(scenario.seed, static_cast<std::uint64_t>(i));
        return TrialHashes { i, s.seed, stateHashes(s) };
    });
}

std::string hashText(std::uint64_t hash)
{
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

} // namespace haggle::lab
