// Baseline reputation model (see baselinereputation.h).
#include "baselinereputation.h"

#include <algorithm>
#include <stdexcept>

namespace haggle {

BaselineReputation::BaselineReputation(const ReputationSettings& settings)
    : m_settings(settings)
{
}

void BaselineReputation::reset(std::size_t agentCount)
{
    m_tables.assign(agentCount, {});
    m_explicitSum.assign(agentCount, 0.0);
    m_explicitCount.assign(agentCount, 0);
}

double BaselineReputation::view(AgentIndex observer, AgentIndex subject) const
{
    const auto& table = m_tables.at(observer);
    const auto it = std::lower_bound(
        table.begin(), table.end(), subject, [](const Entry& e, AgentIndex s) { return e.first < s; });
    return it != table.end() && it->first == subject ? it->second : m_settings.initial;
}

ReputationChange BaselineReputation::set(AgentIndex observer, AgentIndex subject, double value, ReputationCause cause)
{
    value = std::clamp(value, 0.0, 1.0);
    auto& table = m_tables.at(observer);
    const auto it = std::lower_bound(
        table.begin(), table.end(), subject, [](const Entry& e, AgentIndex s) { return e.first < s; });
    double before = m_settings.initial;
    if (it != table.end() && it->first == subject) {
        before = it->second;
        it->second = value;
        m_explicitSum.at(subject) += value - before;
    } else {
        table.insert(it, { subject, value });
        m_explicitSum.at(subject) += value;
        ++m_explicitCount.at(subject);
    }
    return { observer, subject, before, value, cause };
}

ReputationChange BaselineReputation::recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled)
{
    const double r = view(observer, subject);
    const double next = fulfilled ? r + m_settings.reward * (1.0 - r) : r - m_settings.penalty * r;
    return set(observer, subject, next, fulfilled ? ReputationCause::Fulfilled : ReputationCause::Defaulted);
}

ReputationChange BaselineReputation::recordReport(AgentIndex observer, AgentIndex subject, double reported)
{
    const double r = view(observer, subject);
    return set(observer, subject, r + m_settings.gossipWeight * (reported - r), ReputationCause::Report);
}

double BaselineReputation::meanViewOf(AgentIndex subject) const
{
    const std::size_t others = m_tables.size() > 0 ? m_tables.size() - 1 : 0;
    if (others == 0)
        return m_settings.initial;
    const double strangers = static_cast<double>(others - m_explicitCount.at(subject));
    return (m_explicitSum.at(subject) + strangers * m_settings.initial) / static_cast<double>(others);
}

std::vector<std::pair<AgentIndex, double>> BaselineReputation::table(AgentIndex observer) const
{
    return m_tables.at(observer);
}

std::unique_ptr<ReputationModel> makeReputationModel(const ReputationSettings& settings)
{
    if (settings.model == "baseline")
        return std::make_unique<BaselineReputation>(settings);
    throw std::invalid_argument("unknown reputation model '" + settings.model + "' (expected: baseline)");
}

std::vector<std::string_view> reputationModelNames()
{
    return { "baseline" };
}

} // namespace haggle
