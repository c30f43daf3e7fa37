// Bargaining theory for one negotiation (see bargaining.h).
#include "bargaining.h"

#include <algorithm>
#include <cmath>

namespace haggle::bargaining {

namespace {

// A gain (share of the surplus) raised to the risk exponent; a loss stays linear.
double utilityOfShare(double share, double risk) noexcept
{
    if (share <= 0.0 || risk == 1.0)
        return share;
    return std::pow(share, risk);
}

double surplus(const Problem& problem) noexcept
{
    return problem.buyerValue - problem.sellerCost;
}

double squaredDistance(UtilityPoint a, UtilityPoint b) noexcept
{
    const double dx = a.buyer - b.buyer;
    const double dy = a.seller - b.seller;
    return dx * dx + dy * dy;
}

// The frontier's point where the seller has share s of the surplus.
UtilityPoint frontierAt(const Problem& problem, double s) noexcept
{
    return { utilityOfShare(1.0 - s, problem.buyerRisk), utilityOfShare(s, problem.sellerRisk) };
}

} // namespace

double buyerUtility(const Problem& problem, double unitPrice) noexcept
{
    if (!problem.hasSurplus())
        return 0.0;
    return utilityOfShare((problem.buyerValue - unitPrice) / surplus(problem), problem.buyerRisk);
}

double sellerUtility(const Problem& problem, double unitPrice) noexcept
{
    if (!problem.hasSurplus())
        return 0.0;
    return utilityOfShare((unitPrice - problem.sellerCost) / surplus(problem), problem.sellerRisk);
}

UtilityPoint utilities(const Problem& problem, double unitPrice) noexcept
{
    return { buyerUtility(problem, unitPrice), sellerUtility(problem, unitPrice) };
}

double rubinsteinShare(double proposerDiscount, double responderDiscount) noexcept
{
    return (1.0 - responderDiscount) / (1.0 - proposerDiscount * responderDiscount);
}

double rubinsteinPrice(const Problem& problem) noexcept
{
    return problem.sellerCost + rubinsteinShare(problem.sellerDiscount, problem.buyerDiscount) * surplus(problem);
}

double nashPrice(const Problem& problem) noexcept
{
    return problem.sellerCost + problem.sellerRisk / (problem.sellerRisk + problem.buyerRisk) * surplus(problem);
}

std::optional<std::size_t> nashSolution(std::span<const UtilityPoint> outcomes, UtilityPoint disagreement)
{
    std::optional<std::size_t> best;
    double bestProduct = -1.0;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        const double gainBuyer = outcomes[i].buyer - disagreement.buyer;
        const double gainSeller = outcomes[i].seller - disagreement.seller;
        if (gainBuyer < 0.0 || gainSeller < 0.0)
            continue;
        if (const double product = gainBuyer * gainSeller; product > bestProduct) {
            bestProduct = product;
            best = i;
        }
    }
    return best;
}

std::vector<UtilityPoint> paretoFrontier(const Problem& problem, int points)
{
    points = std::max(points, 2);
    std::vector<UtilityPoint> frontier;
    frontier.reserve(static_cast<std::size_t>(points));
    for (int i = 0; i < points; ++i)
        frontier.push_back(frontierAt(problem, static_cast<double>(i) / (points - 1)));
    return frontier;
}

double distanceToFrontier(const Problem& problem, UtilityPoint point)
{
    if (problem.buyerRisk == 1.0 && problem.sellerRisk == 1.0) {
        // The segment from (1, 0) to (0, 1): project onto it.
        const double s = std::clamp((point.seller - point.buyer + 1.0) / 2.0, 0.0, 1.0);
        return std::sqrt(squaredDistance(point, { 1.0 - s, s }));
    }
    // A concave curve: sample it, then narrow the best sample's bracket by golden-section search.
    constexpr int Samples = 64;
    int best = 0;
    double bestDistance = squaredDistance(point, frontierAt(problem, 0.0));
    for (int i = 1; i <= Samples; ++i) {
        const double d = squaredDistance(point, frontierAt(problem, static_cast<double>(i) / Samples));
        if (d < bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    double lo = std::max(0, best - 1) / double(Samples);
    double hi = std::min(Samples, best + 1) / double(Samples);
    const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
    for (int step = 0; step < 60 && hi - lo > 1e-12; ++step) {
        const double a = hi - ratio * (hi - lo);
        const double b = lo + ratio * (hi - lo);
        if (squaredDistance(point, frontierAt(problem, a)) < squaredDistance(point, frontierAt(problem, b)))
            hi = b;
        else
            lo = a;
    }
    bestDistance = std::min(bestDistance, squaredDistance(point, frontierAt(problem, (lo + hi) / 2.0)));
    return std::sqrt(bestDistance);
}

Analysis analyse(const Problem& problem, std::optional<double> agreedUnitPrice)
{
    Analysis a;
    a.surplus = problem.hasSurplus();
    a.agreed = agreedUnitPrice.has_value();
    if (!a.surplus)
        return a;
    a.outcome = agreedUnitPrice ? utilities(problem, *agreedUnitPrice) : UtilityPoint {};
    a.nashPrice = nashPrice(problem);
    a.nashDistance = std::sqrt(squaredDistance(a.outcome, utilities(problem, a.nashPrice)));
    a.paretoDistance = distanceToFrontier(problem, a.outcome);
    a.rubinsteinPrice = rubinsteinPrice(problem);
    a.priceOverRubinstein = agreedUnitPrice ? *agreedUnitPrice - a.rubinsteinPrice : 0.0;
    return a;
}

} // namespace haggle::bargaining
