// Experiment `learning` (see learningexperiment.h).
//
// Curves: the learner (default q-learning) and one opponent in the handshake pair for `rounds` rounds, its mean reward
// per negotiation in each window of `window` rounds (bargainingstudy.h), per trial; the band is the 95% CI over
// trials. Learnt by: the first window whose mean reaches 90% of the way from the first window's mean to the last's.
// Its share of the surplus (its utility, bargaining.h) over the last window says which side it exploits best.
// Mixed market: two providers and two seekers of each opponent and of Q-learning; wealth as in `tactics`.
// Transfer: a learner trained for `rounds` against one opponent carries its policy into a run against another; its
// first window there is compared with a fresh learner's first window and with the native learner's last.
#include "learningexperiment.h"

#include "bargainingstudy.h"
#include "learningnegotiator.h"
#include "rng.h"
#include "simulation.h"
#include "trialrunner.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace haggle::lab {

namespace {

StrategySpec learnerSpec()
{
    StrategySpec s;
    s.type = "q-learning";
    return s;
}

std::vector<Contender> opponents()
{
    std::vector<Contender> all;
    for (const auto& c : bargainingContenders()) {
        if (c.label != "linear") // between Boulware and Conceder: adds little
            all.push_back(c);
    }
    return all;
}

// The learner's share of the surplus over a run's last `window` rounds, and its deals there.
struct Tail {
    std::vector<double> curve;
    double share = NaN; // mean utility over the last window's negotiations (failures 0)
};

Tail learnAgainst(const Contender& opponent, bool learnerSells, std::uint64_t seed, int rounds, int window)
{
    const StrategySpec learner = learnerSpec();
    Scenario s = learnerSells ? pairingScenario(opponent.strategy, learner, seed, rounds)
                              : pairingScenario(learner, opponent.strategy, seed, rounds);
    Tail t;
    Simulation sim(s);
    sim.setRecordMessages(false);
    const std::size_t index = learnerSells ? 1 : 0;
    const bargaining::Problem problem
        = s.analysis.problem(bargaining::buyerValue(s.market.jobValue, s.agents[0].urgency));
    double reward = 0.0, utility = 0.0;
    long long episodes = 0;
    int negotiations = 0;
    for (int r = 1; r <= rounds; ++r) {
        sim.step();
        if (r > rounds - window) {
            for (const auto& n : sim.lastEvents().negotiations) {
                const bool agreed = n.outcome == NegotiationOutcome::Accepted;
                const auto a = bargaining::analyse(problem, agreed ? std::optional(n.unitPrice) : std::nullopt);
                utility += learnerSells ? a.outcome.seller : a.outcome.buyer;
                ++negotiations;
            }
        }
        if (r % window == 0) {
            const auto& q = dynamic_cast<const QLearningStrategy&>(sim.agents()[index].strategy());
            const long long n = q.episodes() - episodes;
            t.curve.push_back(n > 0 ? (q.totalReward() - reward) / double(n) : NaN);
            reward = q.totalReward();
            episodes = q.episodes();
        }
    }
    if (negotiations > 0)
        t.share = utility / negotiations;
    return t;
}

// The policy a seller-learner has after `rounds` rounds against the opponent.
LearnedTable trainedPolicy(const Contender& opponent, std::uint64_t seed, int rounds)
{
    Simulation sim(pairingScenario(opponent.strategy, learnerSpec(), seed, rounds));
    sim.setRecordMessages(false);
    for (int r = 0; r < rounds; ++r)
        sim.step();
    return *sim.agents()[1].strategy().learned();
}

std::optional<int> learntBy(const std::vector<double>& mean, int window)
{
    if (mean.size() < 2 || std::isnan(mean.front()) || std::isnan(mean.back()))
        return std::nullopt;
    const double target = mean.front() + 0.9 * (mean.back() - mean.front());
    const bool rising = mean.back() >= mean.front();
    for (std::size_t w = 0; w < mean.size(); ++w) {
        if (!std::isnan(mean[w]) && (rising ? mean[w] >= target : mean[w] <= target))
            return static_cast<int>((w + 1) * static_cast<std::size_t>(window));
    }
    return std::nullopt;
}

} // namespace

LearningExperiment::LearningExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
    , m_rounds(parameters.integer("rounds"))
    , m_window(parameters.integer("window"))
{
}

KindInfo LearningExperiment::kindInfo()
{
    KindInfo info { "learning",
        "Q-learning negotiators: learning curves against each opponent, a mixed market, and a policy carried to "
        "another market",
        {
            { "trials", DefaultTrials, 1, MaxTrials, "trials of each curve, market and transfer", "trials",
                ParameterType::Integer },
            { "seed", static_cast<double>(DefaultSeed), 0, MaxExactSeed,
                "base seed; trial i of every part gets deriveSeed(seed, i)", "", ParameterType::Integer },
            { "rounds", 400, 2, 100000, "rounds each learner plays (and trains, before a transfer)", "rounds",
                ParameterType::Integer },
            { "window", 25, 1, 10000, "rounds per point of a learning curve", "rounds", ParameterType::Integer },
        } };
    info.check = [](const Parameters& p) -> std::optional<SpecError> {
        if (p.integer("window") * 2 <= p.integer("rounds"))
            return std::nullopt;
        return SpecError { "params.window", "window must be at most half of rounds (a curve needs two points)" };
    };
    return info;
}

ExperimentResult LearningExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Learning negotiators";
    const int trials = context.trials.value_or(m_trials);
    const std::uint64_t seed = context.seedFor(m_seed);
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(seed) },
        { "rounds", static_cast<long long>(m_rounds) }, { "window", static_cast<long long>(m_window) } };
    const TrialRunner runner(context.threads);
    const auto trialSeed = [&](int i) { return deriveSeed(seed, static_cast<std::uint64_t>(i)); };
    const auto all = opponents();
    const std::size_t k = all.size();

    // 1. Learning curves, as seller and as buyer.
    ResultTable curves { "curves",
        "Learning from scratch: mean reward per negotiation (per unit) in the first and last windows of "
            + std::to_string(m_window) + " rounds",
        { { "learner_side" }, { "opponent" }, { "first_window", "reward" }, { "first_ci95", "reward", 2, true },
            { "last_window", "reward" }, { "last_ci95", "reward", 2, true }, { "effect_size_d" },
            { "learnt_by_round", "rounds" }, { "surplus_share", "utility", 3 } },
        {} };
    std::vector<double> sellerShares, buyerShares;
    int rising = 0, learning = 0;
    std::vector<int> learnRounds;
    for (int side = 0; side < 2; ++side) {
        const bool sells = side == 0;
        context.checkpoint(0.3 * side, sells ? "curves as seller" : "curves as buyer");
        const auto runs = runner.run(static_cast<int>(k) * trials, [&](int j) {
            if (context.cancelled())
                throw ExperimentCancelled();
            return learnAgainst(
                all[static_cast<std::size_t>(j / trials)], sells, trialSeed(j % trials), m_rounds, m_window);
        });
        ResultSeries chart { sells ? "curve-seller" : "curve-buyer",
            std::string("Learning curves, the learner as ") + (sells ? "seller" : "buyer")
                + " (mean reward per negotiation; band: 95% CI over trials)",
            ChartKind::Band, "Round", "Reward per unit", {}, {} };
        for (std::size_t o = 0; o < k; ++o) {
            const std::size_t points = runs[o * static_cast<std::size_t>(trials)].curve.size();
            SeriesLine line { all[o].label, {}, {}, {}, {} };
            std::vector<double> means;
            std::vector<double> shares;
            std::vector<double> first, last;
            for (std::size_t w = 0; w < points; ++w) {
                std::vector<double> at;
                for (int i = 0; i < trials; ++i)
                    at.push_back(runs[o * static_cast<std::size_t>(trials) + static_cast<std::size_t>(i)].curve[w]);
                const Summary s = summarizeNumbers(at);
                line.x.push_back(static_cast<double>((w + 1) * static_cast<std::size_t>(m_window)));
                line.y.push_back(s.n ? s.mean : NaN);
                line.low.push_back(s.n > 1 ? s.lower() : NaN);
                line.high.push_back(s.n > 1 ? s.upper() : NaN);
                means.push_back(s.n ? s.mean : NaN);
                if (w == 0)
                    first = at;
                if (w + 1 == points)
                    last = at;
            }
            for (int i = 0; i < trials; ++i)
                shares.push_back(runs[o * static_cast<std::size_t>(trials) + static_cast<std::size_t>(i)].share);
            const Summary f = summarizeNumbers(first), l = summarizeNumbers(last), share = summarizeNumbers(shares);
            const std::optional<int> by = learntBy(means, m_window);
            double d = NaN;
            if (f.n > 0 && l.n > 0) {
                std::vector<double> a, b;
                for (double v : last)
                    if (!std::isnan(v))
                        a.push_back(v);
                for (double v : first)
                    if (!std::isnan(v))
                        b.push_back(v);
                d = cohensD(a, b);
            }
            curves.rows.push_back({ std::string(sells ? "seller" : "buyer"), all[o].label, meanCell(f), ciCell(f),
                meanCell(l), ciCell(l), std::isfinite(d) ? Cell(d) : Cell(), optionalCell(by), meanCell(share) });
            if (f.n > 0 && l.n > 0) {
                ++learning;
                if (l.mean > f.mean)
                    ++rising;
                if (by && l.mean > f.mean)
                    learnRounds.push_back(*by);
            }
            (sells ? sellerShares : buyerShares).push_back(share.n ? share.mean : NaN);
            chart.lines.push_back(std::move(line));
        }
        result.series.push_back(std::move(chart));
    }
    result.tables.push_back(std::move(curves));
    std::sort(learnRounds.begin(), learnRounds.end());
    const std::optional<int> medianLearnt
        = learnRounds.empty() ? std::nullopt : std::optional(learnRounds[learnRounds.size() / 2]);
    result.findings.push_back({ "learns",
        "The learner's reward rises from its first window to its last against " + std::to_string(rising) + " of "
            + std::to_string(learning) + " opponent-and-side pairings; it gets 90% of the way by round "
            + (medianLearnt ? std::to_string(*medianLearnt) : std::string("-"))
            + " (median; the prototype's learner learnt within about 50 rounds).",
        { { "rising", static_cast<long long>(rising) }, { "pairings", static_cast<long long>(learning) },
            { "median_learnt_by_round", optionalCell(medianLearnt) } },
        medianLearnt ? std::optional(*medianLearnt <= 50) : std::nullopt });
    const Summary sellerShare = summarizeNumbers(sellerShares), buyerShare = summarizeNumbers(buyerShares);
    result.findings.push_back({ "first_mover",
        "Over its last window the learner takes " + fixedText(100.0 * sellerShare.mean, 1)
            + "% of the surplus as seller (the first mover) and " + fixedText(100.0 * buyerShare.mean, 1)
            + "% as buyer, averaged over opponents.",
        { { "seller_share", sellerShare.mean }, { "buyer_share", buyerShare.mean } },
        sellerShare.mean > buyerShare.mean });

    // 2. The mixed market: two providers and two seekers of each contender, Q-learning among them.
    context.checkpoint(0.6, "mixed market");
    std::vector<Contender> members = all;
    members.push_back(contender("q-learning", "q-learning"));
    const auto markets = runner.run(trials, [&](int i) {
        if (context.cancelled())
            throw ExperimentCancelled();
        return mixedMarketGains(members, trialSeed(i), m_rounds);
    });
    const std::vector<RankedSummary> wealth = rankedGains(members, markets);
    ResultTable market { "market",
        "Mixed market: mean gain in net worth per agent over " + std::to_string(m_rounds) + " rounds",
        { { "rank" }, { "strategy" }, { "wealth_gain", "budget units" }, { "ci95", "budget units" } }, {} };
    std::size_t learnerRank = 0;
    for (std::size_t i = 0; i < wealth.size(); ++i) {
        market.rows.push_back(
            { static_cast<long long>(i + 1), wealth[i].label, wealth[i].summary.mean, wealth[i].summary.ci95 });
        if (wealth[i].label == "q-learning")
            learnerRank = i + 1;
    }
    result.tables.push_back(std::move(market));
    result.series.push_back(
        rankingSeries("market", "Mixed market: gain in net worth per agent", "Strategy", "Gain in net worth", wealth));
    result.findings.push_back({ "mixed_market",
        "In a mixed market the Q-learners rank " + std::to_string(learnerRank) + " of " + std::to_string(wealth.size())
            + " by wealth gained; " + wealth.front().label + " gains most.",
        { { "learner_rank", static_cast<long long>(learnerRank) }, { "winner", wealth.front().label } } });

    // 3. Transfer: trained against one opponent (as seller), carried to another.
    context.checkpoint(0.8, "transfer");
    std::vector<std::pair<Contender, Contender>> transfers;
    const std::vector<Contender> transferSet { contender("fair", "fair"), contender("conceder", "conceder"),
        contender("tit-for-tat", "tit-for-tat") };
    for (const auto& from : transferSet) {
        for (const auto& to : transferSet) {
            if (from.label != to.label)
                transfers.emplace_back(from, to);
        }
    }
    struct TransferTrial {
        double carried = NaN, fresh = NaN, native = NaN;
    };
    const auto transferRuns = runner.run(static_cast<int>(transfers.size()) * trials, [&](int j) {
        if (context.cancelled())
            throw ExperimentCancelled();
        const auto& [from, to] = transfers[static_cast<std::size_t>(j / trials)];
        const std::uint64_t s = trialSeed(j % trials);
        StrategySpec carried = learnerSpec();
        carried.policy = trainedPolicy(from, s, m_rounds);
        TransferTrial t;
        t.carried
            = learningCurve(pairingScenario(to.strategy, carried, deriveSeed(s, 2), m_window), 1, m_window).front();
        const Tail fresh = learnAgainst(to, true, s, m_rounds, m_window);
        t.fresh = fresh.curve.front();
        t.native = fresh.curve.back();
        return t;
    });
    ResultTable transferTable { "transfer",
        "Transfer: a seller's policy trained against one buyer, its first " + std::to_string(m_window)
            + " rounds against another",
        { { "trained_against" }, { "tested_against" }, { "carried", "reward" }, { "carried_ci95", "reward", 2, true },
            { "fresh", "reward" }, { "native_trained", "reward" }, { "native_ci95", "reward", 2, true } },
        {} };
    int overfit = 0;
    for (std::size_t t = 0; t < transfers.size(); ++t) {
        std::vector<double> carried, fresh, native;
        for (int i = 0; i < trials; ++i) {
            const TransferTrial& r = transferRuns[t * static_cast<std::size_t>(trials) + static_cast<std::size_t>(i)];
            carried.push_back(r.carried);
            fresh.push_back(r.fresh);
            native.push_back(r.native);
        }
        const Summary c = summarizeNumbers(carried), f = summarizeNumbers(fresh), n = summarizeNumbers(native);
        transferTable.rows.push_back({ transfers[t].first.label, transfers[t].second.label, meanCell(c), ciCell(c),
            meanCell(f), meanCell(n), ciCell(n) });
        if (c.n > 0 && n.n > 0 && c.mean < n.lower())
            ++overfit;
    }
    result.tables.push_back(std::move(transferTable));
    result.findings.push_back({ "transfer",
        "A carried policy starts below what a learner trained in the new market reaches (outside its 95% CI) in "
            + std::to_string(overfit) + " of " + std::to_string(transfers.size())
            + " transfers: the prototype's learner overfitted to its training market.",
        { { "overfit_transfers", static_cast<long long>(overfit) },
            { "transfers", static_cast<long long>(transfers.size()) } },
        overfit > 0 });
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
