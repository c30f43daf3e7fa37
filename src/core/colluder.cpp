// Colluder (see colluder.h).
#include "colluder.h"

namespace haggle {

Colluder::Colluder(double cheatProbability, int ring)
    : CheaterStrategy(cheatProbability)
    , m_ring(ring)
{
}

bool Colluder::defaultsOnDeal(const DefaultView& view, Rng& rng)
{
    if (view.partnerInRing)
        return false;
    return CheaterStrategy::defaultsOnDeal(view, rng);
}

double Colluder::report(double ownView, bool subjectInRing) const
{
    return subjectInRing ? 1.0 : ownView;
}

KindInfo Colluder::kind()
{
    return { "colluder", "A colluding ring's member: vouches for the ring, never cheats it, cheats outsiders",
        {
            { "cheat_probability", 1.0, 0.0, 1.0, "Probability of defaulting on a deal with an outsider",
                "probability" },
            { "ring", 1, 1, 1000, "The ring it belongs to (colluders with the same number collude)", "",
                ParameterType::Integer },
        },
        { AlternatingOffers } };
}

} // namespace haggle
