// Default behaviour shared by strategies (see strategy.h).
#include "strategy.h"

#include "rng.h"

#include <algorithm>

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
    // fair chance, and one we rate 0 is never picked. When every candidate is rated 0, one is drawn uniformly.
    auto index = rng.weightedIndex(
        candidates.size(), [candidates](std::size_t i) { return std::max(candidates[i].reputation, 0.0); });
    if (index >= candidates.size())
        index = static_cast<std::size_t>(rng.below(candidates.size()));
    return index;
}

std::optional<double> Strategy::limitPrice(const ShoutView&, Rng&)
{
    return std::nullopt;
}

bool Strategy::defaultsOnDeal(const DefaultView&, Rng&)
{
    return false;
}

double Strategy::report(double ownView, bool) const
{
    return ownView;
}

bool Strategy::isBroker() const
{
    return false;
}

void Strategy::observeDeal(const DealObservation&) { }

std::optional<std::string> Strategy::restoreLearned(const LearnedTable&)
{
    return "strategy '" + std::string(name()) + "' learns nothing a policy could give it";
}

} // namespace haggle
