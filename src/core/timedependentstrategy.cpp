// Time-dependent tactics (see timedependentstrategy.h).
#include "timedependentstrategy.h"

#include "pricing.h"

#include <algorithm>
#include <cmath>

namespace haggle {

TimeDependentStrategy::TimeDependentStrategy(
    std::string_view kindName, double e, double pMin, double pMax, AcceptanceCondition acceptance, double acceptLevel)
    : BandedTactic(pMin, pMax)
    , m_kindName(kindName)
    , m_e(e)
    , m_acceptance(acceptance)
    , m_acceptLevel(acceptLevel)
{
}

double TimeDependentStrategy::target(double t, double e, double pMin, double pMax) noexcept
{
    t = std::clamp(t, 0.0, 1.0);
    return pMin + (pMax - pMin) * (1.0 - std::pow(t, 1.0 / e));
}

double TimeDependentStrategy::timeOf(int turn, int maxTurns) noexcept
{
    if (maxTurns <= 1)
        return 0.0;
    return std::clamp(static_cast<double>(turn) / (maxTurns - 1), 0.0, 1.0);
}

double TimeDependentStrategy::proposal(const NegotiationView& view) const noexcept
{
    const double sellerPrice = target(timeOf(view.turn, view.maxTurns), m_e, pMin(), pMax());
    const double share = view.side == Side::Seller ? sellerPrice : pMin() + pMax() - sellerPrice;
    return view.marketRate * share;
}

std::optional<double> TimeDependentStrategy::openingOffer(const NegotiationView& view, Rng&)
{
    return proposal(view);
}

Decision TimeDependentStrategy::respond(const NegotiationView& view, Rng&)
{
    const double offered = pricing::valueOr(view.partnerLast, best(view));
    const bool seller = view.side == Side::Seller;
    const auto atLeastAsGood = [seller](double p, double than) {
        return seller ? pricing::sellerPrefers(p, than) : pricing::buyerPrefers(p, than);
    };
    if (lastAnswer(view))
        return acceptable(view, offered) ? Decision::accept() : Decision::reject();
    const double next = proposal(view);
    const bool acNext = atLeastAsGood(offered, next);
    const bool acConst = atLeastAsGood(offered, view.marketRate * m_acceptLevel);
    const bool accept = m_acceptance == AcceptanceCondition::Next ? acNext
        : m_acceptance == AcceptanceCondition::Constant           ? acConst
                                                                  : acNext || acConst;
    return accept ? Decision::accept() : Decision::counter(next);
}

namespace {

std::vector<ParameterInfo> parameters(double e, double eMin, double eMax)
{
    return {
        { "e", e, eMin, eMax, "Concession exponent: below 1 holds out (Boulware), above 1 concedes early (Conceder)" },
        BandedTactic::pMinParameter(),
        BandedTactic::pMaxParameter(),
        { "acceptance", 0, 0, 2, "Acceptance condition: 0 AC_next, 1 AC_const (accept_level), 2 either", "",
            ParameterType::Integer },
        { "accept_level", 1.0, 0.01, 100.0, "AC_const's level, relative to the market rate", "share" },
    };
}

KindInfo kindNamed(std::string_view name, std::string_view description, double e, double eMin, double eMax)
{
    KindInfo info { name, description, parameters(e, eMin, eMax), { AlternatingOffers } };
    info.check = [](const Parameters& p) { return TimeDependentStrategy::checkBand(p); };
    return info;
}

} // namespace

KindInfo TimeDependentStrategy::kind()
{
    return kindNamed("time-dependent",
        "GENIUS-style time-dependent tactic: concedes from its best price to its reservation as turns run out", 1.0,
        0.01, 100.0);
}

KindInfo TimeDependentStrategy::boulwareKind()
{
    return kindNamed(
        "boulware", "Time-dependent tactic that holds its price until the deadline nears (e < 1)", 0.2, 0.01, 1.0);
}

KindInfo TimeDependentStrategy::concederKind()
{
    return kindNamed("conceder", "Time-dependent tactic that concedes early (e > 1)", 2.0, 1.0, 100.0);
}

std::unique_ptr<Strategy> TimeDependentStrategy::make(std::string_view kindName, const Parameters& p)
{
    return std::make_unique<TimeDependentStrategy>(kindName, p["e"], p["p_min"], p["p_max"],
        static_cast<AcceptanceCondition>(p.integer("acceptance")), p["accept_level"]);
}

} // namespace haggle
