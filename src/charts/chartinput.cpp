// Helpers for building a ChartInput: see chartinput.h.
#include "chartinput.h"

#include <algorithm>
#include <limits>

namespace haggle::charts {

std::vector<PhaseBand> phaseBandsFromRounds(const std::vector<haggle::RoundSummary>& rounds)
{
    std::vector<PhaseBand> bands;
    const haggle::RoundSummary* previous = nullptr;
    for (const haggle::RoundSummary& summary : rounds) {
        if (!summary.phase.empty()) {
            // A gap in round numbers ends a band too, so a band never claims rounds that were not summarised.
            const bool continues = previous && previous->phase == summary.phase && !bands.empty()
                && bands.back().lastRound + 1 == summary.round;
            if (continues)
                bands.back().lastRound = summary.round;
            else
                bands.push_back({ QString::fromStdString(summary.phase), summary.round, summary.round });
        }
        previous = &summary;
    }
    return bands;
}

std::optional<RoundPrice> RoundPriceAccumulator::add(const haggle::DealRecord& deal)
{
    std::optional<RoundPrice> done;
    if (m_current.deals > 0 && deal.round != m_current.round)
        done = takeUpTo(m_current.round);
    if (m_current.deals == 0) {
        m_current.round = deal.round;
        m_current.low = m_current.high = deal.unitPrice;
    }
    ++m_current.deals;
    m_sum += deal.unitPrice;
    m_current.low = std::min(m_current.low, deal.unitPrice);
    m_current.high = std::max(m_current.high, deal.unitPrice);
    return done;
}

std::optional<RoundPrice> RoundPriceAccumulator::takeUpTo(int round)
{
    if (m_current.deals == 0 || m_current.round > round)
        return std::nullopt;
    RoundPrice done = m_current;
    done.mean = m_sum / static_cast<double>(done.deals);
    m_current = RoundPrice {};
    m_sum = 0.0;
    return done;
}

std::vector<RoundPrice> roundPricesOf(const std::vector<haggle::DealRecord>& deals)
{
    std::vector<RoundPrice> prices;
    RoundPriceAccumulator accumulator;
    for (const haggle::DealRecord& deal : deals) {
        if (const auto done = accumulator.add(deal))
            prices.push_back(*done);
    }
    if (const auto done = accumulator.takeUpTo(std::numeric_limits<int>::max()))
        prices.push_back(*done);
    return prices;
}

DetectionInput detectionInputOf(const lab::DetectionSummary& summary)
{
    DetectionInput input;
    input.lastRound = summary.rounds;
    input.rounds.reserve(summary.byRound.size());
    for (std::size_t r = 0; r < summary.byRound.size(); ++r)
        input.rounds.push_back({ static_cast<int>(r) + 1, summary.byRound[r] });
    for (const lab::AgentDetection& agent : summary.agents) {
        input.isolations.push_back(agent.isolations);
        input.cheaters.push_back(agent.cheater);
    }
    return input;
}

std::pair<double, double> roundSpan(const ChartInput& input)
{
    double first = 1.0;
    double last = 1.0;
    if (!input.rounds.empty()) {
        first = input.rounds.front().round;
        last = std::max(first, static_cast<double>(input.rounds.back().round));
    }
    return { first - 0.5, last + 0.5 };
}

} // namespace haggle::charts
