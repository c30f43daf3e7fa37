// A 64-bit FNV-1a digest of values, for the state hash (Simulation::stateHash()) and the parts' own state digests.
#pragma once

#include "resources.h"

#include <bit>
#include <cstdint>
#include <string_view>

namespace haggle {

class Fnv1a {
public:
    void add(std::uint64_t v) noexcept
    {
        for (int i = 0; i < 8; ++i) {
            m_hash ^= (v >> (8 * i)) & 0xFFu;
            m_hash *= 0x100000001B3ULL;
        }
    }
    void add(double v) noexcept { add(std::bit_cast<std::uint64_t>(v)); }
    void add(const ResourceBundle& b) noexcept
    {
        add(b.gpu);
        add(b.cpu);
        add(b.memory);
    }
    // Text, byte by byte, closed by a 0xFF byte (which UTF-8 never holds), so that "ab" + "c" differs from "a" + "bc".
    void addText(std::string_view text) noexcept
    {
        for (const char c : text)
            addByte(static_cast<unsigned char>(c));
        addByte(0xFFu);
    }
    std::uint64_t value() const noexcept { return m_hash; }

private:
    void addByte(unsigned char b) noexcept
    {
        m_hash ^= b;
        m_hash *= 0x100000001B3ULL;
    }

    std::uint64_t m_hash = 0xCBF29CE484222325ULL;
};

} // namespace haggle
