// Recorder (see recorder.h).
#include "recorder.h"

namespace haggle {

void Recorder::onRound(const RoundEvents& events, const RoundSummary& summary)
{
    m_rounds.push_back(summary);
    m_deals.insert(m_deals.end(), events.deals.begin(), events.deals.end());
    m_defaults.insert(m_defaults.end(), events.defaults.begin(), events.defaults.end());
}

void Recorder::clear()
{
    m_rounds.clear();
    m_deals.clear();
    m_defaults.clear();
}

} // namespace haggle
