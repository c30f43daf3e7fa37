// Haggle's own random generator and distributions.
//
// The standard library's engines are portable but its distributions are not (libstdc++ and libc++ turn the
// same engine output into different numbers), so every random decision in the engine goes through this file.
// The generator is xoshiro256** (Blackman & Vigna, 2018), seeded by expanding a 64-bit seed with SplitMix64.
// Every distribution below is defined exactly, with integer arithmetic or a fixed 53-bit conversion, so the
// same seed gives the same stream on every compiler and machine.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace haggle {

class Rng {
public:
    explicit Rng(std::uint64_t seed = 0) noexcept;

    // Defined here, not in rng.cpp: a canvass draws sixteen times, and a call each kept the state in memory.
    std::uint64_t nextU64() noexcept
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

    // Uniform double in [0, 1): the top 53 bits of one draw, scaled by 2^-53.
    double uniform01() noexcept { return static_cast<double>(nextU64() >> 11) * 0x1.0p-53; }
    // Uniform integer in [0, bound) without modulo bias (Lemire's multiply-and-reject). bound must be > 0.
    std::uint64_t below(std::uint64_t bound) noexcept
    {
        // Lemire, "Fast Random Integer Generation in an Interval" (2019), with 128-bit products.
        U128 m = static_cast<U128>(nextU64()) * bound;
        auto low = static_cast<std::uint64_t>(m);
        if (low < bound) [[unlikely]] {
            const std::uint64_t threshold = (0 - bound) % bound;
            while (low < threshold) {
                m = static_cast<U128>(nextU64()) * bound;
                low = static_cast<std::uint64_t>(m);
            }
        }
        return static_cast<std::uint64_t>(m >> 64);
    }
    // True with probability p (p <= 0 never draws true, p >= 1 always does; one draw is consumed either way).
    bool bernoulli(double p) noexcept;
    // Index into weights, chosen with probability proportional to its weight. Weights must be >= 0 and not all
    // zero; returns weights.size() when they are.
    std::size_t weightedIndex(const std::vector<double>& weights) noexcept
    {
        return weightedIndex(weights.size(), [&weights](std::size_t i) { return weights[i]; });
    }
    // The same for n weights given by weight(i), so a caller needs no container (partner choice runs once per
    // purchase, on the hot path).
    template <typename Weight> std::size_t weightedIndex(std::size_t n, Weight weight) noexcept
    {
        double total = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            total += weight(i);
        if (!(total > 0.0))
            return n;
        double target = uniform01() * total;
        for (std::size_t i = 0; i < n; ++i) {
            const double w = weight(i);
            if (target < w)
                return i;
            target -= w;
        }
        // Rounding can leave target a hair above the last weight: the last positive weight wins.
        for (std::size_t i = n; i > 0; --i) {
            if (weight(i - 1) > 0.0)
                return i - 1;
        }
        return n;
    }

    template <typename T> void shuffle(std::vector<T>& items) noexcept
    {
        // Fisher-Yates from the back: each position draws once.
        for (std::size_t i = items.size(); i > 1; --i) {
            const auto j = static_cast<std::size_t>(below(i));
            using std::swap;
            swap(items[i - 1], items[j]);
        }
    }

    // k distinct items of pool, in draw order (a partial Fisher-Yates over a copy). k is clamped to pool.size().
    template <typename T> std::vector<T> sample(std::vector<T> pool, std::size_t k) noexcept
    {
        if (k > pool.size())
            k = pool.size();
        for (std::size_t i = 0; i < k; ++i) {
            const auto j = i + static_cast<std::size_t>(below(pool.size() - i));
            using std::swap;
            swap(pool[i], pool[j]);
        }
        pool.resize(k);
        return pool;
    }

    std::array<std::uint64_t, 4> state() const noexcept { return m_s; }
    // A generator in exactly this state (for checking the algorithm against its published reference output).
    static Rng fromState(const std::array<std::uint64_t, 4>& state) noexcept
    {
        Rng rng;
        rng.m_s = state;
        return rng;
    }

private:
    // GCC and Clang both have a 128-bit integer; __extension__ keeps -pedantic quiet about it.
    __extension__ typedef unsigned __int128 U128;
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }

    std::array<std::uint64_t, 4> m_s {};
};

// SplitMix64 step: a well-mixed 64-bit value from any input. Used for seeding.
std::uint64_t splitMix64(std::uint64_t& x) noexcept;

// The seed of trial `index` of a multi-trial run with base seed `base`. Independent of thread count and order.
std::uint64_t deriveSeed(std::uint64_t base, std::uint64_t index) noexcept;

} // namespace haggle
