// The LLM experiments (see llmexperiments.h).
#include "llmexperiments.h"

#include "builtinscenarios.h"
#include "llmdialogue.h"
#include "marketrun.h"
#include "rng.h"
#include "runresult.h"
#include "statistics.h"
#include "trialrunner.h"

#include <array>
#include <map>

namespace haggle::lab {

namespace {

constexpr std::array<std::string_view, 2> Variants = { "naive", "engineered" };
constexpr std::array<std::string_view, 6> Opponents
    = { "greedy", "fair", "patient", "adaptive", "boulware", "tit-for-tat" };
constexpr double FairRate = 1.0; // the reference unit price

// What a run's dialogue did, summed over runs.
struct ModelUse {
    int runs = 0;
    int decisions = 0;
    int answered = 0;
    int fallbacks = 0;
    int calls = 0;
    int replayed = 0;
    long long promptTokens = 0;
    long long completionTokens = 0;
    double latencyMs = 0.0;
    std::map<std::string, int> reasons;
    std::string lastProblem;

    void add(const LlmTally& t)
    {
        ++runs;
        decisions += t.decisions;
        answered += t.answered;
        fallbacks += t.fallbacks;
        calls += t.calls + t.replayed; // the run's calls to the model, live or answered from its recording
        replayed += t.replayed;
        promptTokens += t.promptTokens;
        completionTokens += t.completionTokens;
        latencyMs += t.latencyMs;
        for (const auto& [why, n] : t.fallbackReasons)
            reasons[why] += n;
        if (!t.lastProblem.empty())
            lastProblem = t.lastProblem;
    }
    void add(const ModelUse& o)
    {
        runs += o.runs;
        decisions += o.decisions;
        answered += o.answered;
        fallbacks += o.fallbacks;
        calls += o.calls;
        replayed += o.replayed;
        promptTokens += o.promptTokens;
        completionTokens += o.completionTokens;
        latencyMs += o.latencyMs;
        for (const auto& [why, n] : o.reasons)
            reasons[why] += n;
        if (!o.lastProblem.empty())
            lastProblem = o.lastProblem;
    }
    std::string reasonsText() const
    {
        std::string out;
        for (const auto& [why, n] : reasons)
            out += (out.empty() ? "" : ", ") + why + " " + std::to_string(n);
        return out;
    }
};

// The settings of a run's LLM agents: the defaults with this prompt variant.
LanguageModelSettings variantSettings(std::string_view variant)
{
    LanguageModelSettings s;
    s.prompt = std::string(variant);
    return s;
}

// The dialogue of a run's LLM agents, if the context gives a model (null without one); the experiment's cancel ends a
// call in flight. What they did, once the run is over, comes from it.
std::shared_ptr<LlmDialogue> dialogueFor(
    const ExperimentContext& context, const Scenario& scenario, const std::string& name)
{
    if (!context.languageModel)
        return nullptr;
    std::shared_ptr<LlmDialogue> dialogue = context.languageModel(scenario, name);
    dialogue->setCancelFlag(context.cancel);
    return dialogue;
}

ResultTable costTable(const std::map<std::string, ModelUse>& byVariant)
{
    ResultTable table { "model_use", "The model's work by prompt variant: decisions, fallbacks, calls, tokens, latency",
        { { "prompt" }, { "runs", "", 0 }, { "decisions", "", 0 }, { "answered", "share" }, { "fallbacks", "", 0 },
            { "fallback_reasons" }, { "calls", "", 0 }, { "replayed", "", 0, true }, { "prompt_tokens", "tokens", 0 },
            { "completion_tokens", "tokens", 0 }, { "mean_latency", "s", 2 }, { "total_latency", "s", 1, true } },
        {} };
    for (const auto& [variant, u] : byVariant)
        table.rows.push_back({ variant, static_cast<long long>(u.runs), static_cast<long long>(u.decisions),
            u.decisions ? Cell(double(u.answered) / u.decisions) : Cell(), static_cast<long long>(u.fallbacks),
            u.reasonsText(), static_cast<long long>(u.calls), static_cast<long long>(u.replayed),
            static_cast<long long>(u.promptTokens), static_cast<long long>(u.completionTokens),
            u.calls ? Cell(u.latencyMs / u.calls / 1000.0) : Cell(), u.latencyMs / 1000.0 });
    return table;
}

Finding modelFinding(const ExperimentContext& context, const ModelUse& all)
{
    if (!context.languageModel)
        return { "model",
            "No language model was connected: the LLM agents played their fallback strategy (fair) throughout, so "
            "these numbers are the fallback's, not a model's (haggle-cli: --llm-url, docs/llm.md).",
            { { "decisions", static_cast<long long>(all.decisions) }, { "answered", 0LL } } };
    std::string statement
        = "The model answered " + std::to_string(all.answered) + " of " + std::to_string(all.decisions) + " decisions";
    statement += all.fallbacks ? "; the fallback took " + std::to_string(all.fallbacks) + " (" + all.reasonsText() + ")"
                               : std::string("; no fallbacks");
    if (all.calls)
        statement += "; " + std::to_string(all.calls) + " calls, " + fixedText(all.latencyMs / all.calls / 1000.0)
            + " s each on average, " + std::to_string(all.promptTokens + all.completionTokens) + " tokens";
    if (all.replayed)
        statement += "; " + std::to_string(all.replayed) + " attempts answered from recordings";
    if (!all.lastProblem.empty())
        statement += ". Last problem: " + all.lastProblem;
    return { "model", statement + ".",
        { { "decisions", static_cast<long long>(all.decisions) }, { "answered", static_cast<long long>(all.answered) },
            { "fallbacks", static_cast<long long>(all.fallbacks) }, { "calls", static_cast<long long>(all.calls) },
            { "tokens", all.promptTokens + all.completionTokens } } };
}

// --- llm-handshake ---------------------------------------------------------------------------------------------------

struct Pairing {
    std::string_view variant;
    std::string_view role; // the LLM agent's: "buyer", "seller", or "both" (LLM against LLM)
    std::string_view opponent;
};

std::vector<Pairing> pairings()
{
    std::vector<Pairing> out;
    for (std::string_view v : Variants) {
        for (std::string_view role : { std::string_view("buyer"), std::string_view("seller") }) {
            for (std::string_view o : Opponents)
                out.push_back({ v, role, o });
        }
        out.push_back({ v, "both", "llm" });
    }
    return out;
}

struct Handshake {
    bool deal = false;
    double unitPrice = 0.0;
    int turns = 0;
    LlmTally tally;
};

} // namespace

bool asksLanguageModel(std::string_view name) noexcept
{
    return name == LlmHandshakeExperiment::Name || name == MixedExperiment::Name;
}

LlmHandshakeExperiment::LlmHandshakeExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
{
}

KindInfo LlmHandshakeExperiment::kindInfo()
{
    return { Name,
        "An LLM negotiator as buyer and as seller against each rule strategy and itself, per prompt variant: deal "
        "rate, "
        "price against fair, turns, and the model's cost",
        {
            { "trials", 10, 1, MaxTrials, "negotiations of each pairing", "trials", ParameterType::Integer },
            { "seed", 42, 0, MaxExactSeed, "base seed", "", ParameterType::Integer },
        } };
}

ExperimentResult LlmHandshakeExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "LLM handshake: an LLM negotiator against rule strategies and itself";
    const std::uint64_t base = context.seedFor(m_seed);
    const int trials = context.trials.value_or(m_trials);
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(base) } };
    const Scenario pair = builtinScenario("handshake");
    const std::vector<Pairing> cells = pairings();
    const int n = static_cast<int>(cells.size());
    context.checkpoint(0.0, "negotiations");
    const TrialRunner runner(context.threads);
    const auto outcomes = runner.run(n * trials, [&](int index) {
        if (context.cancelled())
            throw ExperimentCancelled();
        const Pairing& c = cells[static_cast<std::size_t>(index / trials)];
        const int trial = index % trials;
        Scenario s = pair;
        s.rounds = 1;
        s.seed = deriveSeed(base, static_cast<std::uint64_t>(trial));
        s.llm = variantSettings(c.variant);
        const StrategySpec llm { "llm", {}, std::nullopt };
        const StrategySpec rule { std::string(c.opponent), {}, std::nullopt };
        s.agents[0].strategy = c.role == "seller" ? rule : llm;
        s.agents[1].strategy = c.role == "buyer" ? rule : llm;
        const std::unique_ptr<MarketRun> run = makeRun(s);
        const auto dialogue = dialogueFor(context, s,
            std::string(c.variant) + "-" + std::string(c.role) + "-" + std::string(c.opponent) + "-"
                + std::to_string(trial));
        if (dialogue)
            run->setLanguageModel(dialogue);
        run->step();
        Handshake h;
        for (const auto& neg : run->lastEvents().negotiations) {
            h.turns = neg.turns;
            h.deal = neg.outcome == NegotiationOutcome::Accepted;
            h.unitPrice = neg.unitPrice;
        }
        if (dialogue)
            h.tally = dialogue->tally();
        return h;
    });

    ResultTable table { "handshake",
        "Per prompt variant, the LLM agent's side and its opponent: deal rate over " + std::to_string(trials)
            + " negotiations (Wilson 95%), unit price against the fair rate 1.0 (mean, 95% CI), turns",
        { { "prompt" }, { "llm_side" }, { "opponent" }, { "deal_rate", "share" }, { "deal_low", "share", 2, true },
            { "deal_high", "share", 2, true }, { "mean_unit_price", "unit price", 3 }, { "price_ci", "unit price", 3 },
            { "over_fair", "unit price", 3 }, { "mean_turns", "turns" }, { "answered", "share" },
            { "fallbacks", "", 0 }, { "calls", "", 0, true }, { "tokens", "tokens", 0, true },
            { "mean_latency", "s", 2, true } },
        {} };
    std::map<std::string, ModelUse> byVariant;
    std::map<std::string, std::pair<int, int>> dealsByVariant; // deals, negotiations
    std::map<std::string, std::vector<double>> pricesByVariant;
    ModelUse all;
    for (int c = 0; c < n; ++c) {
        std::vector<double> prices;
        int deals = 0, turns = 0;
        ModelUse use;
        for (int t = 0; t < trials; ++t) {
            const Handshake& h = outcomes[static_cast<std::size_t>(c * trials + t)];
            turns += h.turns;
            if (h.deal) {
                ++deals;
                prices.push_back(h.unitPrice);
            }
            use.add(h.tally);
        }
        const Pairing& p = cells[static_cast<std::size_t>(c)];
        const Proportion rate = wilson(deals, trials);
        const Summary price = summarize(prices);
        table.rows.push_back({ std::string(p.variant), std::string(p.role), std::string(p.opponent), rate.share,
            rate.low, rate.high, deals ? Cell(price.mean) : Cell(), deals > 1 ? Cell(price.ci95) : Cell(),
            deals ? Cell(price.mean - FairRate) : Cell(), double(turns) / trials,
            use.decisions ? Cell(double(use.answered) / use.decisions) : Cell(), static_cast<long long>(use.fallbacks),
            static_cast<long long>(use.calls), use.promptTokens + use.completionTokens,
            use.calls ? Cell(use.latencyMs / use.calls / 1000.0) : Cell() });
        const std::string v(p.variant);
        byVariant[v].add(use);
        all.add(use);
        dealsByVariant[v].first += deals;
        dealsByVariant[v].second += trials;
        pricesByVariant[v].insert(pricesByVariant[v].end(), prices.begin(), prices.end());
    }
    result.tables.push_back(std::move(table));
    result.tables.push_back(costTable(byVariant));
    result.findings.push_back(modelFinding(context, all));

    const auto& [naiveDeals, naiveN] = dealsByVariant["naive"];
    const auto& [engDeals, engN] = dealsByVariant["engineered"];
    const ProportionTest test = twoProportionTest(naiveDeals, naiveN, engDeals, engN);
    const Summary naivePrice = summarize(pricesByVariant["naive"]);
    const Summary engPrice = summarize(pricesByVariant["engineered"]);
    const auto priceText = [](const Summary& s) {
        return s.n
            ? fixedText(s.mean, 3) + " (95% CI " + fixedText(s.lower(), 3) + " to " + fixedText(s.upper(), 3) + ")"
            : std::string("none");
    };
    result.findings.push_back({ "prompts",
        "Deal rate: naive " + percentText(double(naiveDeals) / std::max(1, naiveN)) + ", engineered "
            + percentText(double(engDeals) / std::max(1, engN)) + " (two-proportion test p = " + fixedText(test.p, 3)
            + "); mean deal price: naive " + priceText(naivePrice) + ", engineered " + priceText(engPrice) + ".",
        { { "naive_deal_rate", double(naiveDeals) / std::max(1, naiveN) },
            { "engineered_deal_rate", double(engDeals) / std::max(1, engN) }, { "p_value", test.p },
            { "naive_mean_price", naivePrice.n ? Cell(naivePrice.mean) : Cell() },
            { "engineered_mean_price", engPrice.n ? Cell(engPrice.mean) : Cell() } } });
    context.checkpoint(1.0, "done");
    return result;
}

// --- mixed -----------------------------------------------------------------------------------------------------------

namespace {

constexpr std::array<std::string_view, 3> Tiers = { "llm", "rule", "q-learning" };

// Each tier's strategies: the LLM agents, the rule-based ones (Adaptive buyers, a Fair and a Greedy seller), the
// Q-learners.
std::string_view tierOf(std::string_view strategy)
{
    if (strategy == "llm")
        return Tiers[0];
    if (strategy == "q-learning")
        return Tiers[2];
    return Tiers[1];
}

Scenario llmMixedMarket(int perTier, int rounds, std::string_view variant)
{
    Scenario s = builtinScenario("handshake");
    s.name = "Mixed market";
    s.rounds = rounds;
    s.agents.clear();
    const auto add
        = [&](std::string id, std::string role, std::string strategy, double gpu, double budget, double urgency) {
              AgentSpec a;
              a.id = std::move(id);
              a.role = std::move(role);
              a.strategy = { std::move(strategy), {}, std::nullopt };
              a.holdings.gpu = gpu;
              a.budget = budget;
              a.urgency = urgency;
              s.agents.push_back(std::move(a));
          };
    for (int i = 1; i <= perTier; ++i) {
        const double urgency = 0.2 + 0.6 * (i - 1) / std::max(1, perTier - 1);
        add("llm_buyer_" + std::to_string(i), "seeker", "llm", 0.0, 300.0, urgency);
        add("adaptive_buyer_" + std::to_string(i), "seeker", "adaptive", 0.0, 300.0, urgency);
        add("q_buyer_" + std::to_string(i), "seeker", "q-learning", 0.0, 300.0, urgency);
    }
    add("llm_seller", "provider", "llm", 15.0 * perTier, 50.0, 0.2);
    add("fair_seller", "provider", "fair", 15.0 * perTier, 50.0, 0.2);
    add("greedy_seller", "provider", "greedy", 15.0 * perTier, 50.0, 0.2);
    add("q_seller", "provider", "q-learning", 15.0 * perTier, 50.0, 0.2);
    NeedRule need;
    need.who = NeedRule::Who::Role;
    need.role = "seeker";
    need.probability = 0.8;
    need.need.gpu = 5.0;
    s.demand.rules = { need };
    s.llm = variantSettings(variant);
    return s;
}

struct TierOutcome {
    double wealthChange = 0.0; // mean over the tier's agents of one side
    double surplusPerDeal = 0.0; // the side's wealth change over its deals (NaN without deals)
    double dealsPerRound = 0.0; // per agent
};

struct MixedTrial {
    std::map<std::string, TierOutcome> bySide; // "tier/side"
    LlmTally tally;
};

} // namespace

MixedExperiment::MixedExperiment(const Parameters& parameters)
    : Experiment(kindInfo(), parameters)
    , m_trials(parameters.integer("trials"))
    , m_seed(static_cast<std::uint64_t>(parameters["seed"]))
    , m_rounds(parameters.integer("rounds"))
    , m_perTier(parameters.integer("buyers"))
{
}

KindInfo MixedExperiment::kindInfo()
{
    return { Name,
        "Mixed intelligence: LLM, rule-based and Q-learning agents in one market, per prompt variant: wealth, surplus "
        "per deal and deal rate by tier, and the model's cost",
        {
            { "trials", 5, 1, MaxTrials, "markets of each prompt variant", "trials", ParameterType::Integer },
            { "seed", 7, 0, MaxExactSeed, "base seed", "", ParameterType::Integer },
            { "rounds", 30, 1, 10000, "rounds of each market", "rounds", ParameterType::Integer },
            { "buyers", 2, 1, 50, "buyers of each tier (each tier also has one seller; rules have two)", "agents",
                ParameterType::Integer },
        } };
}

ExperimentResult MixedExperiment::run(const ExperimentContext& context) const
{
    ExperimentResult result;
    result.experiment = name();
    result.title = "Mixed intelligence: LLM, rule-based and Q-learning agents in one market";
    const std::uint64_t base = context.seedFor(m_seed);
    const int trials = context.trials.value_or(m_trials);
    result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(base) },
        { "rounds", static_cast<long long>(m_rounds) }, { "buyers", static_cast<long long>(m_perTier) } };
    const int n = static_cast<int>(Variants.size()) * trials;
    context.checkpoint(0.0, "markets");
    const TrialRunner runner(context.threads);
    const auto outcomes = runner.run(n, [&](int index) {
        if (context.cancelled())
            throw ExperimentCancelled();
        const std::string_view variant = Variants[static_cast<std::size_t>(index / trials)];
        const int trial = index % trials;
        Scenario s = llmMixedMarket(m_perTier, m_rounds, variant);
        s.seed = deriveSeed(base, static_cast<std::uint64_t>(trial));
        RunOptions options;
        options.twins = false;
        options.roundHashes = false;
        const std::shared_ptr<LlmDialogue> dialogue
            = dialogueFor(context, s, std::string(variant) + "-mixed-" + std::to_string(trial));
        options.languageModel = dialogue;
        const RunResult run = runScenario(s, {}, options);
        MixedTrial out;
        std::map<std::string, std::array<double, 3>> sums; // wealth change, deals, agents
        for (const AgentOutcome& a : run.agents) {
            const std::string key = std::string(tierOf(a.strategy)) + "/" + (a.role == "seeker" ? "buyer" : "seller");
            auto& sum = sums[key];
            sum[0] += a.netWorth - a.startWorth;
            sum[1] += a.deals;
            sum[2] += 1.0;
        }
        for (const auto& [key, sum] : sums)
            out.bySide[key] = { sum[0] / sum[2], sum[1] > 0 ? sum[0] / sum[1] : NaN, sum[1] / sum[2] / m_rounds };
        if (dialogue)
            out.tally = dialogue->tally();
        return out;
    });

    ResultTable table { "tiers",
        "By prompt variant, tier and side: mean wealth change per agent, surplus per deal and deals per round, each "
        "with its 95% CI over "
            + std::to_string(trials) + " markets of " + std::to_string(m_rounds) + " rounds",
        { { "prompt" }, { "tier" }, { "side" }, { "wealth_change", "money" }, { "wealth_ci", "money" },
            { "surplus_per_deal", "money" }, { "surplus_ci", "money", 2, true }, { "deals_per_round", "deals", 3 },
            { "deals_ci", "deals", 3, true }, { "markets", "", 0, true } },
        {} };
    std::map<std::string, ModelUse> byVariant;
    ModelUse all;
    std::map<std::string, double> llmWealth, ruleWealth; // buyers', by variant
    for (std::size_t v = 0; v < Variants.size(); ++v) {
        for (int t = 0; t < trials; ++t) {
            const LlmTally& tally = outcomes[v * static_cast<std::size_t>(trials) + static_cast<std::size_t>(t)].tally;
            byVariant[std::string(Variants[v])].add(tally);
            all.add(tally);
        }
        for (std::string_view tier : Tiers) {
            for (std::string_view side : { std::string_view("buyer"), std::string_view("seller") }) {
                const std::string key = std::string(tier) + "/" + std::string(side);
                std::vector<double> wealth, surplus, deals;
                for (int t = 0; t < trials; ++t) {
                    const auto& bySide
                        = outcomes[v * static_cast<std::size_t>(trials) + static_cast<std::size_t>(t)].bySide;
                    const auto it = bySide.find(key);
                    if (it == bySide.end())
                        continue;
                    wealth.push_back(it->second.wealthChange);
                    if (!std::isnan(it->second.surplusPerDeal))
                        surplus.push_back(it->second.surplusPerDeal);
                    deals.push_back(it->second.dealsPerRound);
                }
                if (wealth.empty())
                    continue;
                const Summary w = summarize(wealth), s = summarize(surplus), d = summarize(deals);
                table.rows.push_back({ std::string(Variants[v]), std::string(tier), std::string(side), w.mean, w.ci95,
                    s.n ? Cell(s.mean) : Cell(), s.n > 1 ? Cell(s.ci95) : Cell(), d.mean, d.ci95,
                    static_cast<long long>(wealth.size()) });
                if (side == "buyer" && tier == "llm")
                    llmWealth[std::string(Variants[v])] = w.mean;
                if (side == "buyer" && tier == "rule")
                    ruleWealth[std::string(Variants[v])] = w.mean;
            }
        }
    }
    result.tables.push_back(std::move(table));
    result.tables.push_back(costTable(byVariant));
    result.findings.push_back(modelFinding(context, all));
    std::string statement = "Mean wealth change of an LLM buyer against an Adaptive one:";
    std::vector<NamedValue> values;
    for (std::string_view v : Variants) {
        const std::string k(v);
        statement += " " + k + " " + fixedText(llmWealth[k]) + " against " + fixedText(ruleWealth[k]) + ";";
        values.push_back({ k + "_llm_buyer_wealth", llmWealth[k] });
        values.push_back({ k + "_rule_buyer_wealth", ruleWealth[k] });
    }
    statement.back() = '.';
    result.findings.push_back({ "tiers", statement, std::move(values) });
    context.checkpoint(1.0, "done");
    return result;
}

} // namespace haggle::lab
