// Helpers the tests of the desktop lab's simulation controller share.
#pragma once

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

} // namespace haggle::ui::testing
