// Blocks of one size, kept in one contiguous mapping that is advised onto huge pages once it is large.
//
// The reputation tables of a million agents are a million small heap blocks scattered over a gigabyte: on 4 KiB
// pages every read of one is a TLB miss, which in a virtual machine costs a nested page walk. The heap cannot be put
// on huge pages for one kind of block only, and a pool that keeps freed blocks for reuse kept every outgrown table
// (tables only grow) and raised the peak by half. An arena holds the blocks of one size with no holes: a freed
// block's place is taken by the last block, whose owner is told where it went. So its memory is what its live blocks
// take, and what its end no longer holds is given back to the system.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace haggle {

class BlockArena {
public:
    // Called when a block moves (the arena grew into a new place, or the block filled a freed place): the owner
    // given to allocate() must now use `block`. The arena's contents there are the block's, unchanged.
    using Relocate = void (*)(void* context, std::uint32_t owner, void* block);

    // blockSize is a multiple of 8 (blocks are 8-byte aligned).
    BlockArena(std::size_t blockSize, Relocate relocate, void* context);
    BlockArena(const BlockArena&) = delete;
    BlockArena& operator=(const BlockArena&) = delete;
    ~BlockArena();

    // A block for `owner`, its contents unspecified. May move the other blocks (each owner is told). Throws
    // std::bad_alloc when the system has no more memory; nothing changes then.
    void* allocate(std::uint32_t owner);
    // Room for `blocks` blocks in all, its memory backed now: the allocations up to that many neither move blocks nor
    // fault pages in one at a time (in a virtual machine a fault costs microseconds: filling a copy of a large
    // population's tables took more time in faults than in copying). Throws std::bad_alloc; nothing changes then.
    void reserveBacked(std::size_t blocks);
    // Gives the block back; the last block takes its place.
    void release(void* block) noexcept;

    std::size_t blockSize() const noexcept { return m_blockSize; }
    std::size_t blocks() const noexcept { return m_used; }
    // Bytes of the mapping the system may have backed with memory (touched and not given back).
    std::size_t residentBound() const noexcept { return m_residentEnd; }

private:
    void reserve(std::size_t capacity); // throws std::bad_alloc; relocates every block if the mapping moves

    char* m_base = nullptr;
    std::size_t m_mappedBytes = 0; // the mapping's length (whole pages)
    std::size_t m_capacity = 0; // blocks the mapping holds
    std::size_t m_used = 0;
    std::size_t m_residentEnd = 0; // bytes from m_base that may be backed
    std::size_t m_blockSize;
    std::vector<std::uint32_t> m_owners; // per block in use
    Relocate m_relocate;
    void* m_context;
};

} // namespace haggle
