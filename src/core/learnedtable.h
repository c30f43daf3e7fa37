// What a learning strategy has learnt, as a plain table anyone can read, export, save and load: one row per state it
// tells apart, one column per action, a value (a Q-value) and a visit count in every cell. The desktop lab shows it in
// the inspector and exports it as CSV; a scenario can start an agent from one (agents[].strategy.policy), so a policy
// learnt in one market plays in another.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace haggle {

struct LearnedTable {
    std::string strategy; // the kind that learnt it: "q-learning"
    std::vector<std::string> states; // row labels, e.g. "seller turn 2 partner 1.10 rep high urgency low"
    std::vector<std::string> actions; // column labels, e.g. "accept", "ask 1.10"
    std::vector<double> values; // row-major, states x actions
    std::vector<long long> visits; // row-major, states x actions: updates made to each cell
    long long episodes = 0; // negotiations it learnt from

    double value(std::size_t state, std::size_t action) const { return values[state * actions.size() + action]; }
    long long visitsOf(std::size_t state, std::size_t action) const { return visits[state * actions.size() + action]; }
    // Updates made in a state, over its actions (0: never met).
    long long stateVisits(std::size_t state) const
    {
        long long sum = 0;
        for (std::size_t a = 0; a < actions.size(); ++a)
            sum += visitsOf(state, a);
        return sum;
    }
    // The state's best action among those tried (an untried one holds only its starting value); nothing if none was.
    std::optional<std::size_t> bestTriedAction(std::size_t state) const
    {
        std::optional<std::size_t> best;
        for (std::size_t a = 0; a < actions.size(); ++a) {
            if (visitsOf(state, a) > 0 && (!best || value(state, a) > value(state, *best)))
                best = a;
        }
        return best;
    }
    bool operator==(const LearnedTable&) const = default;
};

} // namespace haggle
