// BlockArena: blocks of one size that stay where their owners are told they are, and memory given back.
#include "blockarena.h"
#include "rng.h"

#include <QFile>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

using namespace haggle;

namespace {

// Where each owner's block is, as the arena reports it.
struct Owners {
    std::map<std::uint32_t, void*> where;
    int moves = 0;
    static void relocate(void* self, std::uint32_t owner, void* block)
    {
        auto* owners = static_cast<Owners*>(self);
        QVERIFY(owners->where.count(owner) == 1); // only live blocks move
        owners->where[owner] = block;
        ++owners->moves;
    }
};

void fill(void* block, std::size_t size, std::uint32_t owner)
{
    auto* words = static_cast<std::uint32_t*>(block);
    for (std::size_t i = 0; i < size / sizeof(std::uint32_t); ++i)
        words[i] = owner * 2654435761u + static_cast<std::uint32_t>(i);
}

bool holds(const void* block, std::size_t size, std::uint32_t owner)
{
    const auto* words = static_cast<const std::uint32_t*>(block);
    for (std::size_t i = 0; i < size / sizeof(std::uint32_t); ++i) {
        if (words[i] != owner * 2654435761u + static_cast<std::uint32_t>(i))
            return false;
    }
    return true;
}

} // namespace

class TestBlockArena : public QObject {
    Q_OBJECT

private slots:
    void blocksKeepTheirContentsWhereverTheyMove()
    {
        // Random allocations and releases over growth (the mapping may move) and compaction (the last block fills
        // each freed place): every live owner's block, where the arena last said it is, holds what was written.
        constexpr std::size_t Size = 96;
        Owners owners;
        BlockArena arena(Size, &Owners::relocate, &owners);
        Rng rng(5);
        std::uint32_t next = 0;
        for (int step = 0; step < 40000; ++step) {
            const bool add = owners.where.empty() || rng.bernoulli(step < 20000 ? 0.7 : 0.3);
            if (add) {
                const std::uint32_t owner = next++;
                owners.where[owner] = nullptr; // live before allocate(), which may move the others
                void* block = arena.allocate(owner);
                owners.where[owner] = block;
                fill(block, Size, owner);
            } else {
                auto it = owners.where.begin();
                std::advance(it, static_cast<long>(rng.below(owners.where.size())));
                void* block = it->second;
                owners.where.erase(it);
                arena.release(block);
            }
            QCOMPARE(arena.blocks(), owners.where.size());
            if (step % 1000 == 0) {
                for (const auto& [owner, block] : owners.where)
                    QVERIFY(holds(block, Size, owner));
            }
        }
        for (const auto& [owner, block] : owners.where)
            QVERIFY(holds(block, Size, owner));
        QVERIFY(owners.moves > 1000); // compaction was exercised
    }

    void anArenaLeavesNoMappingBehind()
    {
        // Blocks larger than a page and of sizes that do not divide one (a dense table of 1,000 agents is 8,000
        // bytes, a hashed one of 512 entries 6,144), grown through several moves and destroyed, over and over: the
        // process has as many mappings as before (a tail was left mapped at every growth and at the end, until the
        // arena kept its mapping's length).
#if !defined(__linux__)
        QSKIP("counts the process's mappings in /proc/self/maps");
#elif defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        QSKIP("a sanitizer's allocator maps memory of its own as the test runs");
#else
        const auto cycle = [](std::size_t size) {
            Owners owners;
            BlockArena arena(size, &Owners::relocate, &owners);
            for (std::uint32_t i = 0; i < 300; ++i) {
                owners.where[i] = nullptr;
                owners.where[i] = arena.allocate(i);
                std::memset(owners.where[i], int(i), size);
            }
        };
        const auto mappings = [] {
            QFile maps(QStringLiteral("/proc/self/maps"));
            return maps.open(QIODevice::ReadOnly) ? maps.readAll().count('\n') : -1;
        };
        const std::size_t sizes[] = { 8000, 6144, 40000, 96 };
        for (std::size_t size : sizes)
            cycle(size); // the heap's own growth first
        const auto before = mappings();
        QVERIFY(before > 0);
        for (int round = 0; round < 20; ++round) {
            for (std::size_t size : sizes)
                cycle(size);
        }
        QCOMPARE(mappings(), before);
#endif
    }

    void aSmallArenasMappingIsReusedAndStartsZeroed()
    {
        // An arena that stays in its first mapping leaves it to the thread's next arena (a sweep plays hundreds of
        // thousands of short runs): the next one gets the same memory, zeroed as a fresh mapping would be.
        constexpr std::size_t Size = 96;
        void* first = nullptr;
        {
            Owners owners;
            BlockArena arena(Size, &Owners::relocate, &owners);
            for (std::uint32_t i = 0; i < 200; ++i) {
                owners.where[i] = nullptr;
                owners.where[i] = arena.allocate(i);
                fill(owners.where[i], Size, i + 1);
            }
            first = owners.where[0];
        }
        Owners owners;
        BlockArena arena(Size, &Owners::relocate, &owners);
        for (std::uint32_t i = 0; i < 200; ++i) {
            owners.where[i] = nullptr;
            owners.where[i] = arena.allocate(i);
            const auto* bytes = static_cast<const unsigned char*>(owners.where[i]);
            QVERIFY2(std::all_of(bytes, bytes + Size, [](unsigned char b) { return b == 0; }),
                qPrintable(QStringLiteral("block %1 of a reused mapping is not zeroed").arg(i)));
        }
#if defined(__linux__)
        QCOMPARE(owners.where[0], first);
#else
        Q_UNUSED(first);
#endif
    }

    void memoryPastTheLiveBlocksIsGivenBack()
    {
        // 64 MiB of blocks, then all but a few released: the arena's end is no longer backed by memory.
        constexpr std::size_t Size = 4096;
        constexpr std::uint32_t Count = 16384;
        Owners owners;
        BlockArena arena(Size, &Owners::relocate, &owners);
        for (std::uint32_t i = 0; i < Count; ++i) {
            owners.where[i] = nullptr;
            owners.where[i] = arena.allocate(i);
            fill(owners.where[i], Size, i);
        }
        QVERIFY(arena.residentBound() >= Count * Size);
        auto* first = static_cast<char*>(owners.where.begin()->second);
        for (std::uint32_t i = Count - 1; i >= 10; --i) {
            void* block = owners.where[i];
            owners.where.erase(i);
            arena.release(block);
        }
        QCOMPARE(arena.blocks(), std::size_t(10));
        QVERIFY(arena.residentBound() <= 10 * Size + (std::size_t(4) << 20));
        for (const auto& [owner, block] : owners.where)
            QVERIFY(holds(block, Size, owner));
#if defined(__linux__)
        // Ask the system: beyond the bound, no page of the former 64 MiB is resident.
        QCOMPARE(static_cast<void*>(first), owners.where[0]); // block 0 never moved: the arena's start
        const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        const std::size_t from = (arena.residentBound() + page - 1) / page * page;
        const std::size_t length = Count * Size - from;
        std::vector<unsigned char> resident(length / page + 1);
        QCOMPARE(mincore(first + from, length, resident.data()), 0);
        for (std::size_t i = 0; i < length / page; ++i)
            QVERIFY2((resident[i] & 1) == 0, qPrintable(QStringLiteral("page %1 still resident").arg(i)));
#else
        Q_UNUSED(first);
#endif
    }
};

QTEST_APPLESS_MAIN(TestBlockArena)
#include "tst_blockarena.moc"
