// The "coalition" mechanism: jobs larger than any one provider can serve are served by coalitions of providers, who
// pool their capacity and split the proceeds; small buyers may pool their demand; every other need goes to the
// bilateral market.
//
// A round:
//   1. Each buyer whose need is larger, in some resource, than the spare capacity of every single provider leads a
//      coalition (in a random order). It sends PROPOSE (resources still uncovered, price = its limit, urgency) to its
//      standing coalition's members first, then to the providers with spare capacity among the peers it canvasses
//      (every other agent in a market of up to 65, CanvassSize drawn at random in a larger one) by its own view of
//      them (best first), skipping those it does not trust and those it flagged as free-riders; it stops after
//      2 x max_members proposals. A provider answers JOIN
//      (resources = the part it can supply, price = its ask for that part: its strategy's opening offer) or REJECT
//      (it does not trust the buyer, has nothing spare, or declines); the buyer turns down (REJECT) a part asked
//      above its own limit per unit. A provider in a cartel (the scenario's
//      coalitions.cartels) brings the cartel: every member with spare capacity joins with it. Proposals stop when the
//      parts cover the need or the coalition has max_members members.
//   2. If the parts cover the need and the asks together are within the buyer's limit and budget, the buyer sends
//      COMMIT to each member (its part, its payout) and each answers COMMIT: one agreement, the price the sum of the
//      asks, split among the members by the scenario's split rule (coalitions.split, profitsplit.h): proportional to
//      the reference value of each member's part, equal, or the Shapley value of the job game in which a set of
//      members is worth the price when what they could have supplied (each one's spare capacity, up to the need)
//      covers the need. (Every member's part is needed to cover it, so a game of parts would give the equal split;
//      one of capacity rewards the member that makes the coalition possible in more orders.) A cartel's members share
//      what the cartel earned by its shares. Otherwise the buyer sends LEAVE to each member and the coalition
//      dissolves.
//   3. The settlement carries the agreement out member by member: a member may default on its part. The buyer's
//      contribution monitor records each member's delivery and flags a free-rider (contributionmonitor.h): the buyer
//      sends it LEAVE and never proposes to it again. The other members stay the buyer's standing coalition, asked
//      first next time: one failure does not tell a free-rider from bad luck, its record does.
//   4. With pool_size >= 2, the other buyers (in a random order) form buyer pools of pool_size: the first PROPOSEs to
//      the others, which JOIN with their need and limit; the pool buys the pooled need from one provider whose spare
//      capacity covers it, found as in 1 and 2, and each member pays for its share of the need.
//   5. The buyers left negotiate in the bilateral mechanism (bilateralmechanism.h).
#pragma once

#include "bilateralmechanism.h"
#include "catalog.h"
#include "contributionmonitor.h"
#include "mechanism.h"

#include <map>
#include <vector>

namespace haggle {

class CoalitionMechanism final : public Mechanism {
public:
    static KindInfo kind();
    // The peers a leader canvasses for its coalition in a market of more agents than this (fewer: all of them).
    static constexpr std::size_t CanvassSize = 64;

    struct Settings {
        int maxTurns = 6; // the bilateral market's
        int maxMembers = 8; // providers in one coalition
        int poolSize = 0; // buyers in one buyer pool; 0 or 1: no pools
        double tolerance = 0.9; // the delivery rate a coalition tolerates (contributionmonitor.h)
        int minCommitments = 3;
    };

    explicit CoalitionMechanism(const Settings& settings);

    std::string_view name() const noexcept override { return "coalition"; }
    std::unique_ptr<Mechanism> clone() const override { return std::make_unique<CoalitionMechanism>(*this); }
    void clear(MarketState& state, Settlement& settlement, std::span<const AgentIndex> buyers) override;
    void closeAll(MarketState& state) override;
    std::uint64_t stateDigest() const noexcept override;

    const Settings& settings() const noexcept { return m_settings; }
    const ContributionMonitor& monitor() const noexcept { return m_monitor; }
    // The members of the buyer's standing coalition (its last coalition's, but those it flagged), in the order they
    // joined.
    std::span<const AgentIndex> standingCoalition(AgentIndex buyer) const noexcept;

private:
    struct Member {
        AgentIndex agent = NoAgent;
        ResourceBundle part; // what it supplies: its spare capacity, up to what the need still lacked
        ResourceBundle offer; // what it could have supplied: its spare capacity, up to the whole need
        double ask = 0.0;
    };
    struct Demander {
        AgentIndex agent = NoAgent;
        ResourceBundle need;
        double limit = 0.0; // the most it pays for its need, in total
    };

    // Whether no single provider's spare capacity covers the need in every resource.
    bool tooLargeForOne(const ResourceBundle& need) const noexcept;
    // Steps 1-3 for these buyers (one leader, or a pool led by the first), under negotiation id `id`; whether an
    // agreement was made.
    bool formCoalition(MarketState& state, Settlement& settlement, std::span<const Demander> buyers, std::uint64_t id);
    // The peers the leader canvasses: every other agent in a market of up to CanvassSize + 1, else CanvassSize
    // distinct ones drawn at random. The list is reused.
    const std::vector<AgentIndex>& canvass(MarketState& state, AgentIndex leader);
    // The providers the leader proposes to, in order.
    std::vector<AgentIndex> candidatesFor(MarketState& state, AgentIndex leader);
    // Each member's payout of the price: by the split rule, a cartel's total re-split by its shares.
    std::vector<double> payouts(
        const MarketState& state, std::span<const Member> members, double price, const ResourceBundle& need) const;
    // The buyer's view of its own need (no partner yet), for its limit.
    Demander demander(const MarketState& state, AgentIndex buyer) const;

    Settings m_settings;
    BilateralMechanism m_bilateral;
    ContributionMonitor m_monitor;
    std::map<AgentIndex, std::vector<AgentIndex>> m_standing; // by leader
    ResourceBundle m_largestSpare; // this round, per resource: the most any one provider has spare
    // Scratch space of the canvass (no effect on results): its list, and a stamp per agent drawn in the current one.
    std::vector<AgentIndex> m_peers;
    std::vector<std::uint32_t> m_drawn;
    std::uint32_t m_stamp = 0;
};

} // namespace haggle
