// The EigenTrust reputation model (see eigentrustreputation.h).
#include "eigentrustreputation.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace haggle {

KindInfo EigenTrustReputation::kind()
{
    return { "eigentrust",
        "EigenTrust (Kamvar, Schlosser & Garcia-Molina 2003): one global trust per agent from everyone's normalised "
        "local trust, anchored to pre-trusted peers; computed at each round's end",
        {
            { "a", 0.2, 0.0, 1.0, "Pre-trust weight: t = (1 - a) C^T t + a p", "share" },
            { "epsilon", 1e-9, 1e-15, 1.0, "The power iteration stops when the L1 change of t is below this" },
            { "max_iterations", 100, 1, 10000, "The power iteration stops after this many iterations at most",
                "iterations", ParameterType::Integer },
            { "initial", 0.5, 0.0, 1.0, "The view of an agent nobody with a say (global trust > 0) has dealt with",
                "reputation" },
        },
        { PretrustedPeers } };
}

EigenTrustReputation::Settings EigenTrustReputation::settingsFrom(const Parameters& params)
{
    return { params["a"], params["epsilon"], params.integer("max_iterations"), params["initial"] };
}

EigenTrustReputation::EigenTrustReputation(const Settings& settings, std::vector<AgentIndex> pretrusted)
    : m_settings(settings)
    , m_pretrusted(std::move(pretrusted))
{
    const auto within = [](double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; };
    if (!within(settings.preTrustWeight, 0.0, 1.0))
        throw std::invalid_argument("params.a: expected a number in [0, 1]");
    if (!within(settings.epsilon, 1e-15, 1.0))
        throw std::invalid_argument("params.epsilon: expected a number in [1e-15, 1]");
    if (settings.maxIterations < 1 || settings.maxIterations > 10000)
        throw std::invalid_argument("params.max_iterations: expected a whole number in [1, 10000]");
    if (!within(settings.initial, 0.0, 1.0))
        throw std::invalid_argument("params.initial: expected a number in [0, 1]");
    std::sort(m_pretrusted.begin(), m_pretrusted.end());
    m_pretrusted.erase(std::unique(m_pretrusted.begin(), m_pretrusted.end()), m_pretrusted.end());
    if (m_pretrusted.empty())
        throw std::invalid_argument("pretrusted: EigenTrust needs at least one pre-trusted peer");
}

void EigenTrustReputation::reset(std::size_t agentCount)
{
    if (m_pretrusted.back() >= agentCount)
        throw std::out_of_range("pre-trusted peer " + std::to_string(m_pretrusted.back())
            + " is outside the population of " + std::to_string(agentCount));
    m_satisfied.reset(agentCount);
    m_unsatisfied.reset(agentCount);
    m_peers.assign(agentCount, {});
    m_localTrustChanged = false;
    m_preTrust.assign(agentCount, 0.0);
    for (const AgentIndex peer : m_pretrusted)
        m_preTrust[peer] = 1.0 / static_cast<double>(m_pretrusted.size());
    m_trust = m_preTrust;
    m_next.assign(agentCount, 0.0);
    m_known.assign(agentCount, 0);
    m_view.assign(agentCount, m_settings.initial);
    m_inStart.assign(agentCount + 1, 0);
    m_inSource.clear();
    m_inWeight.clear();
    m_idle.clear();
    m_rowTotal.assign(agentCount, 0.0);
    m_cursor.assign(agentCount, 0);
    m_iterations = 0;
}

double EigenTrustReputation::view(AgentIndex /*observer*/, AgentIndex subject) const
{
    return subject < m_view.size() ? m_view[subject] : m_settings.initial;
}

bool EigenTrustReputation::hasDealt(AgentIndex observer, AgentIndex subject) const
{
    return m_satisfied.valueOr(observer, subject, 0.0) + m_unsatisfied.valueOr(observer, subject, 0.0) > 0.0;
}

ReputationChange EigenTrustReputation::recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled)
{
    // Both counts are written, so that both tables hold the same pairs; the first write checks both agents.
    const double kept = fulfilled ? 1.0 : 0.0;
    const auto sat = m_satisfied.write(observer, subject, 0.0, [kept](double n) { return n + kept; });
    m_unsatisfied.write(observer, subject, 0.0, [kept](double n) { return n + (1.0 - kept); });
    if (sat.inserted)
        m_peers[observer].push_back(subject);
    m_localTrustChanged = true;
    // Views change at the round's end.
    const double now = m_view[subject];
    return { observer, subject, now, now, fulfilled ? ReputationCause::Fulfilled : ReputationCause::Defaulted };
}

ReputationChange EigenTrustReputation::recordReport(
    AgentIndex observer, AgentIndex subject, double reported, AgentIndex /*witness*/)
{
    // EigenTrust aggregates every agent's local trust already: a report adds nothing to it.
    if (!std::isfinite(reported))
        throw std::invalid_argument("a reported reputation must be a finite number");
    const double now = view(observer, subject);
    return { observer, subject, now, now, ReputationCause::Report };
}

void EigenTrustReputation::forget(AgentIndex subject)
{
    // Every other agent's deals with the subject are struck from its local trust (entries are never removed: counts
    // of 0 are the same as none); the subject's own local trust in others stays.
    for (AgentIndex observer = 0; observer < m_satisfied.agents(); ++observer) {
        if (observer == subject || !m_satisfied.find(observer, subject))
            continue;
        m_satisfied.write(observer, subject, 0.0, [](double) { return 0.0; });
        m_unsatisfied.write(observer, subject, 0.0, [](double) { return 0.0; });
        m_localTrustChanged = true;
    }
    if (subject < m_view.size()) {
        m_known[subject] = 0;
        m_view[subject] = m_settings.initial;
    }
}

bool EigenTrustReputation::endRound(int /*round*/)
{
    if (!m_localTrustChanged)
        return false;
    computeGlobalTrust();
    m_localTrustChanged = false;
    return true;
}

void EigenTrustReputation::computeGlobalTrust()
{
    const std::size_t n = m_trust.size();

    // C: c_ij = max(s_ij, 0) / sum_k max(s_ik, 0), stored transposed (by target j, observers ascending). Observers
    // without positive local trust are idle: their row is p, added below.
    m_localTrust.clear();
    m_idle.clear();
    std::fill(m_inStart.begin(), m_inStart.end(), 0);
    for (AgentIndex i = 0; i < n; ++i) {
        double total = 0.0; // a sum of whole numbers: the same in any order
        for (const AgentIndex j : m_peers[i]) {
            const double s
                = j != i ? std::max(m_satisfied.valueOr(i, j, 0.0) - m_unsatisfied.valueOr(i, j, 0.0), 0.0) : 0.0;
            m_localTrust.push_back(s);
            total += s;
            if (s > 0.0)
                ++m_inStart[j + 1];
        }
        m_rowTotal[i] = total;
        if (total <= 0.0)
            m_idle.push_back(i);
    }
    for (std::size_t j = 0; j < n; ++j)
        m_inStart[j + 1] += m_inStart[j];
    std::copy(m_inStart.begin(), m_inStart.end() - 1, m_cursor.begin());
    m_inSource.resize(m_inStart[n]);
    m_inWeight.resize(m_inStart[n]);
    std::size_t entry = 0;
    for (AgentIndex i = 0; i < n; ++i) {
        for (const AgentIndex j : m_peers[i]) {
            const double s = m_localTrust[entry++];
            if (s > 0.0) {
                const std::size_t at = m_cursor[j]++;
                m_inSource[at] = i;
                m_inWeight[at] = s / m_rowTotal[i];
            }
        }
    }

    // t(0) = p; t(k+1) = (1 - a) C^T t(k) + a p. Each t(k+1)_j sums its terms in the order of the observers i.
    const double a = m_settings.preTrustWeight;
    std::copy(m_preTrust.begin(), m_preTrust.end(), m_trust.begin());
    m_iterations = 0;
    while (m_iterations < m_settings.maxIterations) {
        double idle = 0.0; // trust held by idle observers, whose row of C is p
        for (const AgentIndex i : m_idle)
            idle += m_trust[i];
        double change = 0.0;
        for (std::size_t j = 0; j < n; ++j) {
            double sum = 0.0;
            for (std::size_t e = m_inStart[j]; e < m_inStart[j + 1]; ++e)
                sum += m_trust[m_inSource[e]] * m_inWeight[e];
            const double next = (1.0 - a) * (sum + idle * m_preTrust[j]) + a * m_preTrust[j];
            change += std::abs(next - m_trust[j]);
            m_next[j] = next;
        }
        m_trust.swap(m_next);
        ++m_iterations;
        if (change < m_settings.epsilon)
            break;
    }

    // The views: an agent is rated by its share once someone with a say (t_i > 0) has dealt with it.
    std::fill(m_known.begin(), m_known.end(), 0);
    for (AgentIndex i = 0; i < n; ++i) {
        if (m_trust[i] <= 0.0)
            continue;
        for (const AgentIndex j : m_peers[i]) {
            if (j != i && hasDealt(i, j))
                m_known[j] = 1;
        }
    }
    const double agents = static_cast<double>(n);
    for (std::size_t j = 0; j < n; ++j)
        m_view[j] = m_known[j] ? std::min(1.0, agents * m_trust[j] / 2.0) : m_settings.initial;
}

double EigenTrustReputation::meanViewOf(AgentIndex subject) const
{
    // Every other agent's view is the one global view.
    return m_view.size() > 1 ? m_view.at(subject) : m_settings.initial;
}

std::vector<std::pair<AgentIndex, double>> EigenTrustReputation::table(AgentIndex observer) const
{
    std::vector<std::pair<AgentIndex, double>> entries;
    for (const AgentIndex j : m_peers.at(observer)) {
        if (hasDealt(observer, j))
            entries.emplace_back(j, m_view[j]);
    }
    std::sort(entries.begin(), entries.end());
    return entries;
}

std::uint64_t EigenTrustReputation::tableDigest(AgentIndex observer) const
{
    // table()'s digest (reputation.h) without the copy, with the counts behind it mixed in (equal views over unequal
    // counts have different futures).
    std::uint64_t digest = 0;
    for (const AgentIndex j : m_peers.at(observer)) {
        if (hasDealt(observer, j))
            digest += 1 + reputationEntryDigest(j, m_view[j]);
    }
    return digest + std::rotl(m_satisfied.digest(observer), 21) * 3 + std::rotl(m_unsatisfied.digest(observer), 42) * 5;
}

std::size_t EigenTrustReputation::storageBytes() const noexcept
{
    return m_satisfied.storageBytes() + m_unsatisfied.storageBytes();
}

void EigenTrustReputation::pack()
{
    m_satisfied.pack();
    m_unsatisfied.pack();
}

} // namespace haggle
