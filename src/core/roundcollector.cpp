// The round collector (see roundcollector.h).
#include "roundcollector.h"

#include "marketstate.h"

namespace haggle {

BargainingTally tallyBargaining(const MarketState& state, const bargaining::Settings& analysis)
{
    BargainingTally t;
    double buyerUtility = 0.0, sellerUtility = 0.0, nash = 0.0, pareto = 0.0, overRubinstein = 0.0;
    for (const NegotiationRecord& n : state.events().negotiations) {
        if (n.sourcing)
            continue;
        const bool agreed = n.outcome == NegotiationOutcome::Accepted;
        const auto a = bargaining::analyse(
            analysis.problem(bargaining::buyerValue(state.market().jobValue, state.agent(n.buyer).urgency())),
            agreed ? std::optional(n.unitPrice) : std::nullopt);
        if (!a.surplus)
            continue;
        ++t.analysed;
        nash += a.nashDistance;
        pareto += a.paretoDistance;
        if (agreed) {
            ++t.agreed;
            buyerUtility += a.outcome.buyer;
            sellerUtility += a.outcome.seller;
            overRubinstein += a.priceOverRubinstein;
        }
    }
    if (t.analysed > 0) {
        t.meanNashDistance = nash / t.analysed;
        t.meanParetoDistance = pareto / t.analysed;
    }
    if (t.agreed > 0) {
        t.meanBuyerUtility = buyerUtility / t.agreed;
        t.meanSellerUtility = sellerUtility / t.agreed;
        t.meanPriceOverRubinstein = overRubinstein / t.agreed;
    }
    return t;
}

const RoundSummary& RoundCollector::collect(const MarketState& state, std::size_t needs, bool allViewsChanged,
    const bargaining::Settings& analysis, std::optional<double> maximumSurplus, double openInterest)
{
    const RoundEvents& events = state.events();
    RoundSummary& s = m_summary;
    tallyRound(events, s);
    s.openInterest = openInterest;
    s.bargaining = tallyBargaining(state, analysis);
    s.needs = static_cast<int>(needs);
    s.needsMet = static_cast<int>(events.jobs.size());
    s.jobValue = 0.0;
    for (const auto& job : events.jobs)
        s.jobValue += job.value;
    const auto& prices = state.market().referencePrices;
    s.surplus = s.jobValue;
    for (const DealRecord& deal : events.deals) {
        if (deal.delivered)
            s.surplus -= state.unitCostOf(deal.seller) * deal.resources.value(prices);
    }
    s.maximumSurplus = maximumSurplus;
    const std::size_t n = state.size();
    const auto refreshAgent = [&](AgentIndex i) {
        s.netWorth[i] = state.agent(i).netWorth(prices);
        s.dealsSoFar[i] = state.agent(i).dealCount();
    };
    const ReputationModel& reputation = state.reputation();
    if (s.netWorth.size() != n) {
        s.netWorth.resize(n);
        s.meanReputation.resize(n);
        s.dealsSoFar.resize(n);
        for (AgentIndex i = 0; i < n; ++i) {
            refreshAgent(i);
            s.meanReputation[i] = reputation.meanViewOf(i);
        }
        return s;
    }
    // After the first round, only what this round changed: budgets and deal counts move only in a deal (a job's value
    // goes to a deal's buyer), mean views only with a reputation change. At a million agents a pass over all of them
    // would cost a tenth of the round.
    for (const DealRecord& deal : events.deals) {
        refreshAgent(deal.buyer);
        refreshAgent(deal.seller);
    }
    if (allViewsChanged) {
        for (AgentIndex i = 0; i < n; ++i)
            s.meanReputation[i] = reputation.meanViewOf(i);
    } else {
        for (const ReputationChange& change : events.reputationChanges)
            s.meanReputation[change.subject] = reputation.meanViewOf(change.subject);
        for (const IdentityRecord& rejoined : events.identities) // peers forgot it
            s.meanReputation[rejoined.agent] = reputation.meanViewOf(rejoined.agent);
    }
    return s;
}

} // namespace haggle
