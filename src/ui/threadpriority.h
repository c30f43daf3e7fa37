// Background threads of the desktop lab yield to the GUI thread.
//
// On two cores the GUI thread shares the machine with the simulation worker, which keeps a core busy at full speed,
// and the deal graph's edge renderer. Those two run 5 nice levels below the process, so that when the GUI thread
// becomes ready it gets a core first; they still use every cycle it leaves. Linux schedules threads as tasks with
// their own nice value; elsewhere this does nothing.
#pragma once

#include <algorithm>
#include <cerrno>

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace haggle::ui {

inline constexpr int BackgroundNiceStep = 5;

// Call on the thread to lower. Relative to the thread's current nice value (capped at 19): a lab started with
// `nice` keeps its background threads below its GUI thread, never above it.
inline void yieldToTheGuiThread() noexcept
{
#if defined(__linux__)
    const auto self = static_cast<id_t>(gettid());
    errno = 0;
    const int now = getpriority(PRIO_PROCESS, self);
    if (errno == 0)
        setpriority(PRIO_PROCESS, self, std::min(now + BackgroundNiceStep, 19));
#endif
}

} // namespace haggle::ui
