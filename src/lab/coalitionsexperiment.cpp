// Experiment `coalitions` (see coalitionsexperiment.h).
//
// Trial i of every market gets the seed deriveSeed(seed, i): each condition meets the same draws of demand where its
// own draws leave them alone, and every number is the same for any thread count.
#include "coalitionsexperiment.h"

#include "bargainingstudy.h"
#include "rng.h"
#include "simulation.h"
#include "statistics.h"
#include "trialrunner.h"

#include <algorithm>
#include <cmath>

namespace haggle::lab {

namespace {

// One market of the experiment: providers of 4 GPU hours each, buyers of large jobs (10 GPU hours, more than any
// one provider has) and small buyers (1 GPU hour), each needing compute in half the rounds.
struct CoalitionMarket {
    std::string mechanism = "coalition";
    int providers = 12;
    int rounds = 60;
    int group = 0; // the first providers, whose earnings are reported apart (the cartel's, when there is one)
    int cartelSize = 0; // the first providers form a cartel
    std::string cartelStrategy = "fair";
    int poolSize = 0;
    double freeRiding = 0.0; // the first provider's rate of withholding its part (a cheater); 0: none
    bool largeJobs = true;
    std::uint64_t seed = 1;
};

Scenario coalitionScenario(const CoalitionMarket& m)
{
    Scenario s;
    s.name = "coalitions";
    s.rounds = m.rounds;
    s.seed = m.seed;
    s.mechanism = { m.mechanism, {} };
    if (m.mechanism == "coalition")
        s.mechanism.params["pool_size"] = m.poolSize;
    s.coalitions.split = SplitRule::Shapley;
    const auto agent = [](std::string id, std::string role, std::string strategy) {
        AgentSpec a;
        a.id = std::move(id);
        a.role = std::move(role);
        a.strategy.type = std::move(strategy);
        a.budget = 1000.0;
        return a;
    };
    CartelSpec cartel;
    for (int i = 0; i < m.providers; ++i) {
        const bool inCartel = i < m.cartelSize;
        AgentSpec a = agent("p" + std::to_string(i + 1), "provider", inCartel ? m.cartelStrategy : "fair");
        if (i == 0 && m.freeRiding > 0.0) {
            a.strategy.type = "cheater";
            a.strategy.params["cheat_probability"] = m.freeRiding;
        }
        a.holdings.gpu = 4.0;
        a.unitCost = evenlySpread(i, m.providers, 0.2, 0.8);
        if (inCartel)
            cartel.members.push_back(a.id);
        s.agents.push_back(std::move(a));
    }
    if (m.cartelSize >= 2)
        s.coalitions.cartels.push_back(cartel);
    const int large = m.largeJobs ? std::max(1, m.providers / 3) : 0;
    for (int j = 0; j < large; ++j) {
        AgentSpec a = agent("l" + std::to_string(j + 1), "large", "fair");
        a.urgency = evenlySpread(j, large, 0.2, 0.8);
        s.agents.push_back(std::move(a));
    }
    for (int j = 0; j < m.providers; ++j) {
        AgentSpec a = agent("s" + std::to_string(j + 1), "small", "fair");
        a.urgency = evenlySpread(j, m.providers, 0.0, 1.0);
        s.agents.push_back(std::move(a));
    }
    for (const char* role : { "large", "small" }) {
        if (std::string_view(role) == "large" && large == 0)
            continue;
        NeedRule rule;
        rule.who = NeedRule::Who::Role;
        rule.role = role;
        rule.probability = 0.5;
        rule.need.gpu = std::string_view(role) == "large" ? 10.0 : 1.0;
        s.demand.rules.push_back(rule);
    }
    return s;
}

// What one run measured.
struct CoalitionTrial {
    double groupProfit = NaN; // mean earnings a round of one of the first `group` providers (NaN: no group)
    double soloProfit = 0.0; // of one of the others
    double largeServed = 0.0; // share of the large jobs' needs met
    double smallSurplus = 0.0; // a small buyer's mean gain per need (job value - price; an unmet need gains 0)
    double smallMet = 0.0; // share of the small buyers' needs met
    double coalitionPrice = NaN; // mean unit price of the coalitions' agreements
    double detectedAt = NaN; // the round the free-rider was first flagged (NaN: never)
    int honestFlagged = 0; // honest members flagged as free-riders
};

CoalitionTrial runCoalitionMarket(const CoalitionMarket& market)
{
    const Scenario scenario = coalitionScenario(market);
    std::vector<char> roles; // 'p'rovider, 'l'arge or 's'mall buyer: the first letter of each id
    for (const AgentSpec& a : scenario.agents)
        roles.push_back(a.id.front());
    const auto roleOf = [&](AgentIndex i) { return roles[i]; };
    Simulation sim(scenario);
    sim.setRecordMessages(false);
    sim.setDealHistoryLimit(0);
    const MarketState& state = sim.state();
    std::vector<double> start;
    for (const Agent& a : state.agents())
        start.push_back(a.budget());
    long largeNeeds = 0, largeMet = 0, smallNeeds = 0, smallMet = 0;
    double priceSum = 0.0;
    long coalitions = 0;
    CoalitionTrial t;
    for (int r = 1; r <= market.rounds; ++r) {
        sim.step();
        const RoundEvents& e = sim.lastEvents();
        for (AgentIndex i = 0; i < state.size(); ++i) { // this round's needs stay until the next round's demand
            if (state.agent(i).need().units() > 0.0)
                ++(roleOf(i) == 'l' ? largeNeeds : smallNeeds);
        }
        for (const JobRecord& job : e.jobs)
            (roleOf(job.agent) == 'l' ? largeMet : smallMet) += 1;
        for (const CoalitionRecord& c : e.coalitions) {
            ++coalitions;
            double price = 0.0, value = 0.0;
            for (const auto& m : c.members) {
                price += m.payout;
                value += m.part.value(state.market().referencePrices);
            }
            priceSum += value > 0.0 ? price / value : 0.0;
        }
        for (const FreeRiderRecord& f : e.freeRiders) {
            if (market.freeRiding > 0.0 && f.member == 0) {
                if (std::isnan(t.detectedAt))
                    t.detectedAt = r;
            } else {
                ++t.honestFlagged;
            }
        }
    }
    double cartel = 0.0, solo = 0.0, small = 0.0;
    int cartelCount = 0, soloCount = 0;
    for (AgentIndex i = 0; i < state.size(); ++i) {
        const double gain = state.agent(i).budget() - start[i];
        if (roleOf(i) == 'p') {
            if (int(i) < market.group) {
                cartel += gain;
                ++cartelCount;
            } else {
                solo += gain;
                ++soloCount;
            }
        } else if (roleOf(i) == 's') {
            small += gain;
        }
    }
    if (cartelCount > 0)
        t.groupProfit = cartel / cartelCount / market.rounds;
    t.soloProfit = soloCount > 0 ? solo / soloCount / market.rounds : 0.0;
    t.largeServed = largeNeeds > 0 ? double(largeMet) / double(largeNeeds) : 0.0;
    t.smallMet = smallNeeds > 0 ? double(smallMet) / double(smallNeeds) : 0.0;
    t.smallSurplus = smallNeeds > 0 ? small / double(smallNeeds) : 0.0;
    if (coalitions > 0)
        t.coalitionPrice = priceSum / double(coalitions);
    return t;
}

} // namespace

CoalitionsExperiment::CoalitionsExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
    , m_rounds(parameters.integer("rounds"))
    , m_providers(parameters.integer("providers"))
{
}

KindInfo CoalitionsExperiment::kindInfo()
{
    return { "coalitions",
        "Coalitions of providers for jobs too large for one: cartels (strategy against size), buyer coalitions, "
        "free-riders and how soon contribution monitoring flags them",
        {
            { "trials", DefaultTrials, 1, MaxTrials, "trials of each market", "trials", ParameterType::Integer },
            { "seed", static_cast<double>(DefaultSeed), 0, MaxExactSeed,
                "base seed; trial i of every market gets deriveSeed(seed, i)", "", ParameterType::Integer },
            { "rounds", 60, 1, 10000, "rounds of each market", "rounds", ParameterType::Integer },
            { "providers", 12, 5, 1000,
                "providers of 4 GPU hours each (a third as many buyers of 10-hour jobs, as many of 1-hour jobs)",
                "agents", ParameterType::Integer },
        } };
}

ExperimentResult CoalitionsExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Coalitions, cartels and free-riders";
    const int trials = context.trials.value_or(m_trials);
    const std::uint64_t seed = context.seedFor(m_seed);
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(seed) },
        { "rounds", static_cast<long long>(m_rounds) }, { "providers", static_cast<long long>(m_providers) } };
    const TrialRunner runner(context.threads);
    const auto base = [&] {
        CoalitionMarket m;
        m.rounds = m_rounds;
        m.providers = m_providers;
        return m;
    };
    // Runs each market `trials` times: market k's trial i at k * trials + i.
    const auto play = [&](const std::vector<CoalitionMarket>& markets) {
        return runner.run(static_cast<int>(markets.size()) * trials, [&](int j) {
            if (context.cancelled())
                throw ExperimentCancelled();
            CoalitionMarket m = markets[static_cast<std::size_t>(j / trials)];
            m.seed = deriveSeed(seed, static_cast<std::uint64_t>(j % trials));
            return runCoalitionMarket(m);
        });
    };
    const auto values = [&](const std::vector<CoalitionTrial>& all, std::size_t k, double CoalitionTrial::*field) {
        std::vector<double> v;
        for (int i = 0; i < trials; ++i) {
            const double x = all[k * static_cast<std::size_t>(trials) + static_cast<std::size_t>(i)].*field;
            if (!std::isnan(x))
                v.push_back(x);
        }
        return v;
    };

    // 1. Cartels.
    context.checkpoint(0.0, "cartels");
    // The first providers are asked first while the buyers' views of them are equal (index order), with or without a
    // cartel: each cartel is compared with the same providers without one.
    struct CartelCondition {
        std::string label;
        std::string mechanism;
        int group;
        int cartel;
        std::string strategy;
    };
    const std::vector<CartelCondition> cartels { { "bilateral, no coalitions", "bilateral", 4, 0, "fair" },
        { "coalitions, no cartel", "coalition", 2, 0, "fair" }, { "coalitions, no cartel", "coalition", 4, 0, "fair" },
        { "fair cartel", "coalition", 2, 2, "fair" }, { "fair cartel", "coalition", 4, 4, "fair" },
        { "greedy cartel", "coalition", 2, 2, "greedy" }, { "greedy cartel", "coalition", 4, 4, "greedy" } };
    std::vector<CoalitionMarket> markets;
    for (const CartelCondition& c : cartels) {
        CoalitionMarket m = base();
        m.mechanism = c.mechanism;
        m.group = c.group;
        m.cartelSize = c.cartel;
        m.cartelStrategy = c.strategy;
        markets.push_back(m);
    }
    const auto cartelTrials = play(markets);
    ResultTable cartelTable { "cartels",
        "The first 2 or 4 providers, a cartel or not, among the others (means over trials of earnings a round; ci95: "
        "half-width of the 95% confidence interval)",
        { { "market" }, { "first", "providers" }, { "first_earnings", "per round", 3 },
            { "first_earnings_ci95", "", 3 }, { "solo_provider_earnings", "per round", 3 },
            { "solo_provider_earnings_ci95", "", 3 }, { "large_jobs_served", "share", 3 },
            { "large_jobs_served_ci95", "", 3, true }, { "coalition_unit_price", "unit price", 3 } },
        {} };
    std::vector<RankedSummary> cartelRanked;
    for (std::size_t k = 0; k < cartels.size(); ++k) {
        const Summary member = summarize(values(cartelTrials, k, &CoalitionTrial::groupProfit));
        const Summary solo = summarize(values(cartelTrials, k, &CoalitionTrial::soloProfit));
        const Summary served = summarize(values(cartelTrials, k, &CoalitionTrial::largeServed));
        const Summary price = summarize(values(cartelTrials, k, &CoalitionTrial::coalitionPrice));
        std::vector<Cell> row { cartels[k].label, static_cast<long long>(cartels[k].group), member.mean, member.ci95,
            solo.mean, solo.ci95, served.mean, served.ci95 };
        row.emplace_back(price.n ? price.mean : NaN);
        cartelTable.rows.push_back(std::move(row));
        cartelRanked.push_back({ cartels[k].label + ", first " + std::to_string(cartels[k].group), member });
    }
    result.tables.push_back(std::move(cartelTable));
    result.series.push_back(rankingSeries("cartel-earnings", "What one of the first providers earns a round", "Market",
        "Earnings per round", cartelRanked));
    {
        const Summary none = summarize(values(cartelTrials, 0, &CoalitionTrial::largeServed));
        const Summary with = summarize(values(cartelTrials, 1, &CoalitionTrial::largeServed));
        result.findings.push_back({ "large_jobs",
            "Without coalitions " + percentText(none.mean) + " of the large jobs' needs are met; with coalitions "
                + percentText(with.mean) + " (95% CI " + percentText(with.lower()) + " to " + percentText(with.upper())
                + ").",
            { { "bilateral", none.mean }, { "coalition", with.mean }, { "coalition_ci95", with.ci95 } },
            with.lower() > none.upper() });
        // Strategy against size: the difference each makes to a member's earnings, in pooled standard deviations.
        const auto earnings = [&](std::size_t k) { return values(cartelTrials, k, &CoalitionTrial::groupProfit); };
        std::vector<double> fair = earnings(3), greedy = earnings(5), two = earnings(3), four = earnings(4);
        const auto add = [](std::vector<double>& to, const std::vector<double>& from) {
            to.insert(to.end(), from.begin(), from.end());
        };
        add(fair, earnings(4));
        add(greedy, earnings(6));
        add(two, earnings(5));
        add(four, earnings(6));
        const double byStrategy = cohensD(greedy, fair);
        const double bySize = cohensD(four, two);
        result.findings.push_back({ "strategy_vs_size",
            "A cartel member earns " + fixedText(summarize(greedy).mean, 3) + " a round in a greedy cartel and "
                + fixedText(summarize(fair).mean, 3) + " in a fair one (Cohen's d " + fixedText(byStrategy, 2) + "); "
                + fixedText(summarize(four).mean, 3) + " in a cartel of 4 and " + fixedText(summarize(two).mean, 3)
                + " in a cartel of 2 (d " + fixedText(bySize, 2) + "): its "
                + (std::abs(byStrategy) > std::abs(bySize) ? "strategy" : "size") + " matters more.",
            { { "greedy", summarize(greedy).mean }, { "fair", summarize(fair).mean }, { "d_strategy", byStrategy },
                { "four", summarize(four).mean }, { "two", summarize(two).mean }, { "d_size", bySize } },
            std::abs(byStrategy) > std::abs(bySize) });
        // What forming a cartel gains the same four providers.
        const auto without = earnings(2), with4 = earnings(4);
        const Summary a = summarize(without), b = summarize(with4);
        result.findings.push_back({ "cartel_gain",
            "The first four providers earn " + fixedText(b.mean, 3) + " a round each as a fair cartel and "
                + fixedText(a.mean, 3) + " without one (Cohen's d " + fixedText(cohensD(with4, without), 2) + ").",
            { { "cartel", b.mean }, { "alone", a.mean }, { "cohens_d", cohensD(with4, without) } },
            b.lower() > a.upper() });
    }

    // 2. Buyer coalitions.
    context.checkpoint(0.4, "buyer coalitions");
    const std::vector<int> poolSizes { 0, 3, 6 };
    markets.clear();
    for (int size : poolSizes) {
        CoalitionMarket m = base();
        m.poolSize = size;
        m.largeJobs = false;
        markets.push_back(m);
    }
    const auto poolTrials = play(markets);
    ResultTable poolTable { "buyer-coalitions", "Small buyers pooling their demand (means over trials)",
        { { "pool_size", "buyers" }, { "surplus_per_need", "", 3 }, { "surplus_per_need_ci95", "", 3 },
            { "needs_met", "share", 3 }, { "needs_met_ci95", "", 3 } },
        {} };
    std::vector<RankedSummary> poolRanked;
    std::vector<std::vector<double>> surpluses;
    for (std::size_t k = 0; k < poolSizes.size(); ++k) {
        surpluses.push_back(values(poolTrials, k, &CoalitionTrial::smallSurplus));
        const Summary surplus = summarize(surpluses.back());
        const Summary met = summarize(values(poolTrials, k, &CoalitionTrial::smallMet));
        poolTable.rows.push_back(
            { static_cast<long long>(poolSizes[k]), surplus.mean, surplus.ci95, met.mean, met.ci95 });
        poolRanked.push_back(
            { poolSizes[k] == 0 ? std::string("alone") : "pools of " + std::to_string(poolSizes[k]), surplus });
    }
    result.tables.push_back(std::move(poolTable));
    result.series.push_back(rankingSeries("buyer-coalitions", "A small buyer's surplus per need", "Buyers",
        "Surplus per need (job value - price)", poolRanked));
    {
        const Summary alone = summarize(surpluses[0]);
        const Summary pooled = summarize(surpluses[1]);
        result.findings.push_back({ "buyer_coalitions",
            "A small buyer gains " + fixedText(alone.mean, 3) + " a need buying alone and " + fixedText(pooled.mean, 3)
                + " in pools of 3 (Cohen's d " + fixedText(cohensD(surpluses[1], surpluses[0]), 2) + "): pooling "
                + (pooled.upper() < alone.lower()        ? "hurts its members."
                        : pooled.lower() > alone.upper() ? "helps its members."
                                                         : "makes no clear difference."),
            { { "alone", alone.mean }, { "pooled", pooled.mean }, { "cohens_d", cohensD(surpluses[1], surpluses[0]) } },
            pooled.upper() < alone.lower() });
    }

    // 3. Free-riders.
    context.checkpoint(0.7, "free-riders");
    const std::vector<double> rates { 0.3, 0.6, 1.0 };
    markets.clear();
    for (double rate : rates) {
        CoalitionMarket m = base();
        m.freeRiding = rate;
        markets.push_back(m);
    }
    const auto riderTrials = play(markets);
    ResultTable riderTable { "free-riders",
        "A provider that commits and does not deliver: the round contribution monitoring flags it",
        { { "withholding_rate", "share", 2 }, { "detected", "share", 3 }, { "rounds_to_detection", "rounds", 1 },
            { "rounds_to_detection_ci95", "", 1 }, { "honest_members_flagged", "", 0 } },
        {} };
    std::vector<RankedSummary> riderRanked;
    int honestFlagged = 0;
    for (std::size_t k = 0; k < rates.size(); ++k) {
        const auto at = values(riderTrials, k, &CoalitionTrial::detectedAt);
        const Summary s = summarize(at);
        int honest = 0;
        for (int i = 0; i < trials; ++i)
            honest += riderTrials[k * static_cast<std::size_t>(trials) + static_cast<std::size_t>(i)].honestFlagged;
        honestFlagged += honest;
        std::vector<Cell> row { rates[k], static_cast<double>(at.size()) / trials };
        row.emplace_back(s.n ? s.mean : NaN);
        row.emplace_back(s.n ? s.ci95 : NaN);
        row.emplace_back(static_cast<long long>(honest));
        riderTable.rows.push_back(std::move(row));
        if (s.n)
            riderRanked.push_back({ "withholds " + percentText(rates[k], 0), s });
    }
    result.tables.push_back(std::move(riderTable));
    result.series.push_back(rankingSeries(
        "free-rider-detection", "Rounds until a free-rider is flagged", "Free-rider", "Round flagged", riderRanked));
    {
        const auto at = values(riderTrials, 0, &CoalitionTrial::detectedAt);
        const Summary s = summarize(at);
        result.findings.push_back({ "free_rider_detection",
            "A provider withholding its part 30% of the time is flagged in "
                + percentText(double(at.size()) / trials, 0) + " of trials, at round " + fixedText(s.mean, 1)
                + " on average (95% CI " + fixedText(s.lower(), 1) + " to " + fixedText(s.upper(), 1)
                + "); honest members flagged: " + std::to_string(honestFlagged) + ".",
            { { "detected", double(at.size()) / trials }, { "round", s.n ? s.mean : NaN },
                { "ci95", s.n ? s.ci95 : NaN }, { "honest_flagged", static_cast<long long>(honestFlagged) } },
            honestFlagged == 0 && s.n > 0 && s.mean <= 10.0 });
    }
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
