// A hint to start loading memory that is read or written soon. It changes no result.
//
// One kind of hint, for reading: a line loaded for reading serves a write too, and on x86-64 without -march GCC
// emits the same instruction for its write hint anyway.
//
// Not GCC's __builtin_prefetch: GCC 12 treats it as having no effect at all, and deleted calls to functions that do
// nothing else (in a build without -fPIC, where such a function cannot be replaced at link time, the baseline
// reputation model's prefetch() was never called) and a hint behind a test of a vector's capacity. An asm statement
// marked volatile is never deleted; a prefetch instruction never faults, whatever the address. Clang keeps its
// builtin, and treats an asm statement as a possible memory access, so it gets the builtin.
#pragma once

namespace haggle {

inline void prefetchMemory(const void* address) noexcept
{
#if defined(__clang__)
    __builtin_prefetch(address);
#elif defined(__GNUC__) && defined(__x86_64__)
    asm volatile("prefetcht0 (%0)" : : "r"(address));
#elif defined(__GNUC__) && defined(__aarch64__)
    asm volatile("prfm pldl1keep, [%0]" : : "r"(address));
#elif defined(__GNUC__)
    __builtin_prefetch(address);
#else
    (void)address;
#endif
}

} // namespace haggle
