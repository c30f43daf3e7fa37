// Allocative efficiency (see surplus.h).
#include "surplus.h"

#include "marketstate.h"

#include <algorithm>

namespace haggle {

double maximumSurplus(std::vector<SurplusUnits> demand, std::vector<SurplusUnits> supply)
{
    std::sort(demand.begin(), demand.end(), [](const auto& a, const auto& b) { return a.unitPrice > b.unitPrice; });
    std::sort(supply.begin(), supply.end(), [](const auto& a, const auto& b) { return a.unitPrice < b.unitPrice; });
    double surplus = 0.0;
    std::size_t d = 0;
    std::size_t s = 0;
    double wanted = demand.empty() ? 0.0 : demand[0].quantity;
    double offered = supply.empty() ? 0.0 : supply[0].quantity;
    while (d < demand.size() && s < supply.size() && demand[d].unitPrice > supply[s].unitPrice) {
        const double q = std::min(wanted, offered);
        surplus += q * (demand[d].unitPrice - supply[s].unitPrice);
        wanted -= q;
        offered -= q;
        if (wanted <= 0.0 && ++d < demand.size())
            wanted = demand[d].quantity;
        if (offered <= 0.0 && ++s < supply.size())
            offered = supply[s].quantity;
    }
    return surplus;
}

double maximumSurplus(const MarketState& state, std::span<const AgentIndex> buyers)
{
    const auto& prices = state.market().referencePrices;
    std::vector<SurplusUnits> demand;
    demand.reserve(buyers.size());
    for (AgentIndex b : buyers) {
        const double q = state.agent(b).need().value(prices);
        if (q > 0.0)
            demand.push_back({ state.unitValueOf(b), q });
    }
    std::vector<SurplusUnits> supply;
    for (AgentIndex i = 0; i < state.size(); ++i) {
        const double q = state.absent(i) ? 0.0 : state.agent(i).available().value(prices);
        if (q > 0.0)
            supply.push_back({ state.unitCostOf(i), q });
    }
    return maximumSurplus(std::move(demand), std::move(supply));
}

} // namespace haggle
