// Implementation of the engine's portable random generator (see rng.h).
#include "rng.h"

namespace haggle {

namespace {
// GCC and Clang both have a 128-bit integer; __extension__ keeps -pedantic quiet about it.
__extension__ typedef unsigned __int128 U128;

constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept
{
    return (x << k) | (x >> (64 - k));
}
} // namespace

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

std::uint64_t Rng::nextU64() noexcept
{
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

double Rng::uniform01() noexcept
{
    return static_cast<double>(nextU64() >> 11) * 0x1.0p-53;
}

std::uint64_t Rng::below(std::uint64_t bound) noexcept
{
    // Lemire, "Fast Random Integer Generation in an Interval" (2019), with 128-bit products.
    U128 m = static_cast<U128>(nextU64()) * bound;
    auto low = static_cast<std::uint64_t>(m);
    if (low < bound) {
        const std::uint64_t threshold = (0 - bound) % bound;
        while (low < threshold) {
            m = static_cast<U128>(nextU64()) * bound;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

bool Rng::bernoulli(double p) noexcept
{
    const double u = uniform01();
    return u < p;
}

} // namespace haggle
