// Helpers the tests of the desktop lab's simulation controller and runs share.
#pragma once

#include "run.h"
#include "simulationcontroller.h"

#include <QSignalSpy>

namespace haggle::ui::testing {

// Waits for snapshots (not polling) until the controller has completed `round` rounds; false on a timeout between
// two snapshots.
inline bool waitForRound(SimulationController& c, int round, int timeoutMs = 5000)
{
    QSignalSpy snapshots(&c, &SimulationController::snapshot);
    while (c.round() != round) {
        if (!snapshots.wait(timeoutMs))
            return false;
    }
    return true;
}

// Resets the run with the scenario and waits for its first snapshot; false on a timeout.
inline bool startOver(Run& run, const Scenario& scenario)
{
    QSignalSpy started(&run, &Run::startedOver);
    run.reset(scenario);
    return started.wait(30000);
}

// Plays `rounds` more rounds and waits for them; false on a timeout or a round count other than asked.
inline bool step(Run& run, int rounds)
{
    const int target = run.controller()->round() + rounds;
    run.controller()->step(rounds);
    return waitForRound(*run.controller(), target, 30000) && run.newestRound() == target;
}

} // namespace haggle::ui::testing
