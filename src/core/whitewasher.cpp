// Whitewasher (see whitewasher.h).
#include "whitewasher.h"

namespace haggle {

Whitewasher::Whitewasher(double cheatProbability, int patience)
    : CheaterStrategy(cheatProbability)
    , m_patience(patience)
{
}

bool Whitewasher::defaultsOnDeal(const DefaultView& view, Rng& rng)
{
    const bool defaults = CheaterStrategy::defaultsOnDeal(view, rng);
    m_cheated = m_cheated || defaults;
    return defaults;
}

bool Whitewasher::wantsNewIdentity(const IdentityView& view)
{
    return m_cheated && view.roundsSinceLastDeal >= m_patience;
}

KindInfo Whitewasher::kind()
{
    return { "whitewasher", "Cheats, and once shunned rejoins under a new identity with a stranger's reputation",
        {
            { "cheat_probability", 1.0, 0.0, 1.0, "Probability of defaulting on each agreed deal", "probability" },
            { "patience", 3, 1, 1000, "Rounds without a deal, after cheating, before it rejoins as someone new",
                "rounds", ParameterType::Integer },
        },
        { AlternatingOffers } };
}

} // namespace haggle
