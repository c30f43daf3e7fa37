// Default behaviour shared by strategies (see strategy.h).
#include "strategy.h"

#include "rng.h"

#include <vector>

namespace haggle {

bool Strategy::acceptsPartner(double) const
{
    return true;
}

bool Strategy::queriesReputation() const
{
    return false;
}

std::size_t Strategy::choosePartner(std::span<const PartnerCandidate> candidates, Rng& rng) const
{
    // Trust-weighted choice: a partner that served us well is picked more often, a stranger (0.5) still gets a
    // fair chance, and one we rate 0 is never picked. A small floor keeps all-zero tables choosable.
    std::vector<double> weights;
    weights.reserve(candidates.size());
    for (const auto& c : candidates)
        weights.push_back(c.reputation > 0.0 ? c.reputation : 0.0);
    auto index = rng.weightedIndex(weights);
    if (index >= candidates.size())
        index = static_cast<std::size_t>(rng.below(candidates.size()));
    return index;
}

bool Strategy::defaultsOnDeal(Side, Rng&)
{
    return false;
}

bool Strategy::isBroker() const
{
    return false;
}

void Strategy::observeDeal(const DealObservation&) { }

} // namespace haggle
