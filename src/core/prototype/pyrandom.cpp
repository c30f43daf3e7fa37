// CPython 3.11's Mersenne Twister and the helpers the prototype calls (see pyrandom.h).
#include "pyrandom.h"

#include "digest.h"

#include <bit>
#include <cmath>
#include <memory>
#include <unordered_set>

namespace haggle::prototype {

void PyRandom::initGenrand(std::uint32_t s) noexcept
{
    m_mt[0] = s;
    for (int i = 1; i < N; ++i)
        m_mt[i] = 1812433253U * (m_mt[i - 1] ^ (m_mt[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
    m_index = N;
}

const std::array<std::uint32_t, 624>& PyRandom::seedingBase() noexcept
{
    static const std::array<std::uint32_t, N> base = [] {
        PyRandom r(Unseeded {});
        r.initGenrand(19650218U);
        return r.m_mt;
    }();
    return base;
}

PyRandom::PyRandom() noexcept
    : PyRandom(Unseeded {})
{
    // seed(0) is the same for every generator: work it out once and copy it.
    static const PyRandom zero = [] {
        PyRandom r(Unseeded {});
        r.seed(0);
        return r;
    }();
    *this = zero;
}

void PyRandom::initByArray(std::span<const std::uint32_t> key) noexcept
{
    m_mt = seedingBase(); // init_genrand(19650218)
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

namespace {

// The state seed(a) leaves is a function of a alone, and a trial-heavy experiment seeds the same few hundred
// values again and again (exp4 seeds 20,700 generators from 1,000 values). Each thread keeps the states of the
// last 1,024 seeds it worked out, one slot per seed modulo 1,024 (2.5 MB), and copies a state it has instead of
// working it out again (a copy takes a tenth of the time). The state kept is the one after the first block of
// words has been generated, which every run draws.
class SeedCache {
public:
    static constexpr std::size_t Slots = 1024;
    struct Slot {
        std::uint64_t seed = 0;
        bool filled = false;
        std::array<std::uint32_t, 624> state {};
    };
    Slot& slotFor(std::uint64_t seed) noexcept { return m_slots[seed % Slots]; }

private:
    std::array<Slot, Slots> m_slots {};
};

SeedCache& seedCache()
{
    static thread_local std::unique_ptr<SeedCache> cache = std::make_unique<SeedCache>();
    return *cache;
}

} // namespace

void PyRandom::seed(std::uint64_t a) noexcept
{
    SeedCache::Slot& slot = seedCache().slotFor(a);
    if (slot.filled && slot.seed == a) {
        m_mt = slot.state;
        m_index = 0;
        return;
    }
    const std::array<std::uint32_t, 2> words { static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(a >> 32) };
    initByArray(std::span(words.data(), (a >> 32) != 0 ? 2 : 1));
    // The first draw would regenerate the block: do it now, once, and keep the result (the same words follow).
    regenerate();
    slot.seed = a;
    slot.filled = true;
    slot.state = m_mt;
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

std::size_t PyRandom::belowWide(std::size_t n) noexcept
{
    // CPython draws ceil(k / 32) words, the lowest 32 bits first, the last one cut to the bits left.
    const int k = std::bit_width(n);
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

void PyRandom::sample(std::size_t n, std::size_t k, std::vector<std::size_t>& out)
{
    out.clear();
    std::size_t setsize = 21;
    if (k > 5)
        setsize += static_cast<std::size_t>(
            std::pow(4.0, std::ceil(std::log(3.0 * static_cast<double>(k)) / std::log(4.0))));
    if (n <= setsize) {
        std::array<std::size_t, 64> small; // the prototype samples from 4 or 5: no allocation
        std::vector<std::size_t> large;
        std::size_t* pool = small.data();
        if (n > small.size()) {
            large.resize(n);
            pool = large.data();
        }
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
    Fnv1a h;
    for (const auto w : m_mt)
        h.add(static_cast<std::uint64_t>(w));
    h.add(static_cast<std::uint64_t>(m_index));
    return h.value();
}

} // namespace haggle::prototype
