// A hint to start loading memory that is read or written soon. It changes no result.
//
// Not __builtin_prefetch: GCC 12 drops that from the compiled code of some functions (late in code generation, and
// differently with other build flags: the baseline reputation model's hints were there in the release library and
// gone in a build of the same sources without -fPIC; intel/ScalableVectorSearch#361 reports the same). An asm
// statement marked volatile is never dropped. It does not touch memory as far as the compiler is concerned, so it
// costs no optimisation around it; a prefetch never faults, whatever the address.
#pragma once

namespace haggle {

inline void prefetchMemory(const void* address) noexcept
{
#if defined(__GNUC__) && defined(__x86_64__)
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
