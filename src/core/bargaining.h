// Bargaining theory for one negotiation: each party's utility, the Pareto frontier, the Nash bargaining solution, the
// Rubinstein subgame-perfect split, and how far an outcome lies from both (docs/model.md, "Bargaining analysis").
//
// A negotiation over a unit price p is a bargaining problem with the buyer's value b (what the compute is worth to it:
// the job it runs pays job_value x (1 + urgency) per unit) and the seller's cost c (leasing idle capacity for a round
// costs it nothing in the model, so 0 unless a scenario's analysis settings say otherwise). Utilities are normalised
// over the surplus b - c and may be concave (risk aversion r in (0, 1]):
//   u_buyer(p)  = ((b - p) / (b - c))^r_buyer,   u_seller(p) = ((p - c) / (b - c))^r_seller,
// with the disagreement point (0, 0): no deal leaves both where they were. A price outside [c, b] gives the party
// that loses a negative utility, linear in the loss (the exponent applies to gains only).
//   Pareto frontier: { (u_buyer(p), u_seller(p)) : c <= p <= b } (every agreement inside the zone is efficient).
//   Nash solution: the p that maximises u_buyer x u_seller; closed form p = c + r_s / (r_s + r_b) x (b - c).
//   Rubinstein (1982): alternating offers with per-proposal discount factors; the first proposer gets the share
//   (1 - d_responder) / (1 - d_proposer x d_responder) of the surplus in the unique subgame-perfect equilibrium. In
//   Haggle the seller proposes first (the OFFER), so the SPE price is c + that share x (b - c).
#pragma once

#include <optional>
#include <span>
#include <vector>

namespace haggle::bargaining {

struct Problem {
    double buyerValue = 1.0; // b, a unit price
    double sellerCost = 0.0; // c, a unit price
    double buyerDiscount = 0.9; // per proposal, in (0, 1)
    double sellerDiscount = 0.9;
    double buyerRisk = 1.0; // utility exponent on gains, (0, 1]: 1 risk-neutral
    double sellerRisk = 1.0;

    // Whether there is anything to share: b > c.
    bool hasSurplus() const noexcept { return buyerValue > sellerCost; }
};

// What compute is worth to a buyer per unit: the job it runs pays job_value x (1 + urgency) per unit of reference
// value.
inline double buyerValue(double jobValue, double urgency) noexcept
{
    return jobValue * (1.0 + urgency);
}

// How a scenario scores its negotiations (the scenario's "analysis" section): everything of a Problem but the buyer's
// value, which is each buyer's own. No effect on the run.
struct Settings {
    double buyerDiscount = 0.9;
    double sellerDiscount = 0.9;
    double sellerCost = 0.0;
    double buyerRisk = 1.0;
    double sellerRisk = 1.0;
    // Not bargaining, but measured alongside it (the scenario's "analysis" section): each round's maximum surplus,
    // for its allocative efficiency (surplus.h, RoundSummary::maximumSurplus).
    bool efficiency = false;

    // The problem of a negotiation whose buyer values the compute at `buyerValue` per unit.
    Problem problem(double buyerValue) const noexcept
    {
        return { buyerValue, sellerCost, buyerDiscount, sellerDiscount, buyerRisk, sellerRisk };
    }
    bool operator==(const Settings&) const = default;
};

struct UtilityPoint {
    double buyer = 0.0;
    double seller = 0.0;
};

double buyerUtility(const Problem& problem, double unitPrice) noexcept;
double sellerUtility(const Problem& problem, double unitPrice) noexcept;
UtilityPoint utilities(const Problem& problem, double unitPrice) noexcept;

// The first proposer's share of the surplus in Rubinstein's subgame-perfect equilibrium: (1 - d2) / (1 - d1 d2),
// d1 the proposer's and d2 the responder's discount factor (each in [0, 1), not both 1).
double rubinsteinShare(double proposerDiscount, double responderDiscount) noexcept;
// The SPE unit price when the seller proposes first (as in Haggle's alternating offers).
double rubinsteinPrice(const Problem& problem) noexcept;

// The Nash bargaining solution's unit price (closed form, see above).
double nashPrice(const Problem& problem) noexcept;
// The Nash solution of a finite bargaining problem: the index of the outcome that maximises the product of gains over
// the disagreement point among those that give both parties at least it; nothing when no outcome does.
std::optional<std::size_t> nashSolution(std::span<const UtilityPoint> outcomes, UtilityPoint disagreement = {});

// The frontier sampled at `points` prices evenly spread over [c, b] (at least 2), from the buyer's best to the
// seller's best.
std::vector<UtilityPoint> paretoFrontier(const Problem& problem, int points);
// The Euclidean distance in utility space from a point to the frontier (0 on it).
double distanceToFrontier(const Problem& problem, UtilityPoint point);

// One negotiation's analysis: its outcome (an agreed unit price, or none: the disagreement point) against the
// frontier, the Nash solution and the Rubinstein price.
struct Analysis {
    bool surplus = false; // the problem has a surplus; without one the rest is zero
    bool agreed = false;
    UtilityPoint outcome; // each party's utility
    double nashPrice = 0.0;
    double nashDistance = 0.0; // in utility space, to the Nash solution's point
    double paretoDistance = 0.0; // in utility space, to the frontier
    double rubinsteinPrice = 0.0;
    double priceOverRubinstein = 0.0; // agreed price - Rubinstein price (0 without agreement)
};
Analysis analyse(const Problem& problem, std::optional<double> agreedUnitPrice);

} // namespace haggle::bargaining
