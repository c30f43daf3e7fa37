// Blocks of one size in one mapping (see blockarena.h).
#include "blockarena.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace haggle {

namespace {

constexpr std::size_t PageSize = 4096;
constexpr std::size_t HugePage = std::size_t(2) << 20;
constexpr std::size_t FirstMapping = 64 * 1024;
// Memory past the live blocks is given back once there are this many bytes of it, down to one huge page past them,
// so that a table growing and shrinking across a boundary does not make the system zero the same pages again.
constexpr std::size_t GiveBackAfter = 2 * HugePage;

// A growing arena moves its pages with mremap(): no copy, and no moment with both the old and the new block in
// memory. ThreadSanitizer does not see mremap() and would keep the old range's history, so that another thread's
// later mapping at those addresses looks like a race: under it, arenas map anew and copy.
#if defined(__SANITIZE_THREAD__)
constexpr bool MoveByRemapping = false;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr bool MoveByRemapping = false;
#else
constexpr bool MoveByRemapping = true;
#endif
#else
constexpr bool MoveByRemapping = true;
#endif

std::size_t roundUp(std::size_t n, std::size_t to) noexcept
{
    return (n + to - 1) / to * to;
}

#if defined(__linux__)
// Set when the thread's spare mappings are gone (the thread is ending): an arena destroyed after that, by another
// thread-local or static object, unmaps its mapping. A plain bool, so that it can still be read then.
thread_local bool spareMappingsGone = false;

// A thread's arenas that never outgrew their first mapping leave it here for the thread's next arenas. A small
// market's run maps and unmaps a few such arenas; a sweep plays hundreds of thousands of runs, and with two threads
// busy each munmap() took the address-space lock and made the other core flush its TLB: a third of a sweep's time
// went to the kernel. A reused mapping is zeroed where it was written, so an arena starts as on a fresh mapping.
class SpareMappings {
public:
    SpareMappings() = default;
    SpareMappings(const SpareMappings&) = delete;
    SpareMappings& operator=(const SpareMappings&) = delete;
    ~SpareMappings()
    {
        spareMappingsGone = true;
        for (const Spare& s : m_spare)
            munmap(s.base, FirstMapping);
        m_spare.clear();
    }

    // A first-size mapping, zeroed, or null when there is none to reuse.
    void* take() noexcept
    {
        if (m_spare.empty())
            return nullptr;
        const Spare s = m_spare.back();
        m_spare.pop_back();
        std::memset(s.base, 0, s.written);
        return s.base;
    }
    // Keeps a first-size mapping whose first `written` bytes were written; false when enough are kept already.
    bool keep(void* base, std::size_t written) noexcept
    {
        if (m_spare.size() == Capacity)
            return false;
        m_spare.push_back({ base, written });
        return true;
    }

private:
    static constexpr std::size_t Capacity = 16;
    struct Spare {
        void* base;
        std::size_t written;
    };
    // Reserved up front, so that keep() never allocates (an arena's destructor is noexcept).
    std::vector<Spare> m_spare = [] {
        std::vector<Spare> v;
        v.reserve(Capacity);
        return v;
    }();
};

thread_local SpareMappings spareMappings;
#endif

} // namespace

BlockArena::BlockArena(std::size_t blockSize, Relocate relocate, void* context)
    : m_blockSize(blockSize)
    , m_relocate(relocate)
    , m_context(context)
{
}

BlockArena::~BlockArena()
{
    if (!m_base)
        return;
#if defined(__linux__)
    if (m_mappedBytes == FirstMapping && !spareMappingsGone && spareMappings.keep(m_base, m_residentEnd))
        return;
    munmap(m_base, m_mappedBytes);
#else
    std::free(m_base);
#endif
}

void BlockArena::reserve(std::size_t capacity)
{
    const std::size_t bytes = roundUp(std::max(capacity * m_blockSize, FirstMapping), PageSize);
    capacity = bytes / m_blockSize;
    m_owners.reserve(capacity); // first: if this throws, nothing has changed
    char* base = nullptr;
#if defined(__linux__)
    void* p = MAP_FAILED;
    if (m_base && MoveByRemapping) {
        p = mremap(m_base, m_mappedBytes, bytes, MREMAP_MAYMOVE);
    } else if (!m_base && bytes == FirstMapping && !spareMappingsGone && (p = spareMappings.take()) != nullptr) {
        // A spare first mapping of this thread's (advised when it was first made).
    } else {
        p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        // The whole mapping, once: it keeps the advice as it grows or moves (the kernel backs only its 2 MiB-aligned
        // parts with huge pages, so a small arena takes none). Advising part of it would split it, and mremap() cannot
        // grow a range that spans several mappings.
#if defined(MADV_HUGEPAGE)
        if (p != MAP_FAILED)
            madvise(p, bytes, MADV_HUGEPAGE);
#endif
        if (p != MAP_FAILED && m_base) {
            std::memcpy(p, m_base, m_used * m_blockSize);
            munmap(m_base, m_mappedBytes);
        }
    }
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    base = static_cast<char*>(p);
#else
    base = static_cast<char*>(std::realloc(m_base, bytes));
    if (!base)
        throw std::bad_alloc();
#endif
    const bool moved = m_base && base != m_base;
    m_base = base;
    m_mappedBytes = bytes;
    m_capacity = capacity;
    if (moved) {
        for (std::size_t i = 0; i < m_used; ++i)
            m_relocate(m_context, m_owners[i], m_base + i * m_blockSize);
    }
}

void BlockArena::reserveBacked(std::size_t blocks)
{
    if (blocks > m_capacity)
        reserve(blocks);
    const std::size_t end = roundUp(blocks * m_blockSize, PageSize);
    if (end <= m_residentEnd)
        return;
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    // One call backs the range (a kernel before 5.14 refuses it: the pages then fault in as they are written).
    const std::size_t from = m_residentEnd / PageSize * PageSize;
    if (madvise(m_base + from, end - from, MADV_POPULATE_WRITE) == 0)
        m_residentEnd = end;
#endif
}

void* BlockArena::allocate(std::uint32_t owner)
{
    if (m_used == m_capacity)
        reserve(std::max<std::size_t>(1, 2 * m_capacity));
    m_owners.push_back(owner); // reserved above: does not throw
    void* block = m_base + m_used * m_blockSize;
    ++m_used;
    m_residentEnd = std::max(m_residentEnd, m_used * m_blockSize);
    return block;
}

void BlockArena::release(void* block) noexcept
{
    const std::size_t slot = static_cast<std::size_t>(static_cast<char*>(block) - m_base) / m_blockSize;
    const std::size_t last = m_used - 1;
    if (slot != last) {
        std::memcpy(m_base + slot * m_blockSize, m_base + last * m_blockSize, m_blockSize);
        m_owners[slot] = m_owners[last];
        m_relocate(m_context, m_owners[slot], m_base + slot * m_blockSize);
    }
    m_owners.pop_back();
    m_used = last;
    const std::size_t live = m_used * m_blockSize;
    if (m_residentEnd > live + GiveBackAfter) {
        // Keep up to the first huge-page boundary one huge page past the live blocks; give back the rest.
        const auto base = reinterpret_cast<std::uintptr_t>(m_base);
        const std::size_t keep = roundUp(base + live + HugePage, HugePage) - base;
#if defined(__linux__)
        if (keep < m_residentEnd) {
            madvise(m_base + keep, m_residentEnd - keep, MADV_DONTNEED);
            m_residentEnd = keep;
        }
#else
        (void)keep; // nothing is given back without madvise(): the bound stays
#endif
    }
}

} // namespace haggle
