// Detection metrics: how well a market's reputation finds its cheaters, round by round and at a run's end.
//
// An agent is *isolated* in a round when every reputation-aware peer (an agent with a trust threshold, other than
// itself) rates it below its own threshold after that round, so that none of them will deal with it; an agent that
// no aware peer watches is never isolated. The truth it is scored against: an agent is a *cheater* when it has played
// a cheater kind (Strategy::cheats(); isCheaterStrategy()) at any time in the run, an injected one included.
//
//   isolation round   first round of the isolation that lasts to the run's end (none if it is not isolated at the end)
//   precision         cheaters isolated / agents isolated          (undefined when nobody is isolated)
//   recall            cheaters isolated / cheaters                 (undefined when there is no cheater)
//   F1                2 TP / (2 TP + FP + FN)                      (undefined when there is neither)
//   loss to cheaters  the price of every deal a cheater defaulted on (what its victims lost: the payment it kept, or
//                     the payment made for compute it withheld)
//
// Each agent's view is read after each round: n x (n - 1) views a round, so the tracker is for markets up to
// MaxDetectionAgents agents (a larger run reports no detection metrics). The same numbers under either rules set.
#pragma once

#include "marketrun.h"
#include "scenario.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace haggle::lab {

inline constexpr std::size_t MaxDetectionAgents = 2000;

// One agent's isolation from `first` to `last` round (inclusive).
struct IsolationSpan {
    int first = 0;
    int last = 0;

    bool operator==(const IsolationSpan&) const = default;
};

struct AgentDetection {
    std::string id;
    bool cheater = false; // played a cheater kind at some time in the run
    bool aware = false; // reputation-aware at the end (it watches others)
    std::optional<int> isolatedFrom; // the isolation round (see above)
    std::vector<IsolationSpan> isolations; // every span of rounds it was isolated, in order
    int identities = 1; // identities it traded under (a whitewasher's grow)
    int defaults = 0; // deals it defaulted on
    double lossInflicted = 0.0; // the price of those deals
    // Net worth at the end, and the same agent's at the end of the run in which it never cheats (its honest twin:
    // honestTwin()); set for cheaters when the run computed twins.
    double finalWorth = 0.0;
    std::optional<double> twinWorth;

    bool isolatedAtEnd() const noexcept { return isolatedFrom.has_value(); }
};

// Counts of "isolated" against "cheater".
struct DetectionCounts {
    int truePositives = 0; // cheaters isolated
    int falsePositives = 0; // honest agents isolated
    int falseNegatives = 0; // cheaters not isolated
    int trueNegatives = 0; // honest agents not isolated

    std::optional<double> precision() const noexcept;
    std::optional<double> recall() const noexcept;
    std::optional<double> f1() const noexcept;
    bool operator==(const DetectionCounts&) const = default;
};

struct DetectionSummary {
    int rounds = 0; // rounds observed
    std::vector<AgentDetection> agents;
    DetectionCounts atEnd; // isolated after the last round against cheater
    std::vector<DetectionCounts> byRound; // the same after each round
    double lossToCheaters = 0.0;
    int cheaters() const noexcept { return atEnd.truePositives + atEnd.falseNegatives; }
    int honestIsolated() const noexcept { return atEnd.falsePositives; }
};

class DetectionTracker {
public:
    // For a run of this scenario (validated); disabled beyond MaxDetectionAgents agents.
    explicit DetectionTracker(const Scenario& scenario);

    bool enabled() const noexcept { return m_enabled; }
    // After each round of the run: reads every view, the round's defaults and identity changes.
    void observe(const MarketRun& run);
    int rounds() const noexcept { return m_round; }
    // Whether agent i is isolated after the last round observed.
    bool isolated(AgentIndex i) const noexcept { return m_isolated[i] != 0; }
    bool cheater(AgentIndex i) const noexcept { return m_cheater[i] != 0; }
    // The metrics as of the last round observed (final worths from the run, when given).
    DetectionSummary summary(const MarketRun* run = nullptr) const;

private:
    // The strategy each agent plays from this round on, scenario events applied.
    void applyEvents(int round);

    const Scenario* m_scenario;
    bool m_enabled = false;
    int m_round = 0;
    std::size_t m_nextEvent = 0;
    std::vector<std::size_t> m_eventOrder;
    std::vector<double> m_threshold; // per agent, its trust threshold now; NaN when it is not reputation-aware
    std::vector<std::uint8_t> m_cheater; // per agent: it has played a cheater kind
    std::vector<std::uint8_t> m_cheatsNow; // per agent: it plays one now
    std::vector<std::uint8_t> m_isolated; // per agent, after the last round
    std::vector<AgentDetection> m_agents;
    std::vector<DetectionCounts> m_byRound;
    double m_loss = 0.0;
};

// The scenario in which agent i never cheats: each cheater kind it plays (at the start or by an event) becomes `fair`
// (how every cheater kind negotiates), its trust threshold kept.
Scenario honestTwin(const Scenario& scenario, AgentIndex i);

} // namespace haggle::lab
