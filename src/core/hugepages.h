// Huge pages for the engine's large arrays.
//
// At a million agents a round reads a few dozen places scattered over a gigabyte or more; with 4 KiB pages nearly
// every one of them also misses the TLB, and in a virtual machine a page walk costs about as much as the access
// itself. Linux's transparent huge pages are often enabled only where a program asks for them (madvise mode), so the
// engine asks for them on the buffers that matter, before it first writes to them. Elsewhere these are no-ops.
#pragma once

#include <cstddef>

namespace haggle {

// Asks the kernel to back the 2 MiB-aligned part of [p, p + bytes) with huge pages as it is first touched. Only
// worth it, and only done, for buffers of several MiB. A hint: nothing changes if the kernel declines.
void adviseHugePages(void* p, std::size_t bytes) noexcept;

// The same for memory already written: the kernel moves the 2 MiB-aligned part of [begin, end) onto huge pages now
// (Linux 6.1 and later; elsewhere nothing happens). For objects allocated one by one, such as a population's
// strategies, whose place in the heap is only known once they exist. The caller makes sure the range holds mostly
// them: a collapse fills whole huge pages, whatever else lies in between.
void collapseToHugePages(const void* begin, const void* end) noexcept;

} // namespace haggle
