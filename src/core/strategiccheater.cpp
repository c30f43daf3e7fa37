// Strategic cheater (see strategiccheater.h).
#include "strategiccheater.h"

namespace haggle {

StrategicCheater::StrategicCheater(double cheatProbability, double threshold, double margin)
    : CheaterStrategy(cheatProbability)
    , m_threshold(threshold)
    , m_margin(margin)
{
}

bool StrategicCheater::defaultsOnDeal(const DefaultView& view, Rng& rng)
{
    if (view.standing < m_threshold + m_margin)
        return false;
    return CheaterStrategy::defaultsOnDeal(view, rng);
}

KindInfo StrategicCheater::kind()
{
    return { "strategic-cheater",
        "Cheats only while its standing with the partner is above the trust threshold by a margin",
        {
            { "cheat_probability", 1.0, 0.0, 1.0, "Probability of defaulting on a deal it may cheat on",
                "probability" },
            { "threshold", 0.3, 0.0, 1.0, "The trust threshold it expects peers to refuse below", "reputation" },
            { "margin", 0.2, 0.0, 1.0, "Cheats only while the partner's view of it is >= threshold + margin",
                "reputation" },
        },
        { AlternatingOffers } };
}

} // namespace haggle
