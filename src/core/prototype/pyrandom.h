// Python's `random` module as the prototype used it: CPython 3.11's Mersenne Twister (MT19937), its seeding from an
// integer (init_by_array over the integer's 32-bit words), random(), getrandbits(), _randbelow(), choice() and
// sample(). Every draw consumes exactly the words CPython's would, so a run under the prototype's rules follows the
// prototype's stream word for word (docs/prototype-rules.md; the test vectors are in tests/core/tst_pyrandom.cpp).
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace haggle::prototype {

class PyRandom {
public:
    // Seeded like random.seed(0); the prototype always seeds before it draws.
    PyRandom() noexcept;
    explicit PyRandom(std::uint64_t seed) noexcept { this->seed(seed); }

    // random.seed(a) for an integer a: seed(-a) equals seed(a).
    void seed(std::uint64_t a) noexcept;
    void seedSigned(std::int64_t a) noexcept;

    // genrand_uint32(): the next 32-bit word of the stream.
    std::uint32_t nextWord() noexcept
    {
        if (m_index >= N)
            regenerate();
        std::uint32_t y = m_mt[m_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }
    // random(): a double in [0, 1) from two words (27 bits, then 26).
    double random() noexcept
    {
        const std::uint32_t a = nextWord() >> 5;
        const std::uint32_t b = nextWord() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }
    // getrandbits(k), 1 <= k <= 32: the top k bits of one word.
    std::uint32_t getrandbits(int k) noexcept { return nextWord() >> (32 - k); }
    // _randbelow(n), n >= 1: rejection sampling on bit_length(n) bits (n itself, not n - 1).
    std::size_t below(std::size_t n) noexcept
    {
        if (n > 0xffffffffULL) [[unlikely]]
            return belowWide(n);
        const int k = std::bit_width(n); // bit_length(n)
        std::size_t r = getrandbits(k);
        while (r >= n)
            r = getrandbits(k);
        return r;
    }
    // choice(seq): seq[_randbelow(len(seq))]; seq must not be empty.
    template <typename T> const T& choice(std::span<const T> seq) noexcept { return seq[below(seq.size())]; }
    // sample(range(n), k): k distinct indices in selection order, by CPython's pool or set method (k <= n).
    void sample(std::size_t n, std::size_t k, std::vector<std::size_t>& out);

    bool operator==(const PyRandom&) const = default;
    // A digest of the whole state, for state hashes.
    std::uint64_t digest() const noexcept;

private:
    struct Unseeded { };
    explicit PyRandom(Unseeded) noexcept { }
    static constexpr int N = 624;
    void initGenrand(std::uint32_t s) noexcept;
    // The state init_genrand(19650218) leaves, which every seeding starts from (worked out once).
    static const std::array<std::uint32_t, 624>& seedingBase() noexcept;
    void initByArray(std::span<const std::uint32_t> key) noexcept;
    void regenerate() noexcept;
    std::size_t belowWide(std::size_t n) noexcept; // n of more than 32 bits (never in the prototype)

    std::array<std::uint32_t, N> m_mt {};
    int m_index = N;
};

} // namespace haggle::prototype
