// Baseline reputation model (see baselinereputation.h).
#include "baselinereputation.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <utility>

namespace haggle {

KindInfo BaselineReputation::kind()
{
    return { "baseline", "Each agent's own table: a share toward 1 per kept deal, a share of the rest lost per default",
        {
            { "initial", 0.5, 0.0, 1.0, "A stranger's reputation", "reputation" },
            { "reward", 0.1, 0.0, 1.0, "Fulfilled deal: r += reward x (1 - r)", "share" },
            { "penalty", 0.5, 0.0, 1.0, "Default: r -= penalty x r", "share" },
            { "gossip_weight", 0.3, 0.0, 1.0, "Peer report v: r += gossip_weight x (v - r)", "share" },
        } };
}

BaselineReputation::Rates BaselineReputation::ratesFrom(const Parameters& params)
{
    return { params["initial"], params["reward"], params["penalty"], params["gossip_weight"] };
}

BaselineReputation::BaselineReputation(const Rates& settings)
    : m_settings(settings)
{
    // Views are finite (a dense table marks its empty places with NaN): so must the settings be.
    for (double v : { settings.initial, settings.reward, settings.penalty, settings.gossipWeight }) {
        if (!std::isfinite(v))
            throw std::invalid_argument("reputation settings must be finite numbers");
    }
}

void BaselineReputation::reset(std::size_t agentCount)
{
    m_tables.reset(agentCount);
}

double BaselineReputation::view(AgentIndex observer, AgentIndex subject) const
{
    return m_tables.valueOr(observer, subject, m_settings.initial);
}

void BaselineReputation::views(AgentIndex observer, std::span<const AgentIndex> subjects, double* out) const
{
    m_tables.valuesOr(observer, subjects, m_settings.initial, out);
}

void BaselineReputation::prefetch(AgentIndex observer, AgentIndex subject) const noexcept
{
    m_tables.prefetch(observer, subject);
}

void BaselineReputation::prefetchTable(AgentIndex observer) const noexcept
{
    m_tables.prefetchTable(observer);
}

void BaselineReputation::prefetchUpdate(AgentIndex observer, AgentIndex subject) const noexcept
{
    m_tables.prefetchWrite(observer, subject);
}

ReputationChange BaselineReputation::update(
    AgentIndex observer, AgentIndex subject, ReputationCause cause, double reported)
{
    const auto rule = [&](double r) {
        double next = r;
        switch (cause) {
        case ReputationCause::Fulfilled:
            next = r + m_settings.reward * (1.0 - r);
            break;
        case ReputationCause::Defaulted:
            next = r - m_settings.penalty * r;
            break;
        case ReputationCause::Report:
            next = r + m_settings.gossipWeight * (reported - r);
            break;
        }
        return std::clamp(next, 0.0, 1.0);
    };
    const auto written = m_tables.write(observer, subject, m_settings.initial, rule);
    return { observer, subject, written.before, written.after, cause };
}

ReputationChange BaselineReputation::recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled)
{
    return update(observer, subject, fulfilled ? ReputationCause::Fulfilled : ReputationCause::Defaulted, 0.0);
}

ReputationChange BaselineReputation::recordReport(
    AgentIndex observer, AgentIndex subject, double reported, AgentIndex /*witness*/)
{
    if (!std::isfinite(reported))
        throw std::invalid_argument("a reported reputation must be a finite number");
    return update(observer, subject, ReputationCause::Report, reported);
}

void BaselineReputation::forget(AgentIndex subject)
{
    // Entries are never removed: a stranger's value in place of each is the same view.
    const double initial = m_settings.initial;
    for (AgentIndex observer = 0; observer < m_tables.agents(); ++observer) {
        if (observer != subject && m_tables.find(observer, subject))
            m_tables.write(observer, subject, initial, [initial](double) { return initial; });
    }
}

double BaselineReputation::meanViewOf(AgentIndex subject) const
{
    return m_tables.meanAbout(subject, m_settings.initial);
}

std::vector<std::pair<AgentIndex, double>> BaselineReputation::table(AgentIndex observer) const
{
    return m_tables.entries(observer);
}

std::uint64_t BaselineReputation::tableDigest(AgentIndex observer) const
{
    return m_tables.digest(observer);
}

std::size_t BaselineReputation::storageBytes() const noexcept
{
    return m_tables.storageBytes();
}

void BaselineReputation::pack()
{
    m_tables.pack();
}

} // namespace haggle
