// The prototype's data model (docs/prototype-rules.md): a bundle of owned compute, an agent's insertion-ordered
// reputation ledger, and the agent itself. Under these rules compute is owned and changes hands; a need stays until
// someone replaces it.
#pragma once

#include "protostrategy.h"

#include <algorithm>

#include <string>
#include <utility>
#include <vector>

namespace haggle::prototype {

// An agent's own reputation of its peers, in the order it first met them (the order the prototype prints them and
// gossips them in). A peer it has never rated is worth 0.5.
class Ledger {
public:
    struct Entry {
        int peer = 0;
        double value = 0.5;
    };
    static constexpr double Unknown = 0.5;
    static constexpr double FulfilledStep = 0.1;
    static constexpr double BrokenStep = -0.3;

    double of(int peer) const noexcept
    {
        for (const auto& e : m_entries) {
            if (e.peer == peer)
                return e.value;
        }
        return Unknown;
    }
    // reputation_of(peer) + delta, clamped to [0, 1]; a new peer goes to the end.
    void update(int peer, double delta) { set(peer, std::max(0.0, std::min(1.0, of(peer) + delta))); }
    // A direct write (gossip): no clamp; a new peer goes to the end.
    void set(int peer, double value)
    {
        for (auto& e : m_entries) {
            if (e.peer == peer) {
                e.value = value;
                return;
            }
        }
        if (m_entries.empty())
            m_entries.reserve(8); // one allocation for a small market's peers
        m_entries.push_back({ peer, value });
    }
    const std::vector<Entry>& entries() const noexcept { return m_entries; }
    bool empty() const noexcept { return m_entries.empty(); }

private:
    std::vector<Entry> m_entries;
};

struct Agent {
    std::string id;
    Resource resources; // owned
    double budget = 0.0;
    double urgency = 0.5; // only echoed in REQUESTs
    Resource pendingNeeds; // what it wants to buy; kept until replaced
    Strategy strategy;
    int deals = 0; // deals recorded (fulfilled or not)
    Ledger reputation;

    double netWorth() const noexcept { return budget + units(resources); }
    // record_deal(): one more deal, and the partner's reputation +0.1 if fulfilled, -0.3 if not.
    void recordDeal(int partner, bool fulfilled)
    {
        ++deals;
        reputation.update(partner, fulfilled ? Ledger::FulfilledStep : Ledger::BrokenStep);
    }
};

} // namespace haggle::prototype
