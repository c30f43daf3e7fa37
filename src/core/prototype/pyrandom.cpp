// CPython 3.11's Mersenne Twister and the helpers the prototype calls (see pyrandom.h).
#include "pyrandom.h"

#include <bit>
#include <cmath>
#include <unordered_set>

namespace haggle::prototype {

void PyRandom::initGenrand(std::uint32_t s) noexcept
{
    m_mt[0] = s;
    for (int i = 1; i < N; ++i)
        m_mt[i] = 1812433253U * (m_mt[i - 1] ^ (m_mt[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
    m_index = N;
}

void PyRandom::initByArray(std::span<const std::uint32_t> key) noexcept
{
    initGenrand(19650218U);
    int i = 1;
    std::size_t j = 0;
    const std::size_t length = key.size();
    for (std::size_t k = std::max<std::size_t>(N, length); k > 0; --k) {
        m_mt[i] = (m_mt[i] ^ ((m_mt[i - 1] ^ (m_mt[i - 1] >> 30)) * 1664525U)) + key[j] + static_cast<std::uint32_t>(j);
        ++i;
        ++j;
        if (i >= N) {
            m_mt[0] = m_mt[N - 1];
            i = 1;
        }
        if (j >= length)
            j = 0;
    }
    for (int k = N - 1; k > 0; --k) {
        m_mt[i] = (m_mt[i] ^ ((m_mt[i - 1] ^ (m_mt[i - 1] >> 30)) * 1566083941U)) - static_cast<std::uint32_t>(i);
        ++i;
        if (i >= N) {
            m_mt[0] = m_mt[N - 1];
            i = 1;
        }
    }
    m_mt[0] = 0x80000000U;
    m_index = N;
}

void PyRandom::seed(std::uint64_t a) noexcept
{
    const std::array<std::uint32_t, 2> words { static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(a >> 32) };
    initByArray(std::span(words.data(), (a >> 32) != 0 ? 2 : 1));
}

void PyRandom::seedSigned(std::int64_t a) noexcept
{
    // |a| without overflow at INT64_MIN.
    seed(a < 0 ? 0 - static_cast<std::uint64_t>(a) : static_cast<std::uint64_t>(a));
}

void PyRandom::regenerate() noexcept
{
    for (int kk = 0; kk < N; ++kk) {
        const std::uint32_t y = (m_mt[kk] & 0x80000000U) | (m_mt[(kk + 1) % N] & 0x7fffffffU);
        m_mt[kk] = m_mt[(kk + 397) % N] ^ (y >> 1) ^ ((y & 1U) ? 0x9908b0dfU : 0U);
    }
    m_index = 0;
}

std::size_t PyRandom::below(std::size_t n) noexcept
{
    const int k = std::bit_width(n); // bit_length(n)
    if (k > 32) { // never in the prototype; CPython then draws 32-bit words from the low end up
        for (;;) {
            std::uint64_t r = 0;
            int bits = k;
            for (int shift = 0; bits > 0; shift += 32, bits -= 32) {
                std::uint64_t word = nextWord();
                if (bits < 32)
                    word >>= (32 - bits);
                r |= word << shift;
            }
            if (r < n)
                return r;
        }
    }
    std::size_t r = getrandbits(k);
    while (r >= n)
        r = getrandbits(k);
    return r;
}

void PyRandom::sample(std::size_t n, std::size_t k, std::vector<std::size_t>& out)
{
    out.clear();
    std::size_t setsize = 21;
    if (k > 5)
        setsize += static_cast<std::size_t>(
            std::pow(4.0, std::ceil(std::log(3.0 * static_cast<double>(k)) / std::log(4.0))));
    if (n <= setsize) {
        std::vector<std::size_t> pool(n);
        for (std::size_t i = 0; i < n; ++i)
            pool[i] = i;
        for (std::size_t i = 0; i < k; ++i) {
            const std::size_t j = below(n - i);
            out.push_back(pool[j]);
            pool[j] = pool[n - i - 1];
        }
        return;
    }
    std::unordered_set<std::size_t> selected;
    for (std::size_t i = 0; i < k; ++i) {
        std::size_t j = below(n);
        while (selected.contains(j))
            j = below(n);
        selected.insert(j);
        out.push_back(j);
    }
}

std::uint64_t PyRandom::digest() const noexcept
{
    std::uint64_t h = 1469598103934665603ULL;
    const auto mix = [&h](std::uint64_t v) {
        h ^= v;
        h *= 1099511628211ULL;
    };
    for (const auto w : m_mt)
        mix(w);
    mix(static_cast<std::uint64_t>(m_index));
    return h;
}

} // namespace haggle::prototype
