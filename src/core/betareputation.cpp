// The Beta reputation model (see betareputation.h).
#include "betareputation.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

namespace haggle {

KindInfo BetaReputation::kind()
{
    return { "beta",
        "Beta reputation (Josang & Ismail 2002): counts of kept deals and defaults, discounted by a forgetting factor; "
        "the view is the Beta distribution's expected value",
        {
            { "forgetting", 1.0, 0.0, 1.0,
                "lambda: old evidence is multiplied by it before each new outcome (1 keeps all, 0 only the last)",
                "share" },
            { "prior_positive", 1.0, 0.0, 100.0, "a: view = (r + a) / (r + s + a + b); a + b must be above 0",
                "outcomes" },
            { "prior_negative", 1.0, 0.0, 100.0, "b: view = (r + a) / (r + s + a + b); a + b must be above 0",
                "outcomes" },
            { "report_weight", 0.5, 0.0, 10.0,
                "A report v adds report_weight x v to r and report_weight x (1 - v) to s", "outcomes" },
        } };
}

BetaReputation::Settings BetaReputation::settingsFrom(const Parameters& params)
{
    return { params["forgetting"], params["prior_positive"], params["prior_negative"], params["report_weight"] };
}

BetaReputation::BetaReputation(const Settings& settings)
    : m_settings(settings)
{
    const auto within = [](double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; };
    if (!within(settings.forgetting, 0.0, 1.0))
        throw std::invalid_argument("params.forgetting: expected a number in [0, 1]");
    if (!within(settings.priorPositive, 0.0, 100.0))
        throw std::invalid_argument("params.prior_positive: expected a number in [0, 100]");
    if (!within(settings.priorNegative, 0.0, 100.0))
        throw std::invalid_argument("params.prior_negative: expected a number in [0, 100]");
    if (settings.priorPositive + settings.priorNegative <= 0.0)
        throw std::invalid_argument("params.prior_negative: prior_positive + prior_negative must be above 0 (a "
                                    "stranger's view would be 0/0)");
    if (!within(settings.reportWeight, 0.0, 10.0))
        throw std::invalid_argument("params.report_weight: expected a number in [0, 10]");
    m_stranger = expectedValue(0.0, 0.0);
}

double BetaReputation::expectedValue(double r, double s) const noexcept
{
    const double a = m_settings.priorPositive;
    const double b = m_settings.priorNegative;
    return (r + a) / (r + s + a + b);
}

void BetaReputation::reset(std::size_t agentCount)
{
    m_positive.reset(agentCount);
    m_negative.reset(agentCount);
    m_view.reset(agentCount);
}

double BetaReputation::view(AgentIndex observer, AgentIndex subject) const
{
    return m_view.valueOr(observer, subject, m_stranger);
}

void BetaReputation::views(AgentIndex observer, std::span<const AgentIndex> subjects, double* out) const
{
    m_view.valuesOr(observer, subjects, m_stranger, out);
}

void BetaReputation::prefetch(AgentIndex observer, AgentIndex subject) const noexcept
{
    m_view.prefetch(observer, subject);
}

void BetaReputation::prefetchTable(AgentIndex observer) const noexcept
{
    m_view.prefetchTable(observer);
}

void BetaReputation::prefetchUpdate(AgentIndex observer, AgentIndex subject) const noexcept
{
    m_positive.prefetchWrite(observer, subject);
    m_negative.prefetchWrite(observer, subject);
    m_view.prefetchWrite(observer, subject);
}

ReputationChange BetaReputation::addEvidence(
    AgentIndex observer, AgentIndex subject, double positive, double negative, ReputationCause cause)
{
    const double lambda = m_settings.forgetting;
    const double r
        = m_positive.write(observer, subject, 0.0, [&](double old) { return lambda * old + positive; }).after;
    const double s
        = m_negative.write(observer, subject, 0.0, [&](double old) { return lambda * old + negative; }).after;
    const auto rated = m_view.write(observer, subject, m_stranger, [&](double) { return expectedValue(r, s); });
    return { observer, subject, rated.before, rated.after, cause };
}

ReputationChange BetaReputation::recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled)
{
    return fulfilled ? addEvidence(observer, subject, 1.0, 0.0, ReputationCause::Fulfilled)
                     : addEvidence(observer, subject, 0.0, 1.0, ReputationCause::Defaulted);
}

ReputationChange BetaReputation::recordReport(
    AgentIndex observer, AgentIndex subject, double reported, AgentIndex /*witness*/)
{
    if (!std::isfinite(reported))
        throw std::invalid_argument("a reported reputation must be a finite number");
    const double v = std::clamp(reported, 0.0, 1.0);
    const double w = m_settings.reportWeight;
    return addEvidence(observer, subject, w * v, w * (1.0 - v), ReputationCause::Report);
}

void BetaReputation::forget(AgentIndex subject)
{
    // Entries are never removed: no evidence and a stranger's view in place of each is the same view.
    const double stranger = m_stranger;
    for (AgentIndex observer = 0; observer < m_view.agents(); ++observer) {
        if (observer == subject || !m_view.find(observer, subject))
            continue;
        m_positive.write(observer, subject, 0.0, [](double) { return 0.0; });
        m_negative.write(observer, subject, 0.0, [](double) { return 0.0; });
        m_view.write(observer, subject, stranger, [stranger](double) { return stranger; });
    }
}

double BetaReputation::meanViewOf(AgentIndex subject) const
{
    return m_view.meanAbout(subject, m_stranger);
}

std::vector<std::pair<AgentIndex, double>> BetaReputation::table(AgentIndex observer) const
{
    return m_view.entries(observer);
}

std::uint64_t BetaReputation::tableDigest(AgentIndex observer) const
{
    // Each table's digest is order-independent; the evidence is mixed in so that equal views over unequal evidence
    // (which have different futures) differ.
    return m_view.digest(observer) + std::rotl(m_positive.digest(observer), 21) * 3
        + std::rotl(m_negative.digest(observer), 42) * 5;
}

std::size_t BetaReputation::storageBytes() const noexcept
{
    return m_positive.storageBytes() + m_negative.storageBytes() + m_view.storageBytes();
}

void BetaReputation::pack()
{
    m_positive.pack();
    m_negative.pack();
    m_view.pack();
}

double BetaReputation::positiveEvidence(AgentIndex observer, AgentIndex subject) const
{
    return m_positive.valueOr(observer, subject, 0.0);
}

double BetaReputation::negativeEvidence(AgentIndex observer, AgentIndex subject) const
{
    return m_negative.valueOr(observer, subject, 0.0);
}

} // namespace haggle
