// The market's state (see marketstate.h): building the population, copying it, and the round's bookkeeping.
#include "marketstate.h"

#include "hugepages.h"
#include "llmnegotiator.h"
#include "strategyregistry.h"

#include <algorithm>
#include <functional>

namespace haggle {

namespace {

constexpr std::size_t MaxStrategyBytes = 256; // an agent's strategy objects and their heap headers, generously
constexpr double MaxDemandPressure = 2.0;

} // namespace

MarketState::MarketState(const Scenario& scenario, std::unique_ptr<ReputationModel> reputation)
    : m_market(scenario.market)
    , m_reputation(std::move(reputation))
    , m_rng(scenario.seed)
{
    // Reserved and advised before the first write: a large population's arrays start on huge pages.
    m_agents.reserve(scenario.agents.size());
    adviseHugePages(m_agents.data(), m_agents.capacity() * sizeof(Agent));
    for (const auto& spec : scenario.agents)
        m_agents.emplace_back(
            spec.id, spec.role, makeStrategy(spec.strategy), spec.holdings, spec.budget, spec.urgency);
    // The strategies were allocated one by one, usually in a row on the heap: at a million agents every negotiation
    // reaches two of them at random, and on small pages the prefetches for them are lost to TLB misses. Only when
    // their span is what a row of them would take (not spread over several heaps or other mappings).
    if (!m_agents.empty()) {
        const auto [lowest, highest] = std::minmax_element(m_agents.begin(), m_agents.end(),
            [](const Agent& a, const Agent& b) { return std::less<const Strategy*>()(&a.strategy(), &b.strategy()); });
        const auto from = reinterpret_cast<std::uintptr_t>(&lowest->strategy());
        const auto to = reinterpret_cast<std::uintptr_t>(&highest->strategy()) + MaxStrategyBytes;
        if (to - from <= m_agents.size() * MaxStrategyBytes)
            collapseToHugePages(&lowest->strategy(), reinterpret_cast<const void*>(to));
    }
    for (std::size_t i = 0; i < scenario.agents.size(); ++i) {
        if (scenario.agents[i].unitCost != 0.0) {
            m_unitCosts.resize(m_agents.size(), 0.0);
            m_unitCosts[i] = scenario.agents[i].unitCost;
        }
    }
    // LLM negotiators decide as the scenario's fallback until a model is connected (llmnegotiator.h).
    if (usesLanguageModel(scenario))
        setLanguageModel(offlineLanguageModel(scenario.llm.value_or(LanguageModelSettings {})));
    m_peers.build(m_agents);
    m_reputation->reset(m_agents.size());
    for (AgentIndex i = 0; i < m_agents.size(); ++i)
        noteStrategy(i);
    m_splitRule = scenario.coalitions.split;
    for (const CartelSpec& spec : scenario.coalitions.cartels) {
        Cartel cartel;
        for (const std::string& id : spec.members) {
            if (const auto i = scenario.indexOf(id))
                cartel.members.push_back(static_cast<AgentIndex>(*i));
        }
        cartel.shares = spec.shares;
        m_cartels.push_back(std::move(cartel));
        m_cartelOf.resize(m_agents.size(), 0);
        for (AgentIndex i : m_cartels.back().members)
            m_cartelOf[i] = static_cast<int>(m_cartels.size());
    }
    for (const ContractSpec& spec : scenario.futures.contracts) {
        const auto buyer = scenario.indexOf(spec.buyer);
        const auto seller = scenario.indexOf(spec.seller);
        if (!buyer || !seller)
            continue;
        OpeningContract c { static_cast<AgentIndex>(*buyer), static_cast<AgentIndex>(*seller), {}, spec.unitPrice,
            spec.deliveryRound };
        c.resources[spec.resource] = spec.quantity;
        m_openingContracts.push_back(c);
    }
}

void MarketState::noteStrategy(AgentIndex i)
{
    const Strategy& strategy = m_agents[i].strategy();
    if (const int ring = strategy.ring(); ring != 0 || !m_rings.empty()) {
        m_rings.resize(m_agents.size(), 0);
        m_rings[i] = ring;
    }
    const auto at = std::lower_bound(m_identityChangers.begin(), m_identityChangers.end(), i);
    const bool listed = at != m_identityChangers.end() && *at == i;
    if (strategy.changesIdentity() && !listed)
        m_identityChangers.insert(at, i);
    else if (!strategy.changesIdentity() && listed)
        m_identityChangers.erase(at);
}

void MarketState::setStrategy(AgentIndex i, std::unique_ptr<Strategy> strategy)
{
    m_agents[i].setStrategy(std::move(strategy));
    if (m_languageModel)
        m_agents[i].strategy().useLanguageModel(m_languageModel);
    m_peers.restrategize(i, m_agents[i]);
    noteStrategy(i);
    m_events.strategyChanges.push_back({ i, std::string(m_agents[i].strategy().name()) });
}

void MarketState::setLanguageModel(std::shared_ptr<LanguageModel> model)
{
    m_languageModel = std::move(model);
    for (Agent& agent : m_agents)
        agent.strategy().useLanguageModel(m_languageModel);
}

void MarketState::rejoin(AgentIndex i)
{
    m_agents[i].startIdentity(m_round);
    m_agents[i].strategy().onNewIdentity();
    m_reputation->forget(i);
    m_events.identities.push_back({ i, m_agents[i].identity() });
}

MarketState::MarketState(const MarketState& other)
    : m_market(other.m_market)
    , m_agents(other.m_agents)
    , m_reputation(other.m_reputation->clone())
    , m_rng(other.m_rng)
    , m_round(other.m_round)
    , m_lastNegotiationId(other.m_lastNegotiationId)
    , m_recordMessages(other.m_recordMessages)
    , m_historyLimit(other.m_historyLimit)
    , m_requested(other.m_requested)
    , m_offline(other.m_offline)
    , m_absent(other.m_absent)
    , m_absentNow(other.m_absentNow)
    , m_rings(other.m_rings)
    , m_unitCosts(other.m_unitCosts)
    , m_languageModel(other.m_languageModel)
    , m_identityChangers(other.m_identityChangers)
    , m_splitRule(other.m_splitRule)
    , m_cartels(other.m_cartels)
    , m_cartelOf(other.m_cartelOf)
    , m_openingContracts(other.m_openingContracts)
    , m_events(other.m_events)
{
    m_peers.build(m_agents); // pointing to this copy's strategies, not the original's
    for (AgentIndex i : m_absentNow)
        m_peers.setAbsent(i, m_agents[i], true);
}

MarketState::~MarketState() = default;

double MarketState::marketRateOf(AgentIndex seller) const noexcept
{
    const Agent& a = m_agents[seller];
    const double capacity = (a.holdings() + a.leasedIn()).value(m_market.referencePrices);
    const double pressure = capacity > 0.0 ? std::clamp(a.requestedValue() / capacity, 0.0, MaxDemandPressure) : 0.0;
    return 1.0 + m_market.loadPremium * pressure;
}

void MarketState::beginRound()
{
    ++m_round;
    m_events.clear();
    m_events.round = m_round;
}

void MarketState::replaceReputation(std::unique_ptr<ReputationModel> model)
{
    m_reputation = std::move(model);
    m_reputation->reset(m_agents.size());
}

void MarketState::setAbsent(AgentIndex i, bool absent)
{
    if (absent == this->absent(i))
        return;
    m_absent.resize(m_agents.size(), 0);
    m_absent[i] = absent ? 1 : 0;
    if (absent)
        m_absentNow.push_back(i);
    else
        std::erase(m_absentNow, i);
    m_peers.setAbsent(i, m_agents[i], absent);
}

void MarketState::takeOffline(AgentIndex i, const ResourceBundle& resources)
{
    Agent& a = m_agents[i];
    ResourceBundle offline = resources;
    const ResourceBundle available = a.available();
    for (std::size_t k = 0; k < ResourceKindCount; ++k) {
        const auto kind = static_cast<ResourceKind>(k);
        offline[kind] = std::clamp(offline[kind], 0.0, std::max(available[kind], 0.0));
    }
    if (offline.isZero())
        return;
    a.leaseOut(offline);
    m_peers.refresh(i, a);
    m_offline.push_back(i);
}

void MarketState::endRequests() noexcept
{
    for (AgentIndex i : m_offline)
        endRoundFor(i);
    m_offline.clear();
    // The sellers are scattered over the population: load a few ahead.
    constexpr std::size_t Ahead = 8;
    for (std::size_t k = 0; k < m_requested.size(); ++k) {
        if (k + Ahead < m_requested.size()) {
            prefetchAgent(m_requested[k + Ahead]);
            m_peers.prefetch(m_requested[k + Ahead]);
        }
        endRoundFor(m_requested[k]);
    }
    m_requested.clear();
}

} // namespace haggle
