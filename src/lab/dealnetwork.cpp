// The deal network and its GraphML form (see dealnetwork.h).
#include "dealnetwork.h"

#include <algorithm>
#include <charconv>
#include <sstream>

namespace haggle::lab {

void DealNetwork::reset(std::size_t agentCount)
{
    m_agents = agentCount;
    m_edges.clear();
    m_index.clear();
    m_lastRound = 0;
    // Room for every pair a population can form (up to a million pairs) from the start: growing the index and the
    // edge list mid-run rehashed and moved 150,000+ pairs of a 1,000-agent market in one go, 10-17 ms of the desktop
    // lab's GUI thread. The edge list's reservation is address space until used; the index's is 8 bytes a pair.
    constexpr std::size_t MaxReservedPairs = std::size_t(1) << 20;
    const std::size_t pairs = agentCount < 2 ? 0 : std::min(agentCount * (agentCount - 1) / 2, MaxReservedPairs);
    m_edges.reserve(pairs);
    m_index.reserve(pairs);
}

void DealNetwork::add(const DealRecord& deal)
{
    const AgentIndex a = std::min(deal.buyer, deal.seller);
    const AgentIndex b = std::max(deal.buyer, deal.seller);
    const std::uint64_t key = (std::uint64_t(a) << 32) | b;
    auto [it, inserted] = m_index.try_emplace(key, m_edges.size());
    if (inserted)
        m_edges.push_back({ a, b });
    DealEdge& e = m_edges[it->second];
    ++e.deals;
    e.aBought += deal.buyer == a ? 1 : 0;
    e.volume += deal.resources.units();
    e.value += deal.price;
    e.defaults += deal.delivered && deal.paid ? 0 : 1;
    e.lastRound = std::max(e.lastRound, deal.round);
    m_lastRound = std::max(m_lastRound, deal.round);
}

void DealNetwork::add(const std::vector<DealRecord>& deals)
{
    for (const auto& d : deals)
        add(d);
}

std::vector<int> DealNetwork::dealsPerAgent() const
{
    std::vector<int> deals(m_agents, 0);
    for (const auto& e : m_edges) {
        if (e.a < m_agents)
            deals[e.a] += e.deals;
        if (e.b < m_agents)
            deals[e.b] += e.deals;
    }
    return deals;
}

namespace {

std::string xml(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        default:
            // XML 1.0 forbids most control characters even escaped; drop them.
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                out += c;
        }
    }
    return out;
}

std::string num(double v)
{
    char buffer[32];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    return std::string(buffer, r.ptr);
}

} // namespace

std::string toGraphML(const DealNetwork& network, const std::vector<NetworkNode>& nodes)
{
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
           "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    const char* nodeKeys[][3]
        = { { "role", "string", "role" }, { "strategy", "string", "strategy" }, { "cheater", "boolean", "cheater" },
              { "net_worth", "double", "net_worth" }, { "mean_reputation", "double", "mean_reputation" } };
    for (const auto& k : nodeKeys)
        out << "  <key id=\"" << k[0] << "\" for=\"node\" attr.name=\"" << k[2] << "\" attr.type=\"" << k[1]
            << "\"/>\n";
    const char* edgeKeys[][2] = { { "deals", "int" }, { "volume", "double" }, { "value", "double" },
        { "defaults", "int" }, { "last_round", "int" } };
    for (const auto& k : edgeKeys)
        out << "  <key id=\"" << k[0] << "\" for=\"edge\" attr.name=\"" << k[0] << "\" attr.type=\"" << k[1]
            << "\"/>\n";
    out << "  <graph id=\"deals\" edgedefault=\"undirected\">\n";
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const auto& n = nodes[i];
        out << "    <node id=\"" << xml(n.id) << "\">"
            << "<data key=\"role\">" << xml(n.role) << "</data>"
            << "<data key=\"strategy\">" << xml(n.strategy) << "</data>"
            << "<data key=\"cheater\">" << (n.cheater ? "true" : "false") << "</data>"
            << "<data key=\"net_worth\">" << num(n.netWorth) << "</data>"
            << "<data key=\"mean_reputation\">" << num(n.meanReputation) << "</data></node>\n";
    }
    std::size_t id = 0;
    for (const auto& e : network.edges()) {
        if (e.a >= nodes.size() || e.b >= nodes.size())
            continue;
        out << "    <edge id=\"e" << id++ << "\" source=\"" << xml(nodes[e.a].id) << "\" target=\""
            << xml(nodes[e.b].id) << "\">"
            << "<data key=\"deals\">" << e.deals << "</data>"
            << "<data key=\"volume\">" << num(e.volume) << "</data>"
            << "<data key=\"value\">" << num(e.value) << "</data>"
            << "<data key=\"defaults\">" << e.defaults << "</data>"
            << "<data key=\"last_round\">" << e.lastRound << "</data></edge>\n";
    }
    out << "  </graph>\n</graphml>\n";
    return out.str();
}

} // namespace haggle::lab
