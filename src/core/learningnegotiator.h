// A tabular Q-learning negotiator (Watkins 1989; as a negotiator, the prototype's later study): it learns, across
// rounds, which price to propose and when to accept, from what its deals were worth.
//
// State: its side, the turn (0..6, more as 6), the band of the partner's last proposal (the price level nearest to
// it, relative to the market rate m; "none" before any), the partner's reputation band (low < 1/3 <= mid < 2/3 <=
// high) and its own urgency band (the same thirds). Actions: accept (only in answer to a proposal) or propose one of
// `levels` prices evenly spread over m x [low, high]. It chooses epsilon-greedily on the run's generator (epsilon
// decaying by epsilon_decay per negotiation learnt from; ties go to the first action), so learning is part of the
// run's seeded stream.
// Reward, at the negotiation's end: the deal's value to it per unit of reference value (a seller: the unit price
// received; a buyer: its job's pay per unit less the price paid; nothing paid or delivered counts as such), 0 when
// no deal is made. The episode's steps are updated backwards with Q(s, a) += alpha (target - Q(s, a)), the target
// being the reward for the last step and gamma x max Q(s', .) for the others. Untried cells start at initial_q: an
// optimistic start makes it try every action before it settles.
// Its table is its learnt state (learned(), restoreLearned()): shown in the lab's inspector, exported as CSV, saved as
// a policy and loaded into another scenario's agent (agents[].strategy.policy).
#pragma once

#include "catalog.h"
#include "digest.h"
#include "strategy.h"

#include <vector>

namespace haggle {

class QLearningStrategy : public Strategy {
public:
    struct Settings {
        double learningRate = 0.2;
        double discount = 0.95;
        double epsilon = 0.1;
        double epsilonDecay = 1.0;
        double low = 0.6;
        double high = 1.4;
        int levels = 9;
        double initialQ = 2.0;
    };
    static constexpr int TurnBands = 7; // turns 0..5, and 6 or more (with the default limit, the last answer)
    static constexpr int ThirdBands = 3;

    static KindInfo kind();
    static Settings settingsFrom(const Parameters& parameters);
    explicit QLearningStrategy(const Settings& settings);

    std::string_view name() const noexcept override { return "q-learning"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<QLearningStrategy>(*this); }
    double maxUnitPrice(const NegotiationView& view) const override;
    std::optional<double> openingOffer(const NegotiationView& view, Rng& rng) override;
    Decision respond(const NegotiationView& view, Rng& rng) override;
    void observeDeal(const DealObservation& observation) override;
    bool observesFailures() const override { return true; }
    void observeFailure(const FailureObservation& observation) override;
    std::uint64_t stateDigest() const noexcept override;
    std::optional<LearnedTable> learned() const override;
    std::optional<std::string> restoreLearned(const LearnedTable& table) override;

    // The table's shape and what it has learnt.
    std::size_t stateCount() const noexcept;
    std::size_t actionCount() const noexcept { return static_cast<std::size_t>(m_settings.levels) + 1; }
    std::size_t stateOf(const NegotiationView& view) const noexcept;
    double q(std::size_t state, std::size_t action) const noexcept { return m_q[state * actionCount() + action]; }
    // The price action a >= 1 proposes, relative to the market rate.
    double level(std::size_t action) const noexcept;
    long long episodes() const noexcept { return m_episodes; }
    double totalReward() const noexcept { return m_totalReward; } // summed over episodes, per unit
    double epsilon() const noexcept; // now, after its decay

private:
    struct Step {
        std::size_t state;
        std::size_t action;
    };
    std::size_t choose(std::size_t state, bool mayAccept, Rng& rng);
    std::size_t bestAction(std::size_t state, bool mayAccept) const noexcept;
    void learnFrom(double reward);

    Settings m_settings;
    std::vector<double> m_q;
    std::vector<long long> m_visits;
    std::vector<Step> m_episode; // the current negotiation's steps
    long long m_episodes = 0;
    double m_totalReward = 0.0;
    Fnv1a m_digest; // of every update made, in order: equal for equal learning
};

} // namespace haggle
