// Fuzz target for the scenario reader and validator (libFuzzer; also built as a corpus replayer, see
// replay_main.cpp). Every input must either be refused with a ScenarioFileError or load; a loaded scenario must
// survive a canonical round trip unchanged, and a small one must run a few rounds. Anything else (a crash, a
// sanitizer report, another exception, a changed round trip) is a finding.
#include "marketrun.h"
#include "scenariofile.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    haggle::Scenario scenario;
    try {
        scenario = haggle::lab::parseScenario(text, "fuzz.json");
    } catch (const haggle::lab::ScenarioFileError&) {
        return 0; // refused with a message: the expected outcome for most inputs
    }
    const std::string canonical = haggle::lab::scenarioToJson(scenario);
    const haggle::Scenario again = haggle::lab::parseScenario(canonical, "canonical.json");
    if (!(again == scenario) || haggle::lab::scenarioToJson(again) != canonical)
        std::abort(); // the round trip changed the scenario
    // Small scenarios also run, under their own rules, so either engine sees whatever the reader lets through.
    const auto turns = scenario.mechanism.params.find("max_turns");
    if (scenario.agents.size() <= 64 && (turns == scenario.mechanism.params.end() || turns->second <= 50)) {
        const auto run = haggle::makeRun(scenario);
        run->run(std::min(scenario.rounds, 3));
    }
    return 0;
}
