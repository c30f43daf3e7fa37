// Implementation of the engine's portable random generator (see rng.h).
#include "rng.h"

namespace haggle {

std::uint64_t splitMix64(std::uint64_t& x) noexcept
{
    x += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t deriveSeed(std::uint64_t base, std::uint64_t index) noexcept
{
    std::uint64_t x = base ^ (index * 0xD1B54A32D192ED03ULL);
    splitMix64(x);
    return splitMix64(x);
}

Rng::Rng(std::uint64_t seed) noexcept
{
    std::uint64_t x = seed;
    for (auto& word : m_s)
        word = splitMix64(x);
}

bool Rng::bernoulli(double p) noexcept
{
    const double u = uniform01();
    return u < p;
}

} // namespace haggle
