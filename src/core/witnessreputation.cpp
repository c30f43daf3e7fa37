// The witness reputation model (see witnessreputation.h).
#include "witnessreputation.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

namespace haggle {

KindInfo WitnessReputation::kind()
{
    return { "witness",
        "FIRE-style (Huynh, Jennings & Shadbolt 2006): own outcomes and witnesses' reports, each report weighted by "
        "trust in its witness, in one weighted mean",
        {
            { "initial", 0.5, 0.0, 1.0, "A stranger's view, and the rating of the prior", "reputation" },
            { "prior_weight", 1.0, 0.01, 100.0,
                "k: view = (k x initial + Dv + beta x Wv) / (k + Dn + beta x Wn); the prior's worth in ratings",
                "ratings" },
            { "witness_weight", 0.5, 0.0, 10.0,
                "beta: a fully trusted witness's report against one own outcome (0: reports ignored)", "ratings" },
            { "decay", 0.95, 0.0, 1.0, "Each new rating of a component multiplies its earlier ones by this (1: none)",
                "share" },
        } };
}

WitnessReputation::Settings WitnessReputation::settingsFrom(const Parameters& params)
{
    return { params["initial"], params["prior_weight"], params["witness_weight"], params["decay"] };
}

WitnessReputation::WitnessReputation(const Settings& settings)
    : m_settings(settings)
{
    const auto within = [](double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; };
    if (!within(settings.initial, 0.0, 1.0))
        throw std::invalid_argument("params.initial: expected a number in [0, 1]");
    if (!within(settings.priorWeight, 0.01, 100.0))
        throw std::invalid_argument("params.prior_weight: expected a number in [0.01, 100]");
    if (!within(settings.witnessWeight, 0.0, 10.0))
        throw std::invalid_argument("params.witness_weight: expected a number in [0, 10]");
    if (!within(settings.decay, 0.0, 1.0))
        throw std::invalid_argument("params.decay: expected a number in [0, 1]");
}

double WitnessReputation::combined(double dv, double dn, double wv, double wn) const noexcept
{
    const double k = m_settings.priorWeight;
    const double beta = m_settings.witnessWeight;
    return (k * m_settings.initial + dv + beta * wv) / (k + dn + beta * wn);
}

void WitnessReputation::reset(std::size_t agentCount)
{
    for (ReputationTables* t : { &m_directSum, &m_directCount, &m_witnessSum, &m_witnessWeight, &m_view })
        t->reset(agentCount);
}

double WitnessReputation::view(AgentIndex observer, AgentIndex subject) const
{
    return m_view.valueOr(observer, subject, m_settings.initial);
}

void WitnessReputation::views(AgentIndex observer, std::span<const AgentIndex> subjects, double* out) const
{
    m_view.valuesOr(observer, subjects, m_settings.initial, out);
}

double WitnessReputation::directView(AgentIndex observer, AgentIndex witness) const
{
    const double* count = witness == NoAgent ? nullptr : m_directCount.find(observer, witness);
    if (!count)
        return m_settings.initial;
    const double k = m_settings.priorWeight;
    return (k * m_settings.initial + m_directSum.valueOr(observer, witness, 0.0)) / (k + *count);
}

void WitnessReputation::prefetch(AgentIndex observer, AgentIndex subject) const noexcept
{
    m_view.prefetch(observer, subject);
}

void WitnessReputation::prefetchTable(AgentIndex observer) const noexcept
{
    m_view.prefetchTable(observer);
}

void WitnessReputation::prefetchUpdate(AgentIndex observer, AgentIndex subject) const noexcept
{
    m_directSum.prefetchWrite(observer, subject);
    m_directCount.prefetchWrite(observer, subject);
    m_view.prefetchWrite(observer, subject);
}

ReputationChange WitnessReputation::rate(AgentIndex observer, AgentIndex subject, ReputationCause cause)
{
    const double view
        = combined(m_directSum.valueOr(observer, subject, 0.0), m_directCount.valueOr(observer, subject, 0.0),
            m_witnessSum.valueOr(observer, subject, 0.0), m_witnessWeight.valueOr(observer, subject, 0.0));
    const auto rated = m_view.write(observer, subject, m_settings.initial, [view](double) { return view; });
    return { observer, subject, rated.before, rated.after, cause };
}

ReputationChange WitnessReputation::recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled)
{
    const double decay = m_settings.decay;
    const double outcome = fulfilled ? 1.0 : 0.0;
    m_directSum.write(observer, subject, 0.0, [&](double dv) { return decay * dv + outcome; });
    m_directCount.write(observer, subject, 0.0, [&](double dn) { return decay * dn + 1.0; });
    return rate(observer, subject, fulfilled ? ReputationCause::Fulfilled : ReputationCause::Defaulted);
}

ReputationChange WitnessReputation::recordReport(
    AgentIndex observer, AgentIndex subject, double reported, AgentIndex witness)
{
    if (!std::isfinite(reported))
        throw std::invalid_argument("a reported reputation must be a finite number");
    const double v = std::clamp(reported, 0.0, 1.0);
    const double tau = directView(observer, witness); // throws for an observer outside the population
    const double decay = m_settings.decay;
    m_witnessSum.write(observer, subject, 0.0, [&](double wv) { return decay * wv + tau * v; });
    m_witnessWeight.write(observer, subject, 0.0, [&](double wn) { return decay * wn + tau; });
    return rate(observer, subject, ReputationCause::Report);
}

void WitnessReputation::forget(AgentIndex subject)
{
    // Entries are never removed: empty sums and a stranger's view in place of each is the same view.
    const double initial = m_settings.initial;
    const auto clear = [subject](ReputationTables& sums, AgentIndex observer) {
        if (sums.find(observer, subject))
            sums.write(observer, subject, 0.0, [](double) { return 0.0; });
    };
    for (AgentIndex observer = 0; observer < m_view.agents(); ++observer) {
        if (observer == subject || !m_view.find(observer, subject))
            continue;
        for (ReputationTables* sums : { &m_directSum, &m_directCount, &m_witnessSum, &m_witnessWeight })
            clear(*sums, observer);
        m_view.write(observer, subject, initial, [initial](double) { return initial; });
    }
}

double WitnessReputation::meanViewOf(AgentIndex subject) const
{
    return m_view.meanAbout(subject, m_settings.initial);
}

std::vector<std::pair<AgentIndex, double>> WitnessReputation::table(AgentIndex observer) const
{
    return m_view.entries(observer);
}

std::uint64_t WitnessReputation::tableDigest(AgentIndex observer) const
{
    // Each table's digest is order-independent; the sums are mixed in because equal views over unequal evidence have
    // different futures.
    return m_view.digest(observer) + std::rotl(m_directSum.digest(observer), 13) * 3
        + std::rotl(m_directCount.digest(observer), 26) * 5 + std::rotl(m_witnessSum.digest(observer), 39) * 7
        + std::rotl(m_witnessWeight.digest(observer), 52) * 11;
}

std::size_t WitnessReputation::storageBytes() const noexcept
{
    return m_directSum.storageBytes() + m_directCount.storageBytes() + m_witnessSum.storageBytes()
        + m_witnessWeight.storageBytes() + m_view.storageBytes();
}

void WitnessReputation::pack()
{
    m_directSum.pack();
    m_directCount.pack();
    m_witnessSum.pack();
    m_witnessWeight.pack();
    m_view.pack();
}

} // namespace haggle
