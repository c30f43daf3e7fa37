// Bounded buffers for unbounded runs: a sequence that only grows (one entry per round, per deal) is kept by
// decimation, so a run of a million rounds holds at most a fixed number of entries, spread evenly over it.
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace haggle::charts {

// Keeps the entries whose index (from 0, in push order) is a multiple of stride(), plus always the newest
// entry. The stride starts at 1; when the buffer would exceed cap(), every other kept entry is dropped and
// the stride doubles, so the buffer then holds about cap() / 2 entries and refills at half the rate. The
// first entry is always kept. One Decimator serves one buffer; buffers fed in lock step (same pushes, same
// cap) stay aligned.
class Decimator {
public:
    static constexpr qsizetype DefaultCap = 20'000;
    static constexpr qsizetype MinCap = 4; // room for the first, the newest and some in between

    explicit Decimator(qsizetype cap = DefaultCap);

    qsizetype cap() const { return m_cap; }
    qsizetype stride() const { return m_stride; }
    qint64 pushed() const { return m_pushed; } // entries offered since construction or clear()
    void clear(); // back to stride 1 and nothing pushed (the caller clears its buffer)

    template <typename T> void push(std::vector<T>& buffer, T entry)
    {
        // The newest entry is held at the back even when off the stride; the next push replaces it.
        if (m_hasTail)
            buffer.pop_back();
        m_hasTail = m_pushed % m_stride != 0;
        ++m_pushed;
        buffer.push_back(std::move(entry));
        if (static_cast<qsizetype>(buffer.size()) > m_cap)
            halve(buffer);
    }

private:
    template <typename T> void halve(std::vector<T>& buffer)
    {
        std::optional<T> tail;
        if (m_hasTail) {
            tail = std::move(buffer.back());
            buffer.pop_back();
        }
        const std::size_t kept = buffer.size();
        // The newest kept entry sits at an odd position when it is off the doubled stride: it becomes the tail.
        if (!tail && kept > 1 && (kept - 1) % 2 == 1)
            tail = std::move(buffer[kept - 1]);
        // Entry 0 stays where it is (a self-move would empty a std::vector member).
        std::size_t write = std::min<std::size_t>(kept, 1);
        for (std::size_t read = 2; read < kept; read += 2)
            buffer[write++] = std::move(buffer[read]);
        buffer.erase(buffer.begin() + static_cast<std::ptrdiff_t>(write), buffer.end());
        m_stride *= 2;
        m_hasTail = tail.has_value();
        if (tail)
            buffer.push_back(std::move(*tail));
    }

    qsizetype m_cap;
    qsizetype m_stride = 1;
    qint64 m_pushed = 0;
    bool m_hasTail = false;
};

} // namespace haggle::charts
