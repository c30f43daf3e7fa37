// The deal network: who has traded with whom, aggregated per pair of agents (deals, volume, value, defaults, the
// last round they traded). The desktop lab's deal graph draws it live; GraphML export writes it for Gephi,
// Cytoscape or networkx.
#pragma once

#include "events.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace haggle::lab {

struct DealEdge {
    AgentIndex a = NoAgent; // the lower index of the pair
    AgentIndex b = NoAgent; // the higher index
    int deals = 0; // agreed deals between them, either direction
    int aBought = 0; // of those, deals in which a was the buyer
    double volume = 0.0; // resource units traded
    double value = 0.0; // total price agreed
    int defaults = 0; // deals on which either side defaulted
    int lastRound = 0; // round of their latest deal
    bool operator==(const DealEdge&) const = default;
};

class DealNetwork {
public:
    void reset(std::size_t agentCount);
    void add(const DealRecord& deal);
    void add(const std::vector<DealRecord>& deals);

    std::size_t agentCount() const noexcept { return m_agents; }
    const std::vector<DealEdge>& edges() const noexcept { return m_edges; } // in order of each pair's first deal
    int lastRound() const noexcept { return m_lastRound; }
    // Per agent: deals and volume over all its edges.
    std::vector<int> dealsPerAgent() const;

private:
    std::size_t m_agents = 0;
    std::vector<DealEdge> m_edges;
    std::unordered_map<std::uint64_t, std::size_t> m_index; // (a << 32 | b) -> edge
    int m_lastRound = 0;
};

struct NetworkNode {
    std::string id;
    std::string role;
    std::string strategy;
    bool cheater = false;
    double netWorth = 0.0;
    double meanReputation = 0.5;
};

// GraphML (http://graphml.graphdrawing.org/): an undirected graph with node attributes id, role, strategy,
// cheater, net_worth, mean_reputation and edge attributes deals, volume, value, defaults, last_round. Text is
// XML-escaped.
std::string toGraphML(const DealNetwork& network, const std::vector<NetworkNode>& nodes);

} // namespace haggle::lab
