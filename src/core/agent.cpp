// Agent state (see agent.h).
#include "agent.h"

namespace haggle {

Agent::Agent(std::string id, std::string role, std::unique_ptr<Strategy> strategy, ResourceBundle holdings,
    double budget, double urgency)
    : m_strategy(std::move(strategy))
    , m_budget(budget)
    , m_urgency(urgency)
    , m_holdings(holdings)
    , m_id(std::move(id))
    , m_role(std::move(role))
{
}

Agent::Agent(const Agent& other)
    : m_strategy(other.m_strategy->clone())
    , m_budget(other.m_budget)
    , m_urgency(other.m_urgency)
    , m_requestedValue(other.m_requestedValue)
    , m_costBasis(other.m_costBasis)
    , m_dealCount(other.m_dealCount)
    , m_lastDealRound(other.m_lastDealRound)
    , m_holdings(other.m_holdings)
    , m_leasedIn(other.m_leasedIn)
    , m_leasedOut(other.m_leasedOut)
    , m_need(other.m_need)
    , m_history(other.m_history)
    , m_id(other.m_id)
    , m_role(other.m_role)
    , m_identity(other.m_identity)
{
}

Agent& Agent::operator=(const Agent& other)
{
    if (this != &other) {
        Agent copy(other);
        *this = std::move(copy);
    }
    return *this;
}

Agent::~Agent() = default;

} // namespace haggle
