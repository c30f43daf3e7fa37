// A fence that lets ThreadSanitizer see what Qt's event queue already guarantees: a queued call runs after
// everything its sender did before posting it. Debian's Qt is not built with TSan, and QMutex (which guards the
// event queue) waits on futexes TSan cannot see, so without this every value handed over in a queued call (a
// Scenario to the worker, a snapshot back to the GUI) is reported as a race. Under TSan the sender holds a
// std::mutex while it posts and the receiver takes it once before reading; in every other build both are no-ops.
#pragma once

#include <mutex>

#if defined(__SANITIZE_THREAD__)
#define HAGGLE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define HAGGLE_TSAN 1
#endif
#endif

namespace haggle::ui {

class HandoffFence {
public:
#ifdef HAGGLE_TSAN
    // Hold the result while posting: the lock is released only once the call is queued.
    [[nodiscard]] std::unique_lock<std::mutex> posting()
    {
        return std::unique_lock(m_mutex);
    }
    // First thing in the receiving thread.
    void received()
    {
        std::lock_guard lock(m_mutex);
    }

private:
    std::mutex m_mutex;
#else
    struct Nothing { };
    Nothing posting() noexcept
    {
        return {};
    }
    void received() noexcept { }
#endif
};

} // namespace haggle::ui
