// Huge pages for the engine's large arrays (see hugepages.h).
#include "hugepages.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace haggle {

namespace {

constexpr std::size_t HugePage = std::size_t(2) << 20;

} // namespace

void adviseHugePages(void* p, std::size_t bytes) noexcept
{
#if defined(MADV_HUGEPAGE)
    if (bytes < 2 * HugePage)
        return;
    const auto begin = (reinterpret_cast<std::uintptr_t>(p) + HugePage - 1) & ~(HugePage - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(HugePage - 1);
    if (end > begin)
        madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

void collapseToHugePages(const void* begin, const void* end) noexcept
{
#if defined(__linux__)
    constexpr int Collapse = 25; // MADV_COLLAPSE (Linux 6.1); glibc 2.36's headers do not name it yet
    const auto first = (reinterpret_cast<std::uintptr_t>(begin) + HugePage - 1) & ~(HugePage - 1);
    const auto last = reinterpret_cast<std::uintptr_t>(end) & ~(HugePage - 1);
    if (last < first + 2 * HugePage)
        return;
    // A one-time move that leaves the range's own flags alone; an older kernel refuses it (EINVAL) and nothing
    // changes.
    madvise(reinterpret_cast<void*>(first), last - first, Collapse);
#else
    (void)begin;
    (void)end;
#endif
}

} // namespace haggle
